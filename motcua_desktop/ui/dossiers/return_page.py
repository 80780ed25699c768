"""Trả kết quả (F3): scan the receipt, Enter, a digit — done.

1. The cursor waits in the scan field. A scanned barcode (digits; also what the Windows
   Vietnamese layout makes of them), or a code typed with or without separators, and Enter open
   the dossier at once.
2. Enter confirms the common case: the applicant collects, the fee still due is collected, no
   originals handed back (change any of them first with Tab / Alt+letter).
3. The citizen's rating (Decree 118 Art. 33): 1 Rất hài lòng, 2 Hài lòng, 3 Không hài lòng, 0 no
   rating; optionally per criterion a–i. The digit records the return.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.dossier import CollectorKind, Dossier, Rating
from motcua_desktop.domain.errors import KnownError, ValidationErrors
from motcua_desktop.domain.lifecycle import not_returnable_reason
from motcua_desktop.domain.money import format_vnd, vn_number
from motcua_desktop.domain.satisfaction import CRITERIA, SCALE
from motcua_desktop.domain.transitions import ReturnInput
from motcua_desktop.domain.trips import can_record_not_ready_visit, trips
from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.bundles import BundleView, bundle_view, return_bundle
from motcua_desktop.services.dossiers.lookup import open_dossier, record_not_ready_visit, refresh_view
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.widgets import ScanLineEdit, show_message

RATING_KEYS = {str(number): rating for number, rating in enumerate(SCALE, start=1)}  # 1 best … 3
BIG = "font-size: 12pt;"


class RatingPanel(QFrame):
    """Step 2: a digit key records the return with that rating."""

    rated = Signal(str)  # Rating value, or "" for no rating
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rating")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#rating { background: #e8f0fe; border: 2px solid #1a73e8; border-radius: 6px; }")
        prompt = QLabel("Công dân đánh giá mức độ hài lòng – bấm phím số:")
        prompt.setStyleSheet("font-weight: bold;" + BIG)
        buttons = QHBoxLayout()
        for key, rating in RATING_KEYS.items():
            button = QPushButton(f"{key}  {rating.label}")
            button.setStyleSheet(BIG + "padding: 8px;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, value=rating.value: self.rated.emit(value))
            buttons.addWidget(button)
        skip = QPushButton("0  Không đánh giá")
        skip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        skip.clicked.connect(lambda: self.rated.emit(""))
        buttons.addWidget(skip)
        self.criteria: dict[str, QComboBox] = {}
        details = QGroupBox("Đánh giá theo từng tiêu chí (không bắt buộc; Điều 33 Nghị định 118/2025)")
        grid = QGridLayout(details)
        for index, criterion in enumerate(CRITERIA):
            combo = QComboBox()
            combo.addItem("—", "")
            for rating in SCALE:
                combo.addItem(rating.label, rating.value)
            self.criteria[criterion.key] = combo
            grid.addWidget(QLabel(f"{criterion.key}) {criterion.short}"), index % 5, (index // 5) * 2)
            grid.addWidget(combo, index % 5, (index // 5) * 2 + 1)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Ý kiến khác của công dân (không bắt buộc)")
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addLayout(buttons)
        hint = QLabel("Esc: quay lại sửa thông tin người nhận. Tab: đánh giá từng tiêu chí rồi bấm phím số.")
        hint.setStyleSheet("color: #5f6368;")
        layout.addWidget(hint)
        layout.addWidget(details)
        layout.addWidget(self.comment)

    def criteria_values(self) -> dict[str, str]:
        return {code: str(combo.currentData()) for code, combo in self.criteria.items() if combo.currentData()}

    def reset(self) -> None:
        for combo in self.criteria.values():
            combo.setCurrentIndex(0)
        self.comment.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in RATING_KEYS:
            self.rated.emit(RATING_KEYS[text].value)
            return
        if text == "0":
            self.rated.emit("")
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class ReturnPage(Page):
    """A recorded return is announced on the change hub (the Hồ sơ page and the status bar follow);
    a change elsewhere to the dossier on the counter updates its card and whether it can be returned."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dossier: Dossier | None = None
        self._refused = False  # the dossier on the counter cannot be returned (the message says why)
        self._build()
        self._show_step(0)

    def _build(self) -> None:
        self.scan = ScanLineEdit()
        self.scan.setObjectName("return_scan")
        self.scan.setPlaceholderText("Quét mã vạch trên giấy hẹn, hoặc gõ mã hồ sơ rồi Enter")
        self.scan.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.scan.scanned.connect(self.load)
        self.message = QLabel()
        self.message.setObjectName("return_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.card = QLabel()
        self.card.setObjectName("return_card")
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.PlainText)
        self.card.setStyleSheet(BIG)

        self.collector_applicant = QRadioButton("&Chủ hồ sơ nhận")
        self.collector_other = QRadioButton("Người được ủ&y quyền nhận")
        self.collector_group = QButtonGroup(self)
        self.collector_group.addButton(self.collector_applicant)
        self.collector_group.addButton(self.collector_other)
        self.collector_applicant.setChecked(True)
        self.collector_other.toggled.connect(self._collector_changed)
        self.collector_name = QLineEdit()
        self.collector_name.setPlaceholderText("Họ và tên người được ủy quyền")
        self.collector_id_type = QComboBox()
        for label, value in (
            ("Căn cước / CCCD", "CCCD"),
            ("CMND", "CMND"),
            ("Hộ chiếu", "HO_CHIEU"),
            ("Giấy tờ khác", "KHAC"),
        ):
            self.collector_id_type.addItem(label, value)
        self.collector_id = QLineEdit()
        self.collector_id.setPlaceholderText("Số giấy tờ")
        self.originals = QSpinBox()
        self.originals.setRange(0, 99)
        self.originals.setMaximumWidth(90)
        self.fee = QLineEdit()
        self.fee.setMaximumWidth(200)
        self.note = QLineEdit()
        self.note.setMaximumWidth(520)
        self.confirm_button = QPushButton("Xác nhận người nhận  [Enter]")
        self.confirm_button.setObjectName("confirm_return")
        self.confirm_button.setDefault(True)
        self.confirm_button.setAutoDefault(True)
        self.confirm_button.setStyleSheet("font-weight: bold; padding: 6px 14px;" + BIG)
        self.confirm_button.clicked.connect(self.confirm)

        form = QFormLayout()
        who = QHBoxLayout()
        who.addWidget(self.collector_applicant)
        who.addWidget(self.collector_other)
        who.addStretch(1)
        form.addRow("Người nhận", who)
        self.other_row = QWidget()
        other = QHBoxLayout(self.other_row)
        other.setContentsMargins(0, 0, 0, 0)
        other.addWidget(self.collector_name, 2)
        other.addWidget(self.collector_id_type)
        other.addWidget(self.collector_id, 1)
        form.addRow("", self.other_row)
        form.addRow("Bản chính trả &lại", self.originals)
        form.addRow("&Phí, lệ phí thu (đồng)", self.fee)
        form.addRow("Gh&i chú", self.note)
        self.details_box = QGroupBox("Trả kết quả")
        details_layout = QVBoxLayout(self.details_box)
        details_layout.addWidget(self.card)
        details_layout.addLayout(form)
        hint = QLabel(
            "Enter: xác nhận người nhận (mặc định chủ hồ sơ, thu số phí trên) rồi bấm 1, 2 hoặc 3 để ghi đánh giá. "
            "Alt+Y: người được ủy quyền nhận."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(hint, 1)
        confirm_row.addWidget(self.confirm_button)
        details_layout.addLayout(confirm_row)
        self.rating = RatingPanel()
        self.rating.rated.connect(self.record)
        self.rating.cancelled.connect(lambda: self._show_step(1))

        title = QLabel("Trả kết quả")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        scan_row = QHBoxLayout()
        scan_label = QLabel("&Mã hồ sơ")
        scan_label.setBuddy(self.scan)
        scan_label.setStyleSheet(BIG)
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.message)
        body_layout.addWidget(self.details_box)
        body_layout.addWidget(self.rating)
        body_layout.addStretch(1)
        self.scroll_area = scroll = QScrollArea()  # the rating with its criteria is taller than a small screen
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(scan_row)
        layout.addWidget(scroll, 1)
        self.add_shortcut("Quét mã hồ sơ khác", "Ctrl+D", self.focus_scan)
        self.visit_button = QPushButton("Ghi lượt đến nhận chưa có kết quả  [Ctrl+K]")
        self.visit_button.setObjectName("record_visit")
        self.visit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.visit_button.clicked.connect(self.record_visit)
        self.visit_button.hide()
        body_layout.insertWidget(1, self.visit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_shortcut("Ghi lượt công dân đến nhận mà chưa có kết quả", "Ctrl+K", self.record_visit)
        self._collector_changed(False)

    # --- steps ------------------------------------------------------------------------------
    def _show_step(self, step: int) -> None:
        """0: waiting for a scan; 1: who collects; 2: rating."""
        self.details_box.setVisible(step >= 1)
        self.details_box.setEnabled(step == 1)
        self.rating.setVisible(step == 2)
        if step == 0:
            self.focus_scan()
        elif step == 1:
            self.confirm_button.setFocus()
        else:
            self.rating.setFocus()
            self.scroll_area.ensureWidgetVisible(self.rating)

    def focus_default(self) -> None:
        if self.dossier is None:
            self.focus_scan()

    def note_change(self, change: Change, subject: str) -> bool:
        """The dossier on the counter changed elsewhere (another page, another window)."""
        if self.dossier is None:
            return False
        return change is Change.RESTORED or (change is Change.DOSSIER and subject in ("", self.dossier.uuid))

    def refresh(self) -> None:
        """Shows the dossier on the counter as it is now, keeping what was typed for its return."""
        if self.dossier is None:
            return
        try:
            view = refresh_view(self.ctx, self.dossier.uuid)
        except KnownError as exc:
            self.dossier = None
            show_message(self.message, exc.message)
            self._show_step(0)
            return
        self._present(view.dossier, fresh=False)

    def focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def load(self, reference: str) -> bool:
        """Opens the dossier a scan or a typed code refers to."""
        self.scan.clear()
        self.dossier = None
        try:
            view = open_dossier(self.ctx, reference, purpose="trả kết quả")
        except KnownError as exc:
            show_message(self.message, exc.message)
            self._show_step(0)
            return False
        return self._present(view.dossier, fresh=True)

    def _present(self, d: Dossier, *, fresh: bool) -> bool:
        """Shows ``d`` on the counter; ``fresh``: just scanned, the return's fields start again."""
        was_refused, self.dossier = self.dossier is None or self._refused, d
        self.card.setText(card_text(d) + bundle_text(bundle_view(self.ctx, d)))
        refusal = not_returnable_reason(d.code, d.status)
        self._refused = bool(refusal)
        self.visit_button.setVisible(bool(refusal) and can_record_not_ready_visit(d.status))
        if refusal:
            if self.visit_button.isVisible():
                refusal += " Công dân đã đến nhận: bấm Ctrl+K để ghi lượt đi lại này."
            show_message(self.message, refusal)
            self.details_box.setVisible(True)
            self.details_box.setEnabled(False)
            self.rating.hide()
            self.focus_scan()
            return False
        if not fresh and not was_refused:
            return True  # still returnable: what was typed for the return stays
        show_message(self.message, "")
        self.collector_applicant.setChecked(True)
        self.collector_name.clear()
        self.collector_id.clear()
        self.originals.setValue(0)
        self.fee.setText(vn_number(d.fee_owed))
        self.note.clear()
        self.rating.reset()
        self._show_step(1)
        return True

    def record_visit(self) -> None:
        """Ctrl+K: the citizen came for a result that is not ready; one more trip for the dossier."""
        d = self.dossier
        if d is None or not self.visit_button.isVisible():
            return
        try:
            done = record_not_ready_visit(self.ctx, d.ref)
        except KnownError as exc:
            show_message(self.message, exc.message)
            return
        self.dossier = None
        self.visit_button.hide()
        text = f"Đã ghi: công dân đến nhận hồ sơ {done.code} nhưng chưa có kết quả (lần đi lại thứ {trips(done)})."
        if done.due_at is not None:
            text += f" Hẹn trả: {fmt_datetime(done.due_at)}."
        show_message(self.message, text, error=False)
        self.changes.dossier_changed(done.uuid)
        self._show_step(0)

    def _collector_changed(self, other: bool) -> None:
        self.other_row.setVisible(other)
        if other:
            self.collector_name.setFocus()

    def confirm(self) -> None:
        """Step 1 done (Enter): ask for the rating."""
        if self.dossier is None:
            return
        if self.collector_other.isChecked() and not (
            self.collector_name.text().strip() and self.collector_id.text().strip()
        ):
            show_message(self.message, "Nhập họ tên và số giấy tờ của người được ủy quyền nhận kết quả.")
            self.collector_name.setFocus()
            return
        show_message(self.message, "")
        self._show_step(2)

    def transition_input(self, rating: str) -> ReturnInput:
        other = self.collector_other.isChecked()
        return ReturnInput(
            note=self.note.text(),
            collector_kind=(CollectorKind.AUTHORISED if other else CollectorKind.APPLICANT).value,
            collector_name=self.collector_name.text() if other else "",
            collector_id_type=str(self.collector_id_type.currentData()),
            collector_id_number=self.collector_id.text() if other else "",
            originals_returned=self.originals.value(),
            fee_collected=self.fee.text(),
            rating=rating,
            criteria=self.rating.criteria_values() if rating else {},
            comment=self.rating.comment.text(),
        )

    def record(self, rating: str) -> None:
        """Step 2 done (a digit): the return is recorded."""
        if self.dossier is None or self.dossier.code is None:
            return
        try:
            # Every ready part of a linked group goes with this one (``services.dossiers.bundles``).
            returned = return_bundle(self.ctx, self.dossier, self.transition_input(rating))
        except ValidationErrors as exc:
            show_message(self.message, "\n".join(e.message for e in exc.errors))
            self._show_step(1)
            return
        except KnownError as exc:
            show_message(self.message, exc.message)
            self._show_step(1)
            return
        d = returned[0].dossier
        record = d.return_record
        assert record is not None and d.code is not None
        rated = f" Đánh giá: {Rating(rating).label}." if rating else ""
        together = ", ".join(str(other.dossier.code) for other in returned[1:])
        warnings = [w for other in returned for w in other.warnings]
        show_message(
            self.message,
            f"Đã trả kết quả hồ sơ {d.code} cho {record.collector_name} lúc {fmt_datetime(record.returned_at)}."
            + (f" Trả cùng lúc hồ sơ liên thông: {together}." if together else "")
            + rated
            + (" " + " ".join(warnings) if warnings else ""),
            error=False,
        )
        self.message.setStyleSheet("background: #e6f4ea; color: #137333; padding: 6px;" + BIG)
        self.dossier = None
        for done in returned:
            self.changes.dossier_changed(done.dossier.uuid)
        self._show_step(0)


def bundle_text(view: BundleView | None) -> str:
    """The other parts of a linked group under the card: which come back now, which later."""
    if view is None:
        return ""
    lines = [f"\nHồ sơ liên thông: {view.link.name}"]
    lines += [f"  • {p.code} – {p.procedure_name}: {p.status.label}" for p in view.parts]
    lines += [f"  • {p.name} ({p.agency}): chưa cấp mã" for p in view.missing]
    return "\n".join(lines)


def card_text(d: Dossier) -> str:
    lines = [
        f"{d.code} – {d.applicant.full_name}",
        f"{d.procedure.name}",
        f"Trạng thái: {d.status.label}" + (f" ({d.outcome.label.lower()})" if d.outcome else ""),
        f"Nhận ngày {fmt_datetime(d.received_at)}; hẹn trả {fmt_datetime(d.due_at)}" if d.due_at else "",
    ]
    if d.representative is not None:
        lines.append(f"Người nộp thay: {d.representative.full_name}")
    if d.fee_owed:
        lines.append(f"Phí, lệ phí còn phải thu: {format_vnd(d.fee_owed)}")
    return "\n".join(line for line in lines if line)
