"""Files: XLSX cells equal the JSON figures; golden layouts of XLSX and CSV; PDFs open; CSV safety.

Golden files live in ``tests/reports/golden``; after an intended layout change, rewrite them with
``MOTCUA_UPDATE_GOLDEN=1 pytest tests/reports/test_exports.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.reports import render
from motcua_desktop.reports.csv_file import write_csv
from motcua_desktop.reports.period import day_period, month_period
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, Sheet
from motcua_desktop.reports.xlsx import DATE_FORMAT, NUMBER_FORMAT
from motcua_desktop.services.reports.build import ReportKind
from motcua_desktop.services.reports.files import export_report
from tests.factories import context
from tests.printing.pdfcheck import flat_text as pdf_text
from tests.reports.helpers import CLERK, LEADER, small_office

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def small(store, clock):  # type: ignore[no-untyped-def]
    codes = small_office(store, clock)
    return context(store, clock, Role.LEADER, LEADER), codes


def xlsx_layout(data: bytes) -> dict[str, Any]:
    """Everything a reader of the workbook sees: cells with formats, merges, widths, print set-up."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = {}
    for ws in book.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value.date().isoformat() if isinstance(cell.value, datetime) else cell.value
                cells.append([cell.coordinate, value, cell.number_format, bool(cell.font.b)])
        sheets[ws.title] = {
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: round(v.width, 2) for k, v in sorted(ws.column_dimensions.items()) if v.width},
            "print": {
                "orientation": ws.page_setup.orientation,
                "paper": ws.page_setup.paperSize,
                "fit_to_page": ws.sheet_properties.pageSetUpPr.fitToPage,
                "fit_height": ws.page_setup.fitToHeight,
                "title_rows": ws.print_title_rows,
                "footer": ws.oddFooter.center.text,
                "freeze": ws.freeze_panes,
            },
            "cells": cells,
        }
    return sheets


def dump_layout(layout: dict[str, Any]) -> str:
    """JSON with one cell, one merge per line, so a golden diff reads like the sheet."""
    out = ["{"]
    for i, (name, sheet) in enumerate(layout.items()):
        out.append(f"  {json.dumps(name, ensure_ascii=False)}: {{")
        out.append(f'    "merged": {json.dumps(sheet["merged"])},')
        out.append(f'    "widths": {json.dumps(sheet["widths"])},')
        out.append(f'    "print": {json.dumps(sheet["print"])},')
        out.append('    "cells": [')
        cells = [f"      {json.dumps(c, ensure_ascii=False)}" for c in sheet["cells"]]
        out.append(",\n".join(cells))
        out.append("    ]")
        out.append("  }" + ("," if i < len(layout) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


def check_golden(name: str, actual: str) -> None:
    """Byte for byte (the CSV's BOM and CRLF line ends included)."""
    path = GOLDEN / name
    data = actual.encode("utf-8")
    if os.environ.get("MOTCUA_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.read_bytes() == data, f"{name} changed; see the module docstring"


EXPORTS = [
    ("ii06a_2026-11", ReportKind.II06A, month_period(2026, 11), None),
    ("ii06a_2026-10_qd766", ReportKind.II06A, month_period(2026, 10), None),
    ("book_2026-10", ReportKind.BOOK, month_period(2026, 10), None),
    ("closing_2026-11-02", ReportKind.CLOSING, day_period(date(2026, 11, 2)), "mai.le"),
    ("satisfaction_2026-10", ReportKind.SATISFACTION, month_period(2026, 10), None),
]


@pytest.mark.parametrize(("name", "kind", "period", "clerk"), EXPORTS, ids=[e[0] for e in EXPORTS])
def test_xlsx_layout_is_the_golden_one(small, name, kind, period, clerk) -> None:  # type: ignore[no-untyped-def]
    leader, _ = small
    rule = TimelinessRule.QD766 if name.endswith("qd766") else None
    made = export_report(leader, kind, period, "xlsx", rule=rule, clerk=clerk)
    layout = xlsx_layout(made.data)
    check_golden(f"{name}.xlsx.json", dump_layout(layout))
    first = next(iter(layout.values()))
    assert first["print"]["orientation"] in ("landscape", "portrait") and first["print"]["paper"] == 9
    formats = {c[2] for sheet in layout.values() for c in sheet["cells"]}
    assert NUMBER_FORMAT in formats


@pytest.mark.parametrize("kind", [ReportKind.II06A, ReportKind.CLOSING, ReportKind.BOOK])
def test_csv_is_the_golden_one(small, kind) -> None:  # type: ignore[no-untyped-def]
    leader, _ = small
    period = day_period(date(2026, 11, 2)) if kind is ReportKind.CLOSING else month_period(2026, 11)
    made = export_report(leader, kind, period, "csv", clerk="mai.le" if kind is ReportKind.CLOSING else None)
    assert made.data.startswith(b"\xef\xbb\xbf")
    check_golden(f"{kind.value}.csv", made.data.decode("utf-8"))


def test_ii06a_xlsx_cells_equal_the_json_figures(small) -> None:  # type: ignore[no-untyped-def]
    leader, _ = small
    for rule in TimelinessRule:
        figures = json.loads(export_report(leader, ReportKind.II06A, month_period(2026, 11), "json", rule=rule).data)
        book = openpyxl.load_workbook(
            io.BytesIO(export_report(leader, ReportKind.II06A, month_period(2026, 11), "xlsx", rule=rule).data)
        )
        ws = book.active
        first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "TỔNG SỐ")
        for i, row in enumerate(figures["rows"]):
            cells = [ws.cell(first + i, c).value for c in range(1, 14)]
            assert cells[:2] == [row["number"] or None, row["label"]]
            assert cells[2:] == list(row["figures"].values()), row["label"]
            assert ws.cell(first + i, 3).number_format == NUMBER_FORMAT
        assert figures["rule"] == rule.value and rule.label in " ".join(figures["notes"])


def test_book_xlsx_rows_equal_the_json_rows_and_the_pdf_book(small) -> None:  # type: ignore[no-untyped-def]
    leader, codes = small
    period = month_period(2026, 10)
    figures = json.loads(export_report(leader, ReportKind.BOOK, period, "json").data)
    ws = openpyxl.load_workbook(io.BytesIO(export_report(leader, ReportKind.BOOK, period, "xlsx").data)).active
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == codes["A"])
    for i, row in enumerate(figures["rows"]):
        cells = [ws.cell(first + i, c).value for c in range(1, len(row) + 1)]
        cells = [c.date().isoformat() if isinstance(c, datetime) else c for c in cells]
        assert cells == row
    assert figures["count"] == 3 and [r[1] for r in figures["rows"]] == [codes["A"], codes["B"], codes["C"]]
    assert ws.cell(first, 8).number_format == DATE_FORMAT
    pdf = export_report(leader, ReportKind.BOOK, period, "pdf").data
    text = pdf_text(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Lê Văn Cường" in text  # form 07 itself


def test_closing_and_satisfaction_xlsx_agree_with_json(small) -> None:  # type: ignore[no-untyped-def]
    leader, _ = small
    closing = json.loads(
        export_report(leader, ReportKind.CLOSING, day_period(date(2026, 11, 2)), "json", clerk="mai.le").data
    )
    ws = openpyxl.load_workbook(
        io.BytesIO(
            export_report(leader, ReportKind.CLOSING, day_period(date(2026, 11, 2)), "xlsx", clerk="mai.le").data
        )
    ).active
    totals = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "TỔNG SỐ TIỀN ĐÃ THU"]
    assert ws.cell(totals[0], 7).value == closing["totals"]["fees_total"] == 8000
    sat = json.loads(export_report(leader, ReportKind.SATISFACTION, month_period(2026, 10), "json").data)
    book = openpyxl.load_workbook(
        io.BytesIO(export_report(leader, ReportKind.SATISFACTION, month_period(2026, 10), "xlsx").data)
    )
    ws = book["Theo tiêu chí"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Đánh giá chung")
    assert [ws.cell(row, c).value for c in range(3, 8)] == [
        sat["overall"]["rated"],
        sat["overall"]["very_satisfied"],
        sat["overall"]["satisfied"],
        sat["overall"]["dissatisfied"],
        sat["overall"]["satisfied_share"],
    ]


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_report_renders_as_pdf_with_vietnamese_text(small, kind) -> None:  # type: ignore[no-untyped-def]
    leader, _ = small
    period = day_period(date(2026, 11, 2)) if kind is ReportKind.CLOSING else month_period(2026, 11)
    made = export_report(leader, kind, period, "pdf", clerk=CLERK if kind is ReportKind.CLOSING else None)
    assert made.data.startswith(b"%PDF") and made.file_name.endswith(".pdf")
    text = pdf_text(made.data)
    assert "Trang 1/" in text or kind is ReportKind.BOOK
    assert {
        "ii06a": "GIẢI QUYẾT THỦ TỤC",
        "book": "SỔ THEO DÕI",
        "closing": "BẢNG KÊ",
        "satisfaction": "HÀI LÒNG",
        "trips": "ĐI LẠI",
    }[kind.value] in text


def test_csv_neutralises_formulas_and_keeps_numbers() -> None:
    sheet = Sheet(
        name="t",
        title="T",
        subtitles=(),
        columns=(Column(Kind.TEXT, 10), Column(Kind.NUMBER, 5), Column(Kind.DATE, 10)),
        headings=((Heading("=Tên"), Heading("Số"), Heading("Ngày")),),
        rows=(
            Row(('=HYPERLINK("http://x")', 1234, date(2026, 11, 2))),
            Row(("+84912", -1, None)),
            Row(("@SUM(A1)", 0, None)),
            Row(("\tx", 5, None)),
            Row(("Nguyễn Văn An", 7, None)),
        ),
    )
    text = write_csv(sheet).decode("utf-8")
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[0] == "'=Tên,Số,Ngày"
    assert lines[1] == '"\'=HYPERLINK(""http://x"")",1234,02/11/2026'
    assert lines[2:6] == ["'+84912,-1,", "'@SUM(A1),0,", "'\tx,5,", "Nguyễn Văn An,7,"]


def test_xlsx_never_turns_text_into_formulas(small) -> None:  # type: ignore[no-untyped-def]
    sheet = Sheet(
        name="t",
        title="T",
        subtitles=(),
        columns=(Column(Kind.TEXT, 10),),
        headings=((Heading("Tên"),),),
        rows=(Row(("=1+1",)),),
    )

    class Header:
        generated_at = datetime(2026, 11, 16, 10, 0)
        unit = "Đơn vị"

    class One:
        header = Header()

        def sheets(self) -> list[Sheet]:
            return [sheet]

        def as_json(self) -> dict[str, Any]:
            return {}

    ws = openpyxl.load_workbook(io.BytesIO(render(One(), "xlsx"))).active  # type: ignore[arg-type]
    found = [c for row in ws.iter_rows() for c in row if c.value == "=1+1"]
    assert found and found[0].data_type == "s"
