"""The first-run wizard: the office, the first administrator, the printer and the receipt layout."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from motcua_desktop import APP_NAME
from motcua_desktop.domain.accounts import check_new_password, normalise_username
from motcua_desktop.domain.errors import Field, KnownError, ValidationError, ValidationErrors
from motcua_desktop.domain.text import clean_text
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.printing.forms import set_receipt_options
from motcua_desktop.services.printing.settings import DIRECT, PREVIEW, PrinterChoice, set_print_mode, set_printer_choice
from motcua_desktop.services.workspace import set_up_workspace, sign_in_workspace, sign_out, workspace_is_set_up
from motcua_desktop.ui.office.office_form import OfficeForm
from motcua_desktop.ui.shell.widgets import show_message

RECEIPT_LAYOUTS = {
    "a4x2": "A4 – hai liên trên một tờ (máy in laser)",
    "a5": "A5 – mỗi liên một tờ",
    "80mm": "Giấy cuộn 80 mm (máy in nhiệt)",
}
DEFAULT_PRINTER = "(Máy in mặc định của Windows)"


def printer_names() -> list[str]:
    return QPrinterInfo.availablePrinterNames()


class OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Thông tin đơn vị")
        self.setSubTitle(
            "In trên mọi phiếu và dùng để cấp mã hồ sơ. Mã định danh do tỉnh cấp (Quyết định 20/2020/QĐ-TTg)."
        )
        self.form = OfficeForm()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def validatePage(self) -> bool:
        try:
            self.form.office()
        except ValidationErrors as exc:
            self.form.show_errors(exc.errors)
            return False
        self.form.clear_errors()
        return True


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Tài khoản quản trị")
        self.setSubTitle("Người quản trị thiết lập máy, lịch làm việc và tạo tài khoản cho cán bộ.")
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText("Họ và tên người quản trị")
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout(self)
        form.addRow("Tên đăn&g nhập", self.username)
        form.addRow("&Họ và tên", self.full_name)
        form.addRow("&Mật khẩu (ít nhất 8 ký tự)", self.password)
        form.addRow("&Nhập lại mật khẩu", self.repeat)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        try:
            name = normalise_username(self.username.text())
            if not clean_text(self.full_name.text()):
                raise ValidationError(Field("full_name", "Họ và tên"), "chưa nhập.")
            check_new_password(self.password.text(), name)
            if self.password.text() != self.repeat.text():
                raise ValidationError(Field("password", "Mật khẩu"), "hai lần nhập không giống nhau.")
        except ValidationError as exc:
            show_message(self.error, exc.message)
            return False
        show_message(self.error, "")
        return True


class PrintingPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Máy in và giấy tiếp nhận")
        self.setSubTitle("Có thể đổi sau trong Cài đặt › Máy in.")
        self.preview = QRadioButton("Xem trước rồi mới in")
        self.direct = QRadioButton("In thẳng ra máy in (nhanh nhất)")
        group = QButtonGroup(self)
        group.addButton(self.preview)
        group.addButton(self.direct)
        self.preview.setChecked(True)
        self.layout_choice = QComboBox()
        for key, label in RECEIPT_LAYOUTS.items():
            self.layout_choice.addItem(label, key)
        self.printer = QComboBox()
        self.printer.addItem(DEFAULT_PRINTER, "")
        for name in printer_names():
            self.printer.addItem(name, name)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout(self)
        form.addRow("Cách in", self.preview)
        form.addRow("", self.direct)
        form.addRow("&Khổ giấy tiếp nhận", self.layout_choice)
        form.addRow("Máy &in giấy tiếp nhận", self.printer)
        form.addRow(self.error)


class FirstRunWizard(QWizard):
    """Sets up the office on ``ctx``; accepted when the database is set up (nobody is signed in)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(f"Thiết lập lần đầu – {APP_NAME}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.office_page = OfficePage()
        self.admin_page = AdminPage()
        self.printing_page = PrintingPage()
        for page in (self.office_page, self.admin_page, self.printing_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Quay lại")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Tiếp theo >")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Hoàn tất")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Hủy")
        self.resize(760, 560)

    def accept(self) -> None:
        admin = self.admin_page
        printing = self.printing_page
        try:
            office = self.office_page.form.office()
            if not workspace_is_set_up(self.ctx):  # a second Finish after a printer problem
                set_up_workspace(
                    self.ctx,
                    office,
                    admin_username=admin.username.text(),
                    admin_full_name=admin.full_name.text(),
                    admin_password=admin.password.text(),
                )
            sign_in_workspace(self.ctx, admin.username.text(), admin.password.text())
            try:
                set_print_mode(self.ctx, DIRECT if printing.direct.isChecked() else PREVIEW)
                set_receipt_options(self.ctx, layout=str(printing.layout_choice.currentData()))
                set_printer_choice(self.ctx, "01", PrinterChoice(str(printing.printer.currentData() or "")))
            finally:
                sign_out(self.ctx)
        except KnownError as exc:
            show_message(printing.error, exc.message)
            return
        super().accept()
