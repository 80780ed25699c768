"""The counter's own work on dossiers: registration, every follow-up action and the return, reads
and searches, lists, reception drafts, and the QĐ 766 outcomes kept for statistics."""
