"""Printing dossiers' forms 01–07 and the tracking book, and the printer choices of this PC."""

# The modules of this wing that other wings and the front door (``services.workspace``) may import; the
# others are its own (``tests/test_architecture.py``, ``docs/architecture.md``).
SHARED: tuple[str, ...] = ("forms",)
