"""Where the shipped data files (fonts, templates, catalogue, calendar, Qt translation) live.

Resources sit in the top-level ``resources/`` folder next to the package, both in a source
checkout (editable install) and in the PyInstaller folder, which copies them to
``<bundle>/resources``. This module is the only place that knows that, and it says which files
ship: every file under ``resources/`` except the sources compiled into another one there
(``build.spec`` copies exactly ``shipped_resources()``; tests/test_frozen_build.py checks the folder).
"""

from __future__ import annotations

from pathlib import Path

RESOURCE_ROOT = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Absolute path of a shipped resource; raises FileNotFoundError with the path if missing."""
    path = RESOURCE_ROOT.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"Thiếu tệp tài nguyên của chương trình: {path}")
    return path


# Sources kept in the checkout but not shipped: Qt Linguist ``.ts`` (its compiled ``.qm`` ships;
# ``python -m motcua_desktop.ui.build_forms`` rebuilds it).
SOURCE_SUFFIXES = frozenset({".ts"})


def shipped_resources(root: Path = RESOURCE_ROOT) -> list[Path]:
    """The files of ``root`` that the program ships, relative to it, sorted."""
    return sorted(
        path.relative_to(root)
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in SOURCE_SUFFIXES
        and not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)
    )
