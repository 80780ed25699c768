"""Settings for the administrator, and long work off the window's thread."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.accounts.users import list_users
from motcua_desktop.services.core.calendar import office_hours
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.calendar import year_overview
from motcua_desktop.services.office.catalogue import list_procedures
from motcua_desktop.services.printing.settings import DIRECT, print_mode, printer_choice, receipt_options
from motcua_desktop.services.reports.options import period_cutoff, supplement_reading
from motcua_desktop.services.workspace import office_or_none
from motcua_desktop.ui.accounts.settings_users import UserDialog
from motcua_desktop.ui.office.settings_calendar import ClosureDialog
from motcua_desktop.ui.office.settings_page import SettingsPage
from motcua_desktop.ui.shell import ask
from tests.factories import birth_registration, context

pytestmark = pytest.mark.gui


@pytest.fixture
def admin(office_store, clock):  # type: ignore[no-untyped-def]
    return context(office_store, clock, role=Role.ADMIN, username="admin2")


@pytest.fixture
def settings(qtbot, admin):  # type: ignore[no-untyped-def]
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    page.show()
    return page


def answer(dialog_type, fill) -> None:  # type: ignore[no-untyped-def]
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, dialog_type), dialog
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, run)


def test_office_data_and_counter(settings, admin) -> None:  # type: ignore[no-untyped-def]
    tab = settings.office_tab
    assert tab.form.ui.agency_id.text() == "000.00.12.H56"
    tab.form.ui.agency_id.setText("sai mã")
    tab.save()
    assert "Mã định danh" in tab.message.text() and office_or_none(admin).agency_id == "000.00.12.H56"
    tab.form.ui.agency_id.setText("000.00.12.H56")
    tab.form.ui.counter_no.setValue(3)
    tab.form.ui.phone.setText("0237 3856 999")
    tab.save()
    assert tab.message.text() == "Đã lưu thông tin đơn vị."
    assert office_or_none(admin).counter_no == 3 and office_or_none(admin).phone == "0237 3856 999"


def test_office_hours_closure_and_calendar_import(settings, admin, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tab = settings.calendar_tab
    assert tab.days.rowCount() > 5 and tab.year_status.text()
    tab.morning_start.setTime(tab.morning_start.time().addSecs(30 * 60))  # 07:30
    tab.save_hours()
    assert office_hours(admin).morning.start.minute == 30 and "giờ làm việc" in tab.hours_message.text()

    def closure(dialog: ClosureDialog) -> None:
        dialog.day.setText("20/11/2026")
        dialog.name.setText("Nghỉ do bão số 9")
        dialog.reason.setText("Quyết định 12/QĐ-UBND")

    answer(ClosureDialog, closure)
    tab.add_closure()
    assert any(e.row.day == date(2026, 11, 20) and e.applied for e in year_overview(admin, 2026).entries)
    assert "20/11/2026" in tab.calendar_message.text()
    names = [tab.days.item(row, 2).text() for row in range(tab.days.rowCount())]
    assert "Nghỉ do bão số 9" in names

    calendar_file = tmp_path / "lich-2028.csv"
    calendar_file.write_text(
        "date,kind,name,status,source\n2028-01-01,holiday,Tết Dương lịch,official,Bộ luật Lao động\n", encoding="utf-8"
    )
    monkeypatch.setattr(ask, "open_file", lambda *args: str(calendar_file))
    tab.import_file()
    assert "lich-2028.csv" in tab.calendar_message.text() and tab.year.value() == 2026
    bad = tmp_path / "hong.csv"
    bad.write_text("ngay,ten\nabc,def\n", encoding="utf-8")
    monkeypatch.setattr(ask, "open_file", lambda *args: str(bad))
    tab.import_file()
    assert "hong.csv" in tab.calendar_message.text()  # the file's problem, named


def test_printers_per_form(settings, admin) -> None:  # type: ignore[no-untyped-def]
    tab = settings.printers_tab
    tab.direct.setChecked(True)
    tab.receipt_layout.setCurrentIndex(tab.receipt_layout.findData("a5"))
    _printer, paper, orientation = tab.rows["02"]
    paper.setCurrentIndex(paper.findData("A4"))
    orientation.setCurrentIndex(orientation.findData("landscape"))
    tab.save()
    assert print_mode(admin) == DIRECT and receipt_options(admin).layout == "a5"
    assert printer_choice(admin, "02").paper == "A4" and printer_choice(admin, "02").orientation == "landscape"
    assert printer_choice(admin, "01").paper == "auto"


def test_users_add_and_role(settings, admin) -> None:  # type: ignore[no-untyped-def]
    tab = settings.users_tab

    def fill(dialog: UserDialog) -> None:
        dialog.username.setText("hoa.le")
        dialog.full_name.setText("Lê Thị Hoa")
        dialog.password.setText("ban-dau-123")

    answer(UserDialog, fill)
    tab.add()
    assert "hoa.le" in {u.username for u in list_users(admin)}
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "hoa.le")
    assert tab.table.item(row, 3).text() == "chưa đổi mật khẩu ban đầu"
    tab.table.selectRow(row)

    def promote() -> None:
        dialog = QApplication.activeModalWidget()
        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(combo.findData(Role.LEADER.value))
        dialog.accept()

    QTimer.singleShot(0, promote)
    tab.change_role()
    assert next(u for u in list_users(admin) if u.username == "hoa.le").role == Role.LEADER.value


def test_demo_data_runs_in_a_thread_with_progress(settings, admin, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = settings.demo_tab
    tab.count.setValue(150)
    tab.generate()
    assert not tab.start.isEnabled()  # running; the window keeps processing events meanwhile
    qtbot.waitUntil(tab.start.isEnabled, timeout=60_000)
    tab.job.wait()
    assert "150 hồ sơ mẫu" in tab.message.text()


def test_demo_data_is_refused_on_real_data(settings, admin, qtbot) -> None:  # type: ignore[no-untyped-def]
    register(context(admin.store, admin.clock), birth_registration())
    tab = settings.demo_tab
    tab.generate()
    qtbot.waitUntil(tab.start.isEnabled, timeout=30_000)
    tab.job.wait()
    assert "hồ sơ thật" in tab.message.text()


def test_tracking_book_prints_from_a_background_thread(qtbot, office_store, clock, printed) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage
    from motcua_desktop.ui.printing.tracking_book import BookDialog

    clerk = context(office_store, clock)
    register(clerk, birth_registration())
    page = DossiersPage(clerk)
    qtbot.addWidget(page)
    answer(BookDialog, lambda dialog: None)
    page.print_book()
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=30_000)
    page.book_job.wait()
    assert printed[0].form == "07"


def test_catalogue_import_is_previewed_then_applied(settings, admin, answers, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.services.test_catalogue_layouts import national_xlsx

    tab = settings.catalogue_tab
    local = tab.local
    local.procedure.setCurrentIndex(local.procedure.findData("1.004873"))
    local.unit.setCurrentIndex(local.unit.findData("NGAY_LAM_VIEC"))
    local.amount.setText("2")
    local.basis.setText("Quyết định số 1234/QĐ-UBND")
    local._save()
    assert "2 ngày làm việc" in tab.status.text()
    path = tmp_path / "dvc.xlsx"
    path.write_bytes(national_xlsx())
    monkeypatch.setattr(ask, "open_file", lambda *args: str(path))
    tab._choose()
    assert "1 thủ tục thêm mới" in tab.summary.text() and tab.apply_button.isEnabled()
    rows = [[tab.changes.item(r, c).text() for c in range(5)] for r in range(tab.changes.rowCount())]
    assert ["Thêm mới", "9.100001 – Thủ tục mới của năm 2026", "", "", ""] in rows
    assert any(r[1].startswith("1.004873") and r[2] == "Nguồn thời hạn" for r in rows)
    assert not any(r[2] == "Thời hạn của địa phương" for r in rows)  # the local time is not touched
    tab._apply()
    assert answers.shown[-1][0] == "confirm" and "Đã nhập «dvc.xlsx»" in tab.status.text()
    procedure = next(p for p in list_procedures(admin) if p.key == "1.004873")
    assert procedure.local_duration is not None and procedure.duration_confirmed


def test_statistics_choices_are_saved(settings, admin) -> None:  # type: ignore[no-untyped-def]
    tab = settings.statistics_tab
    tab.cutoff.setChecked(True)
    tab.reading.setCurrentIndex(tab.reading.findData("pending"))
    tab.save()
    assert period_cutoff(admin.store) and supplement_reading(admin.store).value == "pending"
    assert "Đã lưu" in tab.status.text()
