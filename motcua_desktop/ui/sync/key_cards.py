"""Cài đặt → Thẻ khóa (administrator): the key cards that make end-of-day packages safe
(``services.sync.keys``, the same services as ``motcua sync card`` / ``recipient`` / ``device``).

- **Nhập thẻ khóa** (Ctrl+O): a card file from the upstream office (or the office's consolidation
  PC); its fingerprints are shown large, to be read out and compared by phone with whoever made it,
  before it is added;
- the list of the places packages are sealed to, and of the counters enrolled here; **Delete**
  removes the selected place;
- **Ghi thẻ của máy này** (Ctrl+G): this PC's card to a USB folder, for the consolidation PC or the
  upstream office;
- **Đăng ký máy quầy** (Ctrl+Shift+O), at a consolidation PC: accept the packages of a counter.

Adding, removing and enrolling ask for the password again after the few minutes that follow sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.ui.accounts.reauth import AskPassword, ask_password_dialog, with_password
from motcua_desktop.ui.shell.changes import changes_for
from motcua_desktop.ui.shell.widgets import add_action, shortcut_button, show_status

T = TypeVar("T")
ChooseFile = Callable[[str], str | None]
ChooseFolder = Callable[[], str | None]
CARD_FILTER = "Thẻ khóa (*.card.json);;Mọi tệp (*)"
BIG = "font-size: 20pt; font-weight: bold; font-family: 'Consolas', 'DejaVu Sans Mono', monospace;"


class CardConfirmDialog(QDialog):
    """The card's fingerprints, large, to be compared by phone before the card is trusted: Enter
    adds it, Esc does not."""

    def __init__(self, title: str, what: str, fingerprints: list[tuple[str, str]], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        intro = QLabel(what)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.fingerprint_labels: list[QLabel] = []
        for caption, fingerprint in fingerprints:
            layout.addWidget(QLabel(caption))
            big = QLabel(fingerprint)
            big.setObjectName("fingerprint")
            big.setStyleSheet(BIG)
            big.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(big)
            self.fingerprint_labels.append(big)
        ask = QLabel(
            "Gọi điện cho nơi đã gửi thẻ, đọc từng nhóm ký tự và so khớp. Chỉ thêm khi trùng khớp hoàn toàn: "
            "thẻ giả sẽ làm dữ liệu công dân được mã hóa cho người khác."
        )
        ask.setWordWrap(True)
        layout.addWidget(ask)
        buttons = QDialogButtonBox()
        self.yes = buttons.addButton("Trùng khớp, thêm thẻ", QDialogButtonBox.ButtonRole.AcceptRole)
        self.no = buttons.addButton("Không thêm", QDialogButtonBox.ButtonRole.RejectRole)
        self.yes.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)


class KeyCardsTab(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        choose_file: ChooseFile | None = None,
        choose_folder: ChooseFolder | None = None,
        ask_password: AskPassword | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choose_file = choose_file or self._file_dialog
        self.choose_folder = choose_folder or self._folder_dialog
        self.ask_password = ask_password or ask_password_dialog(self)
        self.confirm_dialog: CardConfirmDialog | None = None  # while one is open (tests answer it)
        intro = QLabel(
            "Dữ liệu xuất cuối ngày được mã hóa cho các nơi nhận dưới đây. Cơ quan cấp trên gửi thẻ khóa của họ "
            "(tệp *.card.json) để nhập vào đây; máy tổng hợp của đơn vị đăng ký thẻ khóa của từng máy quầy."
        )
        intro.setWordWrap(True)
        self.recipients = QListWidget()
        self.recipients.setObjectName("key_recipients")
        self.recipients.setAccessibleName("Nơi nhận gói dữ liệu")
        self.devices = QListWidget()
        self.devices.setObjectName("key_devices")
        self.devices.setAccessibleName("Máy quầy đã đăng ký")
        self.devices.setMaximumHeight(110)
        self.status = QLabel()
        self.status.setObjectName("key_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = shortcut_button("Nhập thẻ khóa…", "Ctrl+O", "Nhập thẻ khóa của cơ quan cấp trên")
        self.remove_button = shortcut_button("Bỏ nơi nhận đã chọn", "Delete")
        self.write_button = shortcut_button("Ghi thẻ khóa của máy này ra USB…", "Ctrl+G")
        self.enrol_button = shortcut_button("Đăng ký máy quầy…", "Ctrl+Shift+O", "Nhận gói của một máy quầy")
        self.import_action = add_action(self, "Nhập thẻ khóa", "Ctrl+O", self.import_card)
        self.remove_action = add_action(self, "Bỏ nơi nhận đã chọn", "Delete", self.remove_selected)
        self.write_action = add_action(self, "Ghi thẻ khóa của máy này", "Ctrl+G", self.write_own_card)
        self.enrol_action = add_action(self, "Đăng ký máy quầy", "Ctrl+Shift+O", self.enrol_counter)
        self.import_button.clicked.connect(self.import_card)
        self.remove_button.clicked.connect(self.remove_selected)
        self.write_button.clicked.connect(self.write_own_card)
        self.enrol_button.clicked.connect(self.enrol_counter)
        row = QHBoxLayout()
        for button in (self.import_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        own_row = QHBoxLayout()
        for button in (self.write_button, self.enrol_button):
            own_row.addWidget(button)
        own_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Nơi nhận gói dữ liệu:"))
        layout.addWidget(self.recipients, 1)
        layout.addLayout(row)
        self.devices_caption = QLabel("Máy quầy được nhận gói tại máy này (điểm tổng hợp):")
        layout.addWidget(self.devices_caption)
        layout.addWidget(self.devices)
        layout.addLayout(own_row)
        layout.addWidget(self.status)
        consolidates = ctx.can(Permission.CONSOLIDATE)
        for widget in (self.devices_caption, self.devices, self.enrol_button):
            widget.setVisible(consolidates)
        self.enrol_action.setEnabled(consolidates)
        self.refresh()

    # --- the lists ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.recipients.clear()
        try:
            rows = sync_keys.list_recipients(self.ctx)
            devices = sync_keys.list_devices(self.ctx) if self.ctx.can(Permission.CONSOLIDATE) else []
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        for row in rows:
            item = QListWidgetItem(f"{sync_keys.ROLE_LABELS[row.role]}: {row.name} — dấu vân tay {row.fingerprint}")
            item.setData(Qt.ItemDataRole.UserRole, row.fingerprint)
            self.recipients.addItem(item)
        if not rows:
            empty = QListWidgetItem("Chưa có nơi nhận nào: chưa thể xuất dữ liệu. Nhập thẻ khóa của cơ quan cấp trên.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recipients.addItem(empty)
        self.devices.clear()
        for device in devices:
            self.devices.addItem(
                f"Quầy {device.counter_no} – {device.name} (máy {device.device_id}) — {device.fingerprint}"
            )
        self.remove_button.setEnabled(bool(rows))

    def selected_fingerprint(self) -> str:
        item = self.recipients.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole) or "") if item is not None else ""

    # --- actions ------------------------------------------------------------------------------
    def import_card(self) -> None:
        """A card file → its fingerprints, large → compared and confirmed → added (password again)."""
        loaded = self._load("Chọn thẻ khóa của cơ quan cấp trên hoặc máy tổng hợp")
        if loaded is None:
            return
        data, name, card = loaded
        if not self._confirm(
            "Thêm nơi nhận",
            f"{sync_keys.card_role_label(card)}\n{card.describe()}",
            [
                ("Dấu vân tay khóa mã hóa:", card.encryption_fingerprint),
                ("Dấu vân tay khóa ký:", card.signing_fingerprint),
            ],
        ):
            self._say("Chưa thêm thẻ khóa.")
            return
        row = self._with_password(lambda: sync_keys.add_recipient(self.ctx, data, name))
        if row is not None:
            self._done(
                f"Đã thêm nơi nhận: {row.name} ({sync_keys.ROLE_LABELS[row.role]}), dấu vân tay khóa {row.fingerprint}."
            )

    def remove_selected(self) -> None:
        fingerprint = self.selected_fingerprint()
        if not fingerprint:
            self._say("Chọn một nơi nhận trong danh sách (phím mũi tên) rồi bấm Delete.", error=True)
            return
        from motcua_desktop.ui.shell import ask

        if not ask.confirm(
            self,
            "Bỏ nơi nhận",
            f"Bỏ nơi nhận có dấu vân tay {fingerprint}? Các gói xuất sau này sẽ không được mã hóa cho nơi đó nữa.",
            yes="Bỏ nơi nhận",
            no="Giữ lại",
        ):
            return

        def remove() -> bool:
            sync_keys.remove_recipient(self.ctx, fingerprint)
            return True

        if self._with_password(remove):
            self._done(f"Đã bỏ nơi nhận {fingerprint}.")

    def write_own_card(self) -> None:
        """This PC's card to a folder (a USB stick), with its fingerprints to read out by phone."""
        folder = self.choose_folder()
        if not folder:
            return
        try:
            path, card = sync_keys.save_this_pc_card(self.ctx, Path(folder))
        except KnownError as exc:
            self._say(exc.message, error=True)
            return
        self._say(
            f"Đã ghi thẻ khóa của máy này: «{path}».\nDấu vân tay khóa ký: {card.signing_fingerprint}\n"
            f"Dấu vân tay khóa mã hóa: {card.encryption_fingerprint}\n"
            "Đọc dấu vân tay cho nơi nhận thẻ để họ so trước khi đăng ký."
        )

    def enrol_counter(self) -> None:
        """At the consolidation PC: a counter's card → its signing fingerprint, large → enrolled."""
        if not self.ctx.can(Permission.CONSOLIDATE):
            return
        loaded = self._load("Chọn thẻ khóa của máy quầy (tạo ở máy quầy: Ghi thẻ khóa của máy này)")
        if loaded is None:
            return
        data, name, card = loaded
        if not self._confirm(
            "Đăng ký máy quầy",
            f"Nhận các gói dữ liệu do {card.describe()} ký.",
            [("Dấu vân tay khóa ký:", card.signing_fingerprint)],
        ):
            self._say("Chưa đăng ký máy quầy.")
            return
        row = self._with_password(lambda: sync_keys.enrol_device(self.ctx, data, name))
        if row is not None:
            self._done(
                f"Đã đăng ký máy {row.device_id} (quầy {row.counter_no}), dấu vân tay khóa ký {row.fingerprint}."
            )

    # --- plumbing -----------------------------------------------------------------------------
    def _load(self, title: str) -> tuple[bytes, str, sync_keys.KeyCard] | None:
        chosen = self.choose_file(title)
        if not chosen:
            return None
        path = Path(chosen)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._say(f"Không đọc được tệp «{path}» ({exc.strerror or exc}). Kiểm tra USB rồi chọn lại.", error=True)
            return None
        try:
            card = sync_keys.read_card_file(self.ctx, data, path.name)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return None
        return data, path.name, card

    def _confirm(self, title: str, what: str, fingerprints: list[tuple[str, str]]) -> bool:
        dialog = CardConfirmDialog(title, what, fingerprints, self)
        self.confirm_dialog = dialog
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.confirm_dialog = None
            dialog.deleteLater()

    def _with_password(self, action: Callable[[], T]) -> T | None:
        try:
            return with_password(self.ctx, action, self.ask_password)
        except KnownError as exc:
            self._say(exc.message, error=True)
            return None

    def _done(self, message: str) -> None:
        self._say(message)
        self.refresh()
        changes_for(self.ctx).settings_changed("sync.keys")  # the sync page's "Chưa cấu hình khóa…" goes

    def _say(self, text: str, *, error: bool = False) -> None:
        show_status(self.status, text, error=error)

    def _file_dialog(self, title: str) -> str | None:
        name, _ = QFileDialog.getOpenFileName(self, title, "", CARD_FILTER)
        return name or None

    def _folder_dialog(self) -> str | None:
        return QFileDialog.getExistingDirectory(self, "Ghi thẻ khóa của máy này vào thư mục (USB)") or None
