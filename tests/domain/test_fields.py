"""Typed and scanned fields: digits of any script folded or refused, amounts the Vietnamese way,
invisible characters refused (never silently removed), a length limit per field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua_desktop.domain import fields
from motcua_desktop.domain.contact import normalise_phone
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.identity import IdType, normalise_id_number


@pytest.mark.parametrize(
    "typed",
    [
        "038187042030",
        "０３８１８７０４２０３０",  # fullwidth (an IME in full-width mode)
        "٠٣٨١٨٧٠٤٢٠٣٠",  # Arabic-Indic
        "۰۳۸۱۸۷۰۴۲۰۳۰",  # extended Arabic-Indic (Persian keyboards)
        "०३८१८७०४२०३०",  # Devanagari
        "038 187 042 030",
    ],
)
def test_identity_digits_of_any_script_are_folded_to_ascii(typed: str) -> None:
    assert normalise_id_number(IdType.CCCD, typed) == "038187042030"


@pytest.mark.parametrize(
    "typed", ["03818704203²", "03818704203①", "0381870420½0", "038187042O30", "0381870\u200b42030"]
)
def test_digit_look_alikes_and_invisible_characters_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        normalise_id_number(IdType.CCCD, typed, field="Người nộp – Số giấy tờ")
    assert refused.value.field == "Người nộp – Số giấy tờ"


def test_cmnd_and_passport_fold_digits_too() -> None:
    assert normalise_id_number(IdType.CMND, "０３８１８７０４２") == "038187042"
    assert normalise_id_number(IdType.PASSPORT, "b１２３４５６７") == "B1234567"
    with pytest.raises(ValidationError):
        normalise_id_number(IdType.CMND, "03818704²")


def test_phone_digits_are_folded_and_letters_refused() -> None:
    assert normalise_phone("０９１２ ３４５ ６７８") == "0912345678"
    for bad in ("0912 345 67²", "0912-FLOWERS", "0912\u200b345678"):
        with pytest.raises(ValidationError) as refused:
            normalise_phone(bad, field="Số điện thoại")
        assert refused.value.field == "Số điện thoại"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("50000", 50_000),
        ("50.000", 50_000),
        ("50.000đ", 50_000),
        ("50.000 đồng", 50_000),
        ("1.500.000", 1_500_000),
        ("50 000", 50_000),
        ("５０.０００", 50_000),
        ("0", 0),
        ("", None),
        ("  ", None),
    ],
)
def test_amounts_are_read_the_vietnamese_way(typed: str, amount: int | None) -> None:
    assert fields.parse_vnd(typed, "Phí, lệ phí") == amount


@pytest.mark.parametrize(
    "typed", ["1.5", "50.00", "50,000", "1,5", "-5", "5.0000", "1.500.00", "5²", "năm mươi", "1e5"]
)
def test_ambiguous_or_wrong_amounts_are_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        fields.parse_vnd(typed, "Phí, lệ phí")
    assert refused.value.field == "Phí, lệ phí"
    assert "50.000" in refused.value.fix or "Tối đa" in refused.value.fix


def test_whole_numbers_fold_digits_and_refuse_signs_and_look_alikes() -> None:
    assert fields.parse_whole_number("３", "Số quầy", minimum=1, maximum=10) == 3
    for bad in ("-1", "+3", "2.5", "²", "99999999999999999999", "0"):
        with pytest.raises(ValidationError):
            fields.parse_whole_number(bad, "Số quầy", minimum=1, maximum=10)


@pytest.mark.parametrize(
    "hidden", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\x1b", "\x00", "\u202e", "\udcff", "\ue000"]
)
def test_invisible_characters_in_a_name_are_refused_not_removed(hidden: str) -> None:
    with pytest.raises(ValidationError) as refused:
        fields.person_name(f"Nguyễn{hidden} Văn An", "Người nộp – Họ và tên")
    assert refused.value.field == "Người nộp – Họ và tên"
    assert "vị trí 7" in refused.value.problem


def test_names_are_normalised_as_shown_and_checked() -> None:
    assert fields.person_name("  nguyễn   thị\tđào ", "Họ và tên") == "Nguyễn Thị Đào"
    assert fields.person_name("Nguye\u0302\u0303n An", "Họ và tên") == "Nguyễn An"  # NFD typed: stored NFC
    for bad in ("Nguyễn Văn 3", "An <b>", "---"):
        with pytest.raises(ValidationError):
            fields.person_name(bad, "Họ và tên")


def test_every_field_has_a_length_limit() -> None:
    assert fields.clean_field("a" * fields.SHORT_TEXT, "Nơi lưu", limit=fields.SHORT_TEXT)
    with pytest.raises(ValidationError, match="Tối đa 200 ký tự"):
        fields.clean_field("a" * (fields.SHORT_TEXT + 1), "Nơi lưu", limit=fields.SHORT_TEXT)
    assert fields.clean_field("dòng 1\r\n  dòng   2 ", "Ghi chú", limit=50, multiline=True) == "dòng 1\ndòng 2"


@given(st.text(max_size=30))
def test_fold_digits_leaves_only_ascii_digits_where_a_decimal_digit_was(text: str) -> None:
    folded = fields.fold_digits(text)
    assert len(folded) == len(text)
    for before, after in zip(text, folded, strict=True):
        if before.isdecimal():
            assert after in "0123456789"
        else:
            assert after == before
