from __future__ import annotations

import random
from datetime import date

import phonenumbers
import pytest

from motcua_desktop.domain.contact import display_phone, normalise_email, normalise_phone
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.identity import (
    IdType,
    Sex,
    decode_personal_id,
    id_consistency_warnings,
    mask_id_number,
    normalise_id_number,
)
from motcua_desktop.domain.registration import APPLICANT


def test_valid_cccd_is_decoded() -> None:
    info = decode_personal_id(normalise_id_number(IdType.CCCD, "038 087 042 028"))
    assert (info.province_name, info.sex, info.birth_year) == ("Thanh Hóa", Sex.MALE, 1987)
    assert decode_personal_id("087184000999").sex is Sex.FEMALE


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("38087042028", "số 0 ở đầu"),  # Excel dropped the leading zero
        ("03808704202", "số 0 ở đầu"),
        ("0380870420281", "13 chữ số"),
        ("03808704202A", "không phải chữ số"),
        ("", "chưa nhập"),
    ],
)
def test_bad_cccd_names_the_field_and_the_fix(raw: str, hint: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_id_number(IdType.CCCD, raw, field=APPLICANT.part("id_number", "Số giấy tờ"))
    assert caught.value.key == "applicant.id_number"
    assert caught.value.message.startswith("Người nộp – Số giấy tờ: ")
    assert hint in caught.value.message


def test_other_document_types() -> None:
    assert normalise_id_number(IdType.CMND, "172 345 678") == "172345678"
    assert normalise_id_number(IdType.PASSPORT, "c1234567") == "C1234567"
    with pytest.raises(ValidationError):
        normalise_id_number(IdType.PASSPORT, "1234567")


def test_cross_check_with_birth_date_and_sex_only_warns() -> None:
    assert id_consistency_warnings("038087042028", date(1987, 3, 15), Sex.MALE) == []
    warnings = id_consistency_warnings("038087042028", date(1990, 3, 15), Sex.FEMALE)
    assert len(warnings) == 2
    assert "1987" in warnings[0] and "Nam" in warnings[1]
    assert "không có trong danh mục" in id_consistency_warnings("999087042028", None, Sex.UNKNOWN)[0]


def test_masking_for_lists() -> None:
    assert mask_id_number("038087042028") == "0380******28"


def test_phone_numbers() -> None:
    assert normalise_phone("091 234 5678") == "0912345678"
    assert normalise_phone("+84 912 345 678") == "0912345678"
    assert normalise_phone("024 3825 3535") == "02438253535"
    assert normalise_phone("") == ""
    assert display_phone("0912345678") == "0912 345 678"
    for bad in ("01234567890", "12345", "abc"):
        with pytest.raises(ValidationError) as caught:
            normalise_phone(bad)
        assert caught.value.key == "phone" and caught.value.label == "Số điện thoại"


def test_email() -> None:
    assert normalise_email(" An@Gmail.com ") == "an@gmail.com"
    with pytest.raises(ValidationError):
        normalise_email("an@")


def _phone_by_parser(text: str) -> str | None:
    """The plain definition: libphonenumber's parser for every input (None: refused)."""
    try:
        number = phonenumbers.parse(text.strip(), "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if number.country_code == 84:
        return "0" + str(number.national_number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_or_none(text: str) -> str | None:
    try:
        return normalise_phone(text)
    except ValidationError:
        return None


def test_phone_shortcut_agrees_with_the_parser() -> None:
    """Numbers typed as 0 + digits skip the generic parser; the result (or refusal) is the parser's,
    for every two-digit prefix after the 0, every length around the valid ones and the usual groupings."""
    rng = random.Random(20261122)
    cases = [
        "0912345678",
        "02438253535",
        "0000000000",
        "00912345678",
        "0912 345 678 ",
        "0912-345-678.",
        " 024.3825.3535",
    ]
    for prefix in range(100):
        for length in range(7, 13):  # total digits, the leading 0 included
            for _ in range(5):
                rest = "".join(rng.choice("0123456789") for _ in range(length - 3))
                digits = f"0{prefix:02d}{rest}"
                cases.append(digits)
                cases.append(f"{digits[:4]} {digits[4:7]} {digits[7:]}")
                cases.append(f"{digits[:3]}-{digits[3:6]}.{digits[6:]}")
    assert sum(_phone_by_parser(c) is not None for c in cases) > 400  # plenty of valid numbers among them
    for text in cases:
        assert _phone_or_none(text) == _phone_by_parser(text), text
