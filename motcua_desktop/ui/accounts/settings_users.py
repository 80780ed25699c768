"""Cài đặt › Tài khoản: the accounts of this office, adding one, changing a role."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.accounts.users import add_user, list_users, set_role
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.ui.shell.app import ok_cancel_buttons
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import show_message, show_status


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the buttons; arrows move in it
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels(["Tên đăng nhập", "Họ và tên", "Vai trò", "Ghi chú"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        add = QPushButton("Thê&m tài khoản…")
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
        item = self.table.item(self.table.currentRow(), 0)
        return item.text() if item is not None else None

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
            changes_for(self.ctx).settings_changed("users")
            show_status(
                self.message, f"Đã tạo tài khoản «{row.username}»; người dùng phải đổi mật khẩu khi đăng nhập lần đầu."
            )
            return

    def change_role(self) -> None:
        username = self.selected_username()
        if username is None:
            show_status(self.message, "Chọn một tài khoản trong danh sách trước.", error=True)
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Đổi vai trò – {username}")
        role = QComboBox()
        for item in Role:
            role.addItem(item.label, item.value)
        buttons = ok_cancel_buttons(dialog)
        layout = QFormLayout(dialog)
        layout.addRow("Vai trò mới", role)
        layout.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            set_role(self.ctx, username, Role(role.currentData()))
        except KnownError as exc:
            show_status(self.message, exc.message, error=True)
            return
        self.reload()
        changes_for(self.ctx).settings_changed("users")
        show_status(self.message, f"Đã đổi vai trò của «{username}».")


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
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 220)
