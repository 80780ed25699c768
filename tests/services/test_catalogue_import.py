from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
import xlsxwriter

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import FileProblem, FileProblems, PermissionDenied
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.catalogue import get_procedure, import_catalogue
from tests.factories import birth_registration, context

HEADER = "ma_tthc,ten_thu_tuc,linh_vuc,loai_thoi_han,thoi_han,gio_cat,le_phi,thanh_phan_ho_so\n"
ROWS = (
    "1.001193,Đăng ký khai sinh,Hộ tịch,TRONG_NGAY,,15:00,Miễn,Tờ khai | Giấy chứng sinh\n"
    "9.000001,Chứng thực chữ ký người dịch,Chứng thực,NGAY_LAM_VIEC,2.5,,10000,Bản dịch\n"
)


@pytest.fixture
def admin(office_store, clock):  # type: ignore[no-untyped-def]
    return context(office_store, clock, role=Role.ADMIN, username="admin2")


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """What Excel on a Vietnamese Windows writes: letters like ă, ơ precomposed, tones as combining marks."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
            out += (base + "".join(c for c in decomposed if c in TONES)).encode("cp1258")
    return out


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1258", b""), ("utf-16", b"")],
)
def test_encodings_are_detected_and_text_is_nfc(admin, tmp_path, encoding, prefix) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + ROWS
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    assert encoding != "cp1258" or b"\xd2" in data  # really uses a combining tone byte
    path = write(tmp_path, "danh-muc.csv", prefix + data)
    result = import_catalogue(admin, path)
    assert result.change.added == 1 and result.change.updated == 1  # 1.001193 changed, 9.000001 is new
    procedure = get_procedure(admin, "9.000001")
    assert procedure.name == "Chứng thực chữ ký người dịch"
    assert unicodedata.is_normalized("NFC", procedure.name)
    assert str(procedure.duration.amount) == "2.5" and procedure.fee_amount == 10000


def test_xlsx_import(admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Danh mục")
    for r, line in enumerate((HEADER + ROWS).splitlines()):
        for c, value in enumerate(line.split(",")):
            sheet.write(r, c, value)
    sheet.write_number(2, 4, 2.5)  # a real number cell
    book.close()
    result = import_catalogue(admin, write(tmp_path, "danh-muc.xlsx", buffer.getvalue()))
    assert result.change.added == 1
    assert get_procedure(admin, "9.000001").duration.amount == 2.5


def test_bad_rows_name_row_and_column_and_nothing_is_written(admin, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = HEADER + ROWS + "1.00119,Tên,Hộ tịch,,,,\n" + ",,Hộ tịch,NGAY,x,,\n"
    events = office_store.events.count()
    with pytest.raises(FileProblems) as caught:
        import_catalogue(admin, write(tmp_path, "loi.csv", bad.encode()))
    text = caught.value.message
    assert "dòng 4, cột «ma_tthc»" in text and "Excel" in text
    assert "dòng 5, cột «ten_thu_tuc»" in text and "dòng 5, cột «thoi_han»" in text
    assert "Không có dữ liệu nào được ghi" in text
    assert office_store.events.count() == events
    assert office_store.catalogue.get_current("9.000001") is None


def test_legacy_tcvn3_file_is_converted_and_a_damaged_one_refused(admin, tmp_path, office_store) -> None:  # type: ignore[no-untyped-def]
    # "Đăng ký khai sinh" etc. typed with the .VnTime font: bytes read back as Latin-1 lookalikes.
    tcvn3 = HEADER + "9.000777,§¨ng ký khai sinh l\xadu ®éng,Hé tÞch,,,,,\n"
    import_catalogue(admin, write(tmp_path, "cu.csv", tcvn3.encode("cp1252")))
    converted = office_store.catalogue.get_current("9.000777")
    assert converted is not None and (converted.name, converted.field) == ("Đăng ký khai sinh lưu động", "Hộ tịch")
    damaged = HEADER + "9.000778,§¨ng ký¯ khai sinh¯,Hé tÞch,,,,,\n"  # ¯ is no letter in TCVN3
    with pytest.raises(FileProblem, match="TCVN3"):
        import_catalogue(admin, write(tmp_path, "hong.csv", damaged.encode("cp1252")))
    assert office_store.catalogue.get_current("9.000778") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "rỗng"),
        (HEADER.encode(), "chỉ có dòng tiêu đề"),
        (b"a,b\n1,2\n", "không tìm thấy dòng tiêu đề"),
        (b"PK\x03\x04broken", "Excel bị hỏng"),
    ],
)
def test_unusable_files(admin, tmp_path, data, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FileProblem, match=message):
        import_catalogue(admin, write(tmp_path, "x.csv", data))


def test_dossier_keeps_the_version_it_was_received_under(admin, office_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = context(office_store, clock)
    before = register(clerk, birth_registration()).dossier
    renamed = HEADER + "1.001193,Đăng ký khai sinh (mẫu mới),Hộ tịch,TRONG_NGAY,,15:00,Miễn,Tờ khai\n"
    import_catalogue(admin, write(tmp_path, "moi.csv", renamed.encode()))
    assert get_procedure(admin, "1.001193").version == 2
    from motcua_desktop.services.dossiers.lookup import load_dossier

    assert load_dossier(office_store, before.uuid).procedure.name == "Đăng ký khai sinh"
    assert register(clerk, birth_registration()).dossier.procedure.name == "Đăng ký khai sinh (mẫu mới)"


def test_only_administrators_import(office_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = context(office_store, clock)
    with pytest.raises(PermissionDenied):
        import_catalogue(clerk, write(tmp_path, "a.csv", (HEADER + ROWS).encode()))
