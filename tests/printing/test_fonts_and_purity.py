"""Font choice (Times New Roman when the PC has it) and the no-Qt, no-SQL rule of the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from motcua_desktop.printing import PrintOptions, render_form
from motcua_desktop.printing.fonts import font_family, font_files
from motcua_desktop.resource_files import resource_path
from tests.printing import samples as s


def test_times_new_roman_is_used_when_all_four_files_exist(tmp_path: Path) -> None:
    for name in ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"):
        shutil.copy(resource_path("fonts", "LiberationSerif-Regular.ttf"), tmp_path / name)
    family, files = font_files(tmp_path)
    assert family == "Times New Roman"
    assert files[1] == (tmp_path / "timesbd.ttf").absolute()
    assert all(path.is_absolute() for path in files)


def test_liberation_serif_otherwise(tmp_path: Path) -> None:
    shutil.copy(resource_path("fonts", "LiberationSerif-Regular.ttf"), tmp_path / "times.ttf")  # bold etc. missing
    family, files = font_files(tmp_path)
    assert family == "Liberation Serif"
    assert files[0] == resource_path("fonts", "LiberationSerif-Regular.ttf").absolute()


def test_fonts_are_registered_once_and_embedded() -> None:
    assert font_family() is font_family()
    pdf = render_form("01", s.dossier(), s.context(), PrintOptions())
    assert b"/FontFile2" in pdf  # TrueType subsets embedded: prints the same on any PC
    assert b"Helvetica" not in pdf  # nothing falls back to a font without Vietnamese letters


def test_printing_package_imports_no_qt_and_no_sql() -> None:
    code = (
        "import sys; import motcua_desktop.printing as p; import motcua_desktop.printing.engine;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlite3', 'motcua_desktop.storage', 'motcua_desktop.ui'))];"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert result.stdout.strip() == ""
