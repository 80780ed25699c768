"""The only package that touches SQLite (through sqlite-utils)."""

from motcua_desktop.storage.store import Store, open_store

__all__ = ["Store", "open_store"]
