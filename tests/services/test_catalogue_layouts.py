"""Every catalogue layout is read as published (the national database's XLSX and CSV exports, a
province's published list, the program's own export), and an import is a merge that never loses
the office's own fields."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.catalogue_merge import LOCAL_FIELDS
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.errors import ConflictError
from motcua_desktop.importers.catalogue_file import parse_catalogue
from motcua_desktop.services.office.catalogue import (
    export_catalogue,
    get_procedure,
    import_catalogue,
    list_procedures,
    preview_import,
    set_local_fields,
)
from motcua_desktop.storage import open_store
from tests.factories import context, set_up_office


@pytest.fixture
def admin(office_store, clock):  # type: ignore[no-untyped-def]
    return context(office_store, clock, role=Role.ADMIN, username="admin2")


def national_xlsx() -> bytes:
    """The national procedure database's export: title rows, a two-row header with merged cells, a
    numbering row, a sector merged down its procedures, full codes with the agency suffix."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách TTHC"
    sheet["A1"] = "CƠ SỞ DỮ LIỆU QUỐC GIA VỀ THỦ TỤC HÀNH CHÍNH"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "DANH SÁCH THỦ TỤC HÀNH CHÍNH"
    sheet.merge_cells("A2:F2")
    sheet["A3"] = "Cơ quan: UBND tỉnh Thanh Hóa – Cấp thực hiện: Cấp Xã – Ngày xuất: 01/12/2026"
    sheet.merge_cells("A3:F3")
    for column, heading in zip("ADEF", ("STT", "Lĩnh vực", "Cơ quan thực hiện", "Thời hạn giải quyết"), strict=True):
        sheet[f"{column}5"] = heading
        sheet.merge_cells(f"{column}5:{column}6")
    sheet["B5"] = "Thông tin thủ tục"
    sheet.merge_cells("B5:C5")
    sheet["B6"], sheet["C6"] = "Mã thủ tục", "Tên thủ tục"
    for i, column in enumerate("ABCDEF", 1):
        sheet[f"{column}7"] = f"({i})"
    rows = [
        (1, "1.001193.000.00.00.H56", "Đăng ký khai sinh", "Hộ tịch", "UBND xã", "Trong ngày"),
        (2, "1.004873.000.00.00.H56", "Cấp Giấy xác nhận tình trạng hôn nhân", None, "UBND xã", "03 ngày làm việc"),
        (3, "1.001022.000.00.00.H56", "Đăng ký nhận cha, mẹ, con", None, "UBND xã", "03 ngày làm việc"),
        (4, "2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", "UBND xã", "Trong ngày"),
        (5, "1.012812", "Hòa giải tranh chấp đất đai", "Đất đai", "UBND xã", "Không quá 30 ngày"),
        (
            6,
            "9.100001",
            "Thủ tục mới của năm 2026",
            "Đất đai",
            "UBND xã",
            "10 ngày làm việc; 15 ngày nếu phải xác minh",
        ),
    ]
    for r, values in enumerate(rows, 8):
        for column, value in zip("ABCDEF", values, strict=True):
            if value is not None:
                sheet[f"{column}{r}"] = value
    sheet.merge_cells("D8:D10")  # "Hộ tịch" over its three procedures
    sheet["A15"] = "Tổng số: 6 thủ tục"
    sheet.merge_cells("A15:F15")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


NATIONAL_CSV = (
    "\ufeffDANH SÁCH THỦ TỤC HÀNH CHÍNH,,,,\n"
    "Cấp thực hiện: Cấp Xã,,,,\n"
    ",,,,\n"
    "STT,Mã thủ tục,Tên thủ tục,Lĩnh vực,Cơ quan thực hiện\n"
    "1,1.001193,Đăng ký khai sinh,Hộ tịch,UBND xã\n"
    '2,2.000884,"Chứng thực chữ ký trong giấy tờ, văn bản",Chứng thực,UBND xã\n'
)

PROVINCIAL_CSV = """DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ;;;;;;
(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 01/7/2025 của Chủ tịch UBND tỉnh);;;;;;
TT;Tên thủ tục hành chính;Mã số TTHC;Thời hạn giải quyết;Địa điểm thực hiện;Phí, lệ phí (nếu có);Căn cứ pháp lý
A. THỦ TỤC HÀNH CHÍNH CẤP XÃ;;;;;;
I. LĨNH VỰC HỘ TỊCH;;;;;;
1;Đăng ký kết hôn;1.000894;Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo;Trung tâm Phục vụ hành chính công xã;Miễn lệ phí;Luật Hộ tịch 2014
2;Cấp bản sao trích lục hộ tịch;2.000635;Trong ngày;Trung tâm Phục vụ hành chính công xã;8.000 đồng/bản;Thông tư 85/2019/TT-BTC
II. LĨNH VỰC CHỨNG THỰC;;;;;;
1;Chứng thực chữ ký trong giấy tờ, văn bản;2.000884;Trong ngày;Trung tâm Phục vụ hành chính công xã;10.000 đồng;Nghị định 23/2015/NĐ-CP
"""
PROVINCIAL_CSV = PROVINCIAL_CSV.replace(
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
    '"Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"',
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_national_xlsx_with_title_rows_and_merged_cells() -> None:
    parsed = parse_catalogue(national_xlsx(), "dvc-quoc-gia.xlsx")
    assert parsed.layout == "national"
    by_code = {p.code: p for p in parsed.procedures}
    assert list(by_code) == ["1.001193", "1.004873", "1.001022", "2.000815", "1.012812", "9.100001"]
    assert by_code["1.001193"].alt_code == "1.001193.000.00.00.H56"  # the full code is kept beside the national one
    assert {by_code[c].field for c in ("1.001193", "1.004873", "1.001022")} == {"Hộ tịch"}  # merged down
    assert by_code["1.001193"].duration == Duration(DurationUnit.SAME_DAY)
    assert by_code["1.004873"].duration == Duration(DurationUnit.WORKING_DAYS, Decimal(3))
    assert by_code["1.012812"].duration == Duration(DurationUnit.CALENDAR_DAYS, Decimal(30))
    assert by_code["9.100001"].duration is None  # two periods in the text: not guessed
    assert by_code["9.100001"].duration_note.startswith("10 ngày làm việc")
    assert any("9.100001" in w or "Thủ tục mới" in w for w in parsed.warnings)
    assert any("Tổng số" in w for w in parsed.warnings)  # the total row is not a procedure
    assert by_code["1.004873"].duration_source == "Tệp «dvc-quoc-gia.xlsx»"


def test_national_csv_with_title_lines() -> None:
    parsed = parse_catalogue(NATIONAL_CSV.encode("utf-8"), "dvc-quoc-gia.csv")
    assert parsed.layout == "national"
    assert [(p.code, p.name, p.field) for p in parsed.procedures] == [
        ("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
        ("2.000884", "Chứng thực chữ ký trong giấy tờ, văn bản", "Chứng thực"),
    ]
    assert all(p.duration is None for p in parsed.procedures)  # the file has no time limits
    assert all("duration" not in row.carried for row in parsed.incoming)


def test_provincial_list_with_sector_rows_and_time_limits_in_words() -> None:
    parsed = parse_catalogue(PROVINCIAL_CSV.encode("utf-8"), "qd-1234-ubnd.csv")
    assert parsed.layout == "provincial"
    by_code = {p.code: p for p in parsed.procedures}
    assert by_code["1.000894"].field == by_code["2.000635"].field == "Hộ tịch"
    assert by_code["2.000884"].field == "Chứng thực"
    assert by_code["1.000894"].duration == Duration(DurationUnit.SAME_DAY)
    assert (by_code["1.000894"].fee_amount, by_code["2.000635"].fee_amount, by_code["2.000884"].fee_amount) == (
        0,
        None,  # per copy: kept as a note, never a printed amount
        10000,
    )
    assert by_code["2.000635"].fee_text == "8.000 đồng/bản"
    assert by_code["1.000894"].legal_basis == "Luật Hộ tịch 2014"
    assert not any(p.name.startswith(("A.", "I.", "II.")) for p in parsed.procedures)


def test_our_own_export_round_trips_with_the_local_fields(admin, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    set_local_fields(admin, "1.004873", duration_unit="NGAY_LAM_VIEC", duration_amount="2", basis="QĐ 1234/QĐ-UBND")
    set_local_fields(admin, "1.001193", fee="0", documents=["Tờ khai", "Giấy chứng sinh"], basis="QĐ 1234/QĐ-UBND")
    data = export_catalogue(admin)
    assert data.startswith("\ufeff".encode())
    parsed = parse_catalogue(data, "xuat.csv")
    assert parsed.layout == "ours"
    again = preview_import(admin, write(tmp_path, "xuat.csv", data))
    assert again.plan.changes == () and again.plan.unchanged == 85  # importing an export back changes nothing
    other = open_store(tmp_path / "quay-2.db")  # another counter: the export carries the office's own fields
    try:
        set_up_office(other, clock)
        other_admin = context(other, clock, role=Role.ADMIN, username="admin2")
        import_catalogue(other_admin, write(tmp_path, "xuat.csv", data))
        copied = get_procedure(other_admin, "1.004873")
        assert copied.local_duration == Duration(DurationUnit.WORKING_DAYS, Decimal(2))
        assert copied.effective_duration == copied.local_duration and copied.local_basis == "QĐ 1234/QĐ-UBND"
        assert get_procedure(other_admin, "1.001193").effective_documents == ("Tờ khai", "Giấy chứng sinh")
    finally:
        other.close()


def test_an_import_keeps_every_local_field_and_records_what_changed(admin, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    local = {
        "1.004873": dict(duration_unit="NGAY_LAM_VIEC", duration_amount="2", basis="QĐ 1/QĐ-UBND"),
        "1.001193": dict(fee="0", documents=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"], basis="QĐ 2/QĐ-UBND"),
        "1.001022": dict(fee="15000", basis="Nghị quyết 3/NQ-HĐND"),
        "2.000815": dict(duration_unit="TRONG_NGAY", cutoff="16:00", basis="QĐ 4/QĐ-UBND"),
    }
    for key, fields in local.items():
        set_local_fields(admin, key, **fields)  # type: ignore[arg-type]
    before = {p.key: p for p in list_procedures(admin)}
    path = write(tmp_path, "dvc.xlsx", national_xlsx())
    preview = preview_import(admin, path)
    assert (preview.plan.added, preview.plan.retired) == (1, 0)
    changed = {c.key: {f.field for f in c.fields} for c in preview.plan.of_kind("changed")}
    # the same 3 working days, now from the national file: no longer a recalled figure
    assert {"duration_source", "alt_code"} <= changed["1.004873"] and "duration" not in changed["1.004873"]
    assert not any(LOCAL_FIELDS & fields for fields in changed.values())  # the preview shows no local field changing
    result = import_catalogue(admin, path, confirm=preview.token)
    assert result.change.added == 1
    after = {p.key: p for p in list_procedures(admin)}
    for key, procedure in before.items():
        for name in LOCAL_FIELDS:
            assert getattr(after[key], name) == getattr(procedure, name), (key, name)
    assert after["1.004873"].duration == Duration(DurationUnit.WORKING_DAYS, Decimal(3))  # statutory, from the file
    assert after["1.004873"].duration_confirmed  # the national file establishes it
    assert after["1.004873"].effective_duration == Duration(DurationUnit.WORKING_DAYS, Decimal(2))  # the local promise
    assert after["1.001193"].documents == before["1.001193"].documents  # the file has no documents: kept
    assert after["2.000815"].fee_text == before["2.000815"].fee_text
    row = office_store.db.execute(
        "SELECT payload FROM events WHERE kind = ? ORDER BY id DESC LIMIT 1", [ev.CATALOGUE_IMPORTED]
    ).fetchone()
    payload = json.loads(row[0])
    assert payload["added_keys"] == ["9.100001"]
    assert "duration_source" in payload["changed_fields"]["1.004873"]
    assert payload["sha256"] and payload["file"] == "dvc.xlsx"


def test_a_preview_no_longer_matching_applies_nothing(admin, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "dvc.csv", NATIONAL_CSV.encode("utf-8"))
    preview = preview_import(admin, path)
    set_local_fields(admin, "1.001193", fee="0", basis="QĐ 2/QĐ-UBND")  # the catalogue changed since
    versions = office_store.db.execute("SELECT count(*) FROM procedures").fetchone()[0]
    with pytest.raises(ConflictError, match="xem trước lại"):
        import_catalogue(admin, path, confirm=preview.token)
    assert office_store.db.execute("SELECT count(*) FROM procedures").fetchone()[0] == versions


def test_a_local_time_longer_than_the_statutory_one_is_refused(admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception, match="dài hơn thời hạn theo quy định"):
        set_local_fields(admin, "2.000756", duration_unit="NGAY_LAM_VIEC", duration_amount="5", basis="QĐ 1")
    with pytest.raises(Exception, match="Căn cứ của địa phương"):
        set_local_fields(admin, "1.001193", fee="8000")
