"""The practices on screen: «Ngày không hẹn» at reception, the paper survey screen, the settings tab
with the public listing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier import Rating, RatingChannel
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.same_day import SAME_DAY_TEXT
from motcua_desktop.domain.settings import NO_APPOINTMENT_WEEKDAYS, SAME_DAY_PROCEDURES
from motcua_desktop.domain.transitions import ResultReadyInput, ReturnInput
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, search_dossiers
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.ui.dossiers.paper_survey_page import PaperSurveyPage
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from motcua_desktop.ui.office.settings_page import SettingsPage
from motcua_desktop.ui.shell import ask
from tests.factories import birth_registration, context
from tests.printing.pdfcheck import flat_text
from tests.ui.conftest import focused, press, type_keys

pytestmark = pytest.mark.gui

QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"


def test_reception_on_a_no_appointment_day_resolves_at_once(window, clerk, printed, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, Role.ADMIN, username="admin")
    change_setting(admin, NO_APPOINTMENT_WEEKDAYS, "Thứ hai")  # the fixture's clock: Monday 16/11/2026
    change_setting(admin, SAME_DAY_PROCEDURES, "1.001193")
    page = window.page("reception")
    assert isinstance(page, ReceptionPage)
    page.picker.choose_key("1.001193")
    assert not page.same_day.isHidden() and page.same_day.isChecked() and page.same_day.isEnabled()
    page.form.applicant_box.fill_from_scan(QR, page.form.applicant_box.applicant)
    page.form.applicant_box.applicant.ui.phone.setText("0912345678")
    page.save()
    found = search_dossiers(clerk, "038087042028")
    dossier = load_dossier(clerk.store, found[0].uuid)
    assert dossier.same_day and dossier.status is Status.RETURNED
    assert SAME_DAY_TEXT in page.banner.text()
    assert SAME_DAY_TEXT in flat_text(printed[0].pdf)
    page.picker.choose_key("1.004873")  # not on the office's list: an appointment and a note
    assert not page.same_day.isHidden() and not page.same_day.isEnabled()
    assert "không thuộc danh mục" in page.same_day_note.text()


def test_a_stack_of_paper_forms_by_keyboard(window, clerk) -> None:  # type: ignore[no-untyped-def]
    codes = []
    for rating in ("", "hai_long"):
        code = str(register(clerk, birth_registration()).dossier.code)
        transition(clerk, find_dossier(clerk, code), ResultReadyInput())
        transition(clerk, find_dossier(clerk, code), ReturnInput(rating=rating))
        codes.append(code)
    window.show_page("paper_survey")
    page = window.page("paper_survey")
    assert isinstance(page, PaperSurveyPage)
    page.scan.setFocus()
    type_keys(codes[0])
    press(Qt.Key.Key_Return)
    assert focused() is page.keys and codes[0] in page.card.text()
    type_keys("11203")
    assert page.levels["c"].text() == Rating.SATISFIED.label and page.levels["d"].text() == "bỏ trống"
    press(Qt.Key.Key_Return)
    rated = load_dossier(clerk.store, find_dossier(clerk, codes[0]).uuid).return_record
    assert rated is not None and rated.satisfaction is not None
    assert rated.satisfaction.channel is RatingChannel.PAPER and rated.satisfaction.overall is Rating.DISSATISFIED
    assert focused() is page.scan and "1 phiếu" in page.status.text()
    # the second dossier was rated at the counter: refused until a reason is given
    type_keys(codes[1])
    press(Qt.Key.Key_Return)
    type_keys("1")
    press(Qt.Key.Key_Return)
    assert "đã có đánh giá" in page.status.text() and focused() is page.reason
    type_keys("Phieu ghi lai theo y kien cong dan")
    press(Qt.Key.Key_Return)
    again = load_dossier(clerk.store, find_dossier(clerk, codes[1]).uuid).return_record
    assert again is not None and again.satisfaction is not None and again.satisfaction.overall is Rating.VERY_SATISFIED


def test_settings_tab_saves_the_days_and_prints_the_listing(qtbot, office_store, clock, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, Role.ADMIN, username="admin2")
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    page.show()
    tab = page.practices_tab
    assert tab is not None
    tab.days[2].setChecked(True)  # Thứ tư
    first = tab.procedures.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    tab.leader.setText("Ông Lê Văn Ba, Phó Chủ tịch, 0912 000 111")
    tab.save()
    assert office_store.settings.value(NO_APPOINTMENT_WEEKDAYS) == (2,)
    assert office_store.settings.value(SAME_DAY_PROCEDURES) == (str(first.data(Qt.ItemDataRole.UserRole)),)
    target = tmp_path / "niem-yet.pdf"
    monkeypatch.setattr(ask, "save_file", lambda *args: str(target))
    tab.paper.setCurrentIndex(tab.paper.findData("A3"))
    tab.print_listing()
    assert "Ông Lê Văn Ba" in flat_text(target.read_bytes()) and "Đã in bảng niêm yết" in tab.status.text()
    assert isinstance(Path(target), Path)
