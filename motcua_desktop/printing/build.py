"""Template blocks → measured boxes, for one copy at one font size.

``build_boxes`` hands each block of the template to the module that lays out its kind
(``build_text``, ``build_table``, ``build_barcode``, ``build_signatures``; the page header is
``build_header``). They all take the ``Builder`` of ``builder``, which imports none of them, so the
layout modules form no circle.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.build_barcode import barcode_block
from motcua_desktop.printing.build_header import page_header
from motcua_desktop.printing.build_signatures import signature_block
from motcua_desktop.printing.build_table import table_block
from motcua_desktop.printing.build_text import list_block, text_block
from motcua_desktop.printing.builder import Builder
from motcua_desktop.printing.template import (
    BarcodeBlock,
    Block,
    ListBlock,
    SignatureBlock,
    SpacerBlock,
    TableBlock,
    TextBlock,
)


def build_boxes(builder: Builder) -> list[bx.Box]:
    """The boxes of one copy: the page header, then every wanted block with its spacing."""
    out: list[bx.Box] = []
    header = page_header(builder)
    if header is not None:
        out.append(header)
    for block in builder.t.blocks:
        if not builder.wanted(block):
            continue
        built = block_boxes(builder, block)
        if not built:
            continue
        built[0].space_before += builder.size(block.space_before)
        built[-1].space_after += builder.size(block.space_after)
        built[-1].keep_with_next = built[-1].keep_with_next or block.keep_with_next
        out.extend(built)
    return out


def block_boxes(builder: Builder, block: Block) -> list[bx.Box]:
    if isinstance(block, TextBlock):
        return text_block(builder, block)
    if isinstance(block, ListBlock):
        return list_block(builder, block)
    if isinstance(block, TableBlock):
        return table_block(builder, block)
    if isinstance(block, BarcodeBlock):
        return barcode_block(builder, block)
    if isinstance(block, SignatureBlock):
        return [signature_block(builder, block)]
    if isinstance(block, SpacerBlock):
        return [bx.Box(block.height_mm * mm * min(1.0, builder.scale))]
    raise AssertionError(block)
