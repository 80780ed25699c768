from __future__ import annotations

from datetime import date

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
        normalise_id_number(IdType.CCCD, raw, field="Người nộp – Số giấy tờ")
    assert caught.value.field == "Người nộp – Số giấy tờ"
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
        assert caught.value.field == "Số điện thoại"


def test_email() -> None:
    assert normalise_email(" An@Gmail.com ") == "an@gmail.com"
    with pytest.raises(ValidationError):
        normalise_email("an@")
