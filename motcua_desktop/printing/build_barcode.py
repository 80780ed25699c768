"""Barcode blocks: the Code 128 bars with their digits, and the QR code beside them or below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.barcodes import QUIET_MODULES, code128_runs
from motcua_desktop.printing.template import BarcodeBlock

if TYPE_CHECKING:
    from motcua_desktop.printing.builder import Builder


def barcode_block(builder: Builder, block: BarcodeBlock) -> list[bx.Box]:
    value = block.value.text(builder.get)
    if not value:
        return []
    module = (builder.layout.barcode_module_mm or block.module_mm) * mm
    bar_h = (builder.layout.barcode_height_mm or block.height_mm) * mm
    modules, _ = code128_runs(value)
    bars_w = modules * module
    need = bars_w + 2 * QUIET_MODULES * module
    qr_value = block.qr.text(builder.get) if block.qr is not None else ""
    if qr_value and not all(builder.fields.truthy(n, builder.where) for n in block.qr_when):
        qr_value = ""
    qr_size = (builder.layout.qr_size_mm or block.qr_size_mm) * mm if qr_value else 0.0
    area = builder.width
    stacked_qr = False
    if qr_value:
        if need + qr_size <= builder.width:
            area = builder.width - qr_size
        else:
            stacked_qr = True
    if block.align == "left":
        bar_x = QUIET_MODULES * module
    elif block.align == "right":
        bar_x = area - QUIET_MODULES * module - bars_w
    else:  # centred under the code line, unless that would crowd the QR
        bar_x = (builder.width - bars_w) / 2
        if bar_x + bars_w + QUIET_MODULES * module > area:
            bar_x = (area - bars_w) / 2
    digits = None
    height = bar_h
    digits_x = 0.0
    if block.human_readable:
        size = builder.size(block.size)
        digits = builder.text_box(((0, value),), size, bars_w + 2 * QUIET_MODULES * module, "center")
        digits_x = bar_x - QUIET_MODULES * module
        height += digits.height
    box = bx.BarcodeBox(
        height, value=value, module=module, bar_height=bar_h, bar_x=bar_x, digits=digits, digits_x=digits_x
    )
    if qr_value:
        box.qr = qr_value
        box.qr_size = qr_size
        if stacked_qr:
            box.qr_x = (builder.width - qr_size) / 2
            box.qr_y = height
            box.height = height + qr_size
        else:
            # Beside the bars the QR is no taller than bars + digits (at least 12 mm).
            box.qr_size = qr_size = min(qr_size, max(height, 12 * mm))
            box.qr_x = builder.width - qr_size
            box.qr_y = max(0.0, (height - qr_size) / 2)
            box.height = max(height, qr_size)
    return [box]
