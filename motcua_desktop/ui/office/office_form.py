"""The office block (first-run wizard and settings), on ``forms/office_form.ui``."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.office import OfficeSettings, make_office_settings
from motcua_desktop.ui.forms.ui_office_form import Ui_OfficeForm
from motcua_desktop.ui.shell.widgets import ProvinceCommunePickers, show_message

# The keys of ``domain.office.make_office_settings``' errors, which are also the widgets' names.
OFFICE_FIELDS = ("superior_name", "unit_name", "agency_id", "province", "commune", "counter_no")


class OfficeForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_OfficeForm()
        self.ui.setupUi(self)
        self.places = ProvinceCommunePickers(self.ui.province, self.ui.commune)
        self.ui.counter_no.setToolTip(
            "Mỗi máy tính tại Bộ phận Một cửa có một số quầy riêng (1–10); quầy 1 cấp số 0001–0999 mỗi ngày, "
            "quầy 2 cấp 1000–1999…"
        )
        self.clear_errors()

    def office(self, *, sole_issuer: bool = False) -> OfficeSettings:
        """The validated settings; raises ValidationErrors naming every field to fix."""
        ui = self.ui
        province, commune = self.places.codes()
        return make_office_settings(
            superior_name=ui.superior_name.text(),
            unit_name=ui.unit_name.text(),
            agency_id=ui.agency_id.text(),
            province=province or ui.province.text(),
            commune=commune or ui.commune.text(),
            counter_no=ui.counter_no.value(),
            deciding_unit=ui.deciding_unit.text(),
            sole_issuer=sole_issuer,
            phone=ui.phone.text(),
            address=ui.address.text(),
        )

    def set_office(self, office: OfficeSettings) -> None:
        ui = self.ui
        ui.superior_name.setText(office.superior_name)
        ui.unit_name.setText(office.unit_name)
        ui.deciding_unit.setText(office.deciding_unit)
        ui.agency_id.setText(office.agency_id)
        ui.counter_no.setValue(office.counter_no)
        self.places.set_codes(office.province_code, office.commune_code)
        ui.phone.setText(office.phone)
        ui.address.setText(office.address)

    def message_label(self, name: str) -> QLabel:
        label = getattr(self.ui, f"{name}_msg")
        assert isinstance(label, QLabel)
        return label

    def clear_errors(self) -> None:
        for name in (*OFFICE_FIELDS, "deciding_unit", "phone", "address"):
            show_message(self.message_label(name), "")

    def show_errors(self, errors: list[ValidationError]) -> None:
        self.clear_errors()
        first = None
        for error in errors:
            name = error.key
            if name not in OFFICE_FIELDS:
                continue
            show_message(self.message_label(name), " ".join(p for p in (error.problem, error.fix) if p))
            first = first or getattr(self.ui, name)
        if first is not None:
            first.setFocus()
