"""Places measured boxes on pages and writes the PDF.

Three ways to fit a copy (chosen by the layout):

* ``shrink``: the copy must fit its frame (half an A4 sheet for ``a4x2``); the font size steps
  down to the layout's minimum; a copy that still does not fit gets whole pages instead.
* ``paginate``: the copy flows over as many pages as it needs; table headers repeat.
* ``grow``: roll paper; the page is as tall as the content.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.build import build_boxes
from motcua_desktop.printing.builder import Builder, Fields
from motcua_desktop.printing.fonts import font_family
from motcua_desktop.printing.template import LayoutSpec, Template
from motcua_desktop.printing.wrapping import Measurer

SHRINK_STEP = 0.5
EPS = 0.01

Placed = list[tuple[bx.Box, float]]  # boxes of one frame with their offset from the frame's top


@dataclass(frozen=True)
class Frame:
    x: float
    top: float
    width: float
    height: float


def render(
    template: Template, layout: LayoutSpec, copies: Sequence[Fields], *, title: str = "", author: str = ""
) -> bytes:
    """The PDF of ``copies`` (one ``Fields`` per copy, in print order)."""
    family = font_family()
    m = Measurer(family)
    buf = io.BytesIO()
    width, height = layout.page
    c = Canvas(
        buf,
        pagesize=(width, height or 100.0),
        invariant=1,
        pageCompression=1,
        initialFontName=family.regular,  # no unused Helvetica in the file
        initialFontSize=layout.font_size,
    )
    c.setTitle(title or template.name)
    c.setAuthor(author)
    c.setCreator("Một cửa Desktop")
    top_m, right_m, bottom_m, left_m = layout.margins
    col_w = width - left_m - right_m

    if layout.fit == "grow":
        for fields in copies:
            boxes = build_boxes(Builder(template, layout, fields, m, layout.font_size, col_w))
            content = stack_height(boxes)
            page_h = top_m + content + bottom_m
            c.setPageSize((width, page_h))
            frame = Frame(left_m, page_h - top_m, col_w, content + EPS)
            draw_frame(c, frame, paginate(boxes, frame.height)[0])
            c.showPage()
    elif layout.fit == "shrink" and (fitted := _shrink(template, layout, copies, m, col_w)) is not None:
        per_sheet, built = fitted
        slot_h = height / per_sheet
        frames = [
            Frame(left_m, height - k * slot_h - top_m, col_w, slot_h - top_m - bottom_m) for k in range(per_sheet)
        ]
        for start in range(0, len(built), per_sheet):
            for frame, boxes in zip(frames, built[start : start + per_sheet], strict=False):
                draw_frame(c, frame, paginate(boxes, frame.height)[0])
            if layout.cut_line and per_sheet == 2:
                _cut_line(c, width, slot_h)
            c.showPage()
    else:
        frame = Frame(left_m, height - top_m, col_w, height - top_m - bottom_m)
        for fields in copies:
            boxes = build_boxes(Builder(template, layout, fields, m, layout.font_size, col_w))
            pages = paginate(boxes, frame.height)
            for number, placed in enumerate(pages, 1):
                draw_frame(c, frame, placed)
                if len(pages) > 1 and template.page_numbers is not None:
                    _page_number(c, template, fields, m, layout, number, len(pages), width, bottom_m)
                c.showPage()
    c.save()
    return buf.getvalue()


def _shrink(
    template: Template, layout: LayoutSpec, copies: Sequence[Fields], m: Measurer, col_w: float
) -> tuple[int, list[list[bx.Box]]] | None:
    """(copies per sheet, boxes of each copy) at the largest size where every copy fits its frame.

    Two copies that do not fit half a sheet even at the smallest size get a sheet each; None
    when a copy does not fit a whole page either (it is then paginated).
    """
    for per_sheet in sorted({layout.per_sheet, 1}, reverse=True):
        slot_h = layout.page[1] / per_sheet - layout.margins[0] - layout.margins[2]
        trial = _Trial(template, layout, copies, m, col_w, slot_h)
        size = layout.font_size
        if trial.fits(size):
            return per_sheet, trial.built[size]
        # Height grows a little faster than the font size: guess from the ratio, then step.
        size = max(layout.min_font_size, _step_down(size * slot_h / trial.heights[size]))
        while not trial.fits(size) and size > layout.min_font_size + EPS:
            size = max(layout.min_font_size, size - SHRINK_STEP)
        if not trial.fits(size):
            continue
        while size + SHRINK_STEP < layout.font_size - EPS and trial.fits(size + SHRINK_STEP):
            size += SHRINK_STEP
        return per_sheet, trial.built[size]
    return None


class _Trial:
    """Builds every copy at a font size once and remembers whether they fit."""

    def __init__(
        self, template: Template, layout: LayoutSpec, copies: Sequence[Fields], m: Measurer, col_w: float, slot_h: float
    ) -> None:
        self.args = (template, layout, copies, m, col_w)
        self.slot_h = slot_h
        self.built: dict[float, list[list[bx.Box]]] = {}
        self.heights: dict[float, float] = {}

    def fits(self, size: float) -> bool:
        if size not in self.built:
            template, layout, copies, m, col_w = self.args
            self.built[size] = [build_boxes(Builder(template, layout, fields, m, size, col_w)) for fields in copies]
            self.heights[size] = max(stack_height(boxes) for boxes in self.built[size])
        return self.heights[size] <= self.slot_h + EPS


def _step_down(size: float) -> float:
    return int(size / SHRINK_STEP) * SHRINK_STEP


def stack_height(boxes: Sequence[bx.Box]) -> float:
    total = 0.0
    for i, box in enumerate(boxes):
        if i:
            total += box.space_before
        total += box.height
        if i < len(boxes) - 1:
            total += box.space_after
    return total


def paginate(boxes: Sequence[bx.Box], height: float) -> list[Placed]:
    """Boxes split into frames of ``height``; keeps titles with what follows; repeats table headers."""
    frames: list[Placed] = [[]]
    used = 0.0
    pending = deque(boxes)
    while pending:
        box = pending.popleft()
        frame = frames[-1]
        if not frame and box.table_header is not None and box is not box.table_header:
            head = box.table_header
            frame.append((head, 0.0))
            used = head.height
        gap = box.space_before if frame else 0.0
        need = gap + box.height
        if frame and box.keep_with_next and pending:
            nxt = pending[0]
            if used + need + nxt.space_before + nxt.min_height > height + EPS and used + need <= height + EPS:
                frames.append([])
                used = 0.0
                pending.appendleft(box)
                continue
        if used + need <= height + EPS:
            frame.append((box, used + gap))
            used += need + box.space_after
            continue
        parts = box.split(height - used - gap)
        if parts is not None:
            frame.append((parts[0], used + gap))
            pending.appendleft(parts[1])
        elif not frame or (len(frame) == 1 and frame[0][0] is box.table_header):
            frame.append((box, used + gap))  # taller than a whole page: drawn as is
            used += need
            continue
        else:
            pending.appendleft(box)
        frames.append([])
        used = 0.0
    return [f for f in frames if f] or [[]]


def draw_frame(c: Canvas, frame: Frame, placed: Placed) -> None:
    for box, offset in placed:
        box.draw(c, frame.x, frame.top - offset)


def _cut_line(c: Canvas, width: float, y: float) -> None:
    c.saveState()
    c.setLineWidth(0.5)
    c.setDash(4, 3)
    c.line(8, y, width - 8, y)
    c.restoreState()


def _page_number(
    c: Canvas,
    template: Template,
    fields: Fields,
    m: Measurer,
    layout: LayoutSpec,
    number: int,
    total: int,
    width: float,
    bottom_m: float,
) -> None:
    assert template.page_numbers is not None
    get = fields.lookup(str(template.path), {"page": str(number), "pages": str(total)})
    text = template.page_numbers.text(get)
    size = layout.font_size * 0.8
    c.setFont(m.font_name(2), size)
    c.drawCentredString(width / 2, bottom_m / 2, text)
