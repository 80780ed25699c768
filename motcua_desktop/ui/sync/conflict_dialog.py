"""The leader's way out of a dossier conflict between counters: see the versions, keep one.

Shows what ``services.sync.conflicts`` answers (the versions of the disputed revision, who did
what and when, how many actions followed on each counter) and records the choice with the
reason; the password is asked again (``with_password``) as for every decision of this weight.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync.conflicts import DossierConflict, list_conflicts, resolve_conflict
from motcua_desktop.ui.accounts.reauth import AskPassword, ask_password_dialog, with_password
from motcua_desktop.ui.shell.app import ok_cancel_buttons


class ConflictDialog(QDialog):
    """One conflict; ``resolved`` is True once the choice is recorded."""

    def __init__(
        self,
        ctx: AppContext,
        conflict: DossierConflict,
        *,
        ask: AskPassword | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conflict = conflict
        self.resolved = False
        self._ask = ask or ask_password_dialog(self)
        self.setWindowTitle(f"Xung đột hồ sơ {conflict.code}")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Hồ sơ {conflict.code} ({conflict.applicant}) được hai quầy cùng cập nhật ở phiên bản {conflict.rev}. "
            "Chọn phiên bản giữ lại; các phiên bản khác được để riêng (vẫn còn trong nhật ký) và cần làm lại nếu vẫn cần."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = QButtonGroup(self)
        for version in conflict.versions:
            more = f", sau đó thêm {version.following} thao tác" if version.following else ""
            button = QRadioButton(
                f"{version.number}. {version.counter}: {version.action} – {version.actor}, "
                f"{fmt_datetime(version.at)}{more}"
            )
            self.choices.addButton(button, version.number)
            layout.addWidget(button)
        layout.addWidget(QLabel("Lý do chọn (ghi vào nhật ký):"))
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Lý do chọn")
        layout.addWidget(self.reason)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel_buttons(self, "Giữ phiên bản đã chọn"))

    def accept(self) -> None:
        number = self.choices.checkedId()
        if number < 1:
            self.message.setText("Chọn một phiên bản.")
            return
        try:
            done = with_password(
                self.ctx,
                lambda: resolve_conflict(self.ctx, self.conflict.dossier_uuid, number, self.reason.toPlainText()),
                self._ask,
            )
        except KnownError as exc:
            self.message.setText(exc.message)
            return
        if done is None and self.conflict_left():
            return  # cancelled at the password question
        self.resolved = True
        super().accept()

    def conflict_left(self) -> bool:
        return any(
            c.dossier_uuid == self.conflict.dossier_uuid and c.rev == self.conflict.rev
            for c in list_conflicts(self.ctx)
        )
