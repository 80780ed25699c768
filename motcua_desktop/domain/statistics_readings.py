"""How the II.06a statistics read two points the texts leave open (``rules.md`` §5, §6.1).

- A dossier waiting for the citizen's supplement at the end of the period: §6.1 (column 9, "đúng
  hạn … includes dossiers awaiting supplementation") and the provincial report rule of §5.1 count
  it as resolved on time (``SupplementReading.RESOLVED``, the default); the other reading keeps it
  pending within its deadline. The report prints which reading it used.
- A procedure whose processing time the province shortened (Decree 118/2025 lets it promise less
  than the statutory time): statistics judge against the date the receipt promised
  (``DurationBasis.PROMISED``, the default) or against the statutory time (``STATUTORY``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum

from motcua_desktop.domain.calendar.work_calendar import WorkCalendar
from motcua_desktop.domain.dossier import Dossier, Outcome
from motcua_desktop.domain.lifecycle import FINISHED
from motcua_desktop.domain.timeliness import (
    EXTENSION_REASON,
    DueTimeline,
    Pause,
    PendingState,
    TimelinessRule,
    date_part_outcome,
    end_event_at,
    outcome_date_part,
    pending_state_for_period,
    qd766_outcome,
)
from motcua_desktop.domain.vntime import VN_TZ, to_vn


class SupplementReading(StrEnum):
    RESOLVED = "resolved"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return {
            SupplementReading.RESOLVED: "Hồ sơ đang chờ công dân bổ sung vào cuối kỳ tính là đã giải quyết đúng hạn",
            SupplementReading.PENDING: "Hồ sơ đang chờ công dân bổ sung vào cuối kỳ tính là đang giải quyết trong hạn",
        }[self]

    @property
    def note(self) -> str:
        """The sentence the report's notes print."""
        return {
            SupplementReading.RESOLVED: (
                "Hồ sơ đang chờ công dân bổ sung vào cuối kỳ được tính là đã giải quyết đúng hạn (cột 9), theo "
                "hướng dẫn của biểu (cột đúng hạn bao gồm cả hồ sơ chờ bổ sung, trả lại, xin rút); kỳ sau vẫn "
                "tính là từ kỳ trước chuyển sang."
            ),
            SupplementReading.PENDING: (
                "Hồ sơ đang chờ công dân bổ sung vào cuối kỳ được tính là đang giải quyết trong hạn (cột 12), "
                "không tính vào số đã giải quyết."
            ),
        }[self]


class DurationBasis(StrEnum):
    PROMISED = "promised"
    STATUTORY = "statutory"

    @property
    def label(self) -> str:
        return {
            DurationBasis.PROMISED: "Theo thời hạn đã hẹn trên giấy tiếp nhận (thời hạn của địa phương nếu có)",
            DurationBasis.STATUTORY: "Theo thời hạn giải quyết do pháp luật quy định",
        }[self]


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=VN_TZ)


def waiting_at_end_of(day: date, timeline: DueTimeline | None) -> bool:
    """Whether the dossier was waiting for the citizen's supplement at the end of ``day``."""
    if timeline is None:
        return False
    cutoff = _end_of(day)
    return any(to_vn(p.start) < cutoff and (p.end is None or to_vn(p.end) >= cutoff) for p in timeline.pauses)


def statutory_due_at(dossier: Dossier, calendar: WorkCalendar, moment: datetime | None = None) -> datetime | None:
    """The due moment the statutory time gives, as the statistics use it at ``moment`` (default: now
    as the dossier stands): counted from reception, or from the supplement that restarted it, with
    the waiting time added under the EXTEND policy; never an extension's date. None when the
    dossier's procedure had no shortened time (then the promised date is the statutory one)."""
    statutory = dossier.procedure.statutory_duration
    if statutory is None or not dossier.procedure.shortened:
        return None
    due = calendar.due_at(dossier.received_at, statutory)
    for revision in dossier.due_history[1:]:
        if moment is not None and to_vn(revision.at) > to_vn(moment):
            break
        if revision.reason == EXTENSION_REASON:
            continue
        if revision.reason == "supplement-restart":
            due = calendar.due_at(revision.at, statutory)
        elif revision.reason == "supplement-extend":
            round_ = next((r for r in dossier.supplements if r.received_at == revision.at), None)
            if round_ is not None and round_.received_at is not None:
                due = calendar.add_working_time(
                    due, calendar.working_time_between(round_.requested_at, round_.received_at)
                )
    return due


def statutory_outcome(dossier: Dossier, rule: TimelinessRule, calendar: WorkCalendar) -> Outcome | None:
    """A finished dossier's outcome judged against the statutory time (None when not shortened or
    not finished)."""
    if dossier.status not in FINISHED:
        return None
    if rule is TimelinessRule.DATE_PART:
        due = statutory_due_at(dossier, calendar)
        if due is None:
            return outcome_date_part(dossier)
        returned = dossier.return_record.returned_at if dossier.return_record else None
        return date_part_outcome(dossier.status, dossier.result_at or returned, due)
    statutory = dossier.procedure.statutory_duration
    if statutory is None or not dossier.procedure.shortened:
        return None
    receipt_due = calendar.due_at(dossier.received_at, statutory)
    pauses = tuple(Pause(r.requested_at, r.received_at) for r in dossier.supplements)
    return qd766_outcome(calendar, end_event_at(dossier), receipt_due, pauses)


def statutory_pending_state(dossier: Dossier, day: date, rule: TimelinessRule, calendar: WorkCalendar) -> PendingState:
    """A shortened dossier pending at the end of ``day``, judged against the statutory time."""
    cutoff = _end_of(day)
    asked = [r for r in dossier.supplements if to_vn(r.requested_at) < cutoff]
    if rule is TimelinessRule.DATE_PART:
        if any(r.received_at is None or to_vn(r.received_at) >= cutoff for r in asked):
            return PendingState.IN_TIME
        due = statutory_due_at(dossier, calendar, cutoff - timedelta(microseconds=1))
        return PendingState.IN_TIME if due is None else pending_state_for_period(due, day)
    if len(asked) > 1:
        return PendingState.OVERDUE
    statutory = dossier.procedure.statutory_duration
    if statutory is None:
        return PendingState.IN_TIME
    due = calendar.due_at(dossier.received_at, statutory)
    waited = timedelta(0)
    for r in asked:
        end = cutoff if r.received_at is None or to_vn(r.received_at) > cutoff else r.received_at
        waited += calendar.working_time_between(r.requested_at, end)
    if waited > timedelta(0):
        due = calendar.add_working_time(due, waited)
    return pending_state_for_period(due, day)
