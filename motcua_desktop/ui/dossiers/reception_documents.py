"""The reception form's right column: the checklist of papers received, and the rest of the receipt
(sets, fee, summary, where the result is collected, note, and the processing time when the
procedure has none in the catalogue)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.dossier import ResultDelivery
from motcua_desktop.domain.duration import Duration, DurationUnit, format_amount, make_duration
from motcua_desktop.domain.errors import KnownError, ValidationError
from motcua_desktop.domain.money import vn_number
from motcua_desktop.ui.dossiers.documents_table import DocumentsTable
from motcua_desktop.ui.shell.widgets import show_message

# Form fields outside the person blocks: the key of ``domain.registration.validate_registration`` (and the
# keys inside it, ``documents.2.count``) → the box that shows its message.
OTHER_FIELDS = {
    "documents": "documents",
    "sets_count": "sets",
    "fee": "fee",
    "summary": "summary",
    "note": "note",
    "duration_amount": "duration_amount",
}


class DocumentsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Thành phần hồ sơ và nội dung", parent)
        self.needs_duration = False
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
            ("Trích yế&u", self.summary, "summary"),
            ("Nhận &kết quả tại", self.delivery, "delivery"),
            ("Ghi chú", self.note, "note"),
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
            label_widget = details.labelForField(holder)
            if isinstance(label_widget, QLabel):
                label_widget.setBuddy(widget)
        duration_holder = self.duration_row.parentWidget()
        self.duration_label = details.labelForField(duration_holder) if duration_holder is not None else None
        self.messages["documents"] = self.documents_msg
        right = QVBoxLayout(self)
        right.addWidget(self.documents, 1)
        right.addWidget(self.documents_msg)
        right.addWidget(self.other_document)
        right.addLayout(details)
        self.documents.next_in_tab = self.other_document

    # --- the procedure ----------------------------------------------------------------------
    def use_procedure(self, procedure: Procedure) -> None:
        """The procedure's papers to tick (the office's own list when it has one), its established
        fee as the hint, and the unverified time limit, if any, as the hint of the time fields."""
        self.documents.set_documents(list(procedure.effective_documents))
        self.other_document.setPlaceholderText(
            "Giấy tờ khác: gõ tên rồi Enter để thêm vào danh sách"
            if procedure.effective_documents
            else "Danh mục chưa có thành phần hồ sơ của thủ tục này: đối chiếu thủ tục tỉnh công bố, "
            "gõ tên từng giấy tờ đã nhận rồi Enter"
        )
        fee = procedure.effective_fee
        self.fee.setPlaceholderText(
            vn_number(fee) if fee is not None else "Chưa có mức thu đã đối chiếu: nhập số tiền (0 nếu không thu)"
        )
        recalled = procedure.duration if procedure.effective_duration is None else None
        self.duration_amount.setPlaceholderText(
            format_amount(recalled.amount) if recalled and recalled.amount else "Số"
        )
        self.duration_row.setToolTip(
            f"Danh mục ghi {recalled.label()} nhưng chưa đối chiếu với văn bản; nhập thời hạn theo danh mục TTHC tỉnh công bố."
            if recalled
            else ""
        )

    def set_duration_visible(self, visible: bool) -> None:
        self.needs_duration = visible
        self.duration_row.setVisible(visible)
        holder = self.duration_row.parentWidget()
        if holder is not None:
            holder.setVisible(visible)
        if self.duration_label is not None:
            self.duration_label.setVisible(visible)

    def duration_for(self, procedure: Procedure) -> Duration | None:
        """The catalogue's processing time, else the one typed here (None while it is not valid)."""
        if procedure.effective_duration is not None:
            return procedure.effective_duration
        try:
            return make_duration(str(self.duration_unit.currentData()), self.duration_amount.text())
        except (KnownError, ValueError):
            return None

    def _add_other_document(self) -> None:
        name = self.other_document.text().strip()
        if name:
            self.documents.add_document(name)
            self.other_document.clear()

    # --- messages ---------------------------------------------------------------------------
    def clear_messages(self) -> None:
        for label in self.messages.values():
            show_message(label, "")

    def show_errors(self, errors: list[ValidationError]) -> list[QWidget]:
        """Each message under its field; the fields with a problem, in order."""
        widgets = {
            "documents": self.documents,
            "sets": self.sets,
            "fee": self.fee,
            "summary": self.summary,
            "note": self.note,
            "duration_amount": self.duration_amount,
        }
        fields: list[QWidget] = []
        for error in errors:
            key = next((box for k, box in OTHER_FIELDS.items() if error.key == k or error.within(k) is not None), None)
            if key is not None:
                show_message(self.messages[key], " ".join(p for p in (error.problem, error.fix) if p))
                fields.append(widgets[key])
        return fields

    # --- drafts and a new form --------------------------------------------------------------
    def draft(self) -> dict[str, Any]:
        return {
            "documents": self.documents.rows(),
            "sets": self.sets.value(),
            "fee": self.fee.text(),
            "summary": self.summary.text(),
            "delivery": str(self.delivery.currentData()),
            "note": self.note.text(),
            "duration_unit": str(self.duration_unit.currentData()),
            "duration_amount": self.duration_amount.text(),
        }

    def restore(self, data: dict[str, Any]) -> None:
        self.documents.restore(list(data.get("documents", [])))
        self.sets.setValue(int(data.get("sets", 1)))
        self.fee.setText(str(data.get("fee", "")))
        self.summary.setText(str(data.get("summary", "")))
        self.delivery.setCurrentIndex(max(0, self.delivery.findData(data.get("delivery"))))
        self.note.setText(str(data.get("note", "")))
        self.duration_unit.setCurrentIndex(max(0, self.duration_unit.findData(data.get("duration_unit"))))
        self.duration_amount.setText(str(data.get("duration_amount", "")))

    def clear(self) -> None:
        self.documents.setRowCount(0)
        self.sets.setValue(1)
        for line in (self.fee, self.summary, self.note, self.duration_amount, self.other_document):
            line.clear()
        self.delivery.setCurrentIndex(0)
        self.clear_messages()
        self.set_duration_visible(False)
