"""Safe mode: the database failed its start-up check. Explain, and let an administrator restore.

Shown by the launcher before the main window when ``open_workspace`` reports safe mode.
Accepted after a successful restore (``restored`` carries the signed-in context and the result:
the main window then starts normally); rejected to carry on read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.core.context import Clock
from motcua_desktop.services.safety.integrity import Workspace, restore_in_safe_mode


class SafeModeDialog(QDialog):
    restored = Signal(object, object)  # (AppContext signed in as the administrator, RestoreResult)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        choose_backup: Callable[[], tuple[str, str] | None] | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        assert workspace.safe_mode is not None
        self.workspace = workspace
        self.clock = clock
        self.choose_backup = choose_backup or self._choose_backup_dialog
        self.backup_path: Path | None = workspace.safe_mode.backup.path if workspace.safe_mode.backup else None
        self.key_text = ""
        self.result_text = ""
        self.setWindowTitle("Chế độ an toàn – Một cửa Desktop")
        explanation = QLabel(workspace.safe_mode.message())
        explanation.setWordWrap(True)
        self.chosen = QLabel(self._chosen_text())
        self.chosen.setWordWrap(True)
        self.other_button = QPushButton("Chọn bản sao lưu khác…")
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("Khôi phục", QDialogButtonBox.ButtonRole.AcceptRole)
        self.read_only_button = self.buttons.addButton("Tiếp tục chỉ xem", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(self.backup_path is not None)
        form = QFormLayout()
        form.addRow("Quản trị viên", self.username)
        form.addRow("Mật khẩu", self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.chosen)
        layout.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.other_button.clicked.connect(self.pick_other)
        self.restore_button.clicked.connect(self.restore)
        self.read_only_button.clicked.connect(self.reject)

    def _chosen_text(self) -> str:
        if self.backup_path is None:
            return "Chưa có bản sao lưu nào được chọn."
        return f"Bản sẽ khôi phục: {self.backup_path}"

    def pick_other(self) -> None:
        chosen = self.choose_backup()
        if chosen is None:
            return
        path, key_file = chosen
        self.backup_path = Path(path)
        self.key_text = ""
        if key_file:
            try:
                self.key_text = Path(key_file).read_text(encoding="utf-8-sig").strip()
            except (OSError, UnicodeDecodeError) as exc:
                self.error.setText(f"Không đọc được tệp khóa «{key_file}» ({exc}).")
        self.chosen.setText(self._chosen_text())
        self.restore_button.setEnabled(True)

    def restore(self) -> None:
        if self.backup_path is None:
            return
        try:
            ctx, result = restore_in_safe_mode(
                self.workspace,
                self.backup_path,
                self.username.text(),
                self.password.text(),
                key_text=self.key_text,
                clock=self.clock,
            )
        except KnownError as exc:
            self.password.clear()
            self.error.setText(exc.message)
            return
        self.result_text = result.message()
        self.restored.emit(ctx, result)
        self.accept()

    def _choose_backup_dialog(self) -> tuple[str, str] | None:
        path, _ = QFileDialog.getOpenFileName(self, "Bản sao lưu", "", "Bản sao lưu (motcua-*.db motcua-*.db.sealed)")
        if not path:
            return None
        key_file = ""
        if path.endswith(".sealed"):
            key_file, _ = QFileDialog.getOpenFileName(self, "Tệp khóa bí mật khôi phục (cất ngoài máy)")
            if not key_file:
                return None
        return path, key_file
