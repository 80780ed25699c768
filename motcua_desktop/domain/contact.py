"""Phone numbers and e-mail addresses, validated with Google's libphonenumber data (imported on first use)."""

from __future__ import annotations

import re

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.fields import EMAIL, fold_digits, invisible_character, shown

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A number typed the usual way: national prefix 0, then 8–10 digits not starting with 0, grouped
# with spaces, dots or dashes at most. For these ``phonenumbers.parse(text, "VN")`` always gives
# country code 84 and the digits after the 0 (VN numbers never start with 0, so the prefix is
# always stripped, and 8–10 digits are possible lengths); building that number directly skips the
# generic parser, the larger part of validating a registration form's phone.
_NATIONAL = re.compile(r"0[1-9][0-9]{7,9}")
_GROUPING = str.maketrans("", "", " .-")
# What a typed phone number may contain once digits are folded to ASCII: libphonenumber would
# also read letters (``1-800-FLOWERS``), which on a citizen's record is a typing mistake.
_PHONE_CHARS = re.compile(r"\+?[0-9 .()\-]+")


def normalise_phone(raw: str, *, field: str = "Số điện thoại") -> str:
    """Vietnamese national format (``0912345678``); empty stays empty; raises ValidationError."""
    text = fold_digits((raw or "").strip())
    if not text:
        return ""
    if invisible_character(text) is not None or not _PHONE_CHARS.fullmatch(text) or len(text) > 30:
        raise ValidationError(field, f"«{shown(raw)}» không phải số điện thoại.", "Chỉ gõ chữ số, ví dụ: 0912 345 678.")
    import phonenumbers  # on first use: its metadata costs ~40 ms, not needed to open the window

    digits = text.translate(_GROUPING)
    if _NATIONAL.fullmatch(digits):
        number = phonenumbers.PhoneNumber(country_code=84, national_number=int(digits[1:]))
    else:
        try:
            number = phonenumbers.parse(text, "VN")
        except phonenumbers.NumberParseException:
            raise ValidationError(field, f"«{shown(raw)}» không phải số điện thoại.", "Ví dụ: 0912 345 678.") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            field,
            f"«{shown(raw)}» không phải số điện thoại hợp lệ ở Việt Nam.",
            "Di động có 10 chữ số (ví dụ 0912 345 678); số cố định gồm mã vùng (ví dụ 024 3825 3535).",
        )
    if number.country_code == 84:
        return "0" + str(number.national_number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(number: str) -> str:
    """``0912345678`` → ``0912 345 678``."""
    if len(number) == 10 and number.isdigit():
        return f"{number[:4]} {number[4:7]} {number[7:]}"
    return number


def normalise_email(raw: str, *, field: str = "Thư điện tử") -> str:
    text = (raw or "").strip()
    if not text:
        return ""
    if not _EMAIL.match(text) or len(text) > EMAIL or invisible_character(text) is not None:
        raise ValidationError(field, f"«{shown(raw)}» không phải địa chỉ thư điện tử.", "Ví dụ: ten@gmail.com.")
    return text.lower()
