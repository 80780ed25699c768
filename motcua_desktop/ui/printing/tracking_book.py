"""Printing the tracking book (form 07, "Sổ theo dõi hồ sơ") of a period from the Hồ sơ page:
the period is asked, the book is built on a worker thread (a year holds thousands of lines) and
then goes to the printer like any form."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from motcua_desktop.domain.vntime import business_day
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.printing.forms import PrintJob
from motcua_desktop.services.printing.forms import print_tracking_book as build_tracking_book
from motcua_desktop.ui.printing import print_flow
from motcua_desktop.ui.shell.app import ok_cancel_buttons
from motcua_desktop.ui.shell.widgets import DateLineEdit, show_message
from motcua_desktop.ui.shell.worker import BackgroundJob, run_in_background


def print_tracking_book(parent: QWidget, ctx: AppContext) -> BackgroundJob | None:
    """Asks the period (this month so far by default) and prints its book; None when cancelled.
    The returned thread must be kept until it ends (tests wait on it)."""
    today = business_day(ctx.clock.now())
    dialog = BookDialog(today.replace(day=1), today, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    start, end = dialog.dates()

    def deliver(job: PrintJob) -> None:
        print_flow.deliver(parent, ctx, job)

    return run_in_background(
        parent,
        ctx,
        lambda worker, _progress: build_tracking_book(worker, start, end),
        title=f"Đang lập sổ theo dõi hồ sơ từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}…",
        on_done=deliver,
    )


class BookDialog(QDialog):
    def __init__(self, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("In sổ theo dõi hồ sơ (mẫu 07)")
        self.start = DateLineEdit()
        self.start.setText(f"{start:%d/%m/%Y}")
        self.end = DateLineEdit()
        self.end.setText(f"{end:%d/%m/%Y}")
        self.error = QLabel()
        self.error.hide()
        form = QFormLayout()
        form.addRow("Từ ngày", self.start)
        form.addRow("Đến ngày", self.end)
        buttons = ok_cancel_buttons(self, "Lập sổ")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def dates(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        assert start is not None and end is not None
        return start, end

    def accept(self) -> None:
        start, end = self.start.date(), self.end.date()
        if start is None or end is None:
            show_message(self.error, "Nhập ngày dạng dd/mm/yyyy.")
            return
        if end < start:
            show_message(self.error, "Ngày kết thúc phải sau ngày bắt đầu.")
            return
        super().accept()
