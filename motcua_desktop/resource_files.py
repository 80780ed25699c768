"""Where the shipped data files (fonts, templates, catalogue, calendar) live.

Resources sit in the top-level ``resources/`` folder next to the package, both in a source
checkout (editable install) and in the PyInstaller folder, which copies them to
``<bundle>/resources``. This module is the only place that knows that.
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
