"""Guidance to complete a dossier (form 02) or a refusal at the counter (form 03): the dialog asking
for the reason and, for guidance, the missing papers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.lifecycle import Status, lists_missing_items
from motcua_desktop.ui.shell.app import vietnamese_buttons
from motcua_desktop.ui.shell.widgets import show_message


class PreReceptionDialog(QDialog):
    """The reason (and, for guidance, the missing papers) of a pre-reception outcome; the record is
    written on OK, and a refusal by the service is shown here without closing."""

    def __init__(
        self,
        outcome: Status,
        missing: list[str],
        record: Callable[[str, list[str]], Dossier],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record
        self.recorded: Dossier | None = None
        guided = lists_missing_items(outcome)
        self.setWindowTitle("Hướng dẫn bổ sung hồ sơ (mẫu 02)" if guided else "Từ chối tiếp nhận hồ sơ (mẫu 03)")
        self.items_edit = QPlainTextEdit("\n".join(missing))
        self.items_edit.setPlaceholderText("Mỗi dòng một giấy tờ còn thiếu")
        self.items_edit.setTabChangesFocus(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            "Nội dung hướng dẫn (ví dụ: bổ sung bản chính Giấy chứng sinh)" if guided else "Lý do từ chối tiếp nhận"
        )
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        if guided:
            form.addRow("&Giấy tờ cần bổ sung", self.items_edit)
        else:
            self.items_edit.hide()
        form.addRow("&Nội dung hướng dẫn" if guided else "&Lý do từ chối", self.reason_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        vietnamese_buttons(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Ghi nhận và in phiếu (Ctrl+Enter)")
        ok.setShortcut(QKeySequence("Ctrl+Return"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(
            "Chưa tiếp nhận hồ sơ: không cấp mã hồ sơ, chưa tính thời hạn giải quyết. Thông tin được lưu để thống kê."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 360)
        (self.items_edit if guided and not missing else self.reason_edit).setFocus()

    def items(self) -> list[str]:
        return [line for line in self.items_edit.toPlainText().splitlines() if line.strip()]

    def reason(self) -> str:
        return self.reason_edit.toPlainText()

    def accept(self) -> None:
        try:
            self.recorded = self._record(self.reason(), self.items())
        except KnownError as exc:
            show_message(self.error, exc.message)
            return
        super().accept()
