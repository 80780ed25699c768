"""Text, title and numbered-list blocks: wrapped lines, a framed box, hanging list numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.template import ListBlock, TextBlock
from motcua_desktop.printing.wrapping import Line, wrap

if TYPE_CHECKING:
    from motcua_desktop.printing.builder import Builder


def text_block(builder: Builder, block: TextBlock) -> list[bx.Box]:
    runs = block.text.render(builder.get, block.style)
    if not runs:
        return []
    size = builder.size(block.size)
    if block.box:
        pad = size * 0.35
        inner = builder.m.runs_width(runs, size)
        width = min(builder.width, inner + 4 * pad)
        box = builder.text_box(runs, size, width - 2 * pad, "center")
        box.height += 2 * pad
        box.frame = (width, pad)
        dx = (
            (builder.width - width) / 2
            if block.align == "center"
            else builder.width - width
            if block.align == "right"
            else 0
        )
        return [bx.CompositeBox(box.height, children=[(dx, 0.0, box)])]
    return [
        builder.text_box(
            runs,
            size,
            builder.width,
            block.align,
            left=block.left_mm * mm,
            indent=block.indent_mm * mm,
            hang=block.hang_mm * mm,
        )
    ]


def list_block(builder: Builder, block: ListBlock) -> list[bx.Box]:
    rows = builder.rows(block.items)
    size = builder.size(block.size)
    left = block.left_mm * mm
    if not rows:
        if block.empty is None:
            return []
        return [builder.text_box(block.empty.render(builder.get), size, builder.width, left=left)]
    numbers = [block.number.render(builder.fields.lookup(builder.where, row)) for row in rows]
    widths = [builder.m.runs_width(n, size) for n in numbers]
    gap = size * 0.4
    hang = max(widths) + gap
    out: list[bx.Box] = []
    for row, number, number_w in zip(rows, numbers, widths, strict=True):
        get = builder.fields.lookup(builder.where, row)
        box = builder.text_box(block.item.render(get), size, builder.width, left=left + hang)
        first = box.lines[0]
        num_line = wrap(number, hang, size, builder.m)[0]
        box.lines = [(left + hang - gap - number_w, bx_merge(num_line, first[1], gap + number_w)), *box.lines[1:]]
        out.append(box)
    return out


def bx_merge(number: Line, first: Line, offset: float) -> Line:
    """The list number and the first line of its item as one line."""
    segments = number.segments + tuple((name, x + offset, text) for name, x, text in first.segments)
    return Line(segments, offset + first.width)
