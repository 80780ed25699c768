"""A leader confirms the real date and time from the counter's window (the clock warning's button).

The clerk signed in at the counter cannot do it: the leader types their own user name and
password here, then the real time (the PC's time is proposed). Shows what
``services.core.clock_guard.leader_confirms`` answers; nothing is decided in the widget.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from motcua_desktop.domain.clock_guard import ClockCheck
from motcua_desktop.domain.errors import KnownError, ValidationError
from motcua_desktop.domain.vntime import parse_datetime, to_vn
from motcua_desktop.services.core.clock_guard import clock_status, leader_confirms, pc_clock
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.ui.shell.app import ok_cancel_buttons


class ClockConfirmDialog(QDialog):
    """``result_check`` holds the clock's verdict after a recorded confirmation."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_check: ClockCheck | None = None
        self.setWindowTitle("Lãnh đạo xác nhận ngày giờ đúng")
        layout = QVBoxLayout(self)
        explain = QLabel(clock_status(ctx).message())
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.when = QLineEdit(f"{to_vn(pc_clock(ctx).now()):%d/%m/%Y %H:%M}")
        self.reason = QLineEdit()
        form.addRow("Tên đăng nhập của lãnh đạo:", self.username)
        form.addRow("Mật khẩu:", self.password)
        form.addRow("Ngày giờ đúng (dd/mm/yyyy hh:mm):", self.when)
        form.addRow("Ghi chú:", self.reason)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel_buttons(self, "Xác nhận"))

    def accept(self) -> None:
        try:
            try:
                correct = parse_datetime(self.when.text())
            except ValueError:
                raise ValidationError("Ngày giờ đúng", "không phải ngày giờ.", 'Dạng "dd/mm/yyyy hh:mm".') from None
            self.result_check = leader_confirms(
                self.ctx, self.username.text(), self.password.text(), correct, self.reason.text()
            )
        except KnownError as exc:
            self.message.setText(exc.message)
            self.password.clear()
            return
        super().accept()
