"""Identity documents: the 12-digit personal identification number (CCCD) and the others.

Structure of the 12 digits (Decree 137/2015 Art. 13, Circular 07/2016 Appendix I): ``PPP G YY
RRRRRR`` = birth-registration province, century-and-sex digit, last two digits of the birth
year, random part. There is no check digit, so typos are caught by the structure and by the
cross-check with the birth date and sex typed on the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.fields import fold_digits, invisible_character, is_ascii_digits, shown


class IdType(StrEnum):
    CCCD = "CCCD"
    CMND = "CMND"
    PASSPORT = "HO_CHIEU"
    OTHER = "KHAC"

    @property
    def label(self) -> str:
        return _ID_LABELS[self]


_ID_LABELS = {
    IdType.CCCD: "Thẻ căn cước / CCCD (số định danh cá nhân)",
    IdType.CMND: "Chứng minh nhân dân (9 số)",
    IdType.PASSPORT: "Hộ chiếu",
    IdType.OTHER: "Giấy tờ khác",
}


class Sex(StrEnum):
    MALE = "nam"
    FEMALE = "nu"
    UNKNOWN = ""

    @property
    def label(self) -> str:
        return {Sex.MALE: "Nam", Sex.FEMALE: "Nữ", Sex.UNKNOWN: ""}[self]


# Birth-registration province codes of Circular 07/2016 Appendix I (the 63 pre-2025 provinces;
# the 2025 mergers change addresses, not ID prefixes).
PROVINCE_ID_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

_CENTURY_SEX = {
    0: (1900, Sex.MALE),
    1: (1900, Sex.FEMALE),
    2: (2000, Sex.MALE),
    3: (2000, Sex.FEMALE),
    4: (2100, Sex.MALE),
    5: (2100, Sex.FEMALE),
    6: (2200, Sex.MALE),
    7: (2200, Sex.FEMALE),
    8: (2300, Sex.MALE),
    9: (2300, Sex.FEMALE),
}

_PASSPORT = re.compile(r"[A-Z][0-9]{7,8}\Z")
MAX_OTHER_ID = 30
_ID_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class PersonalIdInfo:
    """What a 12-digit number says about its holder."""

    province_code: str
    province_name: str | None  # None: a code outside the table (e.g. births abroad)
    sex: Sex
    birth_year: int


def decode_personal_id(number: str) -> PersonalIdInfo:
    """Reads the structure of a valid 12-digit number (call ``normalise_id_number`` first)."""
    century, sex = _CENTURY_SEX[int(number[3])]
    return PersonalIdInfo(
        province_code=number[:3],
        province_name=PROVINCE_ID_CODES.get(number[:3]),
        sex=sex,
        birth_year=century + int(number[4:6]),
    )


def normalise_id_number(id_type: IdType, raw: str, *, field: str = "Số giấy tờ") -> str:
    """Validated, canonical form of an ID number; raises ValidationError naming the field.

    IDs are text, never numbers: a spreadsheet that dropped the leading zero gives 11 digits,
    which is rejected with a hint. Digits of any script are folded to ASCII; look-alikes (``²``)
    and invisible characters are refused (``domain.fields``).
    """
    hidden = invisible_character(raw or "")
    if hidden is not None:
        raise ValidationError(field, f"có {hidden[1]}.", "Gõ lại số giấy tờ (không dán từ nơi khác).")
    text = fold_digits(_ID_SEPARATORS.sub("", raw or "")).upper()
    quoted = shown(raw)
    if not text:
        raise ValidationError(field, "chưa nhập.", "Nhập số giấy tờ tùy thân của người nộp.")
    if id_type is IdType.CCCD:
        if not is_ascii_digits(text):
            raise ValidationError(field, f"«{quoted}» có ký tự không phải chữ số.", "Số căn cước gồm đúng 12 chữ số.")
        if len(text) == 11:
            raise ValidationError(
                field,
                f"«{quoted}» chỉ có 11 chữ số.",
                "Số căn cước gồm đúng 12 chữ số; có thể số 0 ở đầu đã bị mất (ví dụ khi mở bằng Excel).",
            )
        if len(text) != 12:
            raise ValidationError(field, f"«{quoted}» có {len(text)} chữ số.", "Số căn cước gồm đúng 12 chữ số.")
        return text
    if id_type is IdType.CMND:
        if not is_ascii_digits(text) or len(text) not in (9, 12):
            raise ValidationError(field, f"«{quoted}» không đúng dạng.", "Số CMND gồm 9 (hoặc 12) chữ số.")
        return text
    if id_type is IdType.PASSPORT:
        if not _PASSPORT.match(text):
            raise ValidationError(
                field, f"«{quoted}» không đúng dạng hộ chiếu.", "Hộ chiếu Việt Nam gồm 1 chữ cái và 7–8 chữ số."
            )
        return text
    if len(text) > MAX_OTHER_ID:
        raise ValidationError(field, "quá dài.", f"Tối đa {MAX_OTHER_ID} ký tự.")
    if not text.isprintable():
        raise ValidationError(field, f"«{quoted}» có ký tự không in được.", "Chỉ dùng chữ cái và chữ số.")
    return text


def id_consistency_warnings(number: str, birth_date: date | None, sex: Sex) -> list[str]:
    """Soft warnings when a 12-digit number disagrees with the typed birth date or sex.

    The number is authoritative and mistakes are usually in the typing, so these never block.
    """
    info = decode_personal_id(number)
    warnings = []
    if info.province_name is None:
        warnings.append(
            f"Mã tỉnh nơi đăng ký khai sinh «{info.province_code}» không có trong danh mục; kiểm tra lại số."
        )
    if birth_date is not None and birth_date.year != info.birth_year:
        warnings.append(
            f"Số căn cước cho biết năm sinh {info.birth_year}, nhưng ngày sinh đã nhập là năm {birth_date.year}."
        )
    if sex is not Sex.UNKNOWN and sex is not info.sex:
        warnings.append(f"Số căn cước cho biết giới tính {info.sex.label}, nhưng đã chọn {sex.label}.")
    return warnings


def mask_id_number(number: str) -> str:
    """``038087042028`` → ``0380******28`` for lists seen by roles that don't need the full number."""
    if len(number) <= 6:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 6) + number[-2:]
