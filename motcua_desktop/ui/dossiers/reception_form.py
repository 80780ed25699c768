"""The reception form below the procedure picker: the applicant column and the documents column
(side by side, or stacked on a narrow page) in a scroll area that keeps the field being typed in on
screen; and what the fields make: the registration request, its problems, the draft."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.errors import KnownError, ValidationError, ValidationErrors
from motcua_desktop.domain.registration import RegistrationRequest, validate_registration
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.ui.dossiers.procedure_picker import ProcedurePicker
from motcua_desktop.ui.dossiers.reception_applicant import ApplicantBox
from motcua_desktop.ui.dossiers.reception_documents import DocumentsBox


class ReceptionForm(QScrollArea):
    def __init__(self, ctx: AppContext, picker: ProcedurePicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = picker  # laid out by the page, above the form
        # Applicant (left column, first on the paper form); documents and the rest of the receipt (right).
        self.applicant_box = ApplicantBox(ctx)
        self.documents_box = DocumentsBox()
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.addWidget(self.applicant_box, 11)
        columns.addWidget(self.documents_box, 10)
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(columns)
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # --- layout -----------------------------------------------------------------------------
    def stack_columns(self, narrow: bool) -> bool:
        """One column above the other on a narrow page; True when that changed."""
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() == direction:
            return False
        self.columns.setDirection(direction)
        return True

    def follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keeps the field being typed in on screen when the form is taller than the window."""
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new, 20, 20)

    # --- the request ------------------------------------------------------------------------
    def duration(self) -> Duration | None:
        procedure = self.picker.procedure()
        if procedure is None:
            return None
        return self.documents_box.duration_for(procedure)

    def request(self, request_id: str) -> RegistrationRequest:
        procedure = self.picker.procedure()
        papers = self.documents_box
        return RegistrationRequest(
            procedure=procedure.key if procedure else "",
            applicant=self.applicant_box.applicant.value(),
            representative=self.applicant_box.representative_value(),
            documents=papers.documents.received(),
            sets_count=papers.sets.value(),
            summary=papers.summary.text(),
            fee_amount=papers.fee.text(),
            note=papers.note.text(),
            result_delivery=str(papers.delivery.currentData()),
            duration_unit=str(papers.duration_unit.currentData()) if papers.needs_duration else "",
            duration_amount=papers.duration_amount.text() if papers.needs_duration else "",
            request_id=request_id,
        )

    def problems(self, request_id: str, today: date) -> list[ValidationError]:
        """What stops saving now (the same checks as the service, without writing)."""
        procedure = self.picker.procedure()
        if procedure is None:
            return [ValidationError("Thủ tục", "chưa chọn.", "Gõ vài chữ của tên thủ tục rồi Enter.")]
        try:
            validate_registration(self.request(request_id), procedure, today=today)
        except ValidationErrors as exc:
            return list(exc.errors)
        except ValidationError as exc:
            return [exc]
        return []

    def show_errors(self, errors: list[ValidationError], *, focus: bool = True) -> None:
        """Each message under its field; the first field with a problem gets the focus."""
        self.applicant_box.clear_errors()
        self.documents_box.clear_messages()
        fields = self.applicant_box.show_errors(errors) + self.documents_box.show_errors(errors)
        for error in errors:
            if error.field == "Thủ tục":
                fields.insert(0, self.picker.edit)
        if focus and fields:
            fields[0].setFocus()

    # --- drafts and a new form --------------------------------------------------------------
    def is_blank(self) -> bool:
        return self.picker.procedure() is None and self.applicant_box.is_blank()

    def draft(self) -> dict[str, Any]:
        procedure = self.picker.procedure()
        return {
            "procedure": procedure.key if procedure else "",
            **self.applicant_box.draft(),
            **self.documents_box.draft(),
        }

    def restore(self, data: dict[str, Any]) -> None:
        if data.get("procedure"):
            try:
                self.picker.choose_key(str(data["procedure"]))
            except KnownError:
                self.picker.clear()
        self.documents_box.restore(data)
        self.applicant_box.restore(data)

    def clear(self) -> None:
        self.picker.clear()
        self.applicant_box.clear()
        self.documents_box.clear()
