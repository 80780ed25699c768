"""``motcua report`` and the reporting periods."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from motcua_desktop.cli import main
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.paths import database_path
from motcua_desktop.reports.period import (
    PeriodKind,
    custom_period,
    day_period,
    month_period,
    parse_month,
    parse_quarter,
    parse_year,
    quarter_period,
    year_period,
)
from motcua_desktop.storage import open_store
from tests.factories import CLERK_PASSWORD, FakeClock
from tests.reports.helpers import LEADER, small_office


@pytest.fixture
def cli(data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    store = open_store(database_path(data_dir))
    codes = small_office(store, clock)
    store.close()
    monkeypatch.setattr("motcua_desktop.commands.base.SystemClock", lambda: clock)
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)

    def run(*args: str) -> int:
        return main(["report", *args, "--user", LEADER])

    return run, codes


def test_report_to_xlsx_pdf_csv_and_json_files(cli, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    run, _ = cli
    assert run("ii06a", "--month", "2026-11", "--format", "xlsx", "--out", str(tmp_path / "b.xlsx")) == 0
    assert "Đã lập «Biểu II.06a" in capsys.readouterr().out
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx").active
    assert any(c.value == "TỔNG SỐ" for row in ws.iter_rows() for c in row)
    assert run("satisfaction", "--year", "2026", "--format", "pdf", "--out", str(tmp_path / "s.pdf")) == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert (
        run("book", "--from", "26/10/2026", "--to", "31/10/2026", "--format", "csv", "--out", str(tmp_path / "s.csv"))
        == 0
    )
    assert (tmp_path / "s.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    capsys.readouterr()
    assert run("ii06a", "--quarter", "2026-Q4", "--rule", "qd766", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rule"] == "qd766" and data["period"] == {
        "from": "2026-10-01",
        "to": "2026-12-31",
        "kind": "quarter",
        "label": "Quý IV/2026",
    }
    assert data["rows"][0]["figures"]["total_received"] == 6


def test_closing_sheet_of_a_clerk_from_the_command_line(cli, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    run, codes = cli
    assert run("closing", "--day", "02/11/2026", "--clerk", "mai.le", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["fees_total"] == 8000 and data["returned"][0]["code"] == codes["A"]
    assert run("closing", "--format", "xlsx", "--out", str(tmp_path / "c.xlsx"), "--json") == 0
    emitted = json.loads(capsys.readouterr().out)
    assert emitted["kind"] == "closing" and emitted["period"]["from"] == "2026-11-16"
    assert openpyxl.load_workbook(io.BytesIO((tmp_path / "c.xlsx").read_bytes())).active.title == "Bảng kê"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ii06a", "--month", "2026-13", "--format", "json"), "Tháng: 13 không hợp lệ"),
        (("ii06a", "--month", "2026-11", "--year", "2026", "--format", "json"), "Chỉ chọn một kỳ"),
        (("ii06a", "--format", "xlsx"), "Cần --out"),
        (("bieu", "--format", "json"), "Loại báo cáo: «bieu» không có"),
        (("ii06a", "--rule", "nhanh", "--format", "json"), "Cách tính đúng hạn: «nhanh» không có"),
        (("ii06a", "--from", "05/11/2026", "--to", "01/11/2026", "--format", "json"), "ngày kết thúc 01/11/2026 trước"),
        (("ii06a", "--year", "2027", "--format", "json"), "sau hôm nay"),
        (("closing", "--month", "2026-11", "--format", "json"), "bảng kê cuối ngày lập cho một ngày"),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(cli, capsys, args, message) -> None:  # type: ignore[no-untyped-def]
    run, _ = cli
    assert run(*args) == 2
    assert message in capsys.readouterr().err


def test_periods() -> None:
    december = month_period(2026, 12)
    assert (december.start, december.end, december.kind) == (date(2026, 12, 1), date(2026, 12, 31), PeriodKind.MONTH)
    assert month_period(2028, 2).end == date(2028, 2, 29)
    assert quarter_period(2026, 4).label == "Quý IV/2026" and quarter_period(2026, 1).previous() == quarter_period(
        2025, 4
    )
    assert month_period(2026, 1).previous() == month_period(2025, 12) and year_period(2026).previous() == year_period(
        2025
    )
    assert day_period(date(2026, 3, 1)).previous() == day_period(date(2026, 2, 28))
    custom = custom_period(date(2026, 11, 10), date(2026, 11, 19))
    assert custom.previous() == custom_period(date(2026, 10, 31), date(2026, 11, 9))
    assert custom.label == "Từ ngày 10/11/2026 đến ngày 19/11/2026" and custom.slug == "20261110-20261119"
    assert parse_month("11/2026") == parse_month("2026-11") == month_period(2026, 11)
    assert parse_quarter("Q4/2026") == parse_quarter("2026-Q4") == parse_quarter("2026q4") == quarter_period(2026, 4)
    assert parse_year(" 2025 ") == year_period(2025) and month_period(2026, 11).label == "Tháng 11/2026"
    for bad in (lambda: parse_quarter("2026-Q5"), lambda: parse_month("2026/11/1"), lambda: year_period(1990)):
        with pytest.raises(ValidationError):
            bad()


def test_periods_from_the_15th_to_the_14th() -> None:
    """The reporting period many provinces use (rules.md §6.1): from the 15th of the month before to the 14th."""
    november = month_period(2026, 11, cutoff=True)
    assert (november.start, november.end, november.label) == (date(2026, 10, 15), date(2026, 11, 14), "Tháng 11/2026")
    assert month_period(2026, 1, cutoff=True).start == date(2025, 12, 15)
    assert november.previous() == month_period(2026, 10, cutoff=True)
    assert november.previous().end + timedelta(days=1) == november.start  # periods follow each other, no gap
    q4 = quarter_period(2026, 4, cutoff=True)
    assert (q4.start, q4.end, q4.label) == (date(2026, 9, 15), date(2026, 12, 14), "Quý IV/2026")
    assert quarter_period(2026, 1, cutoff=True).start == date(2025, 12, 15) and q4.previous().end == date(2026, 9, 14)
    year = year_period(2026, cutoff=True)
    assert (year.start, year.end) == (date(2025, 12, 15), date(2026, 12, 14)) and year.previous().end == date(
        2025, 12, 14
    )
    assert parse_month("11/2026", cutoff=True) == november
    assert november.as_json()["cutoff"] == "từ ngày 15 tháng trước đến ngày 14"


def test_the_command_line_reports_from_the_15th(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    run, _ = cli
    assert run("ii06a", "--month", "2026-11", "--from-15th", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["period"]["from"], data["period"]["to"]) == ("2026-10-15", "2026-11-14")
