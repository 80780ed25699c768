"""Settings of the office and of this counter PC, as the forms and the codes need them."""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua_desktop.domain import admin_units
from motcua_desktop.domain.codes import MAX_COUNTERS, normalise_agency_id, sequence_block
from motcua_desktop.domain.errors import ValidationError, ValidationErrors
from motcua_desktop.domain.text import clean_text


@dataclass(frozen=True)
class OfficeSettings:
    """What ``motcua setup`` (and the first-run wizard) asks for."""

    superior_name: str  # first header line: "UBND XÃ ĐÔNG TIẾN"
    unit_name: str  # receiving unit: "Trung tâm Phục vụ hành chính công xã Đông Tiến"
    agency_id: str  # electronic identifier used in dossier codes, e.g. 000.00.12.H56
    province_code: str
    commune_code: str
    counter_no: int  # this PC's counter number (1–10); decides its block of sequence numbers
    deciding_unit: str = ""  # default deciding agency ("UBND xã Đông Tiến"); may differ per dossier
    sole_issuer: bool = False  # only this PC issues codes for the agency id: full range 0001–9999
    place_name: str = ""  # "Đông Tiến" in "Đông Tiến, ngày … tháng … năm …"
    phone: str = ""
    address: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def province_name(self) -> str:
        unit = admin_units.province(self.province_code)
        return unit.name if unit else ""

    @property
    def commune_name(self) -> str:
        unit = admin_units.commune(self.commune_code)
        return unit.name if unit else ""


def make_office_settings(
    *,
    superior_name: str,
    unit_name: str,
    agency_id: str,
    province: str,
    commune: str,
    counter_no: int | str,
    deciding_unit: str = "",
    sole_issuer: bool = False,
    place_name: str = "",
    phone: str = "",
    address: str = "",
) -> OfficeSettings:
    """Validates raw setup answers; raises ValidationErrors listing every problem."""
    errors: list[ValidationError] = []
    superior = clean_text(superior_name)
    unit = clean_text(unit_name)
    if not superior:
        errors.append(ValidationError("Cơ quan chủ quản", "chưa nhập.", "Ví dụ: UBND xã Đông Tiến."))
    if not unit:
        errors.append(
            ValidationError("Tên đơn vị", "chưa nhập.", "Ví dụ: Trung tâm Phục vụ hành chính công xã Đông Tiến.")
        )
    agency = ""
    try:
        agency = normalise_agency_id(agency_id)
    except ValidationError as exc:
        errors.append(exc)
    province_unit = admin_units.find_province(clean_text(province)) if clean_text(province) else None
    if province_unit is None:
        errors.append(
            ValidationError(
                "Tỉnh/thành phố",
                f"«{province}» không có trong danh mục 34 tỉnh, thành phố.",
                "Nhập mã (ví dụ 38) hoặc tên tỉnh.",
            )
        )
    commune_unit = None
    if province_unit is not None:
        commune_unit = (
            admin_units.find_commune(province_unit.code, clean_text(commune)) if clean_text(commune) else None
        )
        if commune_unit is None:
            errors.append(
                ValidationError(
                    "Xã/phường",
                    f"«{commune}» không thuộc {province_unit.name}.",
                    "Nhập mã hoặc tên xã, phường sau sắp xếp năm 2025.",
                )
            )
    number = 0
    try:
        number = int(str(counter_no).strip())
        sequence_block(number)
    except ValueError:
        errors.append(ValidationError("Số quầy", f"«{counter_no}» không phải số.", f"Nhập số từ 1 đến {MAX_COUNTERS}."))
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    assert province_unit is not None and commune_unit is not None
    place = clean_text(place_name) or _bare_name(commune_unit.name)
    return OfficeSettings(
        superior_name=superior,
        unit_name=unit,
        agency_id=agency,
        province_code=province_unit.code,
        commune_code=commune_unit.code,
        counter_no=number,
        deciding_unit=clean_text(deciding_unit) or superior,
        sole_issuer=sole_issuer,
        place_name=place,
        phone=clean_text(phone),
        address=clean_text(address),
    )


def _bare_name(name: str) -> str:
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
