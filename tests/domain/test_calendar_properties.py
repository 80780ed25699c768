"""Properties of due dates over the whole 2025–2028 range (official, computed and rule years)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua_desktop.domain.calendar import CalendarConfig, WorkCalendar
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.vntime import VN_TZ
from tests.domain.calendar_support import official_calendar

CAL = official_calendar()
SATURDAY_RECEPTION = official_calendar(CalendarConfig(saturday_morning_reception=True, makeup_saturdays_work=False))

received_moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31, 23, 59)).map(
    lambda m: m.replace(second=0, microsecond=0, tzinfo=VN_TZ)
)
half_days = st.integers(min_value=1, max_value=60).map(lambda n: Decimal(n) / 2)
quarter_hours = st.integers(min_value=1, max_value=400).map(lambda n: Decimal(n) / 4)
durations = st.one_of(
    half_days.map(lambda a: Duration(DurationUnit.WORKING_DAYS, a)),
    quarter_hours.map(lambda a: Duration(DurationUnit.WORKING_HOURS, a)),
    st.integers(min_value=1, max_value=90).map(lambda n: Duration(DurationUnit.CALENDAR_DAYS, Decimal(n))),
    st.just(Duration(DurationUnit.SAME_DAY)),
)
calendars = st.sampled_from([CAL, SATURDAY_RECEPTION])
FAST = settings(deadline=None, max_examples=150)


def _on_working_time(cal: WorkCalendar, moment: datetime) -> bool:
    """A working moment, or the end of a session of a working day."""
    clock = moment.time()
    ends = {s.end for s in cal.config.sessions}
    return cal.is_working_moment(moment) or (cal.is_working_day(moment.date()) and clock in ends)


@FAST
@given(cal=calendars, received=received_moments, duration=durations)
def test_due_is_never_before_reception_nor_on_a_day_off(
    cal: WorkCalendar, received: datetime, duration: Duration
) -> None:
    due = cal.due_at(received, duration)
    assert due >= received
    assert cal.is_working_day(due.date())
    assert _on_working_time(cal, due)


@FAST
@given(received=received_moments, a=half_days, b=half_days)
def test_working_days_are_monotone(received: datetime, a: Decimal, b: Decimal) -> None:
    small, large = sorted((a, b))
    first = CAL.due_at(received, Duration(DurationUnit.WORKING_DAYS, small))
    second = CAL.due_at(received, Duration(DurationUnit.WORKING_DAYS, large))
    assert first <= second
    if small < large:
        assert first < second


@FAST
@given(received=received_moments, a=st.integers(1, 90), b=st.integers(1, 90))
def test_calendar_days_are_monotone(received: datetime, a: int, b: int) -> None:
    small, large = sorted((a, b))
    first = CAL.due_at(received, Duration(DurationUnit.CALENDAR_DAYS, Decimal(small)))
    second = CAL.due_at(received, Duration(DurationUnit.CALENDAR_DAYS, Decimal(large)))
    assert first <= second


@FAST
@given(received=received_moments, amount=quarter_hours)
def test_working_time_between_inverts_add(received: datetime, amount: Decimal) -> None:
    due = CAL.add_working_hours(received, amount)
    assert CAL.working_hours_between(received, due) == amount


@FAST
@given(received=received_moments, days=half_days)
def test_a_working_day_is_the_configured_session_total(received: datetime, days: Decimal) -> None:
    due_days = CAL.due_at(received, Duration(DurationUnit.WORKING_DAYS, days))
    due_hours = CAL.due_at(received, Duration(DurationUnit.WORKING_HOURS, days * 8))
    assert due_days == due_hours


@FAST
@given(received=received_moments)
def test_next_working_moment_is_idempotent_and_not_earlier(received: datetime) -> None:
    start = CAL.next_working_moment(received)
    assert start >= received
    assert CAL.next_working_moment(start) == start
    assert CAL.is_working_moment(start)
    # Nothing in between counts as working time.
    assert CAL.working_time_between(received, start) == timedelta(0)
