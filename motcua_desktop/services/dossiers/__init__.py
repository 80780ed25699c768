"""The counter's own work on dossiers: registration, every follow-up action and the return, reads
and searches, lists, reception drafts, and the QĐ 766 outcomes kept for statistics."""

# The modules of this wing that other wings and the front door (``services.workspace``) may import; the
# others are its own (``tests/test_architecture.py``, ``docs/architecture.md``).
SHARED: tuple[str, ...] = ("bundles", "lists", "lookup", "outcomes", "registration")
