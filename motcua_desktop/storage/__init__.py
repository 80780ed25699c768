"""The only package that touches SQLite (through sqlite-utils)."""

import sys

if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    # sqlite-utils imports numpy when it is installed (it is: matplotlib needs it), only to map numpy
    # scalar types to column types, which this program never stores. numpy costs about a third of
    # the window's start-up, so sqlite-utils is imported with numpy hidden; numpy stays importable.
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]

from motcua_desktop.storage.store import Store, open_store

__all__ = ["Store", "open_store"]
