"""Early / on time / late (rules.md §5) and the dashboard predicates."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from motcua_desktop.domain.dossier import Dossier, DueRevision, Extension, Outcome, SupplementRound
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.timeliness import (
    PendingState,
    TimelinessRule,
    classify_by_date,
    classify_by_time,
    dossier_pending_state,
    due_soon_threshold,
    due_timeline,
    end_event_at,
    finished_outcome,
    is_due_today,
    is_due_within,
    is_overdue,
    outcome_date_part,
    outcome_qd766,
    pending_state_at,
    pending_state_for_period,
    statistics_due_at,
    stored_statistics_due,
)
from tests.domain.calendar_support import at, d, make_dossier, official_calendar

CAL = official_calendar()
RECEIVED = at("2026-03-02 09:00")
DUE = at("2026-03-05 09:00")  # 3 working days


def _finished(result: str, status: Status = Status.RESULT_READY, **changes: object) -> Dossier:
    moment = at(result)
    dossier = make_dossier(RECEIVED, DUE, status=status, result_at=moment, finished_at=moment)
    return dataclasses.replace(dossier, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("done", "outcome"),
    [
        ("2026-03-04 16:59", Outcome.EARLY),
        ("2026-03-05 08:00", Outcome.ON_TIME),
        ("2026-03-05 16:30", Outcome.ON_TIME),  # after the due hour, same date: on time by the date rule
        ("2026-03-06 07:00", Outcome.LATE),
    ],
)
def test_date_part_rule(done: str, outcome: Outcome) -> None:
    assert classify_by_date(at(done), DUE) is outcome
    assert outcome_date_part(_finished(done)) is outcome
    assert finished_outcome(_finished(done)) is outcome


def test_exact_time_variant_is_stricter_on_the_due_date() -> None:
    assert classify_by_time(at("2026-03-05 16:30"), DUE) is Outcome.LATE
    assert classify_by_time(at("2026-03-05 09:00"), DUE) is Outcome.ON_TIME
    assert classify_by_time(at("2026-03-04 16:30"), DUE) is Outcome.EARLY


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.STOPPED, Status.CLOSED])
def test_withdrawn_stopped_and_closed_count_as_on_time(status: Status) -> None:
    late = make_dossier(RECEIVED, DUE, status=status, finished_at=at("2026-03-20 10:00"))
    assert outcome_date_part(late) is Outcome.ON_TIME


def test_refusal_after_appraisal_is_judged_by_its_date() -> None:
    assert outcome_date_part(_finished("2026-03-09 10:00", Status.REFUSED_AFTER_APPRAISAL)) is Outcome.LATE


def test_returned_dossier_is_judged_by_result_ready_not_by_collection() -> None:
    from motcua_desktop.domain.dossier import CollectorKind, ReturnRecord

    record = ReturnRecord(at("2026-03-20 10:00"), "canbo1", CollectorKind.APPLICANT, "Nguyễn Thị Đào")
    dossier = _finished("2026-03-04 10:00", Status.RETURNED, return_record=record)
    assert outcome_date_part(dossier) is Outcome.EARLY


def test_pending_dossier_has_no_outcome() -> None:
    assert outcome_date_part(make_dossier(RECEIVED, DUE)) is None
    assert outcome_qd766(make_dossier(RECEIVED, DUE), CAL) is None


def test_qd766_subtracts_supplement_waiting_time() -> None:
    # Waiting Tue 3/3 09:00 → Thu 5/3 09:00 = 16 working hours; receipt due Thu 5/3 09:00 becomes Mon 9/3 09:00.
    round_ = SupplementRound(at("2026-03-03 09:00"), "cv", ("Tờ khai",), "Thiếu", received_at=at("2026-03-05 09:00"))
    restarted_due = at("2026-03-10 09:00")
    dossier = _finished("2026-03-09 08:00", supplements=(round_,), due_at=restarted_due)
    assert outcome_qd766(dossier, CAL) is Outcome.ON_TIME
    assert outcome_date_part(dossier) is Outcome.EARLY  # judged against the restarted due
    late = _finished("2026-03-10 08:00", supplements=(round_,), due_at=restarted_due)
    assert outcome_qd766(late, CAL) is Outcome.LATE
    assert finished_outcome(late, TimelinessRule.QD766, CAL) is Outcome.LATE


def test_qd766_more_than_one_supplement_request_is_late() -> None:
    rounds = tuple(
        SupplementRound(at(t), "cv", ("Tờ khai",), "Thiếu", received_at=at(t).replace(hour=15))
        for t in ("2026-03-02 10:00", "2026-03-03 10:00")
    )
    assert outcome_qd766(_finished("2026-03-03 16:00", supplements=rounds), CAL) is Outcome.LATE


def test_both_rules_judge_against_the_receipt_due_date_not_the_extension() -> None:
    """rules.md §4.2: an apology letter does not turn a late dossier into an on-time one."""
    extension = Extension(at("2026-03-03 10:00"), DUE, at("2026-03-10 17:00"), "Xác minh", "ct")
    history = (DueRevision(DUE, "received", RECEIVED), DueRevision(extension.new_due_at, "extension", extension.at))
    dossier = _finished("2026-03-09 10:00", extension=extension, due_at=extension.new_due_at, due_history=history)
    assert statistics_due_at(dossier) == DUE
    assert outcome_date_part(dossier) is Outcome.LATE
    assert outcome_qd766(dossier, CAL) is Outcome.LATE
    on_time = _finished("2026-03-05 08:00", extension=extension, due_at=extension.new_due_at, due_history=history)
    assert outcome_date_part(on_time) is Outcome.ON_TIME
    timeline = due_timeline(dossier)
    assert timeline is not None and timeline.dues[-1].extension
    assert stored_statistics_due(extension.new_due_at, timeline) == DUE


def test_a_supplement_after_the_extension_restarts_the_due_date_statistics_use() -> None:
    extension = Extension(at("2026-03-03 10:00"), DUE, at("2026-03-10 17:00"), "Xác minh", "ct")
    restarted = at("2026-03-12 09:00")
    history = (
        DueRevision(DUE, "received", RECEIVED),
        DueRevision(extension.new_due_at, "extension", extension.at),
        DueRevision(restarted, "supplement-restart", at("2026-03-09 09:00")),
    )
    dossier = _finished("2026-03-11 10:00", extension=extension, due_at=restarted, due_history=history)
    assert statistics_due_at(dossier) == restarted
    assert outcome_date_part(dossier) is Outcome.EARLY


def test_qd766_end_event_is_the_first_one() -> None:
    dossier = make_dossier(RECEIVED, DUE, status=Status.WITHDRAWN, finished_at=at("2026-03-06 10:00"))
    assert end_event_at(dossier) == at("2026-03-06 10:00")
    assert outcome_qd766(dossier, CAL) is Outcome.LATE  # QĐ 766 compares the withdrawal moment too
    assert outcome_qd766(dossier, CAL, exact_time=True) is Outcome.LATE


def test_qd766_needs_the_calendar() -> None:
    with pytest.raises(ValueError, match="calendar"):
        finished_outcome(_finished("2026-03-04 10:00"), TimelinessRule.QD766)


def test_pending_states() -> None:
    assert pending_state_at(DUE, at("2026-03-05 08:59")) is PendingState.IN_TIME
    assert pending_state_at(DUE, at("2026-03-05 09:00")) is PendingState.IN_TIME
    assert pending_state_at(DUE, at("2026-03-05 09:01")) is PendingState.OVERDUE
    assert pending_state_for_period(DUE, d("2026-03-05")) is PendingState.IN_TIME
    assert pending_state_for_period(DUE, d("2026-03-31")) is PendingState.OVERDUE
    waiting = make_dossier(RECEIVED, DUE, status=Status.AWAITING_SUPPLEMENT)
    assert dossier_pending_state(waiting, at("2026-04-01 09:00")) is None
    assert dossier_pending_state(make_dossier(RECEIVED, DUE), at("2026-04-01 09:00")) is PendingState.OVERDUE


def test_dashboard_predicates() -> None:
    now = at("2026-02-13 16:00")  # Friday before the Tết break
    threshold = due_soon_threshold(CAL, now, Decimal(8))
    assert threshold == at("2026-02-23 16:00")  # 1 h Friday + 4.5 h + 2.5 h Monday
    assert is_due_within(CAL, at("2026-02-23 10:00"), now, Decimal(8))
    assert is_due_within(CAL, at("2026-02-23 16:00"), now, Decimal(8))
    assert not is_due_within(CAL, at("2026-02-23 16:30"), now, Decimal(8))
    assert not is_due_within(CAL, at("2026-02-13 15:00"), now, Decimal(8))  # already overdue
    assert is_overdue(at("2026-02-13 15:00"), now)
    assert not is_overdue(at("2026-02-13 17:00"), now)
    assert is_due_today(at("2026-02-13 17:00"), now)
    assert not is_due_today(at("2026-02-23 07:00"), now)


def test_finished_outcome_date_part_matches_dataclass_replace() -> None:
    dossier = _finished("2026-03-05 10:00")
    assert finished_outcome(dataclasses.replace(dossier, due_at=at("2026-03-06 10:00"))) is Outcome.EARLY
