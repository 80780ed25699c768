"""What keeps the data safe: start-up integrity checks and safe mode, backups and restore, the
audit trail."""

# The modules of this wing that other wings and the front door (``services.workspace``) may import; the
# others are its own (``tests/test_architecture.py``, ``docs/architecture.md``).
SHARED: tuple[str, ...] = ("integrity",)
