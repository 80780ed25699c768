"""The person block of the forms (applicant, authorised representative, correction), on ``forms/person_form.ui``.

Fields follow the paper receipt: name, address, phone and e-mail, identity document. No field
limits its length (the services check lengths), so a QR scanned into any field arrives whole. The
services key a person's fields ``<role>.<field>`` (``applicant.phone``, ``domain.registration.APPLICANT``);
``show_errors`` puts each message under the widget of that name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from motcua_desktop.domain.cccd_qr import CccdData, split_address
from motcua_desktop.domain.dossier import Person
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.identity import IdType, Sex
from motcua_desktop.domain.registration import PersonInput
from motcua_desktop.ui.forms.ui_person_form import Ui_PersonForm
from motcua_desktop.ui.shell.widgets import ProvinceCommunePickers, show_message

# The keys of ``domain.registration.parse_person`` inside a role, which are also the widgets' names.
PERSON_FIELDS = (
    "full_name",
    "birth_date",
    "sex",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address_detail",
    "province",
    "commune",
)
SEX_VALUES = ("", Sex.MALE.value, Sex.FEMALE.value)
ID_TYPES = {
    IdType.CCCD: "Căn cước / CCCD",
    IdType.CMND: "CMND (9 số)",
    IdType.PASSPORT: "Hộ chiếu",
    IdType.OTHER: "Giấy tờ khác",
}


class PersonForm(QWidget):
    changed = Signal()

    def __init__(self, role: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role  # APPLICANT / REPRESENTATIVE of ``domain.registration``: whose errors this form shows
        self.ui = Ui_PersonForm()
        self.ui.setupUi(self)
        for id_type, label in ID_TYPES.items():
            self.ui.id_type.addItem(label, id_type.value)
            self.ui.id_type.setItemData(self.ui.id_type.count() - 1, id_type.label, Qt.ItemDataRole.ToolTipRole)
        self.places = ProvinceCommunePickers(self.ui.province, self.ui.commune)
        self._add_card_address()
        for name in ("full_name", "birth_date", "address_detail", "phone", "email", "id_number"):
            widget = getattr(self.ui, name)
            assert isinstance(widget, QLineEdit)
            widget.textEdited.connect(self._edited)
        for combo in (self.ui.sex, self.ui.id_type, self.ui.province, self.ui.commune):
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(self._edited)
        self.clear_errors()

    def drop_mnemonics(self) -> None:
        """No Alt+letter for this form's labels: a second person on the same page (the authorised
        representative, reached with Ctrl+U and Tab) must not take the letters of the first."""
        for label in self.findChildren(QLabel):
            if label.buddy() is not None:
                label.setText(label.text().replace("&&", "\0").replace("&", "").replace("\0", "&&"))

    def _add_card_address(self) -> None:
        """A card issued before the 2025 reform prints an old district and commune: its address is
        shown whole, read-only, and printed as it is; the current unit below is then optional."""
        self.card_address = QLineEdit(self)
        self.card_address.setObjectName("card_address")
        self.card_address.setReadOnly(True)
        self.card_address.setToolTip(
            "Địa chỉ theo địa giới trước ngày 01/7/2025, giữ nguyên như trên thẻ (không tự đổi sang xã, phường mới). "
            "Có thể chọn xã, phường hiện nay ở dưới; phiếu in thêm «nay thuộc …»."
        )
        self.card_label = QLabel("Địa chỉ trên thẻ", self)
        self.card_clear = QPushButton("Bỏ", self)
        self.card_clear.setToolTip("Không dùng địa chỉ trên thẻ; nhập địa chỉ hiện nay")
        self.card_clear.clicked.connect(lambda: self._set_card_address(""))
        grid = self.ui.grid
        row = grid.rowCount()
        grid.addWidget(self.card_label, row, 0)
        grid.addWidget(self.card_address, row, 1, 1, 2)
        grid.addWidget(self.card_clear, row, 3)
        self._set_card_address("")

    def _set_card_address(self, text: str) -> None:
        self.card_address.setText(text)
        for widget in (self.card_label, self.card_address, self.card_clear):
            widget.setVisible(bool(text))
        self.ui.address_detail.setEnabled(not text)
        self.ui.address_detail.setPlaceholderText("Giữ nguyên địa chỉ trên thẻ" if text else "")
        self.changed.emit()

    # --- values -----------------------------------------------------------------------------
    def value(self) -> PersonInput:
        ui = self.ui
        province, commune = self.places.codes()
        return PersonInput(
            full_name=ui.full_name.text(),
            birth_date=ui.birth_date.text(),
            sex=SEX_VALUES[max(0, ui.sex.currentIndex())],
            id_type=str(ui.id_type.currentData() or IdType.CCCD.value),
            id_number=ui.id_number.text(),
            phone=ui.phone.text(),
            email=ui.email.text(),
            address_detail=ui.address_detail.text(),
            province=province or ui.province.text(),
            commune=commune or ui.commune.text(),
            card_address=self.card_address.text(),
        )

    def set_value(self, person: PersonInput) -> None:
        ui = self.ui
        self.blockSignals(True)
        ui.full_name.setText(person.full_name)
        ui.birth_date.setText(person.birth_date)
        ui.sex.setCurrentIndex(SEX_VALUES.index(person.sex) if person.sex in SEX_VALUES else 0)
        ui.id_type.setCurrentIndex(max(0, ui.id_type.findData(person.id_type or IdType.CCCD.value)))
        ui.id_number.setText(person.id_number)
        ui.phone.setText(person.phone)
        ui.email.setText(person.email)
        ui.address_detail.setText(person.address_detail)
        self.places.set_codes(person.province, person.commune)
        self._set_card_address(person.card_address)
        self.blockSignals(False)
        self.changed.emit()

    def set_person(self, person: Person) -> None:
        """Fills the form from a stored person (correction, returning citizen)."""
        self.set_value(person_input(person))

    def fill_from_card(self, card: CccdData) -> None:
        """What the CCCD QR holds: number, name, birth date, sex, address (the rest is left as typed)."""
        parts = split_address(card.address, card.issue_date)
        current = self.value()
        self.set_value(
            PersonInput(
                full_name=card.full_name,
                birth_date=f"{card.birth_date:%d/%m/%Y}",
                sex=card.sex.value,
                id_type=IdType.CCCD.value,
                id_number=card.id_number,
                phone=current.phone,
                email=current.email,
                address_detail=parts.detail,
                province=parts.province_code,
                commune=parts.commune_code,
                card_address=parts.card_address,
            )
        )

    def fill_blanks(self, person: Person) -> list[str]:
        """Copies a returning citizen's earlier data into empty fields only; returns what was filled."""
        current = self.value()
        earlier = person_input(person)
        filled = []
        merged = PersonInput(**vars(current))
        for name in ("full_name", "birth_date", "sex", "phone", "email", "address_detail", "id_number", "card_address"):
            if not getattr(current, name) and getattr(earlier, name):
                setattr(merged, name, getattr(earlier, name))
                filled.append(name)
        if not current.province and earlier.province:
            merged.province, merged.commune = earlier.province, earlier.commune
            filled.append("province")
        if filled:
            self.set_value(merged)
        return filled

    def draft(self) -> dict[str, Any]:
        return vars(self.value()).copy()

    def restore(self, data: dict[str, Any]) -> None:
        known = {k: str(v) for k, v in data.items() if k in PersonInput.__dataclass_fields__}
        self.set_value(PersonInput(**known))

    def is_blank(self) -> bool:
        return self.value().is_blank()

    # --- messages ---------------------------------------------------------------------------
    def message_label(self, name: str) -> QLabel:
        label = getattr(self.ui, f"{name}_msg")
        assert isinstance(label, QLabel)
        return label

    def clear_errors(self) -> None:
        for name in PERSON_FIELDS:
            show_message(self.message_label(name), "")

    def show_errors(self, errors: list[ValidationError]) -> list[QWidget]:
        """Shows the errors that belong to this person under their fields; returns those fields."""
        shown = []
        for error in errors:
            name = error.within(self.role.key)
            if name not in PERSON_FIELDS:
                continue
            show_message(self.message_label(name), " ".join(p for p in (error.problem, error.fix) if p))
            shown.append(getattr(self.ui, name))
        return shown

    def _edited(self, *_: object) -> None:
        self.changed.emit()


def person_input(person: Person) -> PersonInput:
    return PersonInput(
        full_name=person.full_name,
        birth_date=f"{person.birth_date:%d/%m/%Y}" if person.birth_date else "",
        sex=person.sex.value,
        id_type=person.id_type.value,
        id_number=person.id_number,
        phone=person.phone,
        email=person.email,
        address_detail=person.address.detail,
        province=person.address.province_code,
        commune=person.address.commune_code,
        card_address=person.address.card_address,
    )
