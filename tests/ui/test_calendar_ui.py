"""The calendar in the window: the settings tab previews notices and confirms reported days, the
reception hint says which undecided days it counted as off, the clerk settles moved appointments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.duration import DurationUnit
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.calendar import year_overview
from motcua_desktop.services.office.catalogue import list_procedures
from motcua_desktop.services.office.due_flags import flagged_appointments
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from motcua_desktop.ui.office.calendar_dialogs import DueFlagsDialog, NoticePreviewDialog
from motcua_desktop.ui.office.settings_page import SettingsPage
from motcua_desktop.ui.shell import ask
from tests.factories import birth_registration, context

pytestmark = pytest.mark.gui


@pytest.fixture
def admin(office_store, clock):  # type: ignore[no-untyped-def]
    return context(office_store, clock, role=Role.ADMIN, username="admin2")


def reply(dialog_type, fill, *, accept: bool = True) -> None:  # type: ignore[no-untyped-def]
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, dialog_type), dialog
        fill(dialog)
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, run)


def test_reported_2027_days_are_shown_with_their_instrument_and_confirmed_in_the_tab(qtbot, admin) -> None:  # type: ignore[no-untyped-def]
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    page.show()
    tab = page.calendar_tab
    tab.year.setValue(2027)
    assert not tab.confirm_reported_button.isHidden()
    rows = {tab.days.item(r, 0).text(): r for r in range(tab.days.rowCount())}
    reported = rows["Thứ Năm, 04/02/2027"]
    assert tab.days.item(reported, 3).text() == "Đã đưa tin, chưa đối chiếu văn bản"
    assert tab.days.item(reported, 4).text() == "Tính là ngày nghỉ (chưa quyết định)"
    assert "10065/VPCP-KGVX" in tab.days.item(reported, 5).text()
    assert "Công văn 10065/VPCP-KGVX" in tab.year_status.text()

    def with_text(dialog: NoticePreviewDialog) -> None:
        dialog.checked.setText("Công văn 10065/VPCP-KGVX ngày 02/10/2026, Cổng TTĐT Chính phủ")

    reply(NoticePreviewDialog, lambda d: None, accept=False)  # cancelled: nothing changes
    tab.confirm_reported()
    assert not year_overview(admin, 2027).status.confirmed
    reply(NoticePreviewDialog, with_text)
    tab.confirm_reported()
    assert year_overview(admin, 2027).status.confirmed
    assert "Đã áp dụng lịch nghỉ năm 2027" in tab.calendar_message.text()
    assert tab.confirm_reported_button.isHidden()


def test_import_in_the_tab_is_previewed_and_can_be_cancelled(qtbot, admin, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    page.show()
    tab = page.calendar_tab
    notice = tmp_path / "lich-2027.csv"
    rows = [("01-01", "Tết Dương lịch"), ("02-04", "Tết"), ("02-05", "Tết"), ("02-08", "Tết"), ("02-09", "Tết")]
    rows += [("02-10", "Tết"), ("04-30", "Chiến thắng"), ("05-01", "Lao động"), ("09-02", "Quốc khánh")]
    rows += [("09-03", "Quốc khánh (liền kề)")]
    notice.write_text(
        "date,kind,name,status,source\n" + "".join(f"2027-{md},holiday,{n},official,TB 1/TB-BNV\n" for md, n in rows),
        encoding="utf-8",
    )
    monkeypatch.setattr(ask, "open_file", lambda *args: str(notice))
    texts: list[str] = []
    reply(NoticePreviewDialog, lambda d: texts.append(d.preview.describe()), accept=False)
    tab.import_file()
    assert "TB 1/TB-BNV" in texts[0] and "Chưa nhập «lich-2027.csv»" in tab.calendar_message.text()
    assert not year_overview(admin, 2027).status.confirmed
    reply(NoticePreviewDialog, lambda d: None)
    tab.import_file()
    assert year_overview(admin, 2027).status.confirmed and tab.year.value() == 2027


def test_reception_hint_names_the_undecided_days_it_counted_as_off(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.shell.main_window import MainWindow

    clock.current = vn_datetime(2027, 9, 1, 10, 0)
    clerk = context(office_store, clock)
    procedure = next(
        p
        for p in list_procedures(clerk)
        if p.duration is not None
        and p.duration.unit is DurationUnit.WORKING_DAYS
        and Decimal(2) <= p.duration.amount <= Decimal(20)
    )
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    window.show()
    page = window.page("reception")
    assert isinstance(page, ReceptionPage)
    page.picker.choose_key(procedure.key)
    caution = page.action_bar.due_caution
    assert not caution.isHidden()
    assert "01/09, 03/09/2027 là ngày nghỉ vì chưa được quyết định" in caution.text()
    assert "tháng 9 năm 2027" in page.action_bar.due_label.text()


def test_clerk_settles_moved_appointments_from_the_dialog(qtbot, office_store, clock, admin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.calendar import DayKind
    from motcua_desktop.services.office.calendar import set_day
    from motcua_desktop.ui.office import calendar_dialogs

    clerk = context(office_store, clock)
    request = birth_registration(duration_unit="working-days", duration_amount="3")
    dossier = register(clerk, request).dossier  # due Thu 19/11/2026 09:00
    set_day(admin, date(2026, 11, 18), DayKind.CLOSURE, "Nghỉ do bão", "QĐ 12/QĐ-UBND")  # later by a day
    printed: list[str] = []
    monkeypatch.setattr(calendar_dialogs.DueFlagsDialog, "print_slip", lambda self, code: printed.append(code))
    dialog = DueFlagsDialog(clerk)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == dossier.code
    assert "Muộn hơn" in dialog.table.item(0, 4).text()
    dialog.redate()
    assert printed == [dossier.code] and dialog.table.rowCount() == 0
    assert flagged_appointments(clerk) == []
