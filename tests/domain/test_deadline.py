"""The words and warning of a deadline in the lists come from one domain rule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua_desktop.domain.deadline import Tone, Urgency, urgency
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.vntime import vn_datetime

NOW = vn_datetime(2026, 11, 16, 9, 0)  # Monday
NEAR = vn_datetime(2026, 11, 17, 9, 0)  # one working day later


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (Status.IN_PROCESSING, NOW - timedelta(minutes=1), Urgency.OVERDUE),
        (Status.RECEIVED, NOW.replace(hour=16), Urgency.DUE_TODAY),
        (Status.EXTENDED, NEAR - timedelta(hours=1), Urgency.NEAR_DUE),
        (Status.EXTENDED, NEAR, Urgency.NEAR_DUE),
        (Status.SUPPLEMENTED, NEAR + timedelta(days=3), Urgency.IN_TIME),
        (Status.AWAITING_SUPPLEMENT, NOW - timedelta(days=9), Urgency.PAUSED),
        (Status.RESULT_READY, NOW - timedelta(days=9), None),
        (Status.RETURNED, NOW + timedelta(days=9), None),
        (Status.RECEIVED, None, None),
    ],
)
def test_urgency(status: Status, due, expected: Urgency | None) -> None:  # type: ignore[no-untyped-def]
    assert urgency(status, due, NOW, NEAR) is expected


def test_overdue_is_an_alert_and_close_deadlines_a_warning() -> None:
    assert Urgency.OVERDUE.tone is Tone.ALERT
    assert {u for u in Urgency if u.tone is Tone.WARNING} == {Urgency.DUE_TODAY, Urgency.NEAR_DUE}
    assert Urgency.OVERDUE.label == "Quá hạn" and Urgency.PAUSED.label == "Tạm dừng (chờ bổ sung)"
