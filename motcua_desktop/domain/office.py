"""Settings of the office and of this counter PC, as the forms and the codes need them."""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua_desktop.domain import admin_units
from motcua_desktop.domain import fields as f
from motcua_desktop.domain.codes import MAX_COUNTERS, normalise_agency_id, sequence_block
from motcua_desktop.domain.errors import ValidationError, ValidationErrors
from motcua_desktop.domain.text import clean_text


@dataclass(frozen=True)
class OfficeSettings:
    """What ``motcua setup`` (and the first-run wizard) asks for."""

    superior_name: str  # first header line: "UBND XÃ ĐÔNG TIẾN"
    unit_name: str  # receiving unit: "Trung tâm Phục vụ hành chính công phường Đông Tiến"
    agency_id: str  # electronic identifier used in dossier codes, e.g. 000.00.12.H56
    province_code: str
    commune_code: str
    counter_no: int  # this PC's counter number (1–10); decides its block of sequence numbers
    deciding_unit: str = ""  # default deciding agency ("UBND phường Đông Tiến"); may differ per dossier
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

    def text(raw: str, label: str, limit: int) -> str:
        try:
            return f.clean_field(raw, label, limit=limit)
        except ValidationError as exc:
            errors.append(exc)
            return ""

    superior = text(superior_name, "Cơ quan chủ quản", f.UNIT_NAME)
    unit = text(unit_name, "Tên đơn vị", f.UNIT_NAME)
    deciding = text(deciding_unit, "Cơ quan giải quyết", f.UNIT_NAME)
    place = text(place_name, "Địa danh", f.PLACE)
    office_phone = text(phone, "Điện thoại", f.OFFICE_PHONE)
    office_address = text(address, "Địa chỉ", f.ADDRESS)
    if not superior and not any(e.field == "Cơ quan chủ quản" for e in errors):
        errors.append(ValidationError("Cơ quan chủ quản", "chưa nhập.", "Ví dụ: UBND phường Đông Tiến."))
    if not unit and not any(e.field == "Tên đơn vị" for e in errors):
        errors.append(
            ValidationError("Tên đơn vị", "chưa nhập.", "Ví dụ: Trung tâm Phục vụ hành chính công phường Đông Tiến.")
        )
    agency = ""
    try:
        agency = normalise_agency_id(agency_id)
    except ValidationError as exc:
        errors.append(exc)
    province_unit = None
    province_text, commune_text = clean_text(province), clean_text(commune)
    found = admin_units.match_province(province_text) if province_text else admin_units.UnitMatch(None)
    province_unit = found.unit
    if province_unit is None:
        errors.append(
            ValidationError(
                "Tỉnh/thành phố",
                f"«{f.shown(province)}» không khớp đúng tên (có dấu) tỉnh, thành phố nào trong danh mục 34 tỉnh, thành phố.",
                ("Chọn một trong: " + admin_units.choices(found.look_alikes) + ".")
                if found.look_alikes
                else "Nhập mã (ví dụ 38) hoặc tên tỉnh có đủ dấu.",
            )
        )
    commune_unit = None
    if province_unit is not None:
        match = (
            admin_units.match_commune(province_unit.code, commune_text) if commune_text else admin_units.UnitMatch(None)
        )
        commune_unit = match.unit
        if commune_unit is None:
            errors.append(_commune_problem(commune, province_unit, match))
    number = 0
    try:
        number = f.parse_whole_number(counter_no, "Số quầy", minimum=1, maximum=MAX_COUNTERS)
        sequence_block(number)
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    assert province_unit is not None and commune_unit is not None
    place = place or _bare_name(commune_unit.name)
    return OfficeSettings(
        superior_name=superior,
        unit_name=unit,
        agency_id=agency,
        province_code=province_unit.code,
        commune_code=commune_unit.code,
        counter_no=number,
        deciding_unit=deciding or superior,
        sole_issuer=sole_issuer,
        place_name=place,
        phone=office_phone,
        address=office_address,
    )


def _commune_problem(typed: str, province: admin_units.Unit, match: admin_units.UnitMatch) -> ValidationError:
    """No unit chosen silently: a look-alike is named, never picked (``admin_units``)."""
    if match.look_alikes:
        return ValidationError(
            "Xã/phường",
            f"«{typed}» không khớp đúng tên đơn vị nào của {province.name} (tên phải có đủ dấu và đúng "
            "loại xã, phường, đặc khu).",
            f"Chọn một trong: {admin_units.choices(match.look_alikes)}; nhập đúng tên hoặc mã.",
        )
    return ValidationError(
        "Xã/phường",
        f"«{typed}» không thuộc {province.name}.",
        "Nhập mã hoặc tên xã, phường, đặc khu sau sắp xếp năm 2025, có đủ dấu.",
    )


def _bare_name(name: str) -> str:
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
