"""The dashboard and report pages: every number opens its list; preview, export, print."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter
from motcua_desktop.services.dossiers.lists import count_dossiers, list_dossiers
from motcua_desktop.services.reports.build import PeriodKind, ReportKind
from motcua_desktop.ui.reports import charts
from motcua_desktop.ui.reports.dashboard_page import DashboardPage
from motcua_desktop.ui.reports.reports_page import ReportsPage
from tests.factories import context
from tests.reports.helpers import CLERK, LEADER, small_office

pytestmark = pytest.mark.gui


@pytest.fixture
def leader(store, clock):  # type: ignore[no-untyped-def]
    small_office(store, clock)
    return context(store, clock, Role.LEADER, LEADER)


class FakePick:
    def __init__(self, gid: str) -> None:
        self.artist = type("Bar", (), {"get_gid": lambda _self: gid})()


def test_every_dashboard_number_opens_the_list_it_counts(qtbot, leader) -> None:  # type: ignore[no-untyped-def]
    page = DashboardPage(leader)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.heading.text() == "Tổng quan – Thứ Hai, ngày 16/11/2026"
    for key, tile in page.tiles.items():
        with qtbot.waitSignal(page.open_list) as signal:
            tile.click()
        opened: DossierFilter = signal.args[0]
        shown = int(tile.text().split("\n")[0].replace(".", ""))
        assert opened == page.data.item(key).filter  # type: ignore[union-attr]
        assert count_dossiers(leader, opened) == len(list_dossiers(leader, opened, limit=1000)) == shown, key
    assert page.tiles["overdue"].item.filter == DossierFilter(due=DueFilter.OVERDUE)  # type: ignore[union-attr]
    assert page.tiles["dung_han"].text() == "2\nĐúng hạn · 100,0%"


def test_dashboard_charts_are_drawn_on_show_and_clickable(qtbot, leader) -> None:  # type: ignore[no-untyped-def]
    page = DashboardPage(leader)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.chart("received") is not None)
    assert charts.bar_keys(page.chart("outcomes")) == ["truoc_han", "dung_han", "qua_han"]
    keys = charts.bar_keys(page.chart("received"))
    assert len(keys) == 14 and keys[-1] == "received_2026-11-16"
    with qtbot.waitSignal(page.open_list) as signal:
        charts._picked(FakePick(keys[-1]), page.open_key)
    assert signal.args[0] == DossierFilter(
        with_code_only=True, received_from=date(2026, 11, 16), received_to=date(2026, 11, 16)
    )
    page.refresh()
    assert charts.bar_keys(page.chart("outcomes")) == ["truoc_han", "dung_han", "qua_han"]


def test_report_page_previews_opens_lists_and_exports(qtbot, leader, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = ReportsPage(leader)
    qtbot.addWidget(page)
    page.show()
    assert [page.kind.itemData(i) for i in range(page.kind.count())] == [k.value for k in ReportKind]
    page.select(ReportKind.II06A, PeriodKind.MONTH)
    page.year.setValue(2026)
    page.number.setValue(11)
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    report = page.report
    assert report is not None and report.period.label == "Tháng 11/2026"
    table = page.tables[0]
    assert table.rowCount() == len(report.rows) and table.item(0, 1).text() == "TỔNG SỐ"
    assert table.item(0, 2).text() == str(report.total.total_received)
    assert "(3)" in table.horizontalHeaderItem(2).text()
    with qtbot.waitSignal(page.open_list) as signal:
        table.cellDoubleClicked.emit(0, 8)  # (9) on time, total row
    assert count_dossiers(leader, signal.args[0]) == report.total.on_time == 2
    with qtbot.assertNotEmitted(page.open_list):
        table.cellDoubleClicked.emit(0, 11)  # (12) in time: no single list
    assert charts.bar_keys(page.chart_canvas()) == ["early", "on_time", "late", "in_time", "overdue"]
    saved = page.export("xlsx", str(tmp_path / "bao-cao.xlsx"))
    assert saved and any(c.value == "TỔNG SỐ" for row in openpyxl.load_workbook(saved).active.iter_rows() for c in row)
    assert Path(page.export("pdf", str(tmp_path / "bao-cao.pdf")) or "").read_bytes()[:4] == b"%PDF"
    dialog = page.print_report()
    assert isinstance(dialog, QPrintPreviewDialog)
    dialog.close()


def test_report_page_closing_sheet_and_known_errors(qtbot, leader) -> None:  # type: ignore[no-untyped-def]
    page = ReportsPage(leader)
    qtbot.addWidget(page)
    page.select(ReportKind.CLOSING, PeriodKind.MONTH)
    assert page.period_kind.currentData() == PeriodKind.DAY.value and not page.period_kind.isEnabled()
    page.clerk.setCurrentIndex(page.clerk.findData("mai.le"))
    page.date_from.setDate(QDate(2026, 11, 2))
    sheet = page.show_report()
    assert sheet is not None and sheet.fees_total == 8000
    received_row = next(r for r in range(page.tables[0].rowCount()) if page.tables[0].item(r, 0).text() == "I")
    with qtbot.waitSignal(page.open_list) as signal:
        page.tables[0].cellDoubleClicked.emit(received_row, 1)
    assert count_dossiers(leader, signal.args[0]) == len(sheet.received) == 2
    page.select(ReportKind.II06A, PeriodKind.YEAR)
    page.year.setValue(2027)
    assert page.show_report() is None and "sau hôm nay" in page.status.text()
    assert page.export("xlsx", "/nonexistent/x.xlsx") is None


def test_a_clerk_sees_only_the_book_and_the_closing_sheet(qtbot, store, clock) -> None:  # type: ignore[no-untyped-def]
    small_office(store, clock)
    page = ReportsPage(context(store, clock, Role.CLERK, CLERK))
    qtbot.addWidget(page)
    assert [page.kind.itemData(i) for i in range(page.kind.count())] == ["book", "closing"]
    assert [page.clerk.itemData(i) for i in range(page.clerk.count())] == [CLERK]


def test_importing_the_pages_does_not_load_matplotlib() -> None:
    code = (
        "import sys, motcua_desktop.ui.reports.dashboard_page, motcua_desktop.ui.reports.reports_page\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert result.stdout.strip() == "False"
