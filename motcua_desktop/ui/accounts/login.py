"""Signing in, and the forced change of an initial password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from motcua_desktop import APP_NAME
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.accounts.auth import change_password
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.workspace import office_or_none, sign_in_workspace, sign_out
from motcua_desktop.ui.shell.app import ok_cancel_buttons, vietnamese_buttons
from motcua_desktop.ui.shell.widgets import show_message


class LoginDialog(QDialog):
    """Accepted once a user is signed in on ``ctx`` with a password that need not be changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(f"Đăng nhập – {APP_NAME}")
        office = office_or_none(ctx)
        heading = QLabel(office.unit_name if office else APP_NAME)
        heading.setWordWrap(True)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        counter = QLabel(f"Quầy số {office.counter_no}" if office else "")
        counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText("ví dụ: lan.nguyen")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("login_error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Tên đăng nhập", self.username)
        form.addRow("&Mật khẩu", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        vietnamese_buttons(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đăng nhập")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thoát")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(counter)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.username.setFocus()

    def accept(self) -> None:
        try:
            session = sign_in_workspace(self.ctx, self.username.text(), self.password.text())
        except KnownError as exc:
            show_message(self.error, exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        if session.must_change_password:
            change = ChangePasswordDialog(self.ctx, forced=True, old_password=self.password.text(), parent=self)
            if change.exec() != QDialog.DialogCode.Accepted:
                sign_out(self.ctx)
                show_message(self.error, "Cần đổi mật khẩu ban đầu trước khi làm việc.")
                return
        super().accept()


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx: AppContext, *, forced: bool, old_password: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Đổi mật khẩu")
        intro = QLabel(
            "Đây là lần đăng nhập đầu tiên: hãy đặt mật khẩu riêng của bạn (ít nhất 8 ký tự)."
            if forced
            else "Đặt mật khẩu mới (ít nhất 8 ký tự, không dùng tên đăng nhập)."
        )
        intro.setWordWrap(True)
        self.old = QLineEdit(old_password)
        self.old.setObjectName("old_password")
        self.new = QLineEdit()
        self.new.setObjectName("new_password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat_password")
        for field in (self.old, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        if not (forced and old_password):
            form.addRow("Mật khẩu &hiện tại", self.old)
        form.addRow("Mật khẩu &mới", self.new)
        form.addRow("&Nhập lại mật khẩu mới", self.repeat)
        buttons = ok_cancel_buttons(self, "Đổi mật khẩu")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        (self.new if old_password else self.old).setFocus()

    def accept(self) -> None:
        if self.new.text() != self.repeat.text():
            show_message(self.error, "Hai lần nhập mật khẩu mới không giống nhau.")
            self.repeat.clear()
            self.repeat.setFocus()
            return
        try:
            change_password(self.ctx, self.old.text(), self.new.text())
        except KnownError as exc:
            show_message(self.error, exc.message)
            return
        super().accept()
