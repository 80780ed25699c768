"""How pressing a dossier's deadline is right now: the words and the warning of the dossier lists.

A list line says it in words ("Quá hạn", "Đến hạn hôm nay", …) and repeats it with a colour; both
come from ``urgency`` so that the list, the dashboard's tiles (``DueFilter``, the same words) and
anything printed agree. "Near due" is a number of working hours set by the office: the service
turns it into a moment (``timeliness.due_soon_threshold``) once per list, not once per line.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.timeliness import is_due_today, is_overdue


class Tone(StrEnum):
    """How loudly a list shows an urgency: a red line, a yellow line, or plain."""

    ALERT = "alert"
    WARNING = "warning"
    PLAIN = "plain"


class Urgency(StrEnum):
    PAUSED = "paused"  # waiting for the citizen's supplement: no deadline runs
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    NEAR_DUE = "near_due"
    IN_TIME = "in_time"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def tone(self) -> Tone:
        return _TONES[self]


_LABELS = {
    Urgency.PAUSED: "Tạm dừng (chờ bổ sung)",
    Urgency.OVERDUE: "Quá hạn",
    Urgency.DUE_TODAY: "Đến hạn hôm nay",
    Urgency.NEAR_DUE: "Sắp đến hạn",
    Urgency.IN_TIME: "Trong hạn",
}
_TONES = {
    Urgency.PAUSED: Tone.PLAIN,
    Urgency.OVERDUE: Tone.ALERT,
    Urgency.DUE_TODAY: Tone.WARNING,
    Urgency.NEAR_DUE: Tone.WARNING,
    Urgency.IN_TIME: Tone.PLAIN,
}


def urgency(status: Status, due_at: datetime | None, now: datetime, near_due_before: datetime) -> Urgency | None:
    """The urgency of a dossier's deadline at ``now``; None when no deadline runs (finished,
    pre-reception, no due date). Dossiers due before ``near_due_before`` are near due."""
    if status is Status.AWAITING_SUPPLEMENT:
        return Urgency.PAUSED
    if not status.is_pending or due_at is None:
        return None
    if is_overdue(due_at, now):
        return Urgency.OVERDUE
    if is_due_today(due_at, now):
        return Urgency.DUE_TODAY
    if due_at <= near_due_before:
        return Urgency.NEAR_DUE
    return Urgency.IN_TIME
