"""Pure domain rules of the counter: no Qt, no SQL, no I/O (enforced by tests/test_layers.py)."""
