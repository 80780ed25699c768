"""The complaints and queue reports as files (F6 and ``motcua report complaints|queue``): the known
figures reach the sheet, the XLSX, the PDF and the JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.reports.period import custom_period
from motcua_desktop.services.reports.build import ReportKind
from motcua_desktop.services.reports.files import export_report
from motcua_desktop.services.reports.practices import complaints_report, waiting_queue_report
from motcua_desktop.services.reports.preview import preview
from tests.factories import context
from tests.printing.pdfcheck import flat_text
from tests.services.test_complaints import KNOWN_FIGURES, record_known_complaints
from tests.services.test_queue import call_ten_tickets_at_two_counters

NOV_DEC = custom_period(date(2026, 11, 1), date(2026, 12, 31))


def test_complaints_report_shows_the_known_figures(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    record_known_complaints(context(office_store, clock), clock)
    leader = context(office_store, clock, Role.LEADER, "truong.bp")
    report = complaints_report(leader, NOV_DEC)
    (table,) = preview(report)
    rows = {row[0]: tuple(int(v) for v in row[1:]) for row in table.rows}
    assert rows == {
        "Tháng 11/2026": KNOWN_FIGURES["Tháng 11/2026"],
        "Tháng 12/2026": KNOWN_FIGURES["Tháng 12/2026"],
        "Cả kỳ": KNOWN_FIGURES["Cả hai tháng"],
    }
    data = json.loads(export_report(leader, ReportKind.COMPLAINTS, NOV_DEC, "json").data)
    assert data["total"]["received"] == 6 and data["total"]["answered_late"] == 1
    pdf = export_report(leader, ReportKind.COMPLAINTS, NOV_DEC, "pdf")
    assert pdf.file_name == "phan-anh-kien-nghi_20261101-20261231.pdf"
    assert "TIẾP NHẬN, TRẢ LỜI PHẢN ÁNH, KIẾN NGHỊ" in flat_text(pdf.data)
    assert export_report(leader, ReportKind.COMPLAINTS, NOV_DEC, "xlsx").data.startswith(b"PK")


def test_queue_report_shows_the_known_times(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    call_ten_tickets_at_two_counters(office_store, clock)
    leader = context(office_store, clock, Role.LEADER, "truong.bp")
    day = custom_period(date(2026, 11, 16), date(2026, 11, 16))
    by_field, by_hour = preview(waiting_queue_report(leader, day))
    assert by_field.rows[0] == ("Hộ tịch", "6", "5", "1", "0", "22,8", "36", "9,8")
    assert by_field.rows[1][:2] == ("Chứng thực", "4") and by_field.rows[1][5] == "23"
    assert by_field.rows[-1][:2] == ("Tổng cộng", "10")
    assert by_hour.rows[0][:2] == ("07:00–08:00", "10")
    pdf = export_report(leader, ReportKind.QUEUE, day, "pdf")
    assert "THỜI GIAN CHỜ VÀ PHỤC VỤ" in flat_text(pdf.data)


@pytest.mark.gui
def test_the_reports_page_previews_the_complaints_report(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.reports.period import PeriodKind
    from motcua_desktop.ui.reports.reports_page import ReportsPage

    record_known_complaints(context(office_store, clock), clock)
    page = ReportsPage(context(office_store, clock, Role.LEADER, "truong.bp"))
    qtbot.addWidget(page)
    page.select(ReportKind.COMPLAINTS, PeriodKind.YEAR)
    page.year.setValue(2026)
    report = page.show_report()
    assert report is not None and report.total.received == 6
    table = page.tables[0]
    assert table.item(10, 0).text() == "Tháng 11/2026" and table.item(10, 2).text() == "5"
    assert table.item(12, 0).text() == "Cả kỳ" and table.item(12, 4).text() == "1"
