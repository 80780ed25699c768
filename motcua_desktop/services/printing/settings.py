"""How this counter PC prints: preview or direct, and the printer, paper and orientation of each form.

Stored in the PC's own database (one database per counter PC), so each PC remembers its own
printers: the A4 laser for forms 02–07, the 80 mm roll printer for receipts, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.text import clean_text
from motcua_desktop.printing.names import FORM_NAMES
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.printing.forms import LAYOUT_KEY, QR_KEY

MODE_KEY = "print.mode"
PRINTER_KEY = "print.printer."  # + form number
PREVIEW = "preview"
DIRECT = "direct"
MODES = {PREVIEW: "Xem trước rồi in", DIRECT: "In thẳng ra máy in"}
PAPERS = {"auto": "Theo mẫu phiếu", "A4": "A4", "A5": "A5", "80mm": "Giấy cuộn 80 mm"}
ORIENTATIONS = {"auto": "Theo mẫu phiếu", "portrait": "Dọc", "landscape": "Ngang"}


@dataclass(frozen=True)
class PrinterChoice:
    """The printer of one form on this PC (``printer_name`` empty: the Windows default printer)."""

    printer_name: str = ""
    paper: str = "auto"
    orientation: str = "auto"
    copies: int = 1


@dataclass(frozen=True)
class ReceiptOptions:
    layout: str  # a4x2, a5 or 80mm
    qr: bool


def print_mode(ctx: AppContext) -> str:
    mode = ctx.store.settings.get(MODE_KEY, PREVIEW)
    return mode if mode in MODES else PREVIEW


def set_print_mode(ctx: AppContext, mode: str) -> None:
    ctx.require(Permission.SETTINGS)
    if mode not in MODES:
        raise ValidationError("Cách in", f"«{mode}» không có.", "Chọn: " + ", ".join(MODES))
    _write(ctx, MODE_KEY, mode)


def printer_choice(ctx: AppContext, form: str) -> PrinterChoice:
    data = ctx.store.settings.get(PRINTER_KEY + form) or {}
    try:
        return PrinterChoice(
            str(data.get("printer_name", "")),
            str(data.get("paper", "auto")),
            str(data.get("orientation", "auto")),
            int(data.get("copies", 1)),
        )
    except (TypeError, ValueError):
        return PrinterChoice()


def set_printer_choice(ctx: AppContext, form: str, choice: PrinterChoice) -> PrinterChoice:
    ctx.require(Permission.SETTINGS)
    if form not in FORM_NAMES:
        raise ValidationError("Mẫu phiếu", f"«{form}» không có.", "Chọn 01–07.")
    if choice.paper not in PAPERS:
        raise ValidationError("Khổ giấy", f"«{choice.paper}» không có.", "Chọn: " + ", ".join(PAPERS))
    if choice.orientation not in ORIENTATIONS:
        raise ValidationError("Hướng giấy", f"«{choice.orientation}» không có.", "Chọn: " + ", ".join(ORIENTATIONS))
    if not 1 <= choice.copies <= 9:
        raise ValidationError("Số bản in", f"{choice.copies} không hợp lệ.", "Từ 1 đến 9 bản.")
    clean = PrinterChoice(clean_text(choice.printer_name), choice.paper, choice.orientation, choice.copies)
    _write(
        ctx,
        PRINTER_KEY + form,
        {
            "printer_name": clean.printer_name,
            "paper": clean.paper,
            "orientation": clean.orientation,
            "copies": clean.copies,
        },
    )
    return clean


def receipt_options(ctx: AppContext) -> ReceiptOptions:
    """The office's receipt (form 01) layout and whether it carries a QR code (set with
    ``services.printing.forms.set_receipt_options``)."""
    return ReceiptOptions(
        str(ctx.store.settings.get(LAYOUT_KEY) or "a4x2"), bool(ctx.store.settings.get(QR_KEY, False))
    )


def _write(ctx: AppContext, key: str, value: object) -> None:
    with ctx.store.transaction():
        before = ctx.store.settings.get(key)
        ctx.store.settings.set(key, value)
        ctx.store.events.append(
            kind=ev.SETTINGS_CHANGED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"key": key, "before": before, "after": value},
        )
