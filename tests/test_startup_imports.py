"""Start-up stays light: heavy optional libraries are not imported just by opening the database."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import motcua_desktop.storage, motcua_desktop.services.context, motcua_desktop.domain.office
import motcua_desktop.services.app_state
assert "numpy" not in sys.modules, "numpy imported at start-up"
assert "holidays" not in sys.modules, "the holidays library imported at start-up (only years without data need it)"
assert "vietnam_provinces" not in sys.modules, "vietnam_provinces imported at start-up"
import sqlite_utils.db
assert sqlite_utils.db.np is None
import numpy  # still importable for the code that needs it (charts)
from motcua_desktop.domain import admin_units
assert admin_units.find_province("Thanh Hoa") is not None  # provinces load on first use
print("ok")
"""


def test_opening_the_database_imports_only_what_the_first_window_needs() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
