"""TCVN3 and VNI files are recognised whatever their size (one word is enough) and converted to
Unicode; Unicode and Windows-1258 files are never touched; a damaged legacy file is refused with
the fix (issue 14 item 8)."""

from __future__ import annotations

import io
import unicodedata

import openpyxl
import pytest

from motcua_desktop.domain.errors import FileProblem, FileProblems
from motcua_desktop.importers.catalogue_file import parse_catalogue
from motcua_desktop.importers.text_decoding import decode
from motcua_desktop.resource_files import resource_path

# Samples typed independently of the conversion tables (as the legacy fonts' bytes read back).
KNOWN = [
    ("§¨ng ký khai sinh", "TCVN3", "Đăng ký khai sinh"),
    ("Chøng thùc b¶n sao", "TCVN3", "Chứng thực bản sao"),
    ("B¶o Th¾ng", "TCVN3", "Bảo Thắng"),
    ("M\xadêng Kh\xad¬ng", "TCVN3", "Mường Khương"),
    ("§¡NG Ký KHAI SINH", "TCVN3", "ĐĂNG KÝ KHAI SINH"),  # the capital font .VnTimeH
    ("Ñaêng kyù khai sinh", "VNI", "Đăng ký khai sinh"),
    ("Hoä tòch", "VNI", "Hộ tịch"),
    ("Chöùng thöïc baûn sao", "VNI", "Chứng thực bản sao"),
    ("Xin chaøo caùc baïn", "VNI", "Xin chào các bạn"),
    ("ÑAÊNG KYÙ KHAI SINH", "VNI", "ĐĂNG KÝ KHAI SINH"),
]


@pytest.mark.parametrize(("legacy", "encoding", "unicode"), KNOWN)
def test_one_line_is_enough(legacy: str, encoding: str, unicode: str) -> None:
    found = decode((legacy + "\n").encode("cp1252"), "cu.csv")
    assert (found.encoding, found.text) == (encoding, unicode + "\n")


@pytest.mark.parametrize(("legacy", "encoding", "unicode"), KNOWN[:1] + KNOWN[5:6])
def test_legacy_text_resaved_as_utf8_is_converted_too(legacy: str, encoding: str, unicode: str) -> None:
    assert decode(legacy.encode("utf-8"), "cu.csv").text == unicode


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: base letters with their shape, tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        out += unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)).encode("cp1258")
        out += tones.encode("cp1258")
    return bytes(out)


def legacy_tables() -> dict[str, dict[str, bytes]]:
    """Unicode → legacy bytes for every letter, checked against ``KNOWN`` above before use."""
    from motcua_desktop.importers import text_decoding as td

    tcvn = {letter: bytes([code]) for code, letter in td._TCVN3.items()}
    for letter in list(tcvn):
        upper = letter.upper()
        tcvn.setdefault(upper, tcvn[letter])  # capitals of toned letters: the small codes
    vni: dict[str, bytes] = {}
    for single, letter in td._VNI_SINGLES.items():
        vni[letter] = single.encode("cp1252")
    for base, marks in td._VNI_MARKS.items():
        base_bytes = vni[base] if base in vni else base.encode("cp1252")
        for mark, combining in marks.items():
            vni.setdefault(unicodedata.normalize("NFC", base + combining), base_bytes + mark.encode("cp1252"))
    return {"TCVN3": tcvn, "VNI": vni}


def encode_legacy(text: str, encoding: str) -> bytes:
    """``text`` as typed with the legacy font (symbols the font has not become ``-``)."""
    table = legacy_tables()[encoding]
    return b"".join(table.get(ch) or ch.encode("cp1252", errors="replace").replace(b"?", b"-") for ch in text)


def test_the_tables_reproduce_the_known_samples() -> None:
    for legacy, encoding, unicode in KNOWN:
        if unicode.isupper() and encoding == "TCVN3":
            continue  # the capital font has no codes of its own for toned capitals
        assert encode_legacy(unicode, encoding) == legacy.encode("cp1252")


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_the_whole_starter_catalogue_converts_back_exactly(encoding: str) -> None:
    text = resource_path("data", "catalogue.csv").read_bytes().decode("utf-8")
    text = "".join(ch if ch.isalnum() or ch in " ,.;:()/\n|_-\"'" else "-" for ch in unicodedata.normalize("NFC", text))
    found = decode(encode_legacy(text, encoding), "danh_muc.csv")
    assert found.encoding == encoding
    original = parse_catalogue(text.encode("utf-8"), "danh_muc.csv").procedures
    converted = parse_catalogue(encode_legacy(text, encoding), "danh_muc.csv").procedures
    assert converted == original


@pytest.mark.parametrize(
    "text",
    [
        "ma,ten\n1,«Giấy khai sinh» Hộ tịch, Chứng thực bản sao, 5°C ± 2, § 3\n",
        "Hộ tịch\n",
        "1,Đăng ký\n",
        "Nguyễn Thị Ngọc Ánh, Phường Bắc Giang\n",
    ],
)
@pytest.mark.parametrize("codec", ["utf-8", "cp1258"])
def test_unicode_and_windows_1258_are_left_as_they_are(text: str, codec: str) -> None:
    data = text.encode("utf-8") if codec == "utf-8" else to_cp1258(text)
    assert decode(data, "x.csv").text == text


def test_a_damaged_legacy_file_is_refused_with_the_fix() -> None:
    damaged = "§¨ng ký¯ khai sinh¯, Hé tÞch¯\n".encode("cp1252")  # ¯ is no letter in TCVN3
    with pytest.raises(FileProblem, match="bảng mã cũ TCVN3") as refused:
        decode(damaged, "cu.csv")
    assert "Unikey" in refused.value.message and "Không có dữ liệu nào được ghi" in refused.value.message


def test_xlsx_cells_typed_with_a_legacy_font_are_converted() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ma_tthc", "ten_thu_tuc", "linh_vuc"])
    sheet.append(["1.001193", "§¨ng ký khai sinh", "Hé tÞch"])
    out = io.BytesIO()
    book.save(out)
    parsed = parse_catalogue(out.getvalue(), "cu.xlsx")
    assert [(p.name, p.field) for p in parsed.procedures] == [("Đăng ký khai sinh", "Hộ tịch")]


@pytest.mark.parametrize(("column", "limit"), [("linh_vuc", 200), ("ghi_chu", 4000), ("thanh_phan_ho_so", 10_000)])
def test_catalogue_cells_have_length_limits(column: str, limit: int) -> None:
    header = "ma_tthc,ten_thu_tuc,linh_vuc,ghi_chu,thanh_phan_ho_so\n"
    cells = {
        "ma_tthc": "1.001193",
        "ten_thu_tuc": "Đăng ký khai sinh",
        "linh_vuc": "Hộ tịch",
        "ghi_chu": "",
        "thanh_phan_ho_so": "",
    }
    cells[column] = "ă" * 100_000
    row = ",".join(cells[c] for c in header.strip().split(","))
    with pytest.raises(FileProblems, match=f"cột «{column}»: dài 100000 ký tự, quá giới hạn {limit}."):
        parse_catalogue((header + row + "\n").encode("utf-8"), "danh_muc.csv")
