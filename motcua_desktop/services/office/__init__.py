"""The office itself: first set-up, the procedure catalogue, and the administrator's changes to the
working calendar."""

# The modules of this wing that other wings and the front door (``services.workspace``) may import; the
# others are its own (``tests/test_architecture.py``, ``docs/architecture.md``).
SHARED: tuple[str, ...] = ("catalogue", "due_flags", "setup")
