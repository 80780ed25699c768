"""Moving events between PCs: the USB export, acknowledgements, imports of other counters'
packages, upstream, and the keys that sign and seal them."""

# The modules of this wing that other wings and the front door (``services.workspace``) may import; the
# others are its own (``tests/test_architecture.py``, ``docs/architecture.md``).
SHARED: tuple[str, ...] = (
    "fold",
    "keys",
)  # the office hub folds pulled events and reads the keys as a package import does
