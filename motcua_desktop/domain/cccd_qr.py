"""The QR code on the chip-based citizen ID card (CCCD / thẻ căn cước), read by a keyboard-wedge scanner.

The code holds seven fields separated by ``|``::

    số định danh | số CMND cũ | họ và tên | ngày sinh ddmmyyyy | giới tính | nơi thường trú | ngày cấp ddmmyyyy

e.g. ``038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Phường Đông Tiến, Thanh Hóa|10072021``.
Newer cards may append further fields; they are ignored.

The scanner "types" the payload, so it passes through whatever sits in front of the keyboard:

- Unikey/EVKey in **Telex** leave digits and ``|`` alone; their "Unicode tổ hợp" output is
  decomposed (NFD), so text fields are NFC-normalised here.
- The **Windows Vietnamese layout** turns the number-row keys into ``ă â ê ô``, five tone marks
  and ``đ``; the digit fields are mapped back with ``codes.unmangle_digits``.
- **VNI** uses digits as tone keys after a vowel: when the input method does not treat ``|`` as
  the end of a word, a digit right after a field ending in a vowel is swallowed. Damage of that
  kind is detected by the structure (12-digit number, 8-digit dates, Nam/Nữ) and reported; a
  damaged scan fills nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from motcua_desktop.domain import admin_units
from motcua_desktop.domain.codes import unmangle_digits
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.fields import is_ascii_digits
from motcua_desktop.domain.identity import Sex
from motcua_desktop.domain.text import clean_text, fold, title_name

FIELD_COUNT = 7
SEPARATOR = "|"
_RESCAN_HINT = (
    "Hãy quét lại mã QR ở mặt trước thẻ căn cước. Nếu vẫn lỗi, chuyển bộ gõ tiếng Việt (Unikey/EVKey) sang "
    "chế độ gõ tiếng Anh (E) rồi quét lại, hoặc nhập tay."
)


class BadCccdQr(KnownError):
    """A scan that is not (or no longer, after an input method changed it) a CCCD QR payload."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"Không đọc được mã QR căn cước: {problem} {_RESCAN_HINT}")
        self.problem = problem


@dataclass(frozen=True)
class CccdData:
    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date
    sex: Sex
    address: str
    issue_date: date | None


@dataclass(frozen=True)
class AddressParts:
    """A one-line address split into the form's fields (codes empty when not recognised).

    ``card_address`` holds an address of the old administrative map, as printed: then nothing is
    split and no unit is filled; the clerk may choose the current unit separately.
    """

    detail: str
    province_code: str = ""
    commune_code: str = ""
    card_address: str = ""


REFORM_DATE = date(2025, 7, 1)  # two-tier local government: districts abolished, communes merged
_DISTRICT_PREFIXES = ("huyện ", "quận ", "thị xã ", "thành phố ", "thị trấn ")


def looks_like_cccd_qr(text: str) -> bool:
    """Whether keyboard input is probably a CCCD QR scan (several ``|`` separators)."""
    return (text or "").count(SEPARATOR) >= FIELD_COUNT - 2


def parse_cccd_qr(raw: str) -> CccdData:
    """The card's data from a scanned payload; raises ``BadCccdQr`` (a Vietnamese message) otherwise."""
    text = (raw or "").strip().strip("\r\n")
    if not text:
        raise BadCccdQr("chưa có dữ liệu.")
    fields = text.split(SEPARATOR)
    if len(fields) < FIELD_COUNT:
        raise BadCccdQr(
            f"cần {FIELD_COUNT} trường ngăn cách bởi dấu «|», chỉ đọc được {len(fields)} "
            "(có thể đây không phải mã QR trên thẻ căn cước)."
        )
    id_number = _digits(fields[0])
    if not (is_ascii_digits(id_number) and len(id_number) == 12):
        raise BadCccdQr(f"số định danh «{clean_text(fields[0])}» không phải 12 chữ số.")
    old_id = _digits(fields[1])
    if old_id and not (is_ascii_digits(old_id) and len(old_id) in (9, 12)):
        raise BadCccdQr(f"số CMND cũ «{clean_text(fields[1])}» không phải 9 hoặc 12 chữ số.")
    name = title_name(fields[2])
    if not name or not any(ch.isalpha() for ch in name) or any(ch.isdigit() for ch in name):
        raise BadCccdQr(f"họ và tên «{clean_text(fields[2])}» không hợp lệ.")
    birth = _date(fields[3], "ngày sinh")
    if birth is None:
        raise BadCccdQr("thiếu ngày sinh.")
    sex = _sex(fields[4])
    # The number came through the Windows Vietnamese layout: house numbers in the address did too.
    layout_typed = _digits(fields[0]) != re.sub(r"\s", "", clean_text(fields[0]))
    address = clean_text(_unmangle_numbers(fields[5]) if layout_typed else fields[5])
    issue = _date(fields[6], "ngày cấp")
    if issue is not None and issue < birth:
        raise BadCccdQr("ngày cấp trước ngày sinh.")
    return CccdData(id_number, old_id, name, birth, sex, address, issue)


def _digits(field: str) -> str:
    return re.sub(r"\s", "", clean_text(unmangle_digits(field)))  # unmangle before NFC


def _unmangle_numbers(text: str) -> str:
    """Words made only of what the layout types for digits (``ăâ`` for 12, ``ô`` for 4) become digits.

    No Vietnamese word is written with only those lower-case letters and marks, so names stay.
    """
    return re.sub(
        r"[^\s,./\\-]+",
        lambda m: unmangle_digits(m[0]) if m[0] == m[0].lower() and is_ascii_digits(unmangle_digits(m[0])) else m[0],
        text,
    )


def _date(field: str, label: str) -> date | None:
    digits = _digits(field)
    if not digits:
        return None
    if not (is_ascii_digits(digits) and len(digits) == 8):
        raise BadCccdQr(f"{label} «{clean_text(field)}» không phải dạng ngày tháng năm (8 chữ số).")
    try:
        return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        raise BadCccdQr(f"{label} «{digits[:2]}/{digits[2:4]}/{digits[4:]}» không có thật.") from None


def _sex(field: str) -> Sex:
    key = fold(clean_text(field))
    if key == "nam":
        return Sex.MALE
    if key == "nu":
        return Sex.FEMALE
    raise BadCccdQr(f"giới tính «{clean_text(field)}» phải là Nam hoặc Nữ.")


def split_address(address: str, issue_date: date | None = None) -> AddressParts:
    """The province (last part) and the commune (an earlier part) of a card address.

    A card issued before 1/7/2025, or an address naming a district or a town ("Huyện", "Quận",
    "Thị xã", "Thành phố", "Thị trấn" before the province), is of the old map: it is kept whole as
    printed (``card_address``), never mapped to a new unit and never shortened. A new address is
    split only as far as its province and commune are found exactly, diacritics included; what is
    not found stays in ``detail`` so nothing the card says is lost or changed.
    """
    text = clean_text(address)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if (issue_date is not None and issue_date < REFORM_DATE) or _names_old_units(parts):
        return AddressParts("", card_address=text)
    if len(parts) < 2:
        return AddressParts(text)
    province = admin_units.find_province(parts[-1])
    if province is None:
        return AddressParts(text)
    rest = parts[:-1]
    commune = admin_units.find_commune(province.code, rest[-1])
    if commune is None:
        return AddressParts(", ".join(rest), province.code)
    return AddressParts(", ".join(rest[:-1]), province.code, commune.code)


def _names_old_units(parts: list[str]) -> bool:
    """Whether a part between the commune and the province is a district or town of the old map."""
    return any(part.casefold().startswith(_DISTRICT_PREFIXES) for part in parts[1:-1])
