"""The office itself: first set-up, the procedure catalogue, and the administrator's changes to the
working calendar."""
