"""Tiếp nhận (F1): choose the procedure, tick the documents, fill or scan the applicant, F9.

The common case is: a few letters of the procedure and Enter, a scan of the QR on the citizen's
chip ID card, F9 — the dossier is registered and its receipt printed. The form is saved as a
draft on every change (``services.dossiers.drafts``) and restored after an accidental close or a crash;
the draft keeps the form's request id, so saving a restored form that was in fact registered
just before the crash returns that dossier instead of registering it twice.

The page holds the procedure picker, the form below it (``reception_form``: the applicant and the
documents columns) and the bottom bar (``reception_actions``), and does what the keys ask: save and
print, guidance or refusal (``pre_reception_dialog``), a new form, the draft.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.errors import Field, KnownError, ValidationError, ValidationErrors
from motcua_desktop.domain.forms import RECEIPT, pre_reception_form
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.registration import RegistrationRequest
from motcua_desktop.domain.same_day import SAME_DAY_TEXT
from motcua_desktop.domain.vntime import business_day, fmt_datetime
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.bundles import needs_typed_duration, receive
from motcua_desktop.services.dossiers.drafts import DraftUnavailable, discard_draft, load_draft, save_draft
from motcua_desktop.services.dossiers.registration import (
    appointment_text_for,
    due_caution_for,
    due_hint,
    record_pre_reception,
)
from motcua_desktop.services.dossiers.same_day import decision_for
from motcua_desktop.services.dossiers.same_day import receive as receive_same_day
from motcua_desktop.ui.dossiers.pre_reception_dialog import PreReceptionDialog
from motcua_desktop.ui.dossiers.procedure_picker import ProcedurePicker
from motcua_desktop.ui.dossiers.reception_actions import ActionBar
from motcua_desktop.ui.dossiers.reception_form import ReceptionForm
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.changes import Change
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.widgets import BANNER_OK_STYLE, BANNER_WARN_STYLE

DRAFT_FORM = "reception"
STACK_BELOW = 1000  # page width (logical pixels) under which the two columns are stacked
DRAFT_DELAY_MS = 400
VALIDATE_DELAY_MS = 200
NOT_PRINTED = "Giấy tiếp nhận chưa được in: bấm Ctrl+P để in lại."


class ReceptionPage(Page):
    watches = frozenset({Change.SETTINGS})  # office hours and calendar: the appointment

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.request_id = str(uuidlib.uuid4())
        self.last_code: str | None = None
        self.last_uuid = ""
        self._saving = False
        self._restoring = False
        self._attempted = False
        self._receipt_style = BANNER_OK_STYLE  # the banner's look after the last save, the receipt printed
        self._build()
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_state)
        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_live)
        self._due_timer = QTimer(self, interval=30_000)  # the appointment moves with the clock (while shown)
        self._due_timer.timeout.connect(self.update_due)
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

        self.form = ReceptionForm(self.ctx, self.picker)
        people, papers = self.form.applicant_box, self.form.documents_box

        # Bottom bar: the appointment, what is missing, the actions.
        self.action_bar = ActionBar(
            save=self.save,
            guide=lambda: self.pre_reception(Status.GUIDED),
            refuse=lambda: self.pre_reception(Status.REFUSED_AT_COUNTER),
            new_form=self.ask_new_form,
            reprint=self.reprint,
        )

        title = QLabel("Tiếp nhận hồ sơ")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.discard_button)
        procedure_row = QHBoxLayout()
        procedure_label = QLabel("Thủ tụ&c")
        procedure_label.setBuddy(self.picker.edit)
        procedure_label.setStyleSheet("font-weight: bold;")
        procedure_row.addWidget(procedure_label, 0, Qt.AlignmentFlag.AlignTop)
        procedure_row.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(banner_row)
        layout.addLayout(procedure_row)
        layout.addWidget(self.form, 1)
        # «Ngày không hẹn»: shown on the office's no-appointment days only (``domain.same_day``).
        self.same_day = QCheckBox("Giải quyết ngay, trả kết quả tại quầy (Ngày không hẹn) – Ctrl+J")
        self.same_day.setObjectName("reception_same_day")
        self.same_day_note = QLabel()
        self.same_day_note.setObjectName("reception_same_day_note")
        self.same_day_note.setWordWrap(True)
        same_day_row = QHBoxLayout()
        same_day_row.addWidget(self.same_day)
        same_day_row.addWidget(self.same_day_note, 1)
        layout.addLayout(same_day_row)
        self.same_day.hide()
        self.same_day_note.hide()
        layout.addLayout(self.action_bar)

        self.add_shortcut("Lưu và in giấy tiếp nhận", "F9", self.save)
        self.add_shortcut("Lưu và in (phím thay thế)", "Ctrl+S", self.save)
        self.add_shortcut("Quét QR căn cước", "Ctrl+D", self.focus_scan)
        self.add_shortcut("Chọn thủ tục", "Ctrl+T", self.focus_procedure)
        self.add_shortcut("Người được ủy quyền nộp thay", "Ctrl+U", people.has_representative.toggle)
        self.add_shortcut("Dùng thông tin công dân đã có", "Ctrl+G", people.use_returning_citizen)
        self.add_shortcut("Hướng dẫn bổ sung (mẫu 02)", "Ctrl+H", lambda: self.pre_reception(Status.GUIDED))
        self.add_shortcut("Từ chối tiếp nhận (mẫu 03)", "Ctrl+R", lambda: self.pre_reception(Status.REFUSED_AT_COUNTER))
        self.add_shortcut("Làm mới biểu mẫu", "Ctrl+N", self.ask_new_form)
        self.add_shortcut("In lại giấy tiếp nhận", "Ctrl+P", self.reprint)
        self.add_shortcut("Giải quyết ngay (Ngày không hẹn)", "Ctrl+J", self._toggle_same_day)

        for form_widget in (people.applicant, people.representative):
            form_widget.changed.connect(self._changed)
        people.has_representative.toggled.connect(self._changed)
        papers.documents.changed.connect(self._changed)
        for line in (papers.fee, papers.summary, papers.note, papers.duration_amount):
            line.textEdited.connect(self._changed)
        papers.sets.valueChanged.connect(self._changed)
        for combo in (papers.delivery, papers.duration_unit):
            combo.currentIndexChanged.connect(self._changed)
        QApplication.instance().focusChanged.connect(self.form.follow_focus)  # type: ignore[union-attr]
        self.setTabOrder(self.picker.edit, people.scan)
        self.setTabOrder(people.scan, people.applicant.ui.full_name)
        papers.set_duration_visible(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.update_due()
        self._due_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        """A hidden page (another page, the window closed or locked) reads nothing."""
        self._due_timer.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two columns on a wide window; one above the other (and the buttons on two rows) on a
        small screen or at 150 % scaling, so nothing is clipped."""
        narrow = self.width() < STACK_BELOW
        if self.form.stack_columns(narrow):
            self.action_bar.arrange(narrow=narrow)
        super().resizeEvent(event)

    # --- page hooks -------------------------------------------------------------------------
    def focus_default(self) -> None:
        if self.picker.procedure() is None:
            self.focus_procedure()

    def refresh(self) -> None:
        """The office's hours, calendar or no-appointment days changed: the appointment is worked out again."""
        self.update_due()
        self.update_same_day()

    def focus_procedure(self) -> None:
        self.picker.edit.setFocus()
        self.picker.edit.selectAll()

    def focus_scan(self) -> None:
        self.form.applicant_box.focus_scan()

    def card_scanned(self, text: str) -> bool:
        """A chip ID card's QR scanned while the cursor was anywhere on the page (the procedure search
        of an empty form…): it fills the applicant; the cursor then goes to the procedure when none is
        chosen yet, else to the phone."""
        box = self.form.applicant_box
        if not box.fill_from_scan(text, box.applicant):
            return False
        if self.picker.procedure() is None:
            self.focus_procedure()
        return True

    # --- procedure --------------------------------------------------------------------------
    def _procedure_chosen(self, procedure: Procedure) -> None:
        if not self._restoring:
            self.form.documents_box.use_procedure(procedure)
        self.form.documents_box.set_duration_visible(needs_typed_duration(self.ctx, procedure))
        self.update_due()
        self.update_same_day()
        self._changed()
        if not self._restoring:
            if self.form.applicant_box.applicant.is_blank():
                self.focus_scan()
            else:  # scanned before the procedure was chosen: what is left is the phone
                self.form.applicant_box.applicant.ui.phone.setFocus()

    def update_same_day(self) -> None:
        """Whether today is a «Ngày không hẹn» and the chosen procedure is resolved on the spot."""
        procedure = self.picker.procedure()
        decision = None
        if procedure is not None:
            try:
                decision = decision_for(self.ctx, procedure.key)
            except KnownError:
                decision = None
        shown = decision is not None and decision.no_appointment_day
        self.same_day.setVisible(shown)
        self.same_day_note.setVisible(shown)
        eligible = bool(decision and decision.eligible)
        self.same_day.setEnabled(eligible)
        self.same_day.setChecked(eligible)
        self.same_day_note.setText(decision.label if decision is not None else "")

    def _toggle_same_day(self) -> None:
        if self.same_day.isVisible() and self.same_day.isEnabled():
            self.same_day.toggle()

    def update_due(self) -> None:
        procedure = self.picker.procedure()
        duration = self.form.duration()
        due_label = self.action_bar.due_label
        caution = self.action_bar.due_caution
        caution.hide()
        if procedure is None:
            due_label.setText("Hẹn trả kết quả: chọn thủ tục để tính ngày hẹn")
            return
        if duration is None:
            due_label.setText("Hẹn trả kết quả: nhập thời hạn giải quyết để tính ngày hẹn")
            return
        hint = due_hint(self.ctx, self.ctx.clock.now(), duration)
        due_label.setText(f"Hẹn trả kết quả: {hint.text}")
        caution.setText(hint.caution)
        caution.setVisible(bool(hint.caution))

    # --- the request ------------------------------------------------------------------------
    def request(self) -> RegistrationRequest:
        return self.form.request(self.request_id)

    def problems(self) -> list[ValidationError]:
        """What stops saving now (the same checks as the service, without writing)."""
        return self.form.problems(self.request_id, business_day(self.ctx.clock.now()))

    def validate_live(self) -> None:
        """The bottom bar says what is still missing; after a first try to save, so do the fields."""
        problems = self.problems()
        self.action_bar.show_problems(problems, attempted=self._attempted)
        if self._attempted:
            self.show_errors(problems, focus=False)

    def show_errors(self, errors: list[ValidationError], *, focus: bool = True) -> None:
        """Each message under its field; the first field with a problem gets the focus."""
        self.form.show_errors(errors, focus=focus)

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
        save_button = self.action_bar.save_button
        save_button.setEnabled(False)
        try:
            on_day = not self.same_day.isHidden()  # a «Ngày không hẹn»
            if on_day and (self.same_day.isChecked() or not self.same_day.isEnabled()):
                result = receive_same_day(self.ctx, self.request()).registration  # resolved, or an appointment
            else:
                result = receive(self.ctx, self.request())  # alone, or the parts of a linked group
        except ValidationErrors as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa tiếp nhận được hồ sơ")
            return
        finally:
            self._saving = False
            save_button.setEnabled(True)
        dossier = result.dossier
        assert dossier.code is not None
        self.last_code = dossier.code
        self.last_uuid = dossier.uuid
        self.action_bar.reprint_button.setEnabled(True)
        self.new_form()
        appointment = appointment_text_for(self.ctx, dossier.due_at) if dossier.due_at else ""
        lines = [
            f"Đã tiếp nhận hồ sơ {dossier.code} – {dossier.applicant.full_name}. "
            + (f"{SAME_DAY_TEXT}: đã trả kết quả tại quầy." if dossier.same_day else f"Hẹn trả: {appointment}.")
        ]
        lines += [f"Liên thông: {part.code} – {part.procedure.name}." for part in result.bundle[1:]]
        if result.already_registered:
            lines.append("Biểu mẫu này đã được lưu trước đó; không tạo hồ sơ mới.")
        caution = due_caution_for(self.ctx, dossier.received_at, dossier.due_at) if dossier.due_at else ""
        warnings = [*result.warnings, *([caution] if caution else [])]
        lines += warnings
        self._receipt_style = BANNER_WARN_STYLE if warnings else BANNER_OK_STYLE
        self.set_banner("\n".join(lines), self._receipt_style)
        self.changes.dossier_changed(dossier.uuid)
        if not result.already_registered:
            self.reprint()

    def reprint(self) -> None:
        """Prints the last receipt (after F9, and Ctrl+P): recorded only once it went to paper or a PDF
        file; until then the banner says it was not printed, and says so no more once it is."""
        if not self.last_code:
            return
        from motcua_desktop.ui.printing import print_flow  # printing: imported at the first print

        try:
            delivered = print_flow.print_dossier_form(self, self.ctx, self.last_code, RECEIPT)
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa in được giấy tiếp nhận")
            delivered = False
        text = self.banner.text().replace(NOT_PRINTED, "").rstrip("\n")
        if delivered:
            self.changes.dossier_changed(self.last_uuid)  # the print is in the dossier's history
            self.set_banner(text, self._receipt_style)
        else:
            self.set_banner(f"{text}\n{NOT_PRINTED}" if text else NOT_PRINTED, BANNER_WARN_STYLE)

    def pre_reception(self, outcome: Status) -> None:
        """Guidance to complete (form 02, no code) or refusal at the counter (form 03)."""
        procedure = self.picker.procedure()
        if procedure is None:
            self.show_errors([ValidationError(Field("procedure", "Thủ tục"), "chưa chọn.")])
            return

        def record(reason: str, items: list[str]) -> Dossier:
            request = self.request()
            request.request_id = str(uuidlib.uuid4())  # its own record, never the receipt's request id
            return record_pre_reception(self.ctx, request, outcome, reason=reason, missing_items=items)

        dialog = PreReceptionDialog(outcome, self.form.documents_box.documents.missing(), record, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recorded is None:
            return
        recorded = dialog.recorded
        form = pre_reception_form(outcome)
        self.new_form()
        self.set_banner(
            f"Đã ghi nhận: {outcome.label.lower()} – {recorded.applicant.full_name} (không cấp mã hồ sơ). "
            f"Đã gửi in phiếu mẫu {form}.",
            BANNER_OK_STYLE,
        )
        from motcua_desktop.ui.printing import print_flow

        try:
            print_flow.print_dossier_form(self, self.ctx, recorded.uuid, form)
        except KnownError as exc:
            ask.known_error(self, exc, "Chưa in được phiếu")
        finally:
            self.changes.dossier_changed(recorded.uuid)

    # --- drafts -----------------------------------------------------------------------------
    def _changed(self, *_: object) -> None:
        if self._restoring:
            return
        self._draft_timer.start()
        self._validate_timer.start()
        if self.sender() in (self.form.documents_box.duration_amount, self.form.documents_box.duration_unit):
            self.update_due()

    def draft(self) -> dict[str, Any]:
        return {"request_id": self.request_id, **self.form.draft()}

    def is_blank(self) -> bool:
        return self.form.is_blank()

    def save_state(self) -> None:
        """Writes the draft now (also called by the main window when it closes and when Windows ends
        the session). A draft file held by another program never interrupts typing with a dialog:
        the banner says so and the next edit tries again."""
        self._draft_timer.stop()
        if self.ctx.session is None:
            return
        try:
            if self.is_blank():
                discard_draft(self.ctx, DRAFT_FORM)
            else:
                save_draft(self.ctx, DRAFT_FORM, self.draft())
        except DraftUnavailable as exc:
            self.set_banner(exc.message, BANNER_WARN_STYLE)

    def _restore_draft(self) -> None:
        try:
            draft = load_draft(self.ctx, DRAFT_FORM) if self.ctx.session else None
        except DraftUnavailable as exc:
            self.set_banner(exc.message, BANNER_WARN_STYLE)
            return
        if draft is None:
            return
        data = draft.data
        self._restoring = True
        try:
            self.request_id = str(data.get("request_id") or self.request_id)
            self.form.restore(data)
        finally:
            self._restoring = False
        self.update_due()
        self.set_banner(
            f"Đã khôi phục biểu mẫu đang nhập dở lúc {fmt_datetime(draft.saved_at)} (chưa lưu). "
            "Kiểm tra rồi bấm F9 để lưu, hoặc bỏ bản nháp.",
            BANNER_WARN_STYLE,
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
            self.form.clear()
        finally:
            self._restoring = False
        self._attempted = False
        self.discard_button.hide()
        self._draft_timer.stop()
        if self.ctx.session is not None:
            try:
                discard_draft(self.ctx, DRAFT_FORM)
            except DraftUnavailable as exc:
                self.set_banner(exc.message, BANNER_WARN_STYLE)
        self.update_due()
        self.validate_live()
        self.focus_procedure()

    def set_banner(self, text: str, style: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.banner.setVisible(bool(text))
