"""Cài đặt › Giờ làm việc và lịch: office hours and working days, a year's days off and make-up
days with their confirmation, closures, importing a calendar file."""

from __future__ import annotations

import dataclasses
from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.calendar import CalendarConfig, DayEntry, DayKind
from motcua_desktop.domain.calendar.config import WEEKDAY_NAMES, Session
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.services.core.calendar import reported_rows
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.calendar import office_hours, set_day, set_office_hours, year_overview
from motcua_desktop.services.office.calendar_notice import (
    apply_calendar_import,
    confirm_reported,
    preview_calendar_import,
    preview_reported,
)
from motcua_desktop.services.office.due_flags import due_flags
from motcua_desktop.ui.office.calendar_dialogs import DueFlagsDialog, NoticePreviewDialog
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.app import ok_cancel_buttons
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import DateLineEdit, show_message, show_status


class CalendarTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        config = office_hours(ctx)
        self.morning_start, self.morning_end = self._time(config.morning.start), self._time(config.morning.end)
        self.afternoon_start, self.afternoon_end = self._time(config.afternoon.start), self._time(config.afternoon.end)
        self.weekdays = [QCheckBox(name) for name in WEEKDAY_NAMES]
        for index, box in enumerate(self.weekdays):
            box.setChecked(index in config.working_weekdays)
        self.saturday_reception = QCheckBox("Tiếp nhận sáng thứ Bảy (thời hạn tính từ ngày làm việc kế tiếp)")
        self.saturday_reception.setChecked(config.saturday_morning_reception)
        self.makeup = QCheckBox("Ngày làm bù (thứ Bảy) là ngày làm việc")
        self.makeup.setChecked(config.makeup_saturdays_work)
        self.hours_message = QLabel()
        self.hours_message.hide()
        save_hours = QPushButton("&Lưu giờ làm việc")
        save_hours.clicked.connect(self.save_hours)
        hours = QGroupBox("Giờ làm việc")
        hours_form = QFormLayout(hours)
        row = QHBoxLayout()
        for label, widget in (
            ("Sáng", self.morning_start),
            ("–", self.morning_end),
            ("Chiều", self.afternoon_start),
            ("–", self.afternoon_end),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        hours_form.addRow("Buổi làm việc", row)
        days = QHBoxLayout()
        for box in self.weekdays:
            days.addWidget(box)
        days.addStretch(1)
        hours_form.addRow("Ngày làm việc", days)
        hours_form.addRow(self.saturday_reception)
        hours_form.addRow(self.makeup)
        hours_form.addRow(self.hours_message)
        hours_form.addRow(save_hours)

        today = business_day(ctx.clock.now())
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(self.show_year)
        self.year_status = QLabel()
        self.year_status.setWordWrap(True)
        self.days = QTableWidget(0, len(COLUMNS))
        self.days.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.days.setObjectName("calendar_days")
        self.days.setHorizontalHeaderLabels(list(COLUMNS))
        self.days.verticalHeader().hide()
        self.days.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.days.setWordWrap(False)
        self.days.verticalHeader().setDefaultSectionSize(self.days.fontMetrics().height() + 8)
        add_closure = QPushButton("Thê&m ngày tạm nghỉ…")
        add_closure.clicked.connect(self.add_closure)
        import_file = QPushButton("&Nhập tệp lịch…")
        import_file.setToolTip("Tệp CSV: date,kind,name,status,source (xem trước rồi mới áp dụng)")
        import_file.clicked.connect(self.import_file)
        self.confirm_reported_button = QPushButton("&Xác nhận lịch đã đưa tin…")
        self.confirm_reported_button.clicked.connect(self.confirm_reported)
        self.flags_button = QPushButton()
        self.flags_button.clicked.connect(self.show_flags)
        self.calendar_message = QLabel()
        self.calendar_message.setWordWrap(True)
        self.calendar_message.hide()
        year_box = QGroupBox("Ngày nghỉ, ngày làm bù trong năm")
        year_layout = QVBoxLayout(year_box)
        top = QHBoxLayout()
        top.addWidget(QLabel("Năm"))
        top.addWidget(self.year)
        top.addWidget(add_closure)
        top.addWidget(import_file)
        top.addWidget(self.confirm_reported_button)
        top.addStretch(1)
        top.addWidget(self.flags_button)
        year_layout.addLayout(top)
        year_layout.addWidget(self.year_status)
        year_layout.addWidget(self.days, 1)
        year_layout.addWidget(self.calendar_message)
        layout = QVBoxLayout(self)
        layout.addWidget(hours)
        layout.addWidget(year_box, 1)
        self.show_year()

    @staticmethod
    def _time(value: time) -> QTimeEdit:
        edit = QTimeEdit(QTime(value.hour, value.minute))
        edit.setDisplayFormat("HH:mm")
        return edit

    def config(self) -> CalendarConfig:
        def t(edit: QTimeEdit) -> time:
            return time(edit.time().hour(), edit.time().minute())

        current = office_hours(self.ctx)
        return dataclasses.replace(
            current,
            morning=Session(t(self.morning_start), t(self.morning_end)),
            afternoon=Session(t(self.afternoon_start), t(self.afternoon_end)),
            working_weekdays=tuple(i for i, box in enumerate(self.weekdays) if box.isChecked()),
            saturday_morning_reception=self.saturday_reception.isChecked(),
            makeup_saturdays_work=self.makeup.isChecked(),
        )

    def save_hours(self) -> None:
        try:
            change = set_office_hours(self.ctx, self.config())
        except KnownError as exc:
            show_status(self.hours_message, exc.message, error=True)
            return
        show_status(self.hours_message, change.summary)
        changes_for(self.ctx).settings_changed("calendar")
        self.show_year()

    def show_year(self) -> None:
        try:
            overview = year_overview(self.ctx, self.year.value())
        except KnownError as exc:
            show_status(self.year_status, exc.message, error=True)
            return
        status = overview.status
        text = status.confirmation.label + (f". {status.warning}" if status.warning else ".")
        show_status(self.year_status, text, error=bool(status.warning) or not status.confirmed)
        self.confirm_reported_button.setVisible(status.awaits_reported_days and bool(reported_rows(overview.year)))
        self.days.setRowCount(0)
        for entry in overview.entries:
            row = self.days.rowCount()
            self.days.insertRow(row)
            day = entry.row
            values = [
                f"{WEEKDAY_NAMES[day.day.weekday()]}, {day.day:%d/%m/%Y}",
                day.kind.label,
                day.name,
                day.status.label,
                _effect(entry),
                day.source,
                entry.note or day.reason or day.provenance or day.origin.label,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.days.setItem(row, column, item)
        self.days.resizeColumnsToContents()
        header = self.days.horizontalHeader()
        for column in (2, 5, 6):  # long texts: full in the tooltip
            header.resizeSection(column, min(header.sectionSize(column), 260))
        self.update_flags()

    def update_flags(self) -> None:
        count = len(due_flags(self.ctx))
        self.flags_button.setText(f"Hồ sơ cần xem lại ngày hẹn ({count})…")
        self.flags_button.setVisible(count > 0)

    def show_flags(self) -> None:
        DueFlagsDialog(self.ctx, self).exec()
        self.update_flags()

    def add_closure(self) -> None:
        dialog = ClosureDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            day = dialog.day.date()
            if day is None:
                show_message(dialog.error, "Ngày phải có dạng dd/mm/yyyy.")
                continue
            try:
                change = set_day(self.ctx, day, DayKind.CLOSURE, dialog.name.text(), dialog.reason.text())
            except KnownError as exc:
                show_message(dialog.error, exc.message)
                continue
            show_status(self.calendar_message, change.summary)
            changes_for(self.ctx).settings_changed("calendar")
            self.year.setValue(day.year)
            self.show_year()
            return

    def import_file(self) -> None:
        path = ask.open_file(self, "Nhập tệp lịch làm việc", "Tệp lịch (*.csv);;Mọi tệp (*)")
        if not path:
            return
        try:
            preview = preview_calendar_import(self.ctx, Path(path))
        except KnownError as exc:
            show_status(self.calendar_message, exc.message, error=True)
            return
        dialog = NoticePreviewDialog(preview, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            show_status(self.calendar_message, f"Chưa nhập «{preview.source_name}»: không có gì thay đổi.")
            return
        try:
            change = apply_calendar_import(self.ctx, Path(path), digest=preview.digest)
        except KnownError as exc:
            show_status(self.calendar_message, exc.message, error=True)
            return
        self._changed(change.summary, preview.years)

    def confirm_reported(self) -> None:
        year = self.year.value()
        try:
            preview = preview_reported(self.ctx, year)
        except KnownError as exc:
            show_status(self.calendar_message, exc.message, error=True)
            return
        dialog = NoticePreviewDialog(preview, self, ask_checked=True)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                change = confirm_reported(self.ctx, year, checked=dialog.checked.text(), digest=preview.digest)
            except KnownError as exc:
                show_message(dialog.error, exc.message)
                continue
            self._changed(change.summary, preview.years)
            return

    def _changed(self, summary: str, years: tuple[int, ...]) -> None:
        show_status(self.calendar_message, summary)
        changes_for(self.ctx).settings_changed("calendar")
        if years and self.year.value() not in years:
            self.year.setValue(years[0])
        self.show_year()


def _effect(entry: DayEntry) -> str:
    """How the day counts when an appointment is computed."""
    if entry.candidate is not None:
        return "Tính là ngày nghỉ (chưa quyết định)"
    if not entry.applied:
        return "Chờ xác nhận" if not entry.row.status.applies else "Không áp dụng"
    return "Làm việc" if not entry.row.is_day_off else "Nghỉ"


COLUMNS = ("Ngày", "Loại", "Tên", "Tình trạng", "Khi tính ngày hẹn", "Căn cứ", "Ghi chú, nguồn")


class ClosureDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm ngày tạm nghỉ đột xuất")
        self.day = DateLineEdit()
        self.name = QLineEdit()
        self.name.setPlaceholderText("Ví dụ: Nghỉ do bão số 3")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Căn cứ: Quyết định số …/QĐ-UBND")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Ngày", self.day)
        form.addRow("&Tên ngày nghỉ", self.name)
        form.addRow("&Lý do, căn cứ", self.reason)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 180)
