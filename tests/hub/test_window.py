"""The window with the office hub: an administrator connects from the settings page, the status bar
says connected, then "mất kết nối từ …" while the server is stopped; the dashboard names its counters."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from motcua_desktop.domain.accounts import Role
from motcua_desktop.ui.office import settings_hub
from motcua_desktop.ui.office.settings_page import SettingsPage
from motcua_desktop.ui.reports.dashboard_page import DashboardPage
from motcua_desktop.ui.shell.launcher import main_window_for
from tests.factories import FakeClock, context
from tests.hub.helpers import Hub
from tests.sync.helpers import make_pc

pytestmark = pytest.mark.gui


def test_connect_from_settings_and_the_status_bar_follows_the_hub(
    qtbot: QtBot, hub: Hub, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(settings_hub.ask, "info", lambda _parent, _title, text: told.append(text))
    pc = make_pc(tmp_path, "c1", 1, clock)
    window = main_window_for(pc.admin, idle_lock=False)
    qtbot.addWidget(window)
    window.show()
    assert not window.hub_label.isVisible()
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage) and page.hub_tab is not None
    page.hub_tab.url.setText(hub.url(1))
    page.hub_tab.ca.setText(str(hub.cluster.certificate))

    page.hub_tab.connect_button.click()

    assert told and "Đã kết nối quầy 1" in told[0]
    qtbot.waitUntil(lambda: window.hub_label.text() == "Máy chủ văn phòng: đã kết nối", timeout=20_000)
    assert "đã xác thực chứng chỉ" in page.hub_tab.state.text()
    hub.cluster.stop()
    qtbot.waitUntil(lambda: "mất kết nối từ 09:00" in window.hub_label.text(), timeout=20_000)
    assert window.hub_label.isVisible() and "làm việc bình thường" in window.hub_label.toolTip()
    pc.register()  # the clerk's work goes on
    hub.cluster.start()
    qtbot.waitUntil(lambda: window.hub_label.text() == "Máy chủ văn phòng: đã kết nối", timeout=30_000)
    window.close()
    pc.close()


def test_a_dossier_registered_at_counter_2_appears_in_counter_1s_open_list(
    qtbot: QtBot, hub: Hub, tmp_path: Path, clock: FakeClock
) -> None:
    """Live: nobody at counter 1 touches anything; the list on screen gains counter 2's dossier."""
    from motcua_desktop.services.hub import setup as hub_setup
    from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage
    from tests.hub.helpers import sync
    from tests.sync.helpers import other_applicant

    c1, c2 = (make_pc(tmp_path, f"c{n}", n, clock) for n in (1, 2))
    for pc in (c1, c2):
        hub_setup.connect(pc.admin, hub.url(pc.counter_no))
        sync(pc)  # each publishes its key card; counter 1 enrols counter 2 at its first pull
    c1.register()
    window = main_window_for(c1.clerk, idle_lock=False)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dossiers")
    assert isinstance(page, DossiersPage)
    qtbot.waitUntil(lambda: window.hub_label.text() == "Máy chủ văn phòng: đã kết nối", timeout=20_000)
    shown = page.model.rowCount()

    code = c2.register(applicant=other_applicant("038190007777", "hoàng văn nam"))
    sync(c2)

    def listed() -> bool:
        uuid = window.ctx.store.dossiers.uuid_for_code(code)
        return uuid is not None and page.model.row_of(uuid) is not None

    qtbot.waitUntil(listed, timeout=30_000)
    assert page.model.rowCount() == shown + 1
    window.close()  # stops the replicator; then the count of dossiers to export it asked for ends
    qtbot.waitUntil(lambda: not window.counting_unexported, timeout=10_000)
    for pc in (c1, c2):
        pc.close()


def test_the_dashboard_names_the_counters_it_covers(qtbot: QtBot, hub: Hub, tmp_path: Path, clock: FakeClock) -> None:
    from motcua_desktop.services.hub import setup as hub_setup
    from tests.hub.helpers import sync

    pcs = [make_pc(tmp_path, f"c{n}", n, clock) for n in (1, 2)]
    for pc in pcs:
        hub_setup.connect(pc.admin, hub.url(pc.counter_no))
        pc.register()
    for pc in (*pcs, *pcs):
        sync(pc)
    page = DashboardPage(context(pcs[0].store, clock, Role.LEADER, "lanh.dao"))
    qtbot.addWidget(page)
    page.refresh()
    assert page.coverage.text().startswith("Số liệu gồm 2 quầy: quầy 1 (máy này), quầy 2 (đủ đến ")
    for pc in pcs:
        pc.close()
