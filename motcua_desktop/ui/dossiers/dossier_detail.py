"""The detail panel of the Hồ sơ page: the dossier, its documents, its history, and only the
actions its status allows (``domain.lifecycle.allowed_actions``).

Opening the detail shows personal data and is recorded in the audit trail, so browsing the list
with the arrow keys shows only the list's line; Enter (or a double click) opens the detail.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.dossier import Dossier, DossierSummary
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.events import DOSSIER_VIEWED, KIND_LABELS
from motcua_desktop.domain.form_rules import forms_allowed
from motcua_desktop.domain.lifecycle import Action, allowed_actions
from motcua_desktop.domain.money import format_vnd
from motcua_desktop.domain.trips import trips
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime
from motcua_desktop.printing.names import FORM_NAMES
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import DossierView, open_dossier, refresh_view
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.changes import changes_for

# The action dialogs (with the person form) and printing are imported when first used, not to
# open the Hồ sơ page.

VIEWED = KIND_LABELS[DOSSIER_VIEWED]
ACTION_KEYS = {  # mnemonic letter of each action button (Alt+letter)
    Action.HAND_OVER: "&Chuyển xử lý",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu &bổ sung",
    Action.RECEIVE_SUPPLEMENT: "&Nhận bổ sung",
    Action.CLOSE_UNSUPPLEMENTED: "Đóng hồ sơ (&quá hạn bổ sung)",
    Action.REQUEST_FEES: "Yêu cầu nộp &phí",
    Action.PAY_FEES: "Đã nộp &phí",
    Action.EXTEND: "Gi&a hạn, xin lỗi",
    Action.STOP: "&Dừng giải quyết",
    Action.WITHDRAW: "Công dân rút &hồ sơ",
    Action.REFUSE: "Từ chối giải qu&yết",
    Action.RESULT_READY: "Đã có &kết quả",
    Action.RETURN: "Trả &kết quả…",
}


class DossierDetail(QWidget):
    """Changes made from here are announced on the context's change hub (``ui.shell.changes``);
    ``notifying`` is true while they are, so the page knows this panel is already up to date."""

    return_requested = Signal(str)  # code: take it to the Trả kết quả page

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: DossierView | None = None
        self.notifying = False
        self.title = QLabel("Chọn một hồ sơ trong danh sách")
        self.title.setObjectName("detail_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")
        self.info = QFormLayout()
        self.info.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        info_box = QWidget()
        info_box.setLayout(self.info)
        self.documents = QLabel()
        self.documents.setWordWrap(True)
        self.history = QTreeWidget()
        self.history.setObjectName("history")
        self.history.setHeaderLabels(["Thời gian", "Người thực hiện", "Nội dung"])
        self.history.setRootIsDecorated(False)
        self.history.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)
        self.history.setUniformRowHeights(False)
        self.history.setMinimumHeight(140)
        self.actions_box = QGroupBox("Thao tác")
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setColumnStretch(0, 1)
        self.actions_grid.setColumnStretch(1, 1)
        self.action_buttons: dict[str, QPushButton] = {}
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.title)
        content_layout.addWidget(self.hint)
        content_layout.addWidget(self.actions_box)
        content_layout.addWidget(info_box)
        documents_box = QGroupBox("Thành phần hồ sơ")
        QVBoxLayout(documents_box).addWidget(self.documents)
        content_layout.addWidget(documents_box)
        history_box = QGroupBox("Lịch sử xử lý")
        QVBoxLayout(history_box).addWidget(self.history)
        content_layout.addWidget(history_box, 1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.actions_box.hide()

    # --- showing ----------------------------------------------------------------------------
    def show_summary(self, summary: DossierSummary | None) -> None:
        """The list's line only (no audit event): what the clerk sees while moving through the list."""
        self.view = None
        self._clear()
        if summary is None:
            self.title.setText("Chọn một hồ sơ trong danh sách")
            self.hint.setText("")
            return
        self.title.setText(f"{summary.code or '(chưa cấp mã)'} – {summary.applicant_name}")
        self.hint.setText("Bấm Enter (hoặc nhấp đúp) để xem chi tiết, lịch sử và các thao tác.")
        self._row("Thủ tục", summary.procedure_name)
        self._row("Trạng thái", summary.status.label)
        self._row("Ngày nhận", fmt_datetime(summary.received_at))
        if summary.due_at is not None:
            self._row("Hẹn trả", fmt_datetime(summary.due_at))

    def open(self, reference: str) -> bool:
        try:
            view = open_dossier(self.ctx, reference, purpose="xem chi tiết tại trang Hồ sơ")
        except KnownError as exc:
            ask.known_error(self, exc)
            return False
        self.show_view(view)
        return True

    def show_view(self, view: DossierView) -> None:
        self.view = view
        d = view.dossier
        self._clear()
        self.title.setText(f"{d.code or '(chưa cấp mã)'} – {d.applicant.full_name}")
        self.hint.setText(f"Trạng thái: {d.status.label}" + (f" · {d.outcome.label}" if d.outcome else ""))
        a = d.applicant
        self._row("Thủ tục", f"{d.procedure.name} ({d.procedure.code})" if d.procedure.code else d.procedure.name)
        self._row("Trích yếu", d.summary)
        person = [a.full_name]
        if a.birth_date:
            person.append(f"sinh {fmt_date(a.birth_date)}")
        if a.id_number:
            person.append(f"{a.id_type.value} {a.id_number}")
        self._row("Người nộp", ", ".join(person))
        self._row("Liên hệ", " · ".join(p for p in (a.phone, a.email) if p))
        self._row("Địa chỉ", a.address.one_line())
        if d.representative is not None:
            r = d.representative
            self._row("Người nộp thay", ", ".join(p for p in (r.full_name, r.id_number, r.phone) if p))
        self._row("Tiếp nhận", f"{fmt_datetime(d.received_at)} – {d.received_by} ({d.channel.label})")
        if d.due_at is not None:
            due = fmt_datetime(d.due_at)
            if d.original_due_at and d.original_due_at != d.due_at:
                due += f" (hẹn ban đầu {fmt_datetime(d.original_due_at)})"
            self._row("Hẹn trả", due)
        if d.fee_amount or d.fee_paid:
            self._row("Phí, lệ phí", f"{format_vnd(d.fee_amount)}; đã nộp {format_vnd(d.fee_paid)}")
        if d.book_volume:
            self._row("Sổ theo dõi", f"Quyển {d.book_volume}, số thứ tự {d.book_line}")
        self._row("Nơi lưu hồ sơ giấy", d.file_location or "chưa ghi")
        if d.bundle is not None:
            self._bundle_row(d)
        if d.visits_not_ready:
            self._row("Số lần đi lại", str(trips(d)))
        if d.reason:
            self._row("Lý do", d.reason)
        if d.missing_items:
            self._row("Giấy tờ cần bổ sung", "; ".join(d.missing_items))
        if d.return_record is not None:
            rr = d.return_record
            rating = f"; đánh giá: {rr.satisfaction.overall.label}" if rr.satisfaction else ""
            self._row("Đã trả kết quả", f"{fmt_datetime(rr.returned_at)} cho {rr.collector_name}{rating}")
        docs = [f"• {doc.name} ({doc.copy_kind.label.lower()}, {doc.count} bản)" for doc in d.documents]
        self.documents.setText("\n".join(docs) or "Không có")
        views = 0
        for entry in view.history:
            if entry.title == VIEWED:
                views += 1  # audit entries, not processing steps (they are on the audit page)
                continue
            item = QTreeWidgetItem([fmt_datetime(entry.at), entry.actor, f"{entry.title}: {entry.detail}".rstrip(": ")])
            item.setToolTip(2, f"{entry.title}\n{entry.detail}")
            self.history.addTopLevelItem(item)
        if views:
            self.history.addTopLevelItem(
                QTreeWidgetItem(["", "", f"(và {views} lượt xem thông tin, ghi trong nhật ký)"])
            )
        self.history.resizeColumnToContents(0)
        self.history.resizeColumnToContents(1)
        self._build_actions(d)

    def _build_actions(self, d: Dossier) -> None:
        buttons: list[QPushButton | QToolButton] = []
        if d.code:
            for action in allowed_actions(d.status, extension_used=d.extension_used, supplement_used=d.supplement_used):
                button = QPushButton(ACTION_KEYS[action])
                button.setToolTip(action.label + (f" – in mẫu {action.form}" if action.form else ""))
                button.clicked.connect(lambda _=False, action=action: self.run_action(action))
                self.action_buttons[action.value] = button
                buttons.append(button)
        if d.status.is_correctable:
            fix = QPushButton("&Sửa thông tin…")
            fix.setToolTip("Sửa lỗi gõ nhầm thông tin người nộp (giữ lịch sử)")
            fix.clicked.connect(self.correct)
            self.action_buttons["correct"] = fix
            buttons.append(fix)
        if d.code:
            place = QPushButton("Nơi &lưu hồ sơ…")
            place.clicked.connect(self.locate)
            self.action_buttons["locate"] = place
            buttons.append(place)
        forms = forms_allowed(d.status, d)
        if forms:
            print_button = QToolButton()
            print_button.setText("&In phiếu")
            print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            print_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            menu = QMenu(print_button)
            for form in forms:
                times = self.view.prints.get(form, 0) if self.view else 0
                label = f"Mẫu {form} – {FORM_NAMES[form]}" + (f" (đã in {times} lần)" if times else "")
                menu.addAction(label, partial(self.print, form))
            print_button.setMenu(menu)
            buttons.append(print_button)
        for index, widget in enumerate(buttons):
            self.actions_grid.addWidget(widget, index // 2, index % 2)
        self.actions_box.setVisible(bool(buttons))

    def _bundle_row(self, d: Dossier) -> None:
        """Where each part of a linked group is (``services.dossiers.bundles``, imported here: it brings
        the registration code, which painting the list does not need)."""
        from motcua_desktop.services.dossiers.bundles import bundle_view

        bundle = bundle_view(self.ctx, d)
        if bundle is None:
            return
        parts = [f"{p.code} – {p.procedure_name}: {p.status.label}" for p in bundle.parts]
        parts += [f"{p.name} ({p.agency}): chưa cấp mã" for p in bundle.missing]
        self._row("Liên thông", bundle.link.name + "\n" + "\n".join(parts))

    def _row(self, label: str, text: str) -> None:
        if not text:
            return
        value = QLabel(text)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.addRow(f"{label}:", value)

    def _clear(self) -> None:
        while self.info.rowCount():
            self.info.removeRow(0)
        self.history.clear()
        self.documents.clear()
        for button in self.findChildren(QPushButton) + self.findChildren(QToolButton):
            if button.parent() is self.actions_box:
                button.deleteLater()
        self.action_buttons = {}
        self.actions_box.hide()

    # --- actions ----------------------------------------------------------------------------
    def dossier(self) -> Dossier | None:
        return self.view.dossier if self.view else None

    def run_action(self, action: Action) -> None:
        d = self.dossier()
        if d is None or d.code is None:
            return
        if action is Action.RETURN:
            self.return_requested.emit(d.code)
            return
        from motcua_desktop.ui.dossiers.action_dialogs import ActionDialog

        dialog = ActionDialog(self.ctx, d, action, self)
        if dialog.exec() != ActionDialog.DialogCode.Accepted or dialog.outcome is None:
            return
        outcome = dialog.outcome
        self._reload(outcome.dossier)
        if outcome.warnings:
            ask.info(self, "Lưu ý", "\n".join(outcome.warnings))
        if dialog.wants_print() and action.form:
            self.print(action.form)

    def correct(self) -> None:
        d = self.dossier()
        if d is None:
            return
        from motcua_desktop.ui.dossiers.action_dialogs import CorrectionDialog

        dialog = CorrectionDialog(self.ctx, d, self)
        if dialog.exec() == CorrectionDialog.DialogCode.Accepted and dialog.updated is not None:
            self._reload(dialog.updated)

    def locate(self) -> None:
        d = self.dossier()
        if d is None:
            return
        from motcua_desktop.ui.dossiers.action_dialogs import LocationDialog

        dialog = LocationDialog(self.ctx, d, self)
        if dialog.exec() == LocationDialog.DialogCode.Accepted and dialog.updated is not None:
            self._reload(dialog.updated)

    def print(self, form: str) -> None:
        d = self.dossier()
        if d is None:
            return
        from motcua_desktop.ui.printing import print_flow

        try:
            printed = print_flow.print_dossier_form(self, self.ctx, d.code or d.uuid, form)
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa in được phiếu")
            return
        if printed:  # the print is in the dossier's history ("chưa được in" goes)
            self._reload(d)

    def shows(self, dossier_uuid: str) -> bool:
        """Whether the full detail of this dossier is on show (not only its list line)."""
        return self.view is not None and self.view.dossier.uuid == dossier_uuid

    def refresh(self) -> None:
        """Shows the open dossier again (changed elsewhere); no new audit entry: it is already open."""
        if self.view is not None:
            self.show_view(refresh_view(self.ctx, self.view.dossier.uuid))

    def _reload(self, dossier: Dossier) -> None:
        self.show_view(refresh_view(self.ctx, dossier.uuid))
        self.notifying = True
        try:
            changes_for(self.ctx).dossier_changed(dossier.uuid)
        finally:
            self.notifying = False
