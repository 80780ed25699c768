"""The reception form's left column: the applicant (filled by hand or from the QR on the chip ID
card, or completed from the citizen's earlier dossier) and the representative submitting for them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from motcua_desktop.domain.cccd_qr import BadCccdQr, looks_like_cccd_qr, parse_cccd_qr
from motcua_desktop.domain.errors import KnownError, ValidationError
from motcua_desktop.domain.registration import APPLICANT, REPRESENTATIVE, PersonInput
from motcua_desktop.domain.vntime import fmt_date
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import open_dossier, search_dossiers
from motcua_desktop.ui.dossiers.person_form import PersonForm
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.scanner import mark_scan_aware
from motcua_desktop.ui.shell.widgets import BANNER_WARN_STYLE, shortcut_button, show_message


class ApplicantBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Người nộp hồ sơ (chủ hồ sơ)", parent)
        self.ctx = ctx
        mark_scan_aware(self, cccd_only=True)  # its fields read a CCCD QR (the representative's: the representative)
        self._suggested_uuid: str | None = None
        self._field_before: dict[QLineEdit, str] = {}
        self._filling = False  # the form fills its own fields (a draft restored, a new form)

        self.scan = QLineEdit()
        self.scan.setObjectName("cccd_scan")
        # The 2024 "thẻ căn cước" (issued from 01/7/2024) has its QR code on the back; the earlier chip
        # CCCD on the front.
        self.scan.setPlaceholderText(
            "Đặt con trỏ ở đây rồi quét mã QR ở mặt sau thẻ căn cước (thẻ CCCD gắn chip cũ: mặt trước) (Ctrl+D)"
        )
        self.scan.returnPressed.connect(self._scanned)
        self.scan_message = QLabel()
        self.scan_message.setWordWrap(True)
        self.scan_message.hide()
        self.applicant = PersonForm(APPLICANT)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet(BANNER_WARN_STYLE)
        self.suggestion.hide()
        self.use_suggestion = shortcut_button("Dùng thông tin đã có", "Ctrl+G", "Điền các ô còn trống từ hồ sơ trước")
        self.use_suggestion.hide()
        self.use_suggestion.clicked.connect(self.use_returning_citizen)
        self.has_representative = QCheckBox("Có người được ủy quyền nộp thay (Ctrl+U)")
        self.representative = PersonForm(REPRESENTATIVE)
        self.representative.drop_mnemonics()  # its letters are the applicant's
        self.representative.hide()
        self.has_representative.toggled.connect(self._toggle_representative)

        left = QVBoxLayout(self)
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

        for form_widget in (self.applicant, self.representative):
            for line in form_widget.findChildren(QLineEdit):
                line.installEventFilter(self)
                line.returnPressed.connect(
                    lambda line=line, form_widget=form_widget: self._maybe_scan(line, form_widget)
                )
        self.applicant.ui.id_number.editingFinished.connect(self.suggest_returning_citizen)
        self.applicant.ui.phone.editingFinished.connect(self.suggest_returning_citizen)

    # --- values -----------------------------------------------------------------------------
    def representative_value(self) -> PersonInput | None:
        return self.representative.value() if self.has_representative.isChecked() else None

    def is_blank(self) -> bool:
        return self.applicant.is_blank() and self.representative.is_blank()

    def clear_errors(self) -> None:
        self.applicant.clear_errors()
        self.representative.clear_errors()

    def show_errors(self, errors: list[ValidationError]) -> list[QWidget]:
        """Each message under its field; the fields with a problem, in order."""
        return self.applicant.show_errors(errors) + self.representative.show_errors(errors)

    def draft(self) -> dict[str, Any]:
        return {
            "applicant": self.applicant.draft(),
            "has_representative": self.has_representative.isChecked(),
            "representative": self.representative.draft(),
        }

    def restore(self, data: dict[str, Any]) -> None:
        self._filling = True
        try:
            self.applicant.restore(dict(data.get("applicant", {})))
            self.has_representative.setChecked(bool(data.get("has_representative")))
            self.representative.setVisible(bool(data.get("has_representative")))
            self.representative.restore(dict(data.get("representative", {})))
        finally:
            self._filling = False

    def clear(self) -> None:
        self._filling = True
        try:
            for form_widget in (self.applicant, self.representative):
                form_widget.set_value(PersonInput())
                form_widget.clear_errors()
            self.has_representative.setChecked(False)
            self.scan.clear()
            show_message(self.scan_message, "")
            self.suggestion.hide()
            self.use_suggestion.hide()
            self._suggested_uuid = None
        finally:
            self._filling = False

    # --- CCCD QR ----------------------------------------------------------------------------
    def focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def _scanned(self) -> None:
        self.fill_from_scan(self.scan.text(), self.applicant)

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
        if checked and not self._filling:
            self.representative.ui.full_name.setFocus()
