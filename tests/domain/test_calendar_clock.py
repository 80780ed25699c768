"""Clock changes: supplement (restart / extend), extension, stop and withdrawal, 15-day close."""

from __future__ import annotations

import dataclasses

import pytest

from motcua_desktop.domain.calendar import (
    SupplementPolicy,
    close_allowed_from,
    due_after_supplement,
    extension_due,
    extension_requested_in_time,
    extension_warning,
    initial_due,
    make_extension,
    may_close_unsupplemented,
    receive_supplement,
    running_due_at,
)
from motcua_desktop.domain.dossier import Dossier, SupplementRound
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.lifecycle import Status
from tests.domain.calendar_support import at, d, make_dossier, official_calendar, working_days

CAL = official_calendar()
RECEIVED = at("2026-02-09 09:00")
DUE = at("2026-02-12 09:00")  # 3 working days
ROUND = SupplementRound(at("2026-02-10 10:00"), "chuyenvien1", ("Bản sao giấy chứng sinh",), "Thiếu giấy tờ")


def _waiting() -> Dossier:
    return make_dossier(RECEIVED, DUE, status=Status.AWAITING_SUPPLEMENT, supplements=(ROUND,))


def test_initial_due_is_the_first_revision() -> None:
    decision = initial_due(CAL, RECEIVED, working_days("3"))
    assert decision.due_at == DUE
    revision = decision.revision(RECEIVED)
    assert (revision.due_at, revision.reason, revision.at) == (DUE, "received", RECEIVED)


def test_supplement_restart_across_tet() -> None:
    # Supplement arrives Friday 13/2 15:30, just before the Tết break: the full 3 days run again
    # from there: 1.5 h Fri + 8 h Mon 23/2 + 8 h Tue 24/2 + 6.5 h Wed 25/2.
    decision = receive_supplement(CAL, _waiting(), at("2026-02-13 15:30"))
    assert decision.due_at == at("2026-02-25 15:30")
    assert decision.reason == "supplement-restart"


def test_supplement_extend_adds_the_waiting_working_time() -> None:
    # Waiting Tue 10/2 10:00 → Fri 13/2 15:30 = 5 + 8 + 8 + 6.5 = 27.5 working hours,
    # added to the old due Thu 12/2 09:00: 6 h Thu + 8 h Fri + 8 h Mon 23/2 + 5.5 h Tue 24/2.
    decision = receive_supplement(CAL, _waiting(), at("2026-02-13 15:30"), SupplementPolicy.EXTEND)
    assert CAL.working_hours_between(ROUND.requested_at, at("2026-02-13 15:30")) == 27.5
    assert decision.due_at == at("2026-02-24 14:30")
    assert decision.reason == "supplement-extend"


def test_extend_with_no_working_time_waited_keeps_the_due() -> None:
    decision = due_after_supplement(
        CAL,
        duration=working_days("1"),
        due_before=at("2026-03-06 17:00"),
        requested_at=at("2026-03-06 17:30"),
        received_at=at("2026-03-07 09:00"),
        policy=SupplementPolicy.EXTEND,
    )
    assert decision.due_at == at("2026-03-06 17:00")


def test_supplement_received_before_it_was_requested_is_refused() -> None:
    with pytest.raises(ValidationError, match="Thời điểm nhận bổ sung"):
        receive_supplement(CAL, _waiting(), at("2026-02-10 09:00"))


def test_no_open_supplement_round() -> None:
    with pytest.raises(ValidationError, match="không có yêu cầu bổ sung"):
        receive_supplement(CAL, make_dossier(RECEIVED, DUE), at("2026-02-13 15:30"))


def test_extension_must_be_later_and_only_once() -> None:
    dossier = make_dossier(RECEIVED, DUE)
    new_due = extension_due(CAL, d("2026-02-24"))
    assert new_due == at("2026-02-24 17:00")
    extension = make_extension(dossier, at=at("2026-02-10 08:00"), new_due_at=new_due, reason=" Cần xác minh ", by="ct")
    assert (extension.old_due_at, extension.new_due_at, extension.reason) == (DUE, new_due, "Cần xác minh")

    with pytest.raises(ValidationError, match="không sau hạn hiện tại"):
        make_extension(dossier, at=at("2026-02-10 08:00"), new_due_at=DUE, reason="x", by="ct")
    with pytest.raises(ValidationError, match="Lý do gia hạn"):
        make_extension(dossier, at=at("2026-02-10 08:00"), new_due_at=new_due, reason="  ", by="ct")
    extended = dataclasses.replace(dossier, extension=extension, due_at=new_due)
    with pytest.raises(ValidationError, match="một lần"):
        make_extension(extended, at=at("2026-02-23 08:00"), new_due_at=at("2026-02-27 17:00"), reason="x", by="ct")


def test_extension_date_on_a_day_off_is_refused_with_a_suggestion() -> None:
    with pytest.raises(ValidationError) as caught:
        extension_due(CAL, d("2026-11-24"))
    assert "24/11/2026 là ngày nghỉ (Ngày Văn hóa Việt Nam)" in caught.value.message
    assert "25/11/2026" in caught.value.message


@pytest.mark.parametrize(
    ("requested", "due", "in_time"),
    [
        ("2026-02-22 16:00", "2026-02-23 16:00", True),  # the day before (even a Sunday)
        ("2026-02-23 07:30", "2026-02-23 16:00", False),  # on the due date
        ("2026-02-24 09:00", "2026-02-23 16:00", False),  # after it
        ("2026-02-12 09:00", "2026-02-23 16:00", True),
    ],
)
def test_extension_at_least_one_day_before(requested: str, due: str, in_time: bool) -> None:
    assert extension_requested_in_time(at(requested), at(due)) is in_time
    warning = extension_warning(at(requested), at(due))
    assert (warning == "") is in_time
    if not in_time:
        assert "01 ngày trước hạn 23/02/2026" in warning


@pytest.mark.parametrize(
    ("status", "running"),
    [
        (Status.RECEIVED, True),
        (Status.IN_PROCESSING, True),
        (Status.EXTENDED, True),
        (Status.SUPPLEMENTED, True),
        (Status.AWAITING_FEES, True),
        (Status.AWAITING_SUPPLEMENT, False),
        (Status.STOPPED, False),
        (Status.WITHDRAWN, False),
        (Status.CLOSED, False),
        (Status.RESULT_READY, False),
    ],
)
def test_no_deadline_after_stop_or_withdrawal(status: Status, running: bool) -> None:
    dossier = make_dossier(RECEIVED, DUE, status=status)
    assert (running_due_at(dossier) == DUE) is running
    assert (running_due_at(dossier) is None) is not running


@pytest.mark.parametrize(
    ("requested", "allowed_from"),
    [
        ("2026-03-02 10:00", "2026-03-18"),  # day 15 = Tue 17/3
        ("2026-03-05 10:00", "2026-03-21"),  # day 15 = Fri 20/3 (a calendar date; the office may be shut)
        ("2026-03-06 10:00", "2026-03-24"),  # day 15 = Sat 21/3 → ends Mon 23/3
        ("2026-02-02 10:00", "2026-02-24"),  # day 15 = Tue 17/2, Tết → ends Mon 23/2
    ],
)
def test_close_unsupplemented_after_15_days(requested: str, allowed_from: str) -> None:
    assert close_allowed_from(CAL, at(requested)) == d(allowed_from)


def test_may_close_unsupplemented() -> None:
    round_ = dataclasses.replace(ROUND, requested_at=at("2026-03-02 10:00"))
    dossier = make_dossier(RECEIVED, DUE, status=Status.AWAITING_SUPPLEMENT, supplements=(round_,))
    assert not may_close_unsupplemented(CAL, dossier, at("2026-03-17 16:00"))
    assert may_close_unsupplemented(CAL, dossier, at("2026-03-18 07:00"))
    answered = dataclasses.replace(dossier, status=Status.SUPPLEMENTED)
    assert not may_close_unsupplemented(CAL, answered, at("2026-04-18 07:00"))
