"""Signature blocks: side-by-side columns of title, note, signing space and name, names on one baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.markup import BOLD, ITALIC
from motcua_desktop.printing.template import SignatureBlock

if TYPE_CHECKING:
    from motcua_desktop.printing.builder import Builder


def signature_block(builder: Builder, block: SignatureBlock) -> bx.Box:
    """Columns of title, note, body, signing space and name; names share one baseline."""
    n = len(block.columns)
    col_w = builder.width / n
    gap = builder.size(4)
    inner = col_w - gap
    space = (builder.layout.signature_space_mm or block.space_mm) * mm * min(1.0, builder.scale)
    columns: list[tuple[list[tuple[bx.TextBox, float]], float, bx.TextBox | None]] = []
    for signer in block.columns:
        size = builder.size(signer.size or block.size)
        y = 0.0
        parts: list[tuple[bx.TextBox, float]] = []
        pieces = [(signer.title, BOLD, size), (signer.note, ITALIC, size), (signer.body, 0, size * 0.9)]
        for markup, style, piece_size in pieces:
            if markup is None:
                continue
            runs = markup.render(builder.get, style)
            if runs:
                box = builder.text_box(runs, piece_size, inner, signer.align)
                parts.append((box, y))
                y += box.height
        if signer.sign_space:
            y += space
        name = None
        if signer.name is not None and (runs := signer.name.render(builder.get, BOLD)):
            name = builder.text_box(runs, size, inner, signer.align)
        columns.append((parts, y, name))
    name_y = max(y for _, y, _ in columns)
    children: list[tuple[float, float, bx.Box]] = []
    height = name_y
    for i, (parts, _, name) in enumerate(columns):
        x = i * col_w + gap / 2
        children.extend((x, dy, box) for box, dy in parts)
        if name is not None:
            children.append((x, name_y, name))
            height = max(height, name_y + name.height)
    return bx.CompositeBox(height, children=children)
