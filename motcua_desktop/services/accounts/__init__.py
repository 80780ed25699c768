"""Staff accounts: sign-in, passwords, roles and the management of users."""

# The modules of this wing that other wings and the front door (``services.workspace``) may import; the
# others are its own (``tests/test_architecture.py``, ``docs/architecture.md``).
SHARED: tuple[str, ...] = ("auth",)
