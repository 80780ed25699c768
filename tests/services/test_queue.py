"""The waiting queue on one PC: numbers per day and field, ten tickets called at two counters, the
waiting and service times of the report from known moments."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import NotFound, ValidationError
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.domain.waiting_queue import TicketState
from motcua_desktop.printing.queue_ticket import TicketLayout
from motcua_desktop.services.queue.tickets import (
    call_next,
    finish_current,
    queue_board,
    queue_report,
    take_ticket,
    ticket_pdf,
)
from tests.factories import context
from tests.printing.pdfcheck import flat_text, page_sizes


def test_numbers_restart_each_day_in_each_field(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    assert [take_ticket(ctx, f).label for f in ("HT", "HT", "DD", "Chứng thực", "ht")] == [
        "HT-001",
        "HT-002",
        "DD-001",
        "CT-001",
        "HT-003",
    ]
    clock.current = vn_datetime(2026, 11, 17, 7, 30)
    assert take_ticket(ctx, "HT").label == "HT-001"
    with pytest.raises(ValidationError) as caught:
        take_ticket(ctx, "ZZ")
    assert caught.value.key == "queue.field"


def call_ten_tickets_at_two_counters(store, clock):  # type: ignore[no-untyped-def]
    """Ten tickets on Monday 16/11/2026 from 07:30, called at counters 1 (hộ tịch only) and 2 (all);
    returns the clerk's context and the labels in the order called (also used by the report files)."""
    ctx = context(store, clock)
    other = context(store, clock, Role.CLERK, "minh.tran")

    def at(hour: int, minute: int) -> None:
        clock.current = vn_datetime(2026, 11, 16, hour, minute)

    # 07:30–07:39: six hộ tịch tickets and four chứng thực tickets, one a minute
    for i, field in enumerate(["HT", "CT", "HT", "CT", "HT", "HT", "CT", "HT", "CT", "HT"]):
        at(7, 30 + i)
        take_ticket(ctx, field)
    # counter 1 serves hộ tịch only, counter 2 serves everyone; each call finishes the counter's last ticket
    calls = []
    for minute, counter, fields, by in [
        (40, 1, ["HT"], ctx),  # HT-001, waited 10 min
        (40, 2, None, other),  # CT-001, waited 9 min
        (50, 1, ["HT"], ctx),  # HT-002 (HT-001 served 10 min)
        (50, 2, None, other),  # CT-002 (CT-001 served 10 min)
        (55, 2, None, other),  # HT-003
        (59, 1, ["HT"], ctx),  # HT-004
    ]:
        at(7, minute)
        calls.append(call_next(by, counter, fields).label)  # type: ignore[union-attr]
    at(8, 5)
    calls.append(call_next(other, 2).label)  # type: ignore[union-attr]  # CT-003
    finish_current(ctx, 1, absent=True)  # HT-004 did not come
    calls.append(call_next(ctx, 1, ["HT"]).label)  # type: ignore[union-attr]  # HT-005
    at(8, 15)
    calls.append(call_next(other, 2).label)  # type: ignore[union-attr]  # CT-004
    calls.append(call_next(ctx, 1, ["HT"]).label)  # type: ignore[union-attr]  # HT-006
    at(8, 25)
    finish_current(ctx, 1)
    finish_current(other, 2)
    return ctx, calls


def test_ten_tickets_called_at_two_counters(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx, calls = call_ten_tickets_at_two_counters(office_store, clock)
    leader = context(office_store, clock, Role.LEADER, "truong.bp")
    assert calls == ["HT-001", "CT-001", "HT-002", "CT-002", "HT-003", "HT-004", "CT-003", "HT-005", "CT-004", "HT-006"]
    assert call_next(ctx, 1) is None
    with pytest.raises(NotFound):
        finish_current(ctx, 1)

    board = queue_board(ctx)
    assert [(t.label, t.counter) for t in board.last_calls[:2]] == [("HT-006", 1), ("CT-004", 2)]
    assert all(t.state is not TicketState.WAITING for t in office_store.queue.of_day(date(2026, 11, 16)))
    device = office_store.events.device()
    kinds = [e.kind for e in office_store.events.chain(device.device_id, device.epoch) if e.kind.startswith("queue.")]
    assert kinds.count(ev.QUEUE_TICKET_TAKEN) == 10
    assert kinds.count(ev.QUEUE_TICKET_CALLED) == 10
    assert kinds.count(ev.QUEUE_TICKET_FINISHED) == 10

    report = queue_report(leader, date(2026, 11, 16), date(2026, 11, 16))
    ht, ct = report.by_field
    assert (ht.label, ht.tickets, ht.served, ht.absent) == ("Hộ tịch", 6, 5, 1)
    # HT taken at 30, 32, 34, 35, 37, 39; called at 40, 50, 55, 59, 65, 75 → waits 10, 18, 21, 24, 28, 36
    assert ht.average_wait == pytest.approx((10 + 18 + 21 + 24 + 28 + 36) / 6 * 60)
    assert ht.longest_wait == 36 * 60
    # served: HT-001 40→50, HT-002 50→59, HT-003 55→65 (at counter 2), HT-005 65→75, HT-006 75→85
    assert ht.average_service == pytest.approx((10 + 9 + 10 + 10 + 10) / 5 * 60)
    # CT taken at 31, 33, 36, 38; called at 40, 50, 65, 75 → waits 9, 17, 29, 37; served 10, 5, 10, 10
    assert (ct.label, ct.tickets, ct.served) == ("Chứng thực", 4, 4)
    assert ct.average_wait == pytest.approx((9 + 17 + 29 + 37) / 4 * 60)
    assert ct.average_service == pytest.approx((10 + 5 + 10 + 10) / 4 * 60)
    assert [(r.label, r.tickets) for r in report.by_hour] == [("07:00–08:00", 10)]
    assert report.total.cells()[:5] == ["Tổng cộng", "10", "9", "1", "0"]


@pytest.mark.parametrize("layout", list(TicketLayout))
def test_a_ticket_prints_on_a_roll_or_a6(office_store, clock, layout) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    take_ticket(ctx, "HT")
    ticket = take_ticket(ctx, "HT")
    pdf = ticket_pdf(ctx, ticket, layout)
    ((width, _height),) = page_sizes(pdf)
    assert round(width * 25.4 / 72) == (80 if layout is TicketLayout.ROLL_80 else 105)
    text = flat_text(pdf)
    assert "HT-002" in text and "Hộ tịch" in text and "Trước bạn còn 1 người chờ" in text
