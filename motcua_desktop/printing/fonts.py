"""The serif family every form is set in: the PC's Times New Roman, else bundled Liberation Serif.

Administrative documents use Times New Roman (Decree 30/2020). Windows PCs have it; elsewhere
Liberation Serif has the same metrics, so a layout looks the same on both. Fonts are registered
with reportlab once per process under neutral names, so templates never name a font file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from motcua_desktop.resource_files import resource_path

_TIMES_FILES = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")
_LIBERATION_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)
_REGISTERED_NAMES = ("MotCuaSerif", "MotCuaSerif-Bold", "MotCuaSerif-Italic", "MotCuaSerif-BoldItalic")


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names by style, and where the files came from."""

    family: str  # "Times New Roman" or "Liberation Serif"
    regular: str
    bold: str
    italic: str
    bold_italic: str
    files: tuple[Path, ...]

    def name(self, bold: bool, italic: bool) -> str:
        if bold:
            return self.bold_italic if italic else self.bold
        return self.italic if italic else self.regular


def windows_fonts_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def font_files(fonts_dir: Path | None = None) -> tuple[str, tuple[Path, ...]]:
    """(family, four absolute paths): Times New Roman when all four files exist, else Liberation Serif."""
    folder = fonts_dir if fonts_dir is not None else windows_fonts_dir()
    times = tuple((folder / name).absolute() for name in _TIMES_FILES)
    if all(path.is_file() for path in times):
        return "Times New Roman", times
    return "Liberation Serif", tuple(resource_path("fonts", name).absolute() for name in _LIBERATION_FILES)


@cache
def font_family() -> FontFamily:
    """Registers the four styles on first use (≈20 ms) and returns the same family afterwards."""
    family, files = font_files()
    for name, path in zip(_REGISTERED_NAMES, files, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        _REGISTERED_NAMES[0],
        normal=_REGISTERED_NAMES[0],
        bold=_REGISTERED_NAMES[1],
        italic=_REGISTERED_NAMES[2],
        boldItalic=_REGISTERED_NAMES[3],
    )
    return FontFamily(family, *_REGISTERED_NAMES, files=files)
