"""Pure rules of the complaints register and the waiting queue."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain.complaints import (
    Channel,
    Complaint,
    ComplaintPeriod,
    complaint_figures,
    complaint_state,
    month_periods,
    months_between,
    parse_channel,
)
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.domain.waiting_queue import (
    DEFAULT_QUEUE_FIELDS,
    Ticket,
    TicketState,
    next_to_call,
    parse_queue_fields,
    queue_figures,
    stored_queue_fields,
)


def _complaint(received, due, answered=None) -> Complaint:  # type: ignore[no-untyped-def]
    return Complaint(
        uuid="u",
        code="PA-2026-0001",
        received_at=received,
        channel=Channel.COUNTER,
        sender="A",
        contact="",
        content="x",
        dossier_code="",
        assignee="",
        due_at=due,
        recorded_by="lan",
        answered_at=answered,
    )


def test_channels_are_read_by_value_or_label() -> None:
    assert parse_channel("Hòm thư góp ý") is Channel.BOX
    assert parse_channel("PHONE") is Channel.PHONE
    with pytest.raises(ValidationError) as caught:
        parse_channel("fax")
    assert caught.value.key == "complaint.channel" and "letter (Thư)" in caught.value.message


def test_answered_on_the_due_moment_is_on_time() -> None:
    due = vn_datetime(2026, 12, 1, 9, 0)
    on_time = _complaint(vn_datetime(2026, 11, 16, 9), due, answered=due)
    late = _complaint(vn_datetime(2026, 11, 16, 9), due, answered=vn_datetime(2026, 12, 1, 9, 1))
    assert on_time.answered_on_time and late.answered_on_time is False
    assert complaint_state(late, due) == "Đã trả lời 01/12/2026 (trễ hạn)"
    assert complaint_state(_complaint(vn_datetime(2026, 11, 16, 9), due), vn_datetime(2026, 12, 2)) == (
        "Quá hạn, chưa trả lời"
    )


def test_a_complaint_due_on_the_last_day_is_overdue_at_the_period_end() -> None:
    c = _complaint(vn_datetime(2026, 11, 16, 9), vn_datetime(2026, 11, 30, 16, 0))
    (nov,) = complaint_figures([c], [ComplaintPeriod("11", date(2026, 11, 1), date(2026, 11, 30))])
    assert (nov.received, nov.open_at_end, nov.overdue_at_end) == (1, 1, 1)


def test_periods() -> None:
    assert [p.label for p in month_periods(2026)][::11] == ["Tháng 1/2026", "Tháng 12/2026"]
    assert month_periods(2026)[1].end == date(2026, 2, 28)
    cut = months_between(date(2026, 11, 15), date(2027, 1, 14))
    assert [(p.start, p.end) for p in cut] == [
        (date(2026, 11, 15), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 14)),
    ]


def test_queue_fields_are_checked() -> None:
    fields = parse_queue_fields(["ht=Hộ tịch", {"code": "DD", "name": "Đất đai"}])
    assert [(f.code, f.name) for f in fields] == [("HT", "Hộ tịch"), ("DD", "Đất đai")]
    for bad in ([], ["HTXX=Quá dài"], ["H1=Số"], ["HT=Hộ tịch", "HT=Lặp"], ["HT="]):
        with pytest.raises(ValidationError) as caught:
            parse_queue_fields(bad)
        assert caught.value.key == "queue.fields"
    assert stored_queue_fields("hỏng") == DEFAULT_QUEUE_FIELDS


def test_the_longest_waiting_ticket_of_the_counters_fields_is_called() -> None:
    day = date(2026, 11, 16)
    ht = Ticket("a", day, "HT", 1, vn_datetime(2026, 11, 16, 7, 31))
    ct = Ticket("b", day, "CT", 1, vn_datetime(2026, 11, 16, 7, 30))
    same_second = Ticket("c", day, "DD", 1, vn_datetime(2026, 11, 16, 7, 30))
    assert next_to_call([ht, ct, same_second]) is ct  # the earliest; of two in the same second, the first taken
    assert next_to_call([ht, ct], ["HT"]) is ht
    assert next_to_call([ht], ["CT"]) is None
    called = Ticket("d", day, "HT", 2, vn_datetime(2026, 11, 16, 7), called_at=vn_datetime(2026, 11, 16, 7, 5))
    assert called.state is TicketState.CALLED and next_to_call([called]) is None


def test_queue_figures_by_hour_use_vietnam_time() -> None:
    day = date(2026, 11, 16)
    morning = Ticket("a", day, "HT", 1, vn_datetime(2026, 11, 16, 7, 59))
    later = Ticket(
        "b",
        day,
        "XX",
        1,
        vn_datetime(2026, 11, 16, 8, 0),
        called_at=vn_datetime(2026, 11, 16, 8, 6),
        finished_at=vn_datetime(2026, 11, 16, 8, 9),
        counter=1,
    )
    figures = queue_figures([morning, later], DEFAULT_QUEUE_FIELDS)
    assert [r.label for r in figures.by_field] == ["Hộ tịch", "XX"]  # a field no longer listed keeps its code
    assert [r.label for r in figures.by_hour] == ["07:00–08:00", "08:00–09:00"]
    assert figures.total.cells() == ["Tổng cộng", "2", "1", "0", "1", "6", "6", "3"]
