"""The backup page: status, backing up now, the second location and its key, restore.

After a restore ``ctx.store`` is a new database: the main window connects ``restored`` and
reloads everything it shows (lists, counters, the signed-in user's view).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.safety.backup import (
    BackupInfo,
    backup_now,
    backup_settings,
    list_backups,
    set_offsite_folder,
    set_recovery_key,
)
from motcua_desktop.services.safety.restore import preview_backup, restore_backup
from motcua_desktop.ui.accounts.reauth import AskPassword, ask_password_dialog, with_password
from motcua_desktop.ui.shell.page import Page


class BackupPage(Page):
    """After a restore the page announces it on the change hub: the window rebuilds every page."""

    restored = Signal(object)  # RestoreResult; ctx.store has been replaced by the restored database
    restoring = Signal()  # about to replace the database: background connections to it must close

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        ask_password: AskPassword | None = None,
        confirm: Callable[[str], bool] | None = None,
        choose_folder: Callable[[], str | None] | None = None,
        ask_key: Callable[[], str | None] | None = None,
        choose_key_file: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.ask_password = ask_password or ask_password_dialog(self)
        self.confirm = confirm or self._confirm_dialog
        self.choose_folder = choose_folder or self._folder_dialog
        self.ask_key = ask_key or self._key_dialog
        self.choose_key_file = choose_key_file or self._key_file_dialog
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.backups = QListWidget()
        self.backup_button = QPushButton("&Sao lưu ngay")
        self.offsite_button = QPushButton("&Chọn nơi sao lưu thứ hai…")
        self.key_button = QPushButton("&Nhập khóa khôi phục…")
        self.restore_button = QPushButton("&Khôi phục bản đã chọn…")
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.offsite_button, self.key_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.backups, 1)
        self.backup_button.clicked.connect(self.back_up)
        self.offsite_button.clicked.connect(self.choose_offsite)
        self.key_button.clicked.connect(self.enter_key)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh()

    def refresh(self) -> None:
        try:
            settings = backup_settings(self.ctx)
            found = list_backups(self.ctx)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        newest = settings.newest_local
        self.summary.setText(
            "\n".join(
                [
                    "Bản sao lưu đã kiểm tra gần nhất: " + (newest.label() if newest else "chưa có"),
                    "Nơi sao lưu thứ hai: "
                    + (settings.offsite_dir or "chưa chọn (nên chọn ổ đĩa khác hoặc USB riêng)"),
                    "Khóa khôi phục: "
                    + (f"dấu vân tay {settings.recovery_fingerprint}" if settings.recovery_key else "chưa nhập"),
                ]
            )
        )
        self.backups.clear()
        for info in found:
            item = QListWidgetItem(info.label())
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.backups.addItem(item)

    def selected(self) -> BackupInfo | None:
        item = self.backups.currentItem()
        if item is None:
            return None
        path = Path(str(item.data(Qt.ItemDataRole.UserRole)))
        return next((b for b in list_backups(self.ctx) if b.path == path), None)

    def back_up(self) -> None:
        self._run(lambda: backup_now(self.ctx).message())

    def choose_offsite(self) -> None:
        folder = self.choose_folder()
        if folder is None:
            return

        def save() -> str:
            set_offsite_folder(self.ctx, folder)
            return "Đã lưu."

        self._run(lambda: with_password(self.ctx, save, self.ask_password), setting="backup.offsite")

    def enter_key(self) -> None:
        key = self.ask_key()
        if key is None:
            return
        self._run(
            lambda: with_password(
                self.ctx, lambda: "Dấu vân tay: " + set_recovery_key(self.ctx, key), self.ask_password
            ),
            setting="backup.recovery_key",
        )

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self._say("Chọn một bản sao lưu trong danh sách.", error=True)
            return
        key_text = ""
        if chosen.name.sealed:
            key_file = self.choose_key_file()
            if key_file is None:
                return
            try:
                key_text = Path(key_file).read_text(encoding="utf-8-sig").strip()
            except (OSError, UnicodeDecodeError) as exc:
                self._say(f"Không đọc được tệp khóa «{key_file}» ({exc}).", error=True)
                return
        try:
            preview = preview_backup(self.ctx, chosen.path, key_text=key_text)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        question = (
            preview.describe() + "\n\nDữ liệu hiện tại được giữ lại một bản. Máy sẽ bắt đầu kỷ nguyên mới và "
            "không cấp lại mã hồ sơ đã cấp. Khôi phục?"
        )
        if not self.confirm(question):
            return
        self.restoring.emit()  # the office hub's replicator lets go of the file (it restarts on ``restored``)
        try:
            result = with_password(
                self.ctx, lambda: restore_backup(self.ctx, chosen.path, key_text=key_text), self.ask_password
            )
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        if result is None:
            return
        self._say(result.message())
        self.refresh()
        self.restored.emit(result)
        self.changes.restored()

    def _run(self, action: Callable[[], str | None], *, setting: str = "") -> None:
        try:
            message = action()
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        if message is not None:
            self._say(message)
            if setting:
                self.changes.settings_changed(setting)
        self.refresh()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")

    def _confirm_dialog(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Khôi phục dữ liệu", question)
        return answer == QMessageBox.StandardButton.Yes

    def _folder_dialog(self) -> str | None:
        return QFileDialog.getExistingDirectory(self, "Nơi sao lưu thứ hai (ổ đĩa khác hoặc USB riêng)") or None

    def _key_dialog(self) -> str | None:
        text, ok = QInputDialog.getText(self, "Khóa khôi phục", "Khóa công khai (x25519:…):")
        return text if ok else None

    def _key_file_dialog(self) -> str | None:
        name, _ = QFileDialog.getOpenFileName(self, "Tệp khóa bí mật khôi phục (cất ngoài máy)")
        return name or None
