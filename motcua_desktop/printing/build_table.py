"""Table blocks: proportional columns, grouped two-level headers repeated on each page, blank rows to fill in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.markup import BOLD, Markup
from motcua_desktop.printing.template import TableBlock

if TYPE_CHECKING:
    from motcua_desktop.printing.builder import Builder, Row


def table_block(builder: Builder, block: TableBlock) -> list[bx.Box]:
    rows = list(builder.rows(block.rows))
    size = builder.size(block.size)
    hsize = builder.size(block.header_size)
    total = sum(c.width for c in block.columns)
    widths = [builder.width * c.width / total for c in block.columns]
    xs = [sum(widths[:i]) for i in range(len(widths))]
    pad = max(1.5, size * 0.25)
    header = table_header(builder, block, widths, xs, hsize, pad)
    out: list[bx.Box] = [header]
    min_h = block.min_row_height_mm * mm * min(1.0, builder.scale)
    if not rows and block.empty is not None:
        box = builder.text_box(block.empty.render(builder.get), size, builder.width - 2 * pad, "center")
        out.append(
            bx.GridBox(box.height + 2 * pad, cells=[bx.Cell(0, 0, builder.width, box.height + 2 * pad, box, pad=pad)])
        )
    blanks: list[Row] = []
    for k in range(block.blank_rows):  # rows to fill in by hand, numbered on
        blank = dict.fromkeys(_row_names(builder, block), "")
        blank["n"] = str(len(rows) + k + 1)
        blanks.append(blank)
    for row in [*rows, *blanks]:
        get = builder.fields.lookup(builder.where, row)
        cell_boxes = [
            builder.text_box(col.value.render(get), size, w - 2 * pad, col.align)
            for col, w in zip(block.columns, widths, strict=True)
        ]
        height = max(max(b.height for b in cell_boxes) + 2 * pad, min_h)
        cells = [bx.Cell(x, 0.0, w, height, b, pad=pad) for x, w, b in zip(xs, widths, cell_boxes, strict=True)]
        out.append(bx.GridBox(height, cells=cells, table_header=header if block.repeat_header else None))
    header.keep_with_next = True
    return out


def _row_names(builder: Builder, block: TableBlock) -> set[str]:
    names: set[str] = set()
    for col in block.columns:
        names.update(col.value.names)
    return names - set(builder.fields.values)


def table_header(
    builder: Builder, block: TableBlock, widths: list[float], xs: list[float], size: float, pad: float
) -> bx.GridBox:
    def box(markup: Markup, width: float) -> bx.TextBox:
        return builder.text_box(markup.render(builder.get, BOLD), size, width - 2 * pad, "center")

    groups: list[tuple[str, list[int]]] = []  # consecutive columns sharing a group label
    for i, col in enumerate(block.columns):
        label = col.group.source if col.group else ""
        if label and groups and groups[-1][0] == label:
            groups[-1][1].append(i)
        else:
            groups.append((label, [i]))
    heads = [box(c.header, w) for c, w in zip(block.columns, widths, strict=True)]
    group_boxes = {
        g[1][0]: box(block.columns[g[1][0]].group, sum(widths[i] for i in g[1]))  # type: ignore[arg-type]
        for g in groups
        if g[0]
    }
    top_h = max((b.height for b in group_boxes.values()), default=0.0) + 2 * pad if group_boxes else 0.0
    sub_h = max((heads[i].height for g in groups if g[0] for i in g[1]), default=0.0) + 2 * pad
    full_h = max((heads[g[1][0]].height for g in groups if not g[0]), default=0.0) + 2 * pad
    height = max(full_h, top_h + sub_h) if group_boxes else full_h
    cells = []
    for label, members in groups:
        if not label:
            i = members[0]
            cells.append(bx.Cell(xs[i], 0.0, widths[i], height, heads[i], "middle", pad))
            continue
        first = members[0]
        span = sum(widths[i] for i in members)
        cells.append(bx.Cell(xs[first], 0.0, span, top_h, group_boxes[first], "middle", pad))
        for i in members:
            cells.append(bx.Cell(xs[i], top_h, widths[i], height - top_h, heads[i], "middle", pad))
    return bx.GridBox(height, cells=cells)
