"""One change notification refreshes every open view (issue 15.8): no page shows yesterday's state.

Every main-window page is a ``Page``; a change made on one page (a return in F3, a registration in
F1, a setting in F12) reaches the others through the context's change hub, at once for the page
on screen and when shown for the others.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.transitions import ResultReadyInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, resolve
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.workspace import office_or_none
from motcua_desktop.ui.dossiers.action_dialogs import ActionDialog
from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage
from motcua_desktop.ui.dossiers.return_page import ReturnPage
from motcua_desktop.ui.office.settings_page import SettingsPage
from motcua_desktop.ui.reports.dashboard_page import DashboardPage
from motcua_desktop.ui.shell.changes import Change, changes_for
from motcua_desktop.ui.shell.main_window import MainWindow
from motcua_desktop.ui.shell.page import Page
from tests.factories import applicant, birth_registration, context
from tests.ui.conftest import press, type_keys

pytestmark = pytest.mark.gui


@pytest.fixture
def admin_window(qtbot, office_store, clock):  # type: ignore[no-untyped-def]
    w = MainWindow(context(office_store, clock, role=Role.ADMIN, username="admin2"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def ready(ctx, name: str, number: str) -> str:  # type: ignore[no-untyped-def]
    code = register(ctx, birth_registration(applicant=applicant(full_name=name, id_number=number))).dossier.code
    transition(ctx, find_dossier(ctx, code), ResultReadyInput())
    return code


def test_every_page_of_the_window_is_a_page(window, admin_window) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()
    for each in (window, admin_window):  # a clerk's pages and an administrator's
        for spec in each.specs:
            page = each.page(spec.key)
            assert isinstance(page, Page), spec.key
            assert page.changes is changes_for(each.ctx)  # one hub for the window's context
            seen.add(spec.key)
    assert seen == {
        "reception",
        "dossiers",
        "return",
        "paper_survey",
        "queue",
        "complaints",
        "dashboard",
        "reports",
        "sync",
        "backup",
        "audit",
        "settings",
    }


def test_after_a_return_in_f3_the_f2_detail_no_longer_offers_the_return(window, clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    code = ready(clerk, "Hoàng Văn Em", "038087055555")
    dossiers = window.show_page("dossiers")
    assert isinstance(dossiers, DossiersPage)
    dossiers.open_reference(code)
    detail = dossiers.detail
    assert Action.RETURN.value in detail.action_buttons
    row = dossiers.model.row_of(detail.dossier().uuid)
    detail.action_buttons[Action.RETURN.value].click()  # "Trả kết quả…" takes it to F3
    back = window.page("return")
    assert isinstance(back, ReturnPage) and window.current_key() == "return"
    back.confirm_button.setFocus()
    press(Qt.Key.Key_Return)  # the applicant collects
    type_keys("1")  # "Rất hài lòng": the return is recorded
    assert load_dossier(clerk.store, resolve(clerk, code)).status is Status.RETURNED
    assert dossiers.stale  # noted while hidden, read when shown
    press(Qt.Key.Key_F2)  # no F5
    assert window.current_key() == "dossiers" and not dossiers.stale
    assert detail.dossier() is not None and detail.dossier().status is Status.RETURNED
    assert Action.RETURN.value not in detail.action_buttons
    assert "Đã trả kết quả" in detail.hint.text()
    assert dossiers.model.rows[row].status is Status.RETURNED  # its list line too


def test_a_hidden_page_reads_nothing_until_it_is_shown(window, clerk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dossiers = window.page("dossiers")
    assert isinstance(dossiers, DossiersPage)
    window.show_page("reception")
    reads: list[str] = []
    monkeypatch.setattr(dossiers, "refresh", lambda: reads.append("refresh"))
    for number in ("038087066661", "038087066662"):
        changes_for(clerk).dossier_changed(
            register(clerk, birth_registration(applicant=applicant(id_number=number))).dossier.uuid
        )
    assert reads == [] and dossiers.stale
    window.show_page("dossiers")
    assert reads == ["refresh"]  # once, however many changes came meanwhile


def test_a_dossier_registered_in_f1_is_in_the_f2_list_when_shown(window, clerk) -> None:  # type: ignore[no-untyped-def]
    dossiers = window.page("dossiers")
    assert isinstance(dossiers, DossiersPage) and dossiers.model.rows == []
    reception = window.show_page("reception")
    code = register(clerk, birth_registration()).dossier.code
    reception.changes.dossier_changed(resolve(clerk, code))  # as the reception page's save does
    window.show_page("dossiers")
    assert [s.code for s in dossiers.model.rows] == [code]


def test_the_dashboard_counts_again_after_a_change(admin_window, clerk) -> None:  # type: ignore[no-untyped-def]
    dashboard = admin_window.show_page("dashboard")
    assert isinstance(dashboard, DashboardPage) and dashboard.data is not None
    before = dashboard.data.item("received_today").count
    admin_window.show_page("dossiers")
    uuid = register(clerk, birth_registration()).dossier.uuid
    changes_for(admin_window.ctx).dossier_changed(uuid)
    admin_window.show_page("dashboard")
    assert dashboard.data.item("received_today").count == before + 1


def test_a_settings_change_rewrites_the_status_bar(admin_window) -> None:  # type: ignore[no-untyped-def]
    settings = admin_window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    tab = settings.office_tab
    tab.form.ui.counter_no.setValue(4)
    tab.save()
    assert office_or_none(admin_window.ctx).counter_no == 4
    assert admin_window.counter_label.text() == "Quầy số 4"


def test_pages_busy_with_long_work_catch_up_when_it_ends(window, clerk) -> None:  # type: ignore[no-untyped-def]
    dossiers = window.show_page("dossiers")
    assert isinstance(dossiers, DossiersPage)
    calls: list[bool] = []
    dossiers.busy_changed.connect(calls.append)
    dossiers.set_busy(True)
    assert dossiers.cursor().shape() is Qt.CursorShape.BusyCursor
    uuid = register(clerk, birth_registration()).dossier.uuid
    changes_for(clerk).notify(Change.DOSSIER, uuid)
    assert dossiers.stale and dossiers.model.rows == []  # not while busy
    dossiers.set_busy(False)
    assert calls == [True, False] and not dossiers.stale
    assert [s.uuid for s in dossiers.model.rows] == [uuid]


def test_the_dossier_on_the_return_counter_follows_a_change_made_in_f2(window, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    code = register(clerk, birth_registration()).dossier.code
    back = window.show_page("return")
    assert isinstance(back, ReturnPage)
    assert not back.load(code)  # scanned too early: still being processed
    assert "chưa thể trả kết quả" in back.message.text() and not back.details_box.isEnabled()
    dossiers = window.show_page("dossiers")
    assert isinstance(dossiers, DossiersPage)
    dossiers.open_reference(code)

    def accept_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ActionDialog)
        dialog.accept()

    QTimer.singleShot(0, accept_the_dialog)
    dossiers.detail.action_buttons[Action.RESULT_READY.value].click()  # a colleague records the result
    window.show_page("return")
    assert back.dossier is not None and back.dossier.status is Status.RESULT_READY
    assert back.details_box.isEnabled() and back.message.isHidden()  # ready to hand over, no new scan
