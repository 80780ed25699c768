"""One small dialog per follow-up action, with only the fields that action needs.

Each dialog calls the service itself, so a refusal (missing reason, wrong date, a change made
meanwhile at another counter) is shown inside it and nothing typed is lost. Esc closes it; what
was typed is kept for this dossier and action until the window closes.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.errors import KnownError, ValidationErrors
from motcua_desktop.domain.forms import printed_after_action
from motcua_desktop.domain.lifecycle import ACTIONS, Action
from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lifecycle import TransitionInput, TransitionResult, transition
from motcua_desktop.services.dossiers.lookup import correct, set_file_location
from motcua_desktop.ui.dossiers.person_form import PersonForm
from motcua_desktop.ui.shell.app import vietnamese_buttons
from motcua_desktop.ui.shell.widgets import show_message

FIELDS: dict[Action, tuple[str, ...]] = {
    Action.HAND_OVER: ("to_unit", "receiver", "note"),
    Action.REQUEST_SUPPLEMENT: ("items", "note"),
    Action.RECEIVE_SUPPLEMENT: ("note",),
    Action.CLOSE_UNSUPPLEMENTED: ("note",),
    Action.REQUEST_FEES: ("amount", "note"),
    Action.PAY_FEES: ("amount", "note"),
    Action.EXTEND: ("new_due", "note"),
    Action.STOP: ("note",),
    Action.WITHDRAW: ("note",),
    Action.REFUSE: ("note",),
    Action.RESULT_READY: ("note",),
}
NOTE_LABELS = {
    Action.REQUEST_SUPPLEMENT: "Lý do, nội dung yêu cầu",
    Action.REQUEST_FEES: "Nội dung nghĩa vụ tài chính",
    Action.EXTEND: "Lý do chậm và lời xin lỗi",
    Action.STOP: "Lý do dừng giải quyết",
    Action.REFUSE: "Lý do từ chối giải quyết",
    Action.WITHDRAW: "Ghi chú (đơn đề nghị rút hồ sơ…)",
}
LABELS = {
    "to_unit": "Chuyển đến (cơ quan, bộ phận)",
    "receiver": "Người nhận hồ sơ",
    "items": "Giấy tờ cần bổ sung\n(mỗi dòng một giấy tờ)",
    "amount": "Số tiền (đồng)",
    "new_due": "Ngày hẹn trả mới\n(dd/mm/yyyy hoặc dd/mm/yyyy hh:mm)",
}
_kept: dict[tuple[str, str], dict[str, str]] = {}  # typed values of dialogs closed with Esc


def _dialog_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    vietnamese_buttons(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(f"{ok_text} (Ctrl+Enter)")
    ok.setShortcut(QKeySequence("Ctrl+Return"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ActionDialog(QDialog):
    """A lifecycle action on one dossier; ``outcome`` holds the service's answer after Accepted."""

    def __init__(self, ctx: AppContext, dossier: Dossier, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier = dossier
        self.action = action
        self.outcome: TransitionResult | None = None
        self.setWindowTitle(f"{action.label} – {dossier.code}")
        rule = ACTIONS[action]
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for name in FIELDS[action]:
            widget: QLineEdit | QPlainTextEdit
            if name in ("items", "note"):
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(90 if name == "items" else 70)
            else:
                widget = QLineEdit()
            self.inputs[name] = widget
            label = NOTE_LABELS.get(action, "Ghi chú") if name == "note" else LABELS[name]
            required = (
                (name == "note" and rule.needs_reason)
                or name in ("items", "new_due")
                or (name == "amount" and action is Action.PAY_FEES)
            )
            form.addRow(f"{label}{' *' if required else ''}", widget)
        if "to_unit" in self.inputs:
            self.inputs["to_unit"].setPlaceholderText(dossier.deciding_unit or "Cơ quan giải quyết")
        if "amount" in self.inputs and action is Action.PAY_FEES and dossier.fee_amount:
            self.inputs["amount"].setText(vn_number(dossier.fee_owed))  # type: ignore[union-attr]
        if "items" in self.inputs and dossier.missing_items:
            _set_text(self.inputs["items"], "\n".join(dossier.missing_items))
        for name, text in _kept.get((dossier.uuid, action.value), {}).items():
            if name in self.inputs:
                _set_text(self.inputs[name], text)
        self.print_after = QCheckBox(f"In mẫu {rule.form} sau khi lưu") if rule.form else None
        if self.print_after is not None:
            self.print_after.setChecked(printed_after_action(rule.form))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        intro = QLabel(_intro(dossier, action))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if self.print_after is not None:
            layout.addWidget(self.print_after)
        layout.addWidget(self.error)
        layout.addWidget(_dialog_buttons(self, "Lưu"))
        self.resize(560, 200 + 60 * len(self.inputs))
        if self.inputs:
            next(iter(self.inputs.values())).setFocus()

    def values(self) -> dict[str, str]:
        return {name: _text(widget) for name, widget in self.inputs.items()}

    def transition_input(self) -> TransitionInput:
        v = self.values()
        return TransitionInput(
            self.action,
            note=v.get("note", ""),
            to_unit=v.get("to_unit", ""),
            receiver=v.get("receiver", ""),
            items=[line for line in v.get("items", "").splitlines() if line.strip()],
            new_due=v.get("new_due", ""),
            amount=v.get("amount", ""),
            expected_rev=self.dossier.rev,
        )

    def wants_print(self) -> bool:
        return self.print_after is not None and self.print_after.isChecked()

    def accept(self) -> None:
        assert self.dossier.code is not None
        try:
            self.outcome = transition(self.ctx, self.dossier.code, self.transition_input())
        except KnownError as exc:
            show_message(self.error, _error_text(exc))
            return
        _kept.pop((self.dossier.uuid, self.action.value), None)
        super().accept()

    def reject(self) -> None:
        if any(self.values().values()):
            _kept[(self.dossier.uuid, self.action.value)] = self.values()
        super().reject()


class CorrectionDialog(QDialog):
    """Corrects a typing mistake in the applicant's data; the old values stay in the history."""

    def __init__(self, ctx: AppContext, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier = dossier
        self.updated: Dossier | None = None
        self.setWindowTitle(f"Sửa thông tin người nộp – {dossier.code or dossier.applicant.full_name}")
        self.person = PersonForm("Người nộp")
        self.person.set_person(dossier.applicant)
        self.summary = QLineEdit(dossier.summary)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Ví dụ: gõ nhầm ngày sinh khi tiếp nhận")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Trích yếu", self.summary)
        form.addRow("Lý do sửa *", self.reason)
        note = QLabel(
            "Thông tin cũ được giữ trong lịch sử hồ sơ. Giấy tiếp nhận in sau khi sửa được đánh dấu «in lại sau khi "
            "sửa thông tin»."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.person)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_dialog_buttons(self, "Lưu thông tin đã sửa"))
        self.resize(720, 420)
        self.person.ui.full_name.setFocus()

    def accept(self) -> None:
        try:
            self.updated = correct(
                self.ctx,
                self.dossier.code or self.dossier.uuid,
                reason=self.reason.text(),
                applicant=self.person.value(),
                summary=self.summary.text(),
            )
        except ValidationErrors as exc:
            self.person.show_errors(exc.errors)
            show_message(self.error, _error_text(exc))
            return
        except KnownError as exc:
            show_message(self.error, exc.message)
            return
        super().accept()


class LocationDialog(QDialog):
    """Where the paper file is kept (cabinet, shelf, box)."""

    def __init__(self, ctx: AppContext, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier = dossier
        self.updated: Dossier | None = None
        self.setWindowTitle(f"Nơi lưu hồ sơ giấy – {dossier.code}")
        self.location = QLineEdit(dossier.file_location)
        self.location.setPlaceholderText("Ví dụ: Tủ 2, ngăn 3, hộp 2026-11")
        self.location.setMaxLength(200)
        self.error = QLabel()
        self.error.hide()
        form = QFormLayout()
        form.addRow("Nơi lưu", self.location)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_dialog_buttons(self, "Lưu"))
        self.resize(480, 140)

    def accept(self) -> None:
        try:
            self.updated = set_file_location(self.ctx, self.dossier.code or self.dossier.uuid, self.location.text())
        except KnownError as exc:
            show_message(self.error, exc.message)
            return
        super().accept()


def _intro(dossier: Dossier, action: Action) -> str:
    text = f"Hồ sơ {dossier.code} – {dossier.applicant.full_name}. Trạng thái: {dossier.status.label}."
    if dossier.due_at is not None:
        text += f" Hẹn trả: {fmt_datetime(dossier.due_at)}."
    if action is Action.EXTEND:
        text += " Chỉ được gia hạn một lần; in văn bản xin lỗi (mẫu 04) gửi công dân."
    if action is Action.RECEIVE_SUPPLEMENT:
        text += " Thời hạn giải quyết được tính lại theo cài đặt của đơn vị."
    return text


def _error_text(exc: KnownError) -> str:
    if isinstance(exc, ValidationErrors):
        return "\n".join(e.message for e in exc.errors)
    return exc.message


def _text(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def _set_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        widget.setText(text)
