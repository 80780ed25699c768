from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from motcua_desktop.domain.cccd_qr import BadCccdQr, looks_like_cccd_qr, parse_cccd_qr, split_address
from motcua_desktop.domain.identity import Sex
from tests.helpers.keyboards import telex, vni, windows_vietnamese_layout

QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"
QR_WOMAN = "001195012345||Trần Thị Ngọc Ánh|02011995|Nữ|Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội|28022022"


def test_parses_the_seven_fields() -> None:
    data = parse_cccd_qr(QR + "\r\n")
    assert data.id_number == "038087042028"
    assert data.old_id_number == "173456789"
    assert data.full_name == "Nguyễn Văn An"
    assert data.birth_date == date(1987, 3, 15)
    assert data.sex is Sex.MALE
    assert data.address.startswith("Thôn Phú Lâm")
    assert data.issue_date == date(2021, 7, 10)


def test_empty_old_id_upper_case_name_and_extra_fields() -> None:
    data = parse_cccd_qr(QR_WOMAN.replace("Trần Thị Ngọc Ánh", "TRẦN THỊ NGỌC ÁNH") + "|extra|")
    assert data.old_id_number == ""
    assert data.full_name == "Trần Thị Ngọc Ánh"
    assert data.sex is Sex.FEMALE and data.birth_date == date(1995, 1, 2)


@pytest.mark.parametrize("payload", [QR, QR_WOMAN])
def test_through_telex_precomposed_and_decomposed(payload: str) -> None:
    expected = parse_cccd_qr(payload)
    for typed in (telex(payload), telex(payload, decomposed=True)):
        data = parse_cccd_qr(typed)
        assert data == expected
        assert unicodedata.is_normalized("NFC", data.full_name + data.address)


def test_decomposed_input_gives_precomposed_fields() -> None:
    data = parse_cccd_qr(unicodedata.normalize("NFD", QR_WOMAN))
    assert data.full_name == "Trần Thị Ngọc Ánh" and len(data.full_name) == len("Trần Thị Ngọc Ánh")


@pytest.mark.parametrize("payload", [QR, QR_WOMAN])
def test_windows_vietnamese_layout_digits_are_recovered(payload: str) -> None:
    typed = windows_vietnamese_layout(payload)
    assert "038087042028" not in typed  # the layout really did change the digits
    assert parse_cccd_qr(typed) == parse_cccd_qr(payload)


def test_vni_that_ends_words_at_the_separator_changes_nothing() -> None:
    assert parse_cccd_qr(vni(QR)) == parse_cccd_qr(QR)


def test_vni_that_swallows_a_digit_is_reported_not_guessed() -> None:
    typed = vni(QR, pipe_ends_word=False)
    assert typed != QR
    with pytest.raises(BadCccdQr) as caught:
        parse_cccd_qr(typed)
    assert "tiếng Anh (E)" in caught.value.message  # tells the clerk what to do


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ("", "chưa có dữ liệu"),
        ("038087042028", "7 trường"),
        ("03808704202|x|Nguyễn Văn An|15031987|Nam|Thôn|10072021", "12 chữ số"),
        ("038087042028|12345|Nguyễn Văn An|15031987|Nam|Thôn|10072021", "CMND cũ"),
        ("038087042028||Nguyễn Văn An|1503198|Nam|Thôn|10072021", "ngày sinh"),
        ("038087042028||Nguyễn Văn An|31021987|Nam|Thôn|10072021", "không có thật"),
        ("038087042028||Nguyễn Văn An|15031987|Khác|Thôn|10072021", "giới tính"),
        ("038087042028||12345|15031987|Nam|Thôn|10072021", "họ và tên"),
        ("038087042028||Nguyễn Văn An|15031987|Nam|Thôn|10071980", "ngày cấp trước ngày sinh"),
    ],
)
def test_malformed_scans_say_what_is_wrong(payload: str, problem: str) -> None:
    with pytest.raises(BadCccdQr, match=problem):
        parse_cccd_qr(payload)


def test_looks_like_a_scan() -> None:
    assert looks_like_cccd_qr(QR)
    assert not looks_like_cccd_qr("Nguyễn Văn An")


def test_address_split_into_form_fields() -> None:
    parts = split_address("Số 12, thôn Phú Lâm, Phường Đông Tiến, Thanh Hóa", date(2025, 9, 1))
    assert (parts.province_code, parts.commune_code, parts.detail) == ("38", "15853", "Số 12, thôn Phú Lâm")
    assert parts.card_address == ""
    look_alike = split_address(
        "Thôn Phú Lâm, Xã Đông Tiến, Thanh Hóa"
    )  # no such unit: Phường Đông Tiến or Xã Đồng Tiến
    assert look_alike.commune_code == "" and look_alike.detail == "Thôn Phú Lâm, Xã Đông Tiến"
    unknown = split_address("Thôn Phú Lâm, Xã Không Có, Tỉnh Thanh Hóa")
    assert unknown.province_code == "38" and unknown.commune_code == ""
    assert unknown.detail == "Thôn Phú Lâm, Xã Không Có"
    assert split_address("Ấp 3, Tỉnh Không Có").detail == "Ấp 3, Tỉnh Không Có"
    assert split_address("Ấp 3").province_code == ""


@pytest.mark.parametrize(
    ("address", "issued"),
    [
        ("Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa", date(2021, 7, 10)),  # district named
        ("Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa", None),  # issue date unknown
        ("Tổ 3, Phường Đông Vệ, Thành phố Thanh Hóa, Thanh Hóa", None),  # a provincial city of the old map
        ("Thôn 2, Xã Quảng Tâm, Thanh Hóa", date(2024, 5, 2)),  # issued before 1/7/2025: old map
    ],
)
def test_old_card_address_is_kept_as_printed_never_mapped(address: str, issued: date | None) -> None:
    parts = split_address(address, issued)
    assert parts.card_address == address  # whole, district included
    assert (parts.province_code, parts.commune_code, parts.detail) == ("", "", "")
