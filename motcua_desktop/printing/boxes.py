"""Measured pieces of a page: each knows its height, how to draw itself, and how to split.

Heights are known before anything is drawn, so the engine can shrink a receipt to half a
sheet, fit a thermal strip to its content, or move a table row to the next page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from motcua_desktop.printing.barcodes import draw_code128, draw_qr
from motcua_desktop.printing.wrapping import Line

DESCENT = 0.25  # share of the font size kept under the baseline of a line
RULE_WIDTH = 0.6


@dataclass(slots=True)
class Box:
    height: float
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    table_header: Box | None = None  # rows of a table repeat this at the top of a new page

    def draw(self, c: Canvas, x: float, top: float) -> None:
        """Draws with the box's top-left corner at (x, top)."""

    def split(self, avail: float) -> tuple[Box, Box] | None:
        """A first part no taller than ``avail`` and the rest, or None when the box is atomic."""
        return None

    @property
    def min_height(self) -> float:
        return self.height


@dataclass(slots=True)
class TextBox(Box):
    """Lines of one size; each line has its own x offset (alignment, indents)."""

    lines: Sequence[tuple[float, Line]] = ()
    size: float = 12.0
    line_height: float = 14.4
    frame: tuple[float, float] | None = None  # (width, padding) of a rectangle around the text

    def draw(self, c: Canvas, x: float, top: float) -> None:
        pad = self.frame[1] if self.frame else 0.0
        if self.frame:
            c.setLineWidth(RULE_WIDTH)
            c.rect(x, top - self.height, self.frame[0], self.height, stroke=1, fill=0)
        draw_lines(c, self.lines, x + pad, top - pad, self.size, self.line_height)

    def split(self, avail: float) -> tuple[Box, Box] | None:
        if self.frame:
            return None
        n = int(avail // self.line_height)
        if n < 1 or n >= len(self.lines):
            return None
        lh = self.line_height
        first = TextBox(n * lh, space_before=self.space_before, lines=self.lines[:n], size=self.size, line_height=lh)
        rest = TextBox(
            (len(self.lines) - n) * lh,
            space_after=self.space_after,
            keep_with_next=self.keep_with_next,
            lines=self.lines[n:],
            size=self.size,
            line_height=lh,
        )
        return first, rest

    @property
    def min_height(self) -> float:
        return self.height if self.frame else min(self.height, 2 * self.line_height)


def draw_lines(
    c: Canvas, lines: Sequence[tuple[float, Line]], x: float, top: float, size: float, line_height: float
) -> None:
    text = c.beginText()
    font = ""
    for i, (dx, line) in enumerate(lines):
        baseline = top - (i + 1) * line_height + DESCENT * size
        for name, sx, s in line.segments:
            if name != font:
                text.setFont(name, size)
                font = name
            text.setTextOrigin(x + dx + sx, baseline)
            text.textOut(s)
    c.drawText(text)


@dataclass(slots=True)
class Cell:
    x: float  # from the box's left
    y: float  # from the box's top, downwards
    width: float
    height: float
    box: TextBox
    valign: str = "top"  # "top" | "middle"
    pad: float = 2.0


@dataclass(slots=True)
class GridBox(Box):
    """A table row (or the header row) with ruled cells."""

    cells: list[Cell] = field(default_factory=list)

    def draw(self, c: Canvas, x: float, top: float) -> None:
        c.setLineWidth(RULE_WIDTH)
        for cell in self.cells:
            c.rect(x + cell.x, top - cell.y - cell.height, cell.width, cell.height, stroke=1, fill=0)
            offset = cell.pad
            if cell.valign == "middle":
                offset = (cell.height - cell.box.height) / 2
            cell.box.draw(c, x + cell.x + cell.pad, top - cell.y - offset)

    def split(self, avail: float) -> tuple[Box, Box] | None:
        if any(cell.y for cell in self.cells):
            return None  # multi-level header rows stay whole
        firsts, rests = [], []
        for cell in self.cells:
            box = cell.box
            room = avail - 2 * cell.pad
            n = max(0, int(room // box.line_height)) if box.lines else 0
            if n >= len(box.lines):
                firsts.append(box)
                rests.append(TextBox(0.0, lines=(), size=box.size, line_height=box.line_height))
            else:
                if n < 1:
                    return None
                firsts.append(
                    TextBox(n * box.line_height, lines=box.lines[:n], size=box.size, line_height=box.line_height)
                )
                rests.append(
                    TextBox(
                        (len(box.lines) - n) * box.line_height,
                        lines=box.lines[n:],
                        size=box.size,
                        line_height=box.line_height,
                    )
                )
        first_h = avail
        rest_h = max(r.height for r in rests) + 2 * max(cell.pad for cell in self.cells)
        first = GridBox(
            first_h,
            self.space_before,
            0.0,
            False,
            None,
            [_recell(c, b, first_h) for c, b in zip(self.cells, firsts, strict=True)],
        )
        rest = GridBox(
            rest_h,
            0.0,
            self.space_after,
            self.keep_with_next,
            self.table_header,
            [_recell(c, b, rest_h) for c, b in zip(self.cells, rests, strict=True)],
        )
        return first, rest

    @property
    def min_height(self) -> float:
        """Two lines of the tallest cell: a long row may start at the bottom of a page."""
        if any(cell.y for cell in self.cells) or not self.cells:
            return self.height
        pad = max(cell.pad for cell in self.cells)
        line = max(cell.box.line_height for cell in self.cells)
        return min(self.height, 2 * line + 2 * pad)


def _recell(cell: Cell, box: TextBox, height: float) -> Cell:
    return Cell(cell.x, 0.0, cell.width, height, box, cell.valign, cell.pad)


@dataclass(slots=True)
class Rule:
    x1: float
    x2: float
    y: float  # from the box's top, downwards
    dash: bool = False


@dataclass(slots=True)
class CompositeBox(Box):
    """Several boxes placed side by side or stacked (header columns, signature columns)."""

    children: list[tuple[float, float, Box]] = field(default_factory=list)  # (dx, dy from top, box)
    rules: list[Rule] = field(default_factory=list)

    def draw(self, c: Canvas, x: float, top: float) -> None:
        for dx, dy, box in self.children:
            box.draw(c, x + dx, top - dy)
        if self.rules:
            c.setLineWidth(RULE_WIDTH)
            for rule in self.rules:
                c.line(x + rule.x1, top - rule.y, x + rule.x2, top - rule.y)


@dataclass(slots=True)
class BarcodeBox(Box):
    value: str = ""
    module: float = 1.0
    bar_height: float = 30.0
    bar_x: float = 0.0  # left edge of the bars from the box's left
    digits: TextBox | None = None
    digits_x: float = 0.0
    qr: str = ""
    qr_x: float = 0.0
    qr_y: float = 0.0
    qr_size: float = 0.0

    def draw(self, c: Canvas, x: float, top: float) -> None:
        c.setFillGray(0)
        draw_code128(c, self.value, x + self.bar_x, top - self.bar_height, self.module, self.bar_height)
        if self.digits is not None:
            self.digits.draw(c, x + self.digits_x, top - self.bar_height)
        if self.qr:
            draw_qr(c, self.qr, x + self.qr_x, top - self.qr_y - self.qr_size, self.qr_size)
