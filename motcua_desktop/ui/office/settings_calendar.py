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
    QHeaderView,
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

from motcua_desktop.domain.calendar import CalendarConfig, DayKind
from motcua_desktop.domain.calendar.config import WEEKDAY_NAMES, Session
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.services.core.calendar import office_hours
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.calendar import import_calendar_file, set_day, set_office_hours, year_overview
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.app import ok_cancel_buttons
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
        save_hours = QPushButton("Lưu &giờ làm việc")
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
        self.days = QTableWidget(0, 5)
        self.days.setObjectName("calendar_days")
        self.days.setHorizontalHeaderLabels(["Ngày", "Loại", "Tên", "Tình trạng", "Ghi chú"])
        self.days.verticalHeader().hide()
        self.days.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.days.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        add_closure = QPushButton("Thêm ngày &tạm nghỉ…")
        add_closure.clicked.connect(self.add_closure)
        import_file = QPushButton("&Nhập tệp lịch…")
        import_file.clicked.connect(self.import_file)
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
        top.addStretch(1)
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
        self.days.setRowCount(0)
        for entry in overview.entries:
            row = self.days.rowCount()
            self.days.insertRow(row)
            day = entry.row
            values = [
                f"{WEEKDAY_NAMES[day.day.weekday()]}, {day.day:%d/%m/%Y}",
                day.kind.label,
                day.name,
                day.status.label + ("" if entry.applied else " – không áp dụng"),
                entry.note or day.reason or day.origin.label,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.days.setItem(row, column, item)
        self.days.resizeColumnsToContents()
        self.days.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

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
            self.year.setValue(day.year)
            self.show_year()
            return

    def import_file(self) -> None:
        path = ask.open_file(self, "Nhập tệp lịch làm việc", "Tệp lịch (*.csv);;Mọi tệp (*)")
        if not path:
            return
        try:
            change = import_calendar_file(self.ctx, Path(path))
        except KnownError as exc:
            show_status(self.calendar_message, exc.message, error=True)
            return
        show_status(self.calendar_message, change.summary)
        self.show_year()


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
