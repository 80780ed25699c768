"""Drive detection off the window's thread, only while the sync page is visible (finding 8).

On Windows, asking about a mapped network drive whose server is gone blocks for tens of seconds;
polled every 2 s on the window's thread, for ever once the page had been opened, that froze the
counter window again and again. Imitated with a drive source that blocks.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from motcua_desktop.ui.sync.sync_page import Drive, SyncPage
from tests.sync.conftest import office
from tests.sync.helpers import Office

pytestmark = pytest.mark.gui
__all__ = ["office"]


class HungNetworkDrive:
    """A drive list that takes as long as a disconnected network drive makes Windows take."""

    def __init__(self, drive: Drive) -> None:
        self.drive = drive
        self.release = threading.Event()
        self.threads: list[str] = []

    def drives(self) -> list[Drive]:
        self.threads.append(threading.current_thread().name)
        self.release.wait(timeout=10)
        return [self.drive]


def test_a_hung_drive_query_never_blocks_the_window(qtbot, office: Office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "E").mkdir()
    source = HungNetworkDrive(Drive(tmp_path / "E", "KINGSTON", True, 8_000_000_000))
    page = SyncPage(office.c1.clerk, drive_source=source, poll_ms=50)
    qtbot.addWidget(page)
    assert source.threads == []  # nothing asked while the page is not shown
    page.show()
    qtbot.waitUntil(lambda: len(source.threads) == 1, timeout=2000)
    assert threading.main_thread().name not in source.threads  # asked on a worker thread
    qtbot.wait(200)  # the window's thread keeps running; the 50 ms timer does not pile up scans
    assert len(source.threads) == 1 and page.drive_list.count() == 0
    source.release.set()
    qtbot.waitUntil(lambda: page.drive_list.count() == 1, timeout=5000)
    assert page.selected_drive() is not None
    page.hide()
    assert not page.timer.isActive()  # no polling behind another page
    page.show()
    assert page.timer.isActive()
    page.close()
