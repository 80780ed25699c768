"""How this counter PC prints: preview or direct, and the printer, paper and orientation of each form.

Stored in the PC's own database (one database per counter PC), so each PC remembers its own
printers: the A4 laser for forms 02–07, the 80 mm roll printer for receipts, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.settings import (
    ORIENTATIONS,
    PAPERS,
    PRINT_MODE,
    PRINT_MODES,
    RECEIPT_LAYOUT,
    RECEIPT_QR,
    PrinterChoice,
    printer_setting,
)
from motcua_desktop.printing.names import FORM_NAMES
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.settings import change_setting

PREVIEW = "preview"
DIRECT = "direct"
MODES = PRINT_MODES
__all__ = [  # the choices and ``PrinterChoice`` are the domain's (``domain.settings``), named here for the screens
    "DIRECT",
    "MODES",
    "ORIENTATIONS",
    "PAPERS",
    "PREVIEW",
    "PrinterChoice",
    "ReceiptOptions",
    "print_mode",
    "printer_choice",
    "receipt_options",
    "set_print_mode",
    "set_printer_choice",
]


@dataclass(frozen=True)
class ReceiptOptions:
    layout: str  # a4x2, a5 or 80mm
    qr: bool


def print_mode(ctx: AppContext) -> str:
    return ctx.store.settings.value(PRINT_MODE)


def set_print_mode(ctx: AppContext, mode: str) -> None:
    change_setting(ctx, PRINT_MODE, mode)


def printer_choice(ctx: AppContext, form: str) -> PrinterChoice:
    return ctx.store.settings.value(printer_setting(form))


def set_printer_choice(ctx: AppContext, form: str, choice: PrinterChoice) -> PrinterChoice:
    setting = printer_setting(form)

    def checked(value: PrinterChoice) -> PrinterChoice:
        if form not in FORM_NAMES:
            raise ValidationError(Field("form", "Mẫu phiếu"), f"«{form}» không có.", "Chọn 01–07.")
        return setting.parse(value)

    return change_setting(ctx, setting, choice, prepare=checked)


def receipt_options(ctx: AppContext) -> ReceiptOptions:
    """The office's receipt (form 01) layout and whether it carries a QR code (set with
    ``services.printing.forms.set_receipt_options``)."""
    return ReceiptOptions(ctx.store.settings.value(RECEIPT_LAYOUT) or "a4x2", ctx.store.settings.value(RECEIPT_QR))
