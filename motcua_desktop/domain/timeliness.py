"""Early, on time or late (``rules.md`` §5), and the due-date predicates of the dashboard.

Two rules, because which one the province reports with is unconfirmed (``rules.md`` §10):

- ``DATE_PART`` (default, the provincial report code, §5.1): compare the *date* of the
  "result ready" moment with the date of the current due moment. Withdrawn, stopped and
  closed-unsupplemented dossiers count as on time (no deadline runs after the request).
- ``QD766`` (§5.2): judged against the receipt's due date plus the working time spent waiting
  for supplements; more than one supplement request is late; the end is the first of
  refusal, stop, result, return or withdrawal.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from motcua_desktop.domain.calendar.clock import running_due_at
from motcua_desktop.domain.calendar.work_calendar import WorkCalendar
from motcua_desktop.domain.dossier import Dossier, Outcome
from motcua_desktop.domain.lifecycle import FINISHED, Status
from motcua_desktop.domain.vntime import business_day, to_vn


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


def outcome_date_part(dossier: Dossier) -> Outcome | None:
    """§5.1 for a finished dossier; None while it is pending or has no due date."""
    if dossier.status not in FINISHED:
        return None
    if dossier.status in _NO_DEADLINE:
        return Outcome.ON_TIME
    done = dossier.result_at or (dossier.return_record.returned_at if dossier.return_record else None)
    if done is None or dossier.due_at is None:
        return None
    return classify_by_date(done, dossier.due_at)


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
    end = end_event_at(dossier)
    due = receipt_due_at(dossier)
    if end is None or due is None:
        return None
    if len(dossier.supplements) > 1:
        return Outcome.LATE
    waited = supplement_wait(calendar, dossier, end)
    if waited > timedelta(0):
        due = calendar.add_working_time(due, waited)
    return classify_by_time(end, due) if exact_time else classify_by_date(end, due)


def finished_outcome(
    dossier: Dossier, rule: TimelinessRule = TimelinessRule.DATE_PART, calendar: WorkCalendar | None = None
) -> Outcome | None:
    """The outcome under the office's rule (``calendar`` is needed for QĐ 766)."""
    if rule is TimelinessRule.DATE_PART:
        return outcome_date_part(dossier)
    if calendar is None:
        raise ValueError("the QĐ 766 rule needs the working calendar")
    return outcome_qd766(dossier, calendar)


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
