"""Calendar file parsing: the shipped file, encodings, and every kind of bad row."""

from __future__ import annotations

import pytest

from motcua_desktop.domain.calendar import DayKind, DayOrigin, DayStatus, parse_calendar_csv
from motcua_desktop.domain.errors import FileProblems
from motcua_desktop.resource_files import resource_path
from tests.domain.calendar_support import REPORTED_NAME, SHIPPED_NAME, d

HEADER = "date,kind,name,status,source\n"
YEAR_2028 = (
    "2028-01-01,holiday,Tết Dương lịch,official,Điều 112\n"
    "2028-04-30,holiday,Ngày Chiến thắng,official,Điều 112\n"
    "2028-05-01,holiday,Ngày Quốc tế lao động,official,Điều 112\n"
    "2028-09-02,holiday,Quốc khánh,official,Điều 112\n"
)


def _parse(text: str, name: str = "lich-2028.csv") -> tuple:
    return parse_calendar_csv(text.encode("utf-8"), name)


def _problems(text: str | bytes, name: str = "lich-2028.csv") -> FileProblems:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with pytest.raises(FileProblems) as caught:
        parse_calendar_csv(data, name)
    return caught.value


def test_shipped_file_parses() -> None:
    rows = parse_calendar_csv(
        resource_path("calendar", SHIPPED_NAME).read_bytes(), SHIPPED_NAME, origin=DayOrigin.SHIPPED
    )
    assert len(rows) == 44
    assert {r.day.year for r in rows} == {2025, 2026, 2027}
    by_day = {r.day: r for r in rows}
    assert by_day[d("2026-01-02")].kind is DayKind.SWAP_OFF
    assert by_day[d("2026-01-10")].kind is DayKind.MAKEUP_WORKDAY
    # Thông báo 9441/TB-BNV: Mon 31/8 off, worked back on Sat 22/8/2026 (time.md §7.8)
    assert (by_day[d("2026-08-31")].kind, by_day[d("2026-08-31")].status) == (DayKind.SWAP_OFF, DayStatus.OFFICIAL)
    assert (by_day[d("2026-08-22")].kind, by_day[d("2026-08-22")].status) == (
        DayKind.MAKEUP_WORKDAY,
        DayStatus.OFFICIAL,
    )
    assert d("2026-11-23") not in by_day and d("2026-11-28") not in by_day  # that swap was not adopted
    assert by_day[d("2027-02-10")].status is DayStatus.COMPUTED
    assert all(r.origin is DayOrigin.SHIPPED for r in rows)
    assert [r.day for r in rows] == sorted(by_day)


def test_reported_2027_file_lists_the_whole_year_with_what_is_only_reported() -> None:
    rows = parse_calendar_csv(resource_path("calendar", REPORTED_NAME).read_bytes(), REPORTED_NAME)
    reported = {r.day for r in rows if r.status is DayStatus.REPORTED}
    tet = {d(f"2027-02-{n:02d}") for n in range(4, 11)}
    assert reported == tet | {d("2027-09-03")}  # Công văn 10065/VPCP-KGVX (time.md §7.8)
    assert all("10065/VPCP-KGVX" in r.source for r in rows if r.status is DayStatus.REPORTED)
    reference = parse_calendar_csv(resource_path("calendar", SHIPPED_NAME).read_bytes(), SHIPPED_NAME)
    computed = {(r.day, r.kind, r.status) for r in rows if r.status is DayStatus.COMPUTED}
    # Apart from the computed Tết placement it replaces, the year is the reference's.
    expected = {(r.day, r.kind, r.status) for r in reference if r.day.year == 2027}
    assert computed == {row for row in expected if row[0] not in tet | {d("2027-02-11")}}


def test_shipped_file_matches_the_shared_reference() -> None:
    shipped = resource_path("calendar", SHIPPED_NAME)
    root = shipped.parents[2]
    candidates = [base / "shared" / "domain" / SHIPPED_NAME for base in (root.parent, root.parent.parent)]
    shared = next((path for path in candidates if path.exists()), None)
    if shared is None:
        pytest.skip("the shared reference folder is not beside this checkout")
    assert shipped.read_bytes() == shared.read_bytes()


def test_bom_and_crlf_are_accepted() -> None:
    data = ("\ufeff" + HEADER + YEAR_2028).replace("\n", "\r\n").encode("utf-8")
    rows = parse_calendar_csv(data, "lich.csv")
    assert len(rows) == 4
    assert rows[0].day == d("2028-01-01")
    assert rows[0].origin is DayOrigin.IMPORTED


def test_optional_reason_column_and_closure_rows() -> None:
    text = "date,kind,name,status,source,reason\n2026-09-07,closure,Nghỉ do bão,official,QĐ 12/QĐ-UBND,Bão số 7\n"
    (row,) = _parse(text)
    assert row.kind is DayKind.CLOSURE and row.reason == "Bão số 7"


def test_quoted_fields_with_commas() -> None:
    text = HEADER + YEAR_2028.replace("Điều 112\n", '"Điều 112, khoản 1"\n', 1)
    assert _parse(text)[0].source == "Điều 112, khoản 1"


def test_not_utf8() -> None:
    problems = _problems((HEADER + "2028-01-01,holiday,Tết Dương lịch,official,Điều 112\n").encode("utf-16"))
    assert "UTF-8" in problems.message
    assert "«lich-2028.csv»" in problems.message


def test_missing_and_unknown_columns() -> None:
    problems = _problems("date,kind,name,trang_thai\n2028-01-01,holiday,Tết,official\n")
    message = problems.message
    assert "dòng 1" in message
    assert "thiếu cột status, source" in message
    assert "trang_thai" in message
    assert "date,kind,name,status,source" in message  # the fix


def test_every_bad_row_is_reported_at_once_and_nothing_is_returned() -> None:
    text = (
        HEADER
        + YEAR_2028
        + "02/01/2028,holiday,Tết,official,x\n"  # row 6: date format
        + "2028-02-30,holiday,Tết,official,x\n"  # row 7: no such date
        + "2028-03-01,nghi_le,Lễ,official,x\n"  # row 8: kind
        + "2028-03-02,holiday,Lễ,chinh_thuc,x\n"  # row 9: status
        + "2028-03-03,holiday,,official,x\n"  # row 10: empty name
        + "2028-03-06,holiday,Lễ,official,\n"  # row 11: empty source
        + "2028-01-01,holiday,Trùng,official,x\n"  # row 12: duplicate of row 2
        + "2028-03-07,holiday,Lễ,official\n"  # row 13: too few columns
        + "2028-03-08,makeup_workday,Làm bù,official,x\n"  # row 14: Wednesday make-up
        + "2028-03-11,swap_off,Hoán đổi,official,x\n"  # row 15: Saturday swap
        + "2028-03-09,closure,Bão,official,x\n"  # row 16: closure without reason column
    )
    problems = _problems(text)
    found = {(p.row, p.column) for p in problems.problems}
    assert found == {
        (6, "date"),
        (7, "date"),
        (8, "kind"),
        (9, "status"),
        (10, "name"),
        (11, "source"),
        (12, "date"),
        (13, None),
        (14, "kind"),
        (15, "kind"),
        (16, "reason"),
    }
    assert "dòng 12, cột «date»: ngày 01/01/2028 đã có ở dòng 2." in problems.message
    assert "YYYY-MM-DD" in problems.message
    assert "Không có dữ liệu nào được ghi" in problems.message


def test_a_year_must_list_its_fixed_holidays() -> None:
    problems = _problems(HEADER + "2028-01-26,holiday,Tết Nguyên đán,official,Thông báo\n")
    assert len(problems.problems) == 1
    message = problems.message
    assert "năm 2028 thiếu ngày lễ cố định" in message
    assert "01/01/2028" in message and "02/09/2028" in message


def test_proposals_and_local_closures_may_come_alone() -> None:
    text = (
        "date,kind,name,status,source,reason\n"
        "2028-04-28,swap_off,Hoán đổi,proposed,Đề xuất,\n"
        "2028-10-10,closure,Nghỉ do lũ,official,QĐ 3/QĐ-UBND,Lũ lớn\n"
    )
    assert [r.kind for r in _parse(text)] == [DayKind.SWAP_OFF, DayKind.CLOSURE]


@pytest.mark.parametrize("text", ["", "\n\n", HEADER])
def test_empty_files(text: str) -> None:
    problems = _problems(text)
    assert problems.problems


def test_broken_quotes() -> None:
    problems = _problems(HEADER + '2028-01-01,holiday,"Tết,official,x\n')
    assert "ngoặc kép" in problems.message
