"""Cài đặt (F12, administrators): office, office hours and calendar, printers, accounts, demo data."""

from __future__ import annotations

import dataclasses
from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.calendar import CalendarConfig, DayKind
from motcua_desktop.domain.calendar.config import WEEKDAY_NAMES, Session
from motcua_desktop.domain.errors import KnownError, ValidationErrors
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.printing.names import FORM_NAMES
from motcua_desktop.services.calendar import (
    import_calendar_file,
    office_hours,
    set_day,
    set_office_hours,
    year_overview,
)
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.demo import generate_demo
from motcua_desktop.services.print_settings import (
    DIRECT,
    ORIENTATIONS,
    PAPERS,
    PREVIEW,
    PrinterChoice,
    print_mode,
    printer_choice,
    receipt_options,
    set_print_mode,
    set_printer_choice,
)
from motcua_desktop.services.printing import set_receipt_options
from motcua_desktop.services.setup import update_office
from motcua_desktop.services.users import add_user, list_users, set_role
from motcua_desktop.services.workspace import office_or_none
from motcua_desktop.ui import ask
from motcua_desktop.ui.app import vietnamese_buttons
from motcua_desktop.ui.first_run import DEFAULT_PRINTER, RECEIPT_LAYOUTS, printer_names
from motcua_desktop.ui.office_form import OfficeForm
from motcua_desktop.ui.widgets import DateLineEdit, show_message
from motcua_desktop.ui.worker import run_in_background

OK_STYLE = "color: #137333;"


def _status(label: QLabel, text: str, *, error: bool = False) -> None:
    show_message(label, text, error=error)
    if not error:
        label.setStyleSheet(OK_STYLE)


class OfficeTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.form = OfficeForm()
        self.sole_issuer = QCheckBox("Máy này là máy duy nhất cấp mã hồ sơ của đơn vị (dải số 0001–9999)")
        office = office_or_none(ctx)
        if office is not None:
            self.form.set_office(office)
            self.sole_issuer.setChecked(office.sole_issuer)
        self.message = QLabel()
        self.message.hide()
        save = QPushButton("&Lưu thông tin đơn vị")
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.sole_issuer)
        layout.addWidget(QLabel("Đổi số quầy có hiệu lực từ ngày hôm sau (không thể trùng mã trong ngày)."))
        layout.addWidget(self.message)
        layout.addWidget(save)
        layout.addStretch(1)

    def save(self) -> None:
        try:
            office = self.form.office(sole_issuer=self.sole_issuer.isChecked())
            old = office_or_none(self.ctx)
            if old is not None:
                office = dataclasses.replace(office, extra=old.extra)
            update_office(self.ctx, office)
        except ValidationErrors as exc:
            self.form.show_errors(exc.errors)
            _status(self.message, exc.message, error=True)
            return
        except KnownError as exc:
            _status(self.message, exc.message, error=True)
            return
        self.form.clear_errors()
        _status(self.message, "Đã lưu thông tin đơn vị.")


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
            _status(self.hours_message, exc.message, error=True)
            return
        _status(self.hours_message, change.summary)
        self.show_year()

    def show_year(self) -> None:
        try:
            overview = year_overview(self.ctx, self.year.value())
        except KnownError as exc:
            _status(self.year_status, exc.message, error=True)
            return
        status = overview.status
        text = status.confirmation.label + (f". {status.warning}" if status.warning else ".")
        _status(self.year_status, text, error=bool(status.warning) or not status.confirmed)
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
            _status(self.calendar_message, change.summary)
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
            _status(self.calendar_message, exc.message, error=True)
            return
        _status(self.calendar_message, change.summary)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        vietnamese_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 180)


class PrintersTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.preview = QRadioButton("Xem trước rồi mới in")
        self.direct = QRadioButton("In thẳng ra máy in")
        (self.direct if print_mode(ctx) == DIRECT else self.preview).setChecked(True)
        options = receipt_options(ctx)
        self.receipt_layout = QComboBox()
        for key, label in RECEIPT_LAYOUTS.items():
            self.receipt_layout.addItem(label, key)
        self.receipt_layout.setCurrentIndex(max(0, self.receipt_layout.findData(options.layout)))
        self.receipt_qr = QCheckBox("In thêm mã QR chứa mã hồ sơ trên giấy tiếp nhận")
        self.receipt_qr.setChecked(options.qr)
        printers = [DEFAULT_PRINTER, *printer_names()]
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("printers")
        self.table.setHorizontalHeaderLabels(["Mẫu phiếu", "Máy in", "Khổ giấy", "Hướng giấy"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rows: dict[str, tuple[QComboBox, QComboBox, QComboBox]] = {}
        for form in sorted(FORM_NAMES):
            choice = printer_choice(ctx, form)
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(f"Mẫu {form} – {FORM_NAMES[form]}"))
            printer = QComboBox()
            for name in printers:
                printer.addItem(name, "" if name == DEFAULT_PRINTER else name)
            if choice.printer_name and printer.findData(choice.printer_name) < 0:
                printer.addItem(f"{choice.printer_name} (không thấy trên máy này)", choice.printer_name)
            printer.setCurrentIndex(max(0, printer.findData(choice.printer_name)))
            paper = QComboBox()
            for key, label in PAPERS.items():
                paper.addItem(label, key)
            paper.setCurrentIndex(max(0, paper.findData(choice.paper)))
            orientation = QComboBox()
            for key, label in ORIENTATIONS.items():
                orientation.addItem(label, key)
            orientation.setCurrentIndex(max(0, orientation.findData(choice.orientation)))
            for column, widget in ((1, printer), (2, paper), (3, orientation)):
                self.table.setCellWidget(row, column, widget)
            self.rows[form] = (printer, paper, orientation)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.hide()
        save = QPushButton("&Lưu cài đặt in")
        save.clicked.connect(self.save)
        form_layout = QFormLayout()
        form_layout.addRow("Cách in", self.preview)
        form_layout.addRow("", self.direct)
        form_layout.addRow("&Khổ giấy tiếp nhận (mẫu 01)", self.receipt_layout)
        form_layout.addRow("", self.receipt_qr)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(QLabel("Máy in của từng mẫu phiếu trên máy tính này:"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(save)

    def save(self) -> None:
        try:
            set_print_mode(self.ctx, DIRECT if self.direct.isChecked() else PREVIEW)
            set_receipt_options(self.ctx, layout=str(self.receipt_layout.currentData()), qr=self.receipt_qr.isChecked())
            for form, (printer, paper, orientation) in self.rows.items():
                new = PrinterChoice(
                    str(printer.currentData() or ""), str(paper.currentData()), str(orientation.currentData())
                )
                if new != printer_choice(self.ctx, form):
                    set_printer_choice(self.ctx, form, new)
        except KnownError as exc:
            _status(self.message, exc.message, error=True)
            return
        _status(self.message, "Đã lưu cài đặt in cho máy tính này.")


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels(["Tên đăng nhập", "Họ và tên", "Vai trò", "Ghi chú"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        add = QPushButton("&Thêm tài khoản…")
        add.clicked.connect(self.add)
        change = QPushButton("Đổi &vai trò…")
        change.clicked.connect(self.change_role)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(change)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        for user in list_users(self.ctx):
            row = self.table.rowCount()
            self.table.insertRow(row)
            notes = []
            if user.must_change_password:
                notes.append("chưa đổi mật khẩu ban đầu")
            if user.disabled:
                notes.append("đã khóa")
            for column, value in enumerate((user.username, user.full_name, Role(user.role).label, ", ".join(notes))):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def selected_username(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).text() if row >= 0 else None

    def add(self) -> None:
        dialog = UserDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                row = add_user(
                    self.ctx,
                    username=dialog.username.text(),
                    full_name=dialog.full_name.text(),
                    role=Role(dialog.role.currentData()),
                    password=dialog.password.text(),
                )
            except KnownError as exc:
                show_message(dialog.error, exc.message)
                continue
            self.reload()
            _status(
                self.message, f"Đã tạo tài khoản «{row.username}»; người dùng phải đổi mật khẩu khi đăng nhập lần đầu."
            )
            return

    def change_role(self) -> None:
        username = self.selected_username()
        if username is None:
            _status(self.message, "Chọn một tài khoản trong danh sách trước.", error=True)
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Đổi vai trò – {username}")
        role = QComboBox()
        for item in Role:
            role.addItem(item.label, item.value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        vietnamese_buttons(buttons)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QFormLayout(dialog)
        layout.addRow("Vai trò mới", role)
        layout.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            set_role(self.ctx, username, Role(role.currentData()))
        except KnownError as exc:
            _status(self.message, exc.message, error=True)
            return
        self.reload()
        _status(self.message, f"Đã đổi vai trò của «{username}».")


class UserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm tài khoản")
        self.username = QLineEdit()
        self.username.setPlaceholderText("ví dụ: lan.nguyen")
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.password = QLineEdit()
        self.password.setPlaceholderText("Mật khẩu ban đầu (người dùng sẽ phải đổi)")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Tên đăng nhập", self.username)
        form.addRow("&Họ và tên", self.full_name)
        form.addRow("&Vai trò", self.role)
        form.addRow("&Mật khẩu ban đầu", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        vietnamese_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 220)


class DemoTab(QWidget):
    """Synthetic dossiers for training (refused on a database with real dossiers)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.count = QSpinBox()
        self.count.setRange(100, 5_000_000)
        self.count.setSingleStep(1000)
        self.count.setValue(5000)
        self.start = QPushButton("&Tạo dữ liệu mẫu")
        self.start.clicked.connect(self.generate)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.job = None
        intro = QLabel(
            "Tạo hồ sơ giả lập (tên, số căn cước, điện thoại giả) để tập huấn và thử phần mềm. Chỉ dùng trên một "
            "thư mục dữ liệu riêng: phần mềm từ chối tạo dữ liệu mẫu vào cơ sở dữ liệu đã có hồ sơ thật."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Số hồ sơ", self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.start)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def generate(self) -> None:
        count = self.count.value()
        self.start.setEnabled(False)

        def done(summary) -> None:  # type: ignore[no-untyped-def]
            self.start.setEnabled(True)
            _status(
                self.message,
                f"Đã tạo {summary.dossiers:,} hồ sơ mẫu trong {summary.seconds:.0f} giây.".replace(",", "."),
            )

        def failed(exc: BaseException) -> None:
            self.start.setEnabled(True)
            if isinstance(exc, KnownError):
                _status(self.message, exc.message, error=True)
            else:
                from motcua_desktop.ui.errors import show_error

                show_error(self, exc)

        self.job = run_in_background(
            self,
            self.ctx,
            lambda ctx, progress: generate_demo(ctx, count, progress=progress),
            title=f"Đang tạo {count:,} hồ sơ mẫu…".replace(",", "."),
            on_done=done,
            on_error=failed,
        )


class SettingsPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.office_tab = OfficeTab(ctx)
        self.addTab(self.office_tab, "Đơn vị")
        self.calendar_tab = CalendarTab(ctx) if ctx.can(Permission.CALENDAR) else None
        if self.calendar_tab is not None:
            self.addTab(self.calendar_tab, "Giờ làm việc và lịch")
        self.printers_tab = PrintersTab(ctx)
        self.addTab(self.printers_tab, "Máy in")
        self.users_tab = UsersTab(ctx) if ctx.can(Permission.USERS) else None
        if self.users_tab is not None:
            self.addTab(self.users_tab, "Tài khoản")
        self.demo_tab = DemoTab(ctx)
        self.addTab(self.demo_tab, "Dữ liệu mẫu")
