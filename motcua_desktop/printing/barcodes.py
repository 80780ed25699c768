"""Code 128 and QR symbols as vector rectangles: sharp at any printer resolution.

The receipt's barcode carries ``domain.codes.barcode_key`` (12 digits, Code 128 set C), never
the dossier code itself: see ``docs/printing.md`` for why digits only.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import barcode
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 10  # Code 128 quiet zone on each side
QR_QUIET_MODULES = 4  # the quiet zone the QR standard asks for


@lru_cache(maxsize=256)
def code128_runs(value: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """(total modules, (start module, width) of each dark bar) for ``value``."""
    modules = barcode.get("code128", value).build()[0]
    runs = []
    pos = 0
    for dark, group in itertools.groupby(modules):
        width = len(list(group))
        if dark == "1":
            runs.append((pos, width))
        pos += width
    return len(modules), tuple(runs)


def draw_code128(c: Canvas, value: str, x: float, y: float, module: float, height: float) -> None:
    """Bars with their left edge at ``x`` (quiet zone not included) and bottom at ``y``."""
    _, runs = code128_runs(value)
    path = c.beginPath()
    for start, width in runs:
        path.rect(x + start * module, y, width * module, height)
    c.drawPath(path, stroke=0, fill=1)


@lru_cache(maxsize=64)
def qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The QR matrix (level M: survives a smudge or a fold) from reportlab's own encoder."""
    widget = QrCodeWidget(value, barLevel="M")
    qr = widget.qr
    qr.make()
    return tuple(tuple(bool(cell) for cell in row) for row in qr.modules)


def draw_qr(c: Canvas, value: str, x: float, y: float, size: float) -> None:
    """QR code filling the square ``size`` (quiet zone included) with lower-left corner at (x, y)."""
    matrix = qr_modules(value)
    box = size / (len(matrix) + 2 * QR_QUIET_MODULES)
    top = y + size - QR_QUIET_MODULES * box
    path = c.beginPath()
    for r, row in enumerate(matrix):
        col = 0
        for dark, group in itertools.groupby(row):
            count = len(list(group))
            if dark:
                path.rect(x + (QR_QUIET_MODULES + col) * box, top - (r + 1) * box, count * box, box)
            col += count
    c.drawPath(path, stroke=0, fill=1)
