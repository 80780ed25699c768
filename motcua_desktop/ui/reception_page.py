"""Tiếp nhận (F1): choose the procedure, tick the documents, fill or scan the applicant, F9.

The common case is: a few letters of the procedure and Enter, a scan of the QR on the citizen's
chip ID card, F9 — the dossier is registered and its receipt printed. The form is saved as a
draft on every change (``services.drafts``) and restored after an accidental close or a crash;
the draft keeps the form's request id, so saving a restored form that was in fact registered
just before the crash returns that dossier instead of registering it twice.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.cccd_qr import BadCccdQr, looks_like_cccd_qr, parse_cccd_qr
from motcua_desktop.domain.dossier import Dossier, ResultDelivery
from motcua_desktop.domain.duration import Duration, DurationUnit, make_duration
from motcua_desktop.domain.errors import KnownError, ValidationError, ValidationErrors
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.registration import PersonInput, RegistrationRequest, validate_registration
from motcua_desktop.domain.vntime import business_day, fmt_date, fmt_datetime
from motcua_desktop.services.calendar import appointment_text_for, due_for
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.dossiers import open_dossier, search_dossiers
from motcua_desktop.services.drafts import discard_draft, load_draft, save_draft
from motcua_desktop.services.printing import print_form
from motcua_desktop.services.registration import record_pre_reception, register
from motcua_desktop.ui import ask, print_flow
from motcua_desktop.ui.app import vietnamese_buttons
from motcua_desktop.ui.documents_table import DocumentsTable
from motcua_desktop.ui.person_form import PersonForm
from motcua_desktop.ui.procedure_picker import ProcedurePicker
from motcua_desktop.ui.widgets import add_action, shortcut_button, show_message

DRAFT_FORM = "reception"
SAVE_CAPTION = "&Lưu và in giấy tiếp nhận  [F9]"
SAVE_CAPTION_WIDTH = 360  # pixels of "Còn thiếu: …" on the save button before it is elided
STACK_BELOW = 1000  # page width (logical pixels) under which the two columns are stacked
APPLICANT = "Người nộp"
REPRESENTATIVE = "Người được ủy quyền"
DRAFT_DELAY_MS = 400
VALIDATE_DELAY_MS = 200
OK_STYLE = "background: #e6f4ea; color: #137333; padding: 6px; border-radius: 4px;"
WARN_STYLE = "background: #fef7e0; color: #7a4f01; padding: 6px; border-radius: 4px;"
ERROR_STYLE = "background: #fce8e6; color: #a50e0e; padding: 6px; border-radius: 4px;"
# Form fields outside the person blocks, by the services' field label.
OTHER_FIELDS = {
    "Thành phần hồ sơ": "documents",
    "Số lượng hồ sơ (bộ)": "sets",
    "Phí, lệ phí": "fee",
    "Trích yếu": "summary",
    "Ghi chú": "note",
    "Thời hạn giải quyết": "duration_amount",
}


class ReceptionPage(QWidget):
    registered = Signal(str)  # code of a dossier just registered

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request_id = str(uuidlib.uuid4())
        self.last_code: str | None = None
        self._saving = False
        self._restoring = False
        self._attempted = False
        self._suggested_uuid: str | None = None
        self._needs_duration = False
        self._field_before: dict[QLineEdit, str] = {}
        self._build()
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_state)
        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_live)
        self._due_timer = QTimer(self, interval=30_000)
        self._due_timer.timeout.connect(self.update_due)
        self._due_timer.start()
        self._restore_draft()
        self.update_due()
        self.validate_live()

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.picker = ProcedurePicker(self.ctx)
        self.picker.chosen.connect(self._procedure_chosen)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.discard_button = QPushButton("Bỏ bản nháp")
        self.discard_button.hide()
        self.discard_button.clicked.connect(self.new_form)

        # Applicant (left column, first on the paper form).
        self.scan = QLineEdit()
        self.scan.setObjectName("cccd_scan")
        self.scan.setPlaceholderText("Đặt con trỏ ở đây rồi quét mã QR trên thẻ căn cước (Ctrl+D)")
        self.scan.returnPressed.connect(lambda: self.fill_from_scan(self.scan.text(), self.applicant))
        self.scan_message = QLabel()
        self.scan_message.setWordWrap(True)
        self.scan_message.hide()
        self.applicant = PersonForm(APPLICANT)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet(WARN_STYLE)
        self.suggestion.hide()
        self.use_suggestion = shortcut_button("Dùng thông tin đã có", "Ctrl+G", "Điền các ô còn trống từ hồ sơ trước")
        self.use_suggestion.hide()
        self.use_suggestion.clicked.connect(self.use_returning_citizen)
        self.has_representative = QCheckBox("Có người được ủy quyền nộp thay (Ctrl+U)")
        self.representative = PersonForm(REPRESENTATIVE)
        self.representative.hide()
        self.has_representative.toggled.connect(self._toggle_representative)

        applicant_box = QGroupBox("Người nộp hồ sơ (chủ hồ sơ)")
        left = QVBoxLayout(applicant_box)
        scan_row = QHBoxLayout()
        scan_label = QLabel("Quét &QR căn cước")
        scan_label.setBuddy(self.scan)
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan, 1)
        left.addLayout(scan_row)
        left.addWidget(self.scan_message)
        left.addWidget(self.applicant)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.use_suggestion)
        left.addLayout(suggestion_row)
        left.addWidget(self.has_representative)
        left.addWidget(self.representative)
        left.addStretch(1)

        # Documents and the rest of the receipt (right column).
        self.documents = DocumentsTable()
        self.documents.setMinimumHeight(150)
        self.documents_msg = QLabel()
        self.documents_msg.hide()
        self.other_document = QLineEdit()
        self.other_document.setPlaceholderText("Giấy tờ khác: gõ tên rồi Enter để thêm vào danh sách")
        self.other_document.returnPressed.connect(self._add_other_document)
        self.sets = QSpinBox()
        self.sets.setRange(1, 99)
        self.fee = QLineEdit()
        self.fee.setPlaceholderText("Theo danh mục")
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("Mặc định: tên thủ tục")
        self.delivery = QComboBox()
        for delivery in ResultDelivery:
            self.delivery.addItem(delivery.label, delivery.value)
        self.note = QLineEdit()
        self.duration_amount = QLineEdit()
        self.duration_amount.setPlaceholderText("Số")
        self.duration_amount.setMaximumWidth(70)
        self.duration_unit = QComboBox()
        for unit in DurationUnit:
            self.duration_unit.addItem(unit.label, unit.value)
        self.duration_row = QWidget()
        duration_layout = QHBoxLayout(self.duration_row)
        duration_layout.setContentsMargins(0, 0, 0, 0)
        duration_layout.addWidget(self.duration_amount)
        duration_layout.addWidget(self.duration_unit, 1)
        self.messages: dict[str, QLabel] = {}
        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget, key in (
            ("Số &bộ hồ sơ", self.sets, "sets"),
            ("&Phí, lệ phí (đồng)", self.fee, "fee"),
            ("Trích &yếu", self.summary, "summary"),
            ("Nhận &kết quả tại", self.delivery, "delivery"),
            ("Ghi &chú", self.note, "note"),
            ("Thời hạn giải quyết", self.duration_row, "duration_amount"),
        ):
            message = QLabel()
            message.hide()
            self.messages[key] = message
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.setSpacing(1)
            holder_layout.addWidget(widget)
            holder_layout.addWidget(message)
            details.addRow(label, holder)
            details.labelForField(holder).setBuddy(widget)  # type: ignore[union-attr]
        self.duration_label = details.labelForField(self.duration_row.parentWidget())
        self.messages["documents"] = self.documents_msg
        documents_box = QGroupBox("Thành phần hồ sơ và nội dung")
        right = QVBoxLayout(documents_box)
        right.addWidget(self.documents, 1)
        right.addWidget(self.documents_msg)
        right.addWidget(self.other_document)
        right.addLayout(details)

        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.addWidget(applicant_box, 11)
        columns.addWidget(documents_box, 10)
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(columns)
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # Bottom bar: the appointment, what is missing, the actions.
        self.due_label = QLabel()
        self.due_label.setObjectName("due")
        self.due_label.setStyleSheet("font-size: 13pt; font-weight: bold; color: #174ea6;")
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missing")
        self.missing_label.setWordWrap(True)
        self.save_button = shortcut_button("&Lưu và in giấy tiếp nhận", "F9", "Tiếp nhận hồ sơ và in giấy hẹn (2 liên)")
        self.save_button.setMinimumWidth(260)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.setStyleSheet("QPushButton#save { font-weight: bold; padding: 6px 14px; }")
        self.save_button.clicked.connect(self.save)
        self.guide_button = shortcut_button("Hướng dẫn bổ sung", "Ctrl+H", "Hồ sơ chưa đủ: in phiếu hướng dẫn (mẫu 02)")
        self.guide_button.clicked.connect(lambda: self.pre_reception(Status.GUIDED))
        self.refuse_button = shortcut_button("Từ chối tiếp nhận", "Ctrl+R", "In phiếu từ chối (mẫu 03)")
        self.refuse_button.clicked.connect(lambda: self.pre_reception(Status.REFUSED_AT_COUNTER))
        self.new_button = shortcut_button("Làm mới", "Ctrl+N", "Xóa biểu mẫu để tiếp nhận hồ sơ khác")
        self.new_button.clicked.connect(self.ask_new_form)
        self.reprint_button = shortcut_button("In lại", "Ctrl+P", "In lại giấy tiếp nhận vừa lưu")
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.reprint)
        bottom = QGridLayout()
        bottom.addWidget(self.due_label, 0, 0, 1, 2)
        bottom.addWidget(self.missing_label, 1, 0, 1, 2)
        self.secondary = QGridLayout()
        self._arrange_buttons(narrow=False)
        buttons = QHBoxLayout()
        buttons.addLayout(self.secondary)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addLayout(buttons, 2, 0, 1, 2)

        title = QLabel("Tiếp nhận hồ sơ")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.discard_button)
        procedure_row = QHBoxLayout()
        procedure_label = QLabel("&Thủ tục")
        procedure_label.setBuddy(self.picker.edit)
        procedure_label.setStyleSheet("font-weight: bold;")
        procedure_row.addWidget(procedure_label, 0, Qt.AlignmentFlag.AlignTop)
        procedure_row.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(banner_row)
        layout.addLayout(procedure_row)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

        add_action(self, "Lưu và in giấy tiếp nhận", "F9", self.save)
        add_action(self, "Lưu và in (phím thay thế)", "Ctrl+S", self.save)
        add_action(self, "Quét QR căn cước", "Ctrl+D", self.focus_scan)
        add_action(self, "Chọn thủ tục", "Ctrl+T", self.focus_procedure)
        add_action(self, "Người được ủy quyền nộp thay", "Ctrl+U", self.has_representative.toggle)
        add_action(self, "Dùng thông tin công dân đã có", "Ctrl+G", self.use_returning_citizen)
        add_action(self, "Hướng dẫn bổ sung (mẫu 02)", "Ctrl+H", lambda: self.pre_reception(Status.GUIDED))
        add_action(self, "Từ chối tiếp nhận (mẫu 03)", "Ctrl+R", lambda: self.pre_reception(Status.REFUSED_AT_COUNTER))
        add_action(self, "Làm mới biểu mẫu", "Ctrl+N", self.ask_new_form)
        add_action(self, "In lại giấy tiếp nhận", "Ctrl+P", self.reprint)

        for form_widget in (self.applicant, self.representative):
            form_widget.changed.connect(self._changed)
            for line in form_widget.findChildren(QLineEdit):
                line.installEventFilter(self)
                line.returnPressed.connect(
                    lambda line=line, form_widget=form_widget: self._maybe_scan(line, form_widget)
                )
        self.applicant.ui.id_number.editingFinished.connect(self.suggest_returning_citizen)
        self.applicant.ui.phone.editingFinished.connect(self.suggest_returning_citizen)
        self.documents.changed.connect(self._changed)
        self.documents.next_in_tab = self.other_document
        for line in (self.fee, self.summary, self.note, self.duration_amount):
            line.textEdited.connect(self._changed)
        self.sets.valueChanged.connect(self._changed)
        for combo in (self.delivery, self.duration_unit):
            combo.currentIndexChanged.connect(self._changed)
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]
        self.setTabOrder(self.picker.edit, self.scan)
        self.setTabOrder(self.scan, self.applicant.ui.full_name)
        self._set_duration_visible(False)

    def _set_duration_visible(self, visible: bool) -> None:
        self._needs_duration = visible
        self.duration_row.setVisible(visible)
        holder = self.duration_row.parentWidget()
        if holder is not None:
            holder.setVisible(visible)
        if self.duration_label is not None:
            self.duration_label.setVisible(visible)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two columns on a wide window; one above the other (and the buttons on two rows) on a
        small screen or at 150 % scaling, so nothing is clipped."""
        narrow = self.width() < STACK_BELOW
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            self._arrange_buttons(narrow=narrow)
        super().resizeEvent(event)

    def _arrange_buttons(self, *, narrow: bool) -> None:
        buttons = (self.guide_button, self.refuse_button, self.new_button, self.reprint_button)
        for button in buttons:
            self.secondary.removeWidget(button)
        for index, button in enumerate(buttons):
            self.secondary.addWidget(button, index // 2 if narrow else 0, index % 2 if narrow else index)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keeps the field being typed in on screen when the form is taller than the window."""
        if new is not None and self.scroll.widget() is not None and self.scroll.widget().isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 20, 20)

    # --- page hooks -------------------------------------------------------------------------
    def page_shown(self) -> None:
        if self.picker.procedure() is None:
            self.focus_procedure()

    def focus_procedure(self) -> None:
        self.picker.edit.setFocus()
        self.picker.edit.selectAll()

    def focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    # --- procedure --------------------------------------------------------------------------
    def _procedure_chosen(self, procedure: Procedure) -> None:
        if not self._restoring:
            self.documents.set_documents(list(procedure.documents))
            self.fee.setPlaceholderText(
                f"{procedure.fee_amount:,}".replace(",", ".") if procedure.fee_amount is not None else "Theo danh mục"
            )
        self._set_duration_visible(procedure.duration is None)
        self.update_due()
        self._changed()
        if not self._restoring:
            self.focus_scan()

    def duration(self) -> Duration | None:
        procedure = self.picker.procedure()
        if procedure is None:
            return None
        if procedure.duration is not None:
            return procedure.duration
        try:
            return make_duration(str(self.duration_unit.currentData()), self.duration_amount.text())
        except (KnownError, ValueError):
            return None

    def update_due(self) -> None:
        procedure = self.picker.procedure()
        duration = self.duration()
        if procedure is None:
            self.due_label.setText("Hẹn trả kết quả: chọn thủ tục để tính ngày hẹn")
            return
        if duration is None:
            self.due_label.setText("Hẹn trả kết quả: nhập thời hạn giải quyết để tính ngày hẹn")
            return
        due = due_for(self.ctx, self.ctx.clock.now(), duration)
        self.due_label.setText(f"Hẹn trả kết quả: {appointment_text_for(self.ctx, due)}")

    # --- the request ------------------------------------------------------------------------
    def request(self) -> RegistrationRequest:
        procedure = self.picker.procedure()
        representative = self.representative.value() if self.has_representative.isChecked() else None
        return RegistrationRequest(
            procedure=procedure.key if procedure else "",
            applicant=self.applicant.value(),
            representative=representative,
            documents=self.documents.received(),
            sets_count=self.sets.value(),
            summary=self.summary.text(),
            fee_amount=self.fee.text(),
            note=self.note.text(),
            result_delivery=str(self.delivery.currentData()),
            duration_unit=str(self.duration_unit.currentData()) if self._needs_duration else "",
            duration_amount=self.duration_amount.text() if self._needs_duration else "",
            request_id=self.request_id,
        )

    def problems(self) -> list[ValidationError]:
        """What stops saving now (the same checks as the service, without writing)."""
        procedure = self.picker.procedure()
        if procedure is None:
            return [ValidationError("Thủ tục", "chưa chọn.", "Gõ vài chữ của tên thủ tục rồi Enter.")]
        try:
            validate_registration(self.request(), procedure, today=business_day(self.ctx.clock.now()))
        except ValidationErrors as exc:
            return list(exc.errors)
        except ValidationError as exc:
            return [exc]
        return []

    def validate_live(self) -> None:
        """The save button says what is still missing (the services' field names); the line above it
        gives the first problem in full, with what to do."""
        problems = self.problems()
        if problems:
            names = ", ".join(dict.fromkeys(short_field(e.field) for e in problems))
            caption = QFontMetrics(self.save_button.font()).elidedText(
                f"Còn thiếu: {names}", Qt.TextElideMode.ElideRight, SAVE_CAPTION_WIDTH
            )
            self.save_button.setText(f"{caption}  [F9]")
            self.missing_label.setText(
                problems[0].message + (f" (và {len(problems) - 1} mục khác)" if len(problems) > 1 else "")
            )
            # Calm until the clerk tries to save; red afterwards.
            self.missing_label.setStyleSheet("color: #a50e0e;" if self._attempted else "color: #5f6368;")
            self.save_button.setToolTip("Cần sửa trước khi lưu:\n" + "\n".join(f"• {e.message}" for e in problems))
        else:
            self.save_button.setText(SAVE_CAPTION)
            self.missing_label.setText("Đủ thông tin: bấm F9 để lưu và in giấy tiếp nhận (2 liên).")
            self.missing_label.setStyleSheet("color: #137333;")
            self.save_button.setToolTip("Tiếp nhận hồ sơ và in giấy hẹn (2 liên) (F9)")
        if self._attempted:
            self.show_errors(problems, focus=False)

    def show_errors(self, errors: list[ValidationError], *, focus: bool = True) -> None:
        """Each message under its field; the first field with a problem gets the focus."""
        self.applicant.clear_errors()
        self.representative.clear_errors()
        for label in self.messages.values():
            show_message(label, "")
        fields: list[QWidget] = []
        fields += self.applicant.show_errors(errors)
        fields += self.representative.show_errors(errors)
        widgets = {
            "documents": self.documents,
            "sets": self.sets,
            "fee": self.fee,
            "summary": self.summary,
            "note": self.note,
            "duration_amount": self.duration_amount,
        }
        for error in errors:
            key = next((k for label, k in OTHER_FIELDS.items() if error.field.startswith(label)), None)
            if key is not None:
                show_message(self.messages[key], " ".join(p for p in (error.problem, error.fix) if p))
                fields.append(widgets[key])
            elif error.field == "Thủ tục":
                fields.insert(0, self.picker.edit)
        if focus and fields:
            fields[0].setFocus()

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving:
            return
        self._attempted = True
        problems = self.problems()
        if problems:
            self.show_errors(problems)
            self.validate_live()
            return
        self._saving = True
        self.save_button.setEnabled(False)
        try:
            result = register(self.ctx, self.request())
        except ValidationErrors as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa tiếp nhận được hồ sơ")
            return
        finally:
            self._saving = False
            self.save_button.setEnabled(True)
        dossier = result.dossier
        assert dossier.code is not None
        self.last_code = dossier.code
        self.reprint_button.setEnabled(True)
        self.new_form()
        lines = [
            f"Đã tiếp nhận hồ sơ {dossier.code} – {dossier.applicant.full_name}. "
            f"Hẹn trả: {appointment_text_for(self.ctx, dossier.due_at) if dossier.due_at else ''}."
        ]
        if result.already_registered:
            lines.append("Biểu mẫu này đã được lưu trước đó; không tạo hồ sơ mới.")
        lines += list(result.warnings)
        self.set_banner("\n".join(lines), WARN_STYLE if result.warnings else OK_STYLE)
        self.registered.emit(dossier.code)
        if not result.already_registered:
            self.reprint()

    def reprint(self) -> None:
        if not self.last_code:
            return
        try:
            job = print_form(self.ctx, self.last_code, "01")
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa in được giấy tiếp nhận")
            return
        if not print_flow.deliver(self, self.ctx, job):
            self.set_banner(self.banner.text() + "\nGiấy tiếp nhận chưa được in: bấm Ctrl+P để in lại.", WARN_STYLE)

    def pre_reception(self, outcome: Status) -> None:
        """Guidance to complete (form 02, no code) or refusal at the counter (form 03)."""
        procedure = self.picker.procedure()
        if procedure is None:
            self.show_errors([ValidationError("Thủ tục", "chưa chọn.")])
            return

        def record(reason: str, items: list[str]) -> Dossier:
            request = self.request()
            request.request_id = str(uuidlib.uuid4())  # its own record, never the receipt's request id
            return record_pre_reception(self.ctx, request, outcome, reason=reason, missing_items=items)

        dialog = PreReceptionDialog(outcome, self.documents.missing(), record, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recorded is None:
            return
        recorded = dialog.recorded
        form = "02" if outcome is Status.GUIDED else "03"
        self.new_form()
        self.set_banner(
            f"Đã ghi nhận: {outcome.label.lower()} – {recorded.applicant.full_name} (không cấp mã hồ sơ). "
            f"Đã gửi in phiếu mẫu {form}.",
            OK_STYLE,
        )
        try:
            print_flow.deliver(self, self.ctx, print_form(self.ctx, recorded.uuid, form))
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa in được phiếu")

    # --- CCCD QR ----------------------------------------------------------------------------
    def fill_from_scan(self, text: str, target: PersonForm) -> bool:
        self.scan.clear()
        try:
            card = parse_cccd_qr(text)
        except BadCccdQr as exc:
            show_message(self.scan_message, exc.message)
            self.scan.setFocus()
            return False
        target.fill_from_card(card)
        show_message(
            self.scan_message,
            f"Đã điền từ thẻ căn cước của {card.full_name}: số định danh, họ tên, ngày sinh, giới tính, địa chỉ. "
            "Đối chiếu với thẻ trước khi lưu.",
            error=False,
        )
        if target is self.applicant:
            self.suggest_returning_citizen()
        target.ui.phone.setFocus()
        return True

    def _maybe_scan(self, line: QLineEdit, target: PersonForm) -> None:
        """A QR scanned while the cursor was in another field of a person block."""
        text = line.text()
        if looks_like_cccd_qr(text):
            line.setText(self._field_before.get(line, ""))
            self.fill_from_scan(text, target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self._field_before[watched] = watched.text()
        return super().eventFilter(watched, event)

    # --- returning citizen ------------------------------------------------------------------
    def suggest_returning_citizen(self) -> None:
        person = self.applicant.value()
        number = person.id_number.strip()
        phone = "".join(ch for ch in person.phone if ch.isdigit())
        found = []
        for query in (number, phone):
            if len(query) >= 9:
                found = [
                    s
                    for s in search_dossiers(self.ctx, query, limit=20)
                    if s.code and (s.applicant_id_number == number or (phone and s.applicant_phone == phone))
                ]
                if found:
                    break
        if not found:
            self._suggested_uuid = None
            self.suggestion.hide()
            self.use_suggestion.hide()
            return
        latest = found[0]
        self._suggested_uuid = latest.uuid
        self.suggestion.setText(
            f"Công dân {latest.applicant_name} đã có {len(found)} hồ sơ tại đây; gần nhất {latest.code} "
            f"ngày {fmt_date(latest.received_at)} ({latest.procedure_name})."
        )
        self.suggestion.show()
        self.use_suggestion.show()

    def use_returning_citizen(self) -> None:
        if not self._suggested_uuid:
            return
        try:
            view = open_dossier(self.ctx, self._suggested_uuid, purpose="điền sẵn thông tin công dân đã có hồ sơ")
        except KnownError as exc:
            ask.known_error(self, exc)
            return
        filled = self.applicant.fill_blanks(view.dossier.applicant)
        self.suggestion.setText(
            "Đã điền các ô còn trống từ hồ sơ trước." if filled else "Các ô đã có thông tin; không thay đổi gì."
        )
        self.use_suggestion.hide()

    # --- representative ---------------------------------------------------------------------
    def _toggle_representative(self, checked: bool) -> None:
        self.representative.setVisible(checked)
        if checked and not self._restoring:
            self.representative.ui.full_name.setFocus()
        self._changed()

    def _add_other_document(self) -> None:
        name = self.other_document.text().strip()
        if name:
            self.documents.add_document(name)
            self.other_document.clear()

    # --- drafts -----------------------------------------------------------------------------
    def _changed(self, *_: object) -> None:
        if self._restoring:
            return
        self._draft_timer.start()
        self._validate_timer.start()
        if self.sender() in (self.duration_amount, self.duration_unit):
            self.update_due()

    def draft(self) -> dict[str, Any]:
        procedure = self.picker.procedure()
        return {
            "request_id": self.request_id,
            "procedure": procedure.key if procedure else "",
            "applicant": self.applicant.draft(),
            "has_representative": self.has_representative.isChecked(),
            "representative": self.representative.draft(),
            "documents": self.documents.rows(),
            "sets": self.sets.value(),
            "fee": self.fee.text(),
            "summary": self.summary.text(),
            "delivery": str(self.delivery.currentData()),
            "note": self.note.text(),
            "duration_unit": str(self.duration_unit.currentData()),
            "duration_amount": self.duration_amount.text(),
        }

    def is_blank(self) -> bool:
        return self.picker.procedure() is None and self.applicant.is_blank() and self.representative.is_blank()

    def save_state(self) -> None:
        """Writes the draft now (also called by the main window when it closes)."""
        self._draft_timer.stop()
        if self.ctx.session is None:
            return
        if self.is_blank():
            discard_draft(self.ctx, DRAFT_FORM)
        else:
            save_draft(self.ctx, DRAFT_FORM, self.draft())

    def _restore_draft(self) -> None:
        draft = load_draft(self.ctx, DRAFT_FORM) if self.ctx.session else None
        if draft is None:
            return
        data = draft.data
        self._restoring = True
        try:
            self.request_id = str(data.get("request_id") or self.request_id)
            if data.get("procedure"):
                try:
                    self.picker.choose_key(str(data["procedure"]))
                except KnownError:
                    self.picker.clear()
            self.documents.restore(list(data.get("documents", [])))
            self.applicant.restore(dict(data.get("applicant", {})))
            self.has_representative.setChecked(bool(data.get("has_representative")))
            self.representative.setVisible(bool(data.get("has_representative")))
            self.representative.restore(dict(data.get("representative", {})))
            self.sets.setValue(int(data.get("sets", 1)))
            self.fee.setText(str(data.get("fee", "")))
            self.summary.setText(str(data.get("summary", "")))
            self.delivery.setCurrentIndex(max(0, self.delivery.findData(data.get("delivery"))))
            self.note.setText(str(data.get("note", "")))
            self.duration_unit.setCurrentIndex(max(0, self.duration_unit.findData(data.get("duration_unit"))))
            self.duration_amount.setText(str(data.get("duration_amount", "")))
        finally:
            self._restoring = False
        self.update_due()
        self.set_banner(
            f"Đã khôi phục biểu mẫu đang nhập dở lúc {fmt_datetime(draft.saved_at)} (chưa lưu). "
            "Kiểm tra rồi bấm F9 để lưu, hoặc bỏ bản nháp.",
            WARN_STYLE,
        )
        self.discard_button.show()

    # --- new form ---------------------------------------------------------------------------
    def ask_new_form(self) -> None:
        if self.is_blank() or ask.confirm(
            self, "Làm mới biểu mẫu", "Xóa những gì đang nhập để tiếp nhận hồ sơ khác?", yes="Xóa và làm mới"
        ):
            self.new_form()
            self.banner.hide()

    def new_form(self) -> None:
        self._restoring = True
        try:
            self.request_id = str(uuidlib.uuid4())
            self.picker.clear()
            self.documents.setRowCount(0)
            for form_widget in (self.applicant, self.representative):
                form_widget.set_value(PersonInput())
                form_widget.clear_errors()
            self.has_representative.setChecked(False)
            self.sets.setValue(1)
            for line in (self.fee, self.summary, self.note, self.duration_amount, self.scan, self.other_document):
                line.clear()
            self.delivery.setCurrentIndex(0)
            for label in (*self.messages.values(), self.scan_message):
                show_message(label, "")
            self.suggestion.hide()
            self.use_suggestion.hide()
            self._suggested_uuid = None
            self._set_duration_visible(False)
        finally:
            self._restoring = False
        self._attempted = False
        self.discard_button.hide()
        self._draft_timer.stop()
        if self.ctx.session is not None:
            discard_draft(self.ctx, DRAFT_FORM)
        self.update_due()
        self.validate_live()
        self.focus_procedure()

    def set_banner(self, text: str, style: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.banner.setVisible(bool(text))


def short_field(field: str) -> str:
    """``Người nộp – Họ và tên`` → ``Họ và tên``; the representative keeps its prefix."""
    if field.startswith(f"{APPLICANT} – "):
        return field[len(APPLICANT) + 3 :]
    return field


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
        guided = outcome is Status.GUIDED
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
