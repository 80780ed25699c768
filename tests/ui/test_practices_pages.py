"""The "Phản ánh, kiến nghị" and "Hàng chờ" pages and the waiting room's screen, driven by their keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.deadline import Urgency
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.ui.complaints.complaints_page import ComplaintsPage
from motcua_desktop.ui.queue.display import QueueDisplay
from motcua_desktop.ui.queue.queue_page import QueuePage
from tests.factories import context

pytestmark = pytest.mark.gui


def _key(page, key: str) -> None:  # type: ignore[no-untyped-def]
    """Triggers the page's action bound to ``key`` (as the key press would)."""
    matches = [a for a in page.actions() if a.shortcut().toString() == key]
    assert len(matches) == 1, key
    matches[0].trigger()


def test_complaint_recorded_flagged_and_answered(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    leader = context(office_store, clock, Role.LEADER, "truong.bp")
    page = ComplaintsPage(leader)
    qtbot.addWidget(page)
    page.channel.setCurrentIndex(page.channel.findData("letter"))
    page.sender_name.setText("Phạm Thị Hoa")
    page.content.setPlainText("Phí sao y chưa niêm yết")
    _key(page, "F9")
    assert "PA-2026-0001" in page.status.text()
    assert page.model.rowCount() == 1 and page.model.data(page.model.index(0, 2)) == "Thư"
    clock.current = vn_datetime(2026, 12, 3, 9, 0)
    _key(page, "F5")
    assert page.model.data(page.model.index(0, 8)) == Urgency.OVERDUE.label
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    page.table.selectRow(0)
    page.assignee.setCurrentIndex(page.assignee.findData("truong.bp"))
    _key(page, "Ctrl+G")
    assert page.model.data(page.model.index(0, 6)) == "truong.bp"
    page.table.selectRow(0)
    page.answer.setPlainText("Đã niêm yết bảng phí tại quầy.")
    _key(page, "Ctrl+Return")
    assert "trễ hạn" in page.status.text()
    _key(page, "Ctrl+B")
    december = page.report.item(11, 0).text(), page.report.item(11, 4).text()
    assert december == ("Tháng 12/2026", "1")  # answered late in December


def test_ten_tickets_two_counters_and_the_tv_shows_the_call(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    page = QueuePage(ctx)
    qtbot.addWidget(page)
    printed: list[bytes] = []
    page.print_ticket = printed.append
    for i in range(10):
        clock.advance(minutes=1)
        _key(page, "Ctrl+1" if i % 2 == 0 else "Ctrl+3")  # hộ tịch, chứng thực
    assert len(printed) == 10 and all(p.startswith(b"%PDF") for p in printed)
    assert "CT-005" in page.last_ticket.text()

    tv = QueueDisplay(ctx)
    qtbot.addWidget(tv)
    called = []
    for i in range(10):
        page.counter.setValue(1 + i % 2)
        clock.advance(minutes=2)
        _key(page, "F9")
        tv.refresh()
        called.append((tv.number.text(), tv.counter.text()))
    assert called[0] == ("HT-001", "Quầy 1")
    assert called[1] == ("CT-001", "Quầy 2")
    assert called[-1] == ("CT-005", "Quầy 2")
    assert len({number for number, _ in called}) == 10
    assert "Đang phục vụ: CT-005" in page.serving.text()
    _key(page, "F9")
    assert "Không còn ai chờ" in page.status.text()
    assert tv.number.font().pointSize() >= 100  # readable from across the room
    page.open_display()  # Ctrl+T: the page's own screen follows its calls
    assert page.display is not None and page.display.isWindow() and page.display.number.text() == "CT-005"
    page.display.close()


def test_the_report_needs_a_leader(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    leader = QueuePage(context(office_store, clock, Role.LEADER, "truong.bp"))
    qtbot.addWidget(leader)
    leader.take("HT")  # no printer here: the number is given, the status says why it was not printed
    assert "HT-001" in leader.status.text()
    _key(leader, "Ctrl+R")
    assert leader.report.item(0, 0).text() == "Hộ tịch" and leader.report.item(0, 1).text() == "1"
