"""Early, on time or late (``rules.md`` §5), and the due-date predicates of the dashboard.

Two rules, because which one the province reports with is unconfirmed (``rules.md`` §10):

- ``DATE_PART`` (default, the provincial report code, §5.1): compare the *date* of the
  "result ready" moment with the date of the due moment in force *without the extension*
  (``statistics_due_at``: the receipt's, or the one restarted after a supplement). An apology
  letter does not turn a late dossier into an on-time one (QĐ 766 practice, ``rules.md`` §4.2).
  Withdrawn, stopped and closed-unsupplemented dossiers count as on time (no deadline runs after
  the request).
- ``QD766`` (§5.2): judged against the receipt's due date plus the working time spent waiting
  for supplements; more than one supplement request is late; the end is the first of
  refusal, stop, result, return or withdrawal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from motcua_desktop.domain.calendar.clock import running_due_at
from motcua_desktop.domain.calendar.work_calendar import WorkCalendar
from motcua_desktop.domain.dossier import Dossier, Outcome
from motcua_desktop.domain.lifecycle import FINISHED, Status
from motcua_desktop.domain.serde import evolve
from motcua_desktop.domain.vntime import VN_TZ, business_day, to_vn


class TimelinessRule(StrEnum):
    DATE_PART = "date_part"
    QD766 = "qd766"

    @property
    def label(self) -> str:
        return {
            TimelinessRule.DATE_PART: "So sánh theo ngày (ngày có kết quả với ngày hẹn trả)",
            TimelinessRule.QD766: "Theo phương pháp Quyết định 766/QĐ-TTg",
        }[self]


class PendingState(StrEnum):
    IN_TIME = "trong_han"
    OVERDUE = "qua_han"

    @property
    def label(self) -> str:
        return {PendingState.IN_TIME: "Trong hạn", PendingState.OVERDUE: "Quá hạn"}[self]


_NO_DEADLINE = frozenset({Status.WITHDRAWN, Status.STOPPED, Status.CLOSED})


def classify_by_date(done_at: datetime, due_at: datetime) -> Outcome:
    """Date-part rule on plain timestamps: earlier date early, same date on time, later late."""
    done, due = business_day(done_at), business_day(due_at)
    if done < due:
        return Outcome.EARLY
    return Outcome.ON_TIME if done == due else Outcome.LATE


def classify_by_time(done_at: datetime, due_at: datetime) -> Outcome:
    """Exact-time variant: an earlier date is early; up to the due moment on time; after it late."""
    if business_day(done_at) < business_day(due_at):
        return Outcome.EARLY
    return Outcome.ON_TIME if to_vn(done_at) <= to_vn(due_at) else Outcome.LATE


EXTENSION_REASON = "extension"  # DueRevision.reason of an extension (calendar/clock.py REASON_EXTENSION)


def statistics_due_at(dossier: Dossier) -> datetime | None:
    """The due moment statistics judge against: the current one, unless an extension gave it, then
    the one before the extension (the receipt's, or the one restarted when a supplement arrived).
    ``rules.md`` §4.2: an extended dossier counts against the receipt's due date, not the date of
    the apology letter. (With the EXTEND supplement policy, a supplement after the extension adds
    its waiting time to the extended date, which then stays.)"""
    extension = dossier.extension
    if extension is None:
        return dossier.due_at
    history = dossier.due_history
    if history and history[-1].reason != EXTENSION_REASON:
        return dossier.due_at
    return extension.old_due_at


def statistics_due_on(dossier: Dossier, moment: datetime) -> datetime | None:
    """The due moment statistics judged against at ``moment``: the latest due revision made by then
    that no extension gave (the receipt's when there is no history)."""
    kept = [r.due_at for r in dossier.due_history if r.reason != EXTENSION_REASON and to_vn(r.at) <= to_vn(moment)]
    if kept:
        return kept[-1]
    return dossier.original_due_at or receipt_due_at(dossier)


def stored_statistics_due(due_at: datetime | None, timeline: DueTimeline | None) -> datetime | None:
    """``statistics_due_at`` from what the projection keeps: the current due moment, or the one
    before it when the timeline says an extension gave it."""
    if timeline is not None and len(timeline.dues) > 1 and timeline.dues[-1].extension:
        return timeline.dues[-2].due_at
    return due_at


def outcome_date_part(dossier: Dossier) -> Outcome | None:
    """§5.1 for a finished dossier, against ``statistics_due_at``; None while it is pending or has
    no due date."""
    if dossier.status not in FINISHED:
        return None
    returned = dossier.return_record.returned_at if dossier.return_record else None
    return date_part_outcome(dossier.status, dossier.result_at or returned, statistics_due_at(dossier))


def date_part_outcome(status: Status, done: datetime | None, due: datetime | None) -> Outcome | None:
    """§5.1 from a finished dossier's status, result (or return) moment and current due moment."""
    if status in _NO_DEADLINE:
        return Outcome.ON_TIME
    if done is None or due is None:
        return None
    return classify_by_date(done, due)


def end_event_at(dossier: Dossier) -> datetime | None:
    """QĐ 766 end event: the first of refusal, stop, result, return or withdrawal."""
    candidates = [dossier.result_at, dossier.finished_at]
    if dossier.return_record is not None:
        candidates.append(dossier.return_record.returned_at)
    moments = [to_vn(m) for m in candidates if m is not None]
    return min(moments) if moments else None


def supplement_wait(calendar: WorkCalendar, dossier: Dossier, until: datetime) -> timedelta:
    """Working time spent waiting for supplements (an open round counts up to ``until``)."""
    total = timedelta(0)
    for round_ in dossier.supplements:
        total += calendar.working_time_between(round_.requested_at, round_.received_at or until)
    return total


def receipt_due_at(dossier: Dossier) -> datetime | None:
    """The due date printed on the receipt (before any supplement or extension)."""
    if dossier.original_due_at is not None:
        return dossier.original_due_at
    if dossier.due_history:
        return dossier.due_history[0].due_at
    return dossier.due_at


def outcome_qd766(dossier: Dossier, calendar: WorkCalendar, *, exact_time: bool = False) -> Outcome | None:
    """§5.2 for a finished dossier; None while it is pending or has no due date.

    The source does not say whether dates or timestamps are compared: dates by default,
    timestamps with ``exact_time``.
    """
    if dossier.status not in FINISHED:
        return None
    pauses = tuple(Pause(r.requested_at, r.received_at) for r in dossier.supplements)
    return qd766_outcome(calendar, end_event_at(dossier), receipt_due_at(dossier), pauses, exact_time=exact_time)


def qd766_outcome(
    calendar: WorkCalendar,
    end: datetime | None,
    receipt_due: datetime | None,
    pauses: Sequence[Pause],
    *,
    exact_time: bool = False,
) -> Outcome | None:
    """§5.2 from a finished dossier's end moment, its receipt's due date and its supplement rounds
    (an open round counts up to the end); None without an end or a due date."""
    if end is None or receipt_due is None:
        return None
    if len(pauses) > 1:
        return Outcome.LATE
    due = receipt_due
    waited = timedelta(0)
    for pause in pauses:
        waited += calendar.working_time_between(pause.start, pause.end or end)
    if waited > timedelta(0):
        due = calendar.add_working_time(due, waited)
    return classify_by_time(end, due) if exact_time else classify_by_date(end, due)


def stored_outcome_qd766(
    calendar: WorkCalendar,
    status: Status,
    *,
    result_at: datetime | None,
    finished_at: datetime | None,
    returned_at: datetime | None,
    original_due_at: datetime | None,
    due_at: datetime | None,
    timeline: DueTimeline | None,
) -> Outcome | None:
    """``outcome_qd766`` from what the ``dossiers`` projection keeps of a dossier: its moments, its
    receipt's due date and its due timeline (kept whenever there was a supplement or more than one
    due date, see ``due_timeline``). Equal to ``outcome_qd766`` of the replayed dossier, without
    reading its history (tests/reports/test_outcomes.py)."""
    if status not in FINISHED:
        return None
    moments = [to_vn(m) for m in (result_at, finished_at, returned_at) if m is not None]
    receipt_due = original_due_at
    if receipt_due is None:
        receipt_due = timeline.dues[0].due_at if timeline and timeline.dues else due_at
    pauses = timeline.pauses if timeline else ()
    return qd766_outcome(calendar, min(moments) if moments else None, receipt_due, pauses)


def finished_outcome(
    dossier: Dossier, rule: TimelinessRule = TimelinessRule.DATE_PART, calendar: WorkCalendar | None = None
) -> Outcome | None:
    """The outcome under the office's rule (``calendar`` is needed for QĐ 766)."""
    if rule is TimelinessRule.DATE_PART:
        return outcome_date_part(dossier)
    if calendar is None:
        raise ValueError("the QĐ 766 rule needs the working calendar")
    return outcome_qd766(dossier, calendar)


def outcomes_at_finish(
    dossier: Dossier, target: Status, at: datetime, calendar: WorkCalendar
) -> dict[TimelinessRule, Outcome | None]:
    """The outcome under every rule of ``dossier`` finishing now in status ``target``."""
    with_result = target in (Status.RESULT_READY, Status.REFUSED_AFTER_APPRAISAL)
    finished = evolve(dossier, status=target, finished_at=at, result_at=at if with_result else dossier.result_at)
    return {rule: finished_outcome(finished, rule, calendar) for rule in TimelinessRule}


def finish_details(
    dossier: Dossier, target: Status, at: datetime, calendar: WorkCalendar, office_rule: TimelinessRule
) -> dict[str, Any]:
    """What the finishing event records: the outcome under the office's rule and under each rule."""
    outcomes = outcomes_at_finish(dossier, target, at, calendar)
    chosen = outcomes[office_rule]
    return {
        "outcome": chosen.value if chosen else None,
        # A dossier without a due date cannot be late: reports count it on time.
        "outcomes": {rule.value: (o or Outcome.ON_TIME).value for rule, o in outcomes.items()},
    }


# ----- pending dossiers and the dashboard -------------------------------------------------


def pending_state_at(due_at: datetime, moment: datetime) -> PendingState:
    """At a cut-off moment: overdue once the due moment has passed."""
    return PendingState.OVERDUE if to_vn(due_at) < to_vn(moment) else PendingState.IN_TIME


def pending_state_for_period(due_at: datetime, period_end: date) -> PendingState:
    """Report rule (§5.1): overdue when the due date is before the last day of the period."""
    return PendingState.OVERDUE if business_day(due_at) < period_end else PendingState.IN_TIME


def dossier_pending_state(dossier: Dossier, moment: datetime) -> PendingState | None:
    """None when no deadline is running (finished, stopped, waiting for the citizen)."""
    due = running_due_at(dossier)
    return None if due is None else pending_state_at(due, moment)


def is_overdue(due_at: datetime, now: datetime) -> bool:
    return to_vn(due_at) < to_vn(now)


def is_due_today(due_at: datetime, now: datetime) -> bool:
    return business_day(due_at) == business_day(now)


def due_soon_threshold(calendar: WorkCalendar, now: datetime, hours: Decimal) -> datetime:
    """Dossiers due up to this moment are "due within ``hours`` working hours" (for queries)."""
    return calendar.add_working_hours(now, hours)


def is_due_within(calendar: WorkCalendar, due_at: datetime, now: datetime, hours: Decimal) -> bool:
    """Not yet overdue, and due within ``hours`` working hours of ``now``."""
    return to_vn(now) <= to_vn(due_at) <= due_soon_threshold(calendar, now, hours)


# ----- pending dossiers at the end of a past day (periodic reports) ----------------------


@dataclass(frozen=True)
class DueChange:
    """A due moment and when it took effect (the first one is the receipt's); ``extension`` marks
    the one an extension gave, which statistics do not judge against (§4.2)."""

    at: datetime
    due_at: datetime
    extension: bool = False


@dataclass(frozen=True)
class Pause:
    """A supplement round: asked at ``start``, received at ``end`` (None while still waiting)."""

    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class DueTimeline:
    """Enough history to judge, at the end of any past day, whether a pending dossier was in time."""

    dues: tuple[DueChange, ...] = ()
    pauses: tuple[Pause, ...] = ()


def due_timeline(dossier: Dossier) -> DueTimeline | None:
    """None when the due date never changed and no supplement was asked: its one due date decides."""
    dues = tuple(DueChange(r.at, r.due_at, r.reason == EXTENSION_REASON) for r in dossier.due_history)
    if not dues and dossier.due_at is not None:
        dues = (DueChange(dossier.received_at, dossier.due_at),)
    pauses = tuple(Pause(r.requested_at, r.received_at) for r in dossier.supplements)
    if not pauses and len(dues) <= 1:
        return None
    return DueTimeline(dues, pauses)


def pending_state_on(
    day: date,
    rule: TimelinessRule,
    *,
    due_day: date | None,
    timeline: DueTimeline | None,
    calendar: WorkCalendar | None = None,
) -> PendingState:
    """In time or overdue at the end of ``day`` for a dossier still pending then (§5.1, §5.2).

    Judged with what was known at the end of that day, so a report of a past period gives the
    same figures after later extensions or supplements. Under the date-part rule a dossier
    waiting for the citizen's supplement is within its deadline (no deadline runs) and an extension's
    date is not used (§4.2); under QĐ 766
    the waiting time is added to the receipt's due date and a second supplement request is late.
    """
    if timeline is None:
        return PendingState.IN_TIME if due_day is None or due_day >= day else PendingState.OVERDUE
    cutoff = datetime.combine(day + timedelta(days=1), time(0), tzinfo=VN_TZ)
    asked = [p for p in timeline.pauses if to_vn(p.start) < cutoff]
    if rule is TimelinessRule.DATE_PART:
        if any(p.end is None or to_vn(p.end) >= cutoff for p in asked):
            return PendingState.IN_TIME
        known = [c for c in timeline.dues if to_vn(c.at) < cutoff and not c.extension]
        return pending_state_for_period(known[-1].due_at, day) if known else PendingState.IN_TIME
    if calendar is None:
        raise ValueError("the QĐ 766 rule needs the working calendar")
    if len(asked) > 1:
        return PendingState.OVERDUE
    if not timeline.dues:
        return PendingState.IN_TIME
    due = timeline.dues[0].due_at
    waited = timedelta(0)
    for pause in asked:
        end = cutoff if pause.end is None or to_vn(pause.end) > cutoff else pause.end
        waited += calendar.working_time_between(pause.start, end)
    if waited > timedelta(0):
        due = calendar.add_working_time(due, waited)
    return pending_state_for_period(due, day)
