"""Cài đặt → Máy chủ văn phòng (administrator): connect this counter to the office hub with the line
``motcua hub init`` printed for it, see how the replication stands, or disconnect."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.hub import setup as hub_setup
from motcua_desktop.services.hub.status import hub_status
from motcua_desktop.ui.accounts.reauth import ask_password_dialog, with_password
from motcua_desktop.ui.shell import ask


class HubTab(QWidget):
    connection_changed = Signal()  # the window restarts its replicator

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        intro = QLabel(
            "Khi văn phòng có mạng nội bộ, các quầy dùng chung dữ liệu qua máy chủ văn phòng (PostgreSQL): hồ sơ "
            "tiếp nhận ở quầy này tra cứu và trả kết quả được ngay ở quầy khác. Mỗi quầy vẫn làm việc trên dữ liệu "
            "của mình; mất mạng hay máy chủ hỏng không làm quầy dừng việc. Cán bộ CNTT chạy «motcua hub init» trên "
            "máy chủ và đưa cho mỗi quầy một chuỗi kết nối riêng."
        )
        intro.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setObjectName("hub_url")
        self.url.setPlaceholderText("postgresql://…@địa-chỉ-máy-chủ:5432/motcua?sslmode=require")
        self.url.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.ca = QLineEdit()
        self.ca.setObjectName("hub_ca")
        self.ca.setPlaceholderText("server.crt (nên có: xác thực đúng máy chủ)")
        choose = QPushButton("&Chọn…")
        choose.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca, 1)
        ca_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("Chuỗi kết nối của quầy:", self.url)
        form.addRow("Chứng chỉ máy chủ:", ca_row)
        self.connect_button = QPushButton("&Kết nối")
        self.connect_button.setObjectName("hub_connect")
        self.connect_button.clicked.connect(self.connect_hub)
        self.disconnect_button = QPushButton("Thôi kết &nối")
        self.disconnect_button.clicked.connect(self.disconnect_hub)
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.disconnect_button)
        buttons.addStretch(1)
        self.state = QLabel()
        self.state.setObjectName("hub_state")
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """What is recorded here (the hub is not asked: this page opens at once)."""
        status = hub_status(self.ctx, ask_hub=False)
        self.disconnect_button.setEnabled(status.configured)
        if not status.configured:
            self.state.setText("Máy này chưa kết nối máy chủ văn phòng.")
            return
        lines = [
            f"Máy chủ: {status.server}"
            + (" (đã xác thực chứng chỉ)" if status.verifies_server else " (mã hóa TLS, chưa xác thực chứng chỉ)"),
            f"Gửi lần cuối: {fmt_datetime(status.last_push_at) or 'chưa'}; nhận lần cuối: "
            f"{fmt_datetime(status.last_pull_at) or 'chưa'}",
        ]
        if status.lost_at:
            lines.append(f"Mất kết nối từ {fmt_datetime(status.lost_at)}: {status.error}")
        lines += [c.text[:1].upper() + c.text[1:] for c in status.counters]
        self.state.setText("\n".join(lines))

    def _choose_ca(self) -> None:
        path = ask.open_file(self, "Chọn chứng chỉ của máy chủ", "Chứng chỉ (*.crt *.pem);;Mọi tệp (*)")
        if path:
            self.ca.setText(path)

    def connect_hub(self) -> None:
        url, ca = self.url.text().strip(), self.ca.text().strip()
        try:
            done = with_password(
                self.ctx,
                lambda: hub_setup.connect(self.ctx, url, Path(ca) if ca else None),
                ask_password_dialog(self),
            )
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa kết nối được máy chủ văn phòng")
            return
        if done is None:
            return
        self.url.clear()
        self.refresh()
        self.connection_changed.emit()
        ask.info(
            self,
            "Máy chủ văn phòng",
            f"Đã kết nối quầy {done.counter_no} với máy chủ {done.where}. Dữ liệu được gửi và nhận tự động.",
        )

    def disconnect_hub(self) -> None:
        if not ask.confirm(self, "Máy chủ văn phòng", "Thôi kết nối máy chủ văn phòng ở máy này?"):
            return
        try:
            with_password(self.ctx, lambda: hub_setup.disconnect(self.ctx), ask_password_dialog(self))
        except KnownError as exc:
            ask.known_error(self, exc)
            return
        self.refresh()
        self.connection_changed.emit()
