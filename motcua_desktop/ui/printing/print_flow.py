"""Sending a printed form to paper the way this PC is set up: preview first, or straight to the
form's printer; when no printer works, offer to save the PDF instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.fileio import reason, write_atomic
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.printing.forms import PrintJob
from motcua_desktop.services.printing.settings import DIRECT, print_mode, printer_choice
from motcua_desktop.ui.printing.qt_printing import PrintPreferences, preview_dialog, print_pdf
from motcua_desktop.ui.shell import ask


def preferences(ctx: AppContext, form: str) -> PrintPreferences:
    choice = printer_choice(ctx, form)
    return PrintPreferences(choice.printer_name, choice.paper, choice.orientation, copies=choice.copies)


def deliver(parent: QWidget | None, ctx: AppContext, job: PrintJob) -> bool:
    """Prints ``job`` (preview or direct, per the PC's setting); True when it went to a printer or a file."""
    prefs = preferences(ctx, job.form)
    try:
        if print_mode(ctx) == DIRECT:
            print_pdf(job.pdf, prefs)
            return True
        dialog = preview_dialog(job.pdf, prefs, parent)
        try:
            printed = bool(dialog.exec())  # accepted only once printed: Esc or the close button is no print
        finally:
            dialog.deleteLater()  # its recorded pages are megabytes; the focus returns to the window
        failure = getattr(dialog, "print_failure", None)
        if isinstance(failure, KnownError):
            raise failure
        return printed
    except KnownError as exc:
        if ask.confirm(
            parent,
            "Chưa in được",
            f"{exc.message}\n\nLưu phiếu thành tệp PDF để in sau?",
            yes="Lưu tệp PDF",
            no="Đóng",
        ):
            return save_pdf(parent, job)
        return False


def print_dossier_form(parent: QWidget | None, ctx: AppContext, reference: str, form: str) -> bool:
    """Prints one of a dossier's forms and records it in the dossier's history only when it went to
    a printer or a PDF file (a preview closed with Esc records nothing: the next paper is still the
    first, not "BẢN IN LẠI"); True when it did. Raises KnownError when the form cannot be made."""
    from motcua_desktop.services.printing.forms import print_form, record_printed  # imported at the first print

    job = print_form(ctx, reference, form, record=False)
    if not deliver(parent, ctx, job):
        return False
    record_printed(ctx, job)
    return True


def save_pdf(parent: QWidget | None, job: PrintJob) -> bool:
    path = ask.save_file(parent, "Lưu phiếu thành PDF", job.file_name, "Tệp PDF (*.pdf)")
    if not path:
        return False
    try:
        write_atomic(Path(path), job.pdf)  # a PDF left open in a viewer is waited for, then named
    except OSError as exc:
        ask.warn(parent, "Không lưu được tệp", f"Không ghi được «{path}»: {reason(exc)}. Hãy chọn thư mục khác.")
        return False
    return True
