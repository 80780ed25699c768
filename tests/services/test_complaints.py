"""The register of complaints: due dates in working days, answers on time or late, the report's figures
from a known set of complaints."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.complaints import Channel, ComplaintInput, ComplaintPeriod
from motcua_desktop.domain.deadline import Urgency
from motcua_desktop.domain.errors import NotFound, TransitionError, ValidationError
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.services.complaints.register import (
    answer_complaint,
    assign_complaint,
    complaint_register,
    complaint_report,
    receive_complaint,
    set_answer_days,
)
from motcua_desktop.services.dossiers.registration import register
from tests.factories import birth_registration, context


def _events(store):  # type: ignore[no-untyped-def]
    device = store.events.device()
    return list(store.events.chain(device.device_id, device.epoch))


def _complaint(ctx, channel=Channel.COUNTER, **kw):  # type: ignore[no-untyped-def]
    values = {"sender": "Trần Văn Bình", "content": "Chờ lâu ở quầy hộ tịch.", **kw}
    return receive_complaint(ctx, ComplaintInput(channel=channel, **values))


def test_a_complaint_is_due_ten_working_days_later_and_logged(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    complaint = _complaint(ctx, Channel.PHONE, contact="0912345678", assignee="lan.nguyen")
    assert complaint.code == "PA-2026-0001"
    # ten working days on the office's calendar: 24/11 (Ngày Văn hóa Việt Nam) is a day off
    assert complaint.due_at == vn_datetime(2026, 12, 1, 9, 0)
    assert complaint.channel.label == "Điện thoại"
    events = [e for e in _events(office_store) if e.kind == ev.COMPLAINT_RECEIVED]
    assert [e.payload["code"] for e in events] == ["PA-2026-0001"]
    assert _complaint(ctx).code == "PA-2026-0002"


def test_a_complaint_may_name_the_dossier_it_concerns(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    dossier = register(ctx, birth_registration()).dossier
    complaint = _complaint(ctx, dossier_code=dossier.code)
    assert complaint.dossier_code == dossier.code
    with pytest.raises(NotFound):
        _complaint(ctx, dossier_code="000.00.12.H56-261116-9999")


def test_bad_input_names_the_field(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    with pytest.raises(ValidationError) as caught:
        _complaint(ctx, content="  ")
    assert caught.value.key == "complaint.content"
    with pytest.raises(ValidationError) as caught:
        _complaint(ctx, sender="")
    assert caught.value.key == "complaint.sender"
    assert _complaint(ctx, Channel.BOX, sender="").sender == "Không ghi tên"
    with pytest.raises(ValidationError) as caught:
        _complaint(ctx, assignee="nobody")
    assert caught.value.key == "complaint.assignee"


def test_overdue_complaints_are_flagged_and_answered_once(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    complaint = _complaint(ctx)
    assert [line.urgency for line in complaint_register(ctx)] == [Urgency.IN_TIME]
    clock.current = vn_datetime(2026, 12, 1, 8, 0)
    assert [line.urgency for line in complaint_register(ctx, open_only=True)] == [Urgency.DUE_TODAY]
    clock.current = vn_datetime(2026, 12, 2, 8, 0)
    assert [line.urgency for line in complaint_register(ctx, open_only=True)] == [Urgency.OVERDUE]
    assign_complaint(ctx, complaint.code, "admin")
    answered = answer_complaint(ctx, complaint.code.lower(), "Đã bố trí thêm một cán bộ hộ tịch buổi sáng.")
    assert answered.answered_on_time is False and answered.assignee == "admin"
    assert complaint_register(ctx, open_only=True) == []
    with pytest.raises(TransitionError):
        answer_complaint(ctx, complaint.code, "Lần hai")
    kinds = [e.kind for e in _events(office_store) if e.kind.startswith("complaint.")]
    assert kinds == [ev.COMPLAINT_RECEIVED, ev.COMPLAINT_ASSIGNED, ev.COMPLAINT_ANSWERED]


def record_known_complaints(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    """Six complaints in November and December 2026 (the report's known set, also used by the report files)."""

    def at(day: int, month: int, hour: int = 9) -> None:
        clock.current = vn_datetime(2026, month, day, hour, 0)

    at(2, 11)
    _complaint(ctx)  # F: due mid-November, never answered
    at(16, 11)
    a = _complaint(ctx)  # due 01/12 09:00
    at(16, 11, 10)
    b = _complaint(ctx, Channel.LETTER)  # due 01/12 10:00
    at(20, 11)
    answer_complaint(ctx, a.code, "Đã trả lời.")  # on time, November
    at(23, 11)
    c = _complaint(ctx, Channel.BOX)  # due 08/12
    at(25, 11)
    _complaint(ctx, Channel.PHONE)  # D: due 10/12, never answered
    at(2, 12)
    answer_complaint(ctx, b.code, "Đã trả lời.")  # late, December
    at(4, 12)
    answer_complaint(ctx, c.code, "Đã trả lời.")  # on time, December
    at(28, 12)
    _complaint(ctx)  # E: due in January


# (open at start, received, answered on time, answered late, open at end, overdue at end)
KNOWN_FIGURES = {
    "Tháng 11/2026": (0, 5, 1, 0, 4, 1),  # F overdue; B, C, D open in time
    "Tháng 12/2026": (4, 1, 1, 1, 3, 2),  # D and F overdue, E in time
    "Cả hai tháng": (0, 6, 2, 1, 3, 2),
}


def test_the_report_counts_a_known_set(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    leader = context(office_store, clock, Role.LEADER, "truong.bp")
    record_known_complaints(ctx, clock)
    nov = ComplaintPeriod("Tháng 11/2026", date(2026, 11, 1), date(2026, 11, 30))
    dec = ComplaintPeriod("Tháng 12/2026", date(2026, 12, 1), date(2026, 12, 31))
    both = ComplaintPeriod("Cả hai tháng", date(2026, 11, 1), date(2026, 12, 31))
    rows = complaint_report(leader, [nov, dec, both])
    figures = {
        r.period.label: (
            r.open_at_start,
            r.received,
            r.answered_on_time,
            r.answered_late,
            r.open_at_end,
            r.overdue_at_end,
        )
        for r in rows
    }
    assert figures == KNOWN_FIGURES


def test_the_office_sets_the_time_to_answer(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, Role.ADMIN, "admin")
    assert set_answer_days(admin, 5) == 5
    with pytest.raises(ValidationError) as caught:
        set_answer_days(admin, 0)
    assert caught.value.key == "complaints.answer_days"
    complaint = _complaint(context(office_store, clock))
    assert complaint.due_at == vn_datetime(2026, 11, 23, 9, 0)  # five working days
