"""Due dates: the worked examples of time.md §4 and the edge cases around days off."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

import pytest

from motcua_desktop.domain.calendar import CalendarConfig, Session
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.vntime import VN_TZ
from tests.domain.calendar_support import (
    at,
    calendar_days,
    d,
    hours,
    official_calendar,
    same_day,
    working_days,
)

CAL = official_calendar()


# time.md §4: sessions 07:00–11:30 / 13:30–17:00, 2026 official days off, 8 h per working day.
@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        ("2026-02-12 10:00", "2.5", "2026-02-23 16:00"),  # 5 h Thu + 8 h Fri; Tết 14–22/2; 7 h Mon
        ("2026-02-13 15:30", "1", "2026-02-23 15:30"),  # Tết break skipped
        ("2026-01-08 09:00", "3", "2026-01-12 09:00"),  # Sat 10/1 is a make-up working day
        ("2026-04-24 16:00", "2", "2026-04-29 16:00"),  # Mon 27/4 compensatory day for Giỗ Tổ
        ("2026-08-28 09:00", "0.5", "2026-08-28 15:00"),  # lunch break skipped
    ],
)
def test_worked_examples_of_time_md(received: str, days: str, due: str) -> None:
    assert CAL.due_at(at(received), working_days(days)) == at(due)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-04-26", True),  # Saturday worked back for the 2/5/2025 swap
        ("2025-05-02", False),  # Friday swapped off
        ("2026-01-02", False),  # Friday swapped off (văn bản 12729/VPCP-KGVX)
        ("2026-01-10", True),  # Saturday worked back
        ("2026-01-03", False),  # an ordinary Saturday stays off
        ("2026-11-24", False),  # Ngày Văn hóa Việt Nam, a Tuesday
        ("2026-11-23", True),  # the proposed 23/11 ↔ 28/11 swap was not adopted (time.md §7.8)
        ("2026-11-28", False),  # so 28/11 is an ordinary Saturday
        ("2026-08-31", False),  # Thông báo 9441/TB-BNV: Monday swapped off for Quốc khánh
        ("2026-08-22", True),  # … and worked back on Saturday 22/8/2026
        ("2026-04-27", False),  # compensatory for Giỗ Tổ on Sunday 26/4
        ("2025-01-27", False),  # Tết 2025 starts on 28 Chạp
        ("2025-02-03", True),  # the rules alone would give a compensatory day here; the notice does not
        ("2026-02-23", True),  # first working day after the 2026 Tết break
    ],
)
def test_official_days_and_swaps(day: str, working: bool) -> None:
    assert CAL.is_working_day(d(day)) is working


def test_make_up_saturday_counts_in_due_dates_and_can_be_switched_off() -> None:
    off = official_calendar(CalendarConfig(makeup_saturdays_work=False))
    assert off.is_working_day(d("2026-01-10")) is False
    assert off.due_at(at("2026-01-08 09:00"), working_days("3")) == at("2026-01-13 09:00")


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-02-13 14:59", "2026-02-13 17:00"),  # Friday before Tết, before the cut-off: same day
        ("2026-02-13 15:00", "2026-02-13 17:00"),  # exactly 15:00 is not "after 15:00"
        ("2026-02-13 15:01", "2026-02-23 17:00"),  # after the cut-off: next working day, after Tết
        ("2026-04-29 15:01", "2026-05-04 17:00"),  # Wednesday before 30/4–1/5
        ("2026-02-14 09:00", "2026-02-23 17:00"),  # received on a day off (reception on a Saturday)
        ("2026-02-12 12:15", "2026-02-12 17:00"),  # lunch, before the cut-off
        ("2026-02-12 06:30", "2026-02-12 17:00"),  # before opening
        ("2026-02-12 17:30", "2026-02-13 17:00"),  # after closing
    ],
)
def test_same_day_cut_off(received: str, due: str) -> None:
    assert CAL.due_at(at(received), same_day()) == at(due)


def test_same_day_with_procedure_specific_cut_off() -> None:
    early_cutoff = Duration(DurationUnit.SAME_DAY, Decimal(0), time(11, 0))
    assert CAL.due_at(at("2026-03-02 10:59"), early_cutoff) == at("2026-03-02 17:00")
    assert CAL.due_at(at("2026-03-02 11:01"), early_cutoff) == at("2026-03-03 17:00")


@pytest.mark.parametrize(
    ("received", "duration", "due"),
    [
        # Reception during lunch starts the clock at 13:30.
        ("2026-03-02 12:00", working_days("0.5"), "2026-03-03 07:30"),  # 3.5 h Mon + 0.5 h Tue
        ("2026-03-02 12:00", hours("1"), "2026-03-02 14:30"),
        # Saturday reception starts the clock on Monday 07:00.
        ("2026-03-07 09:00", working_days("1"), "2026-03-09 17:00"),
        ("2026-03-07 09:00", hours("8"), "2026-03-09 17:00"),
        # Half days across a weekend: Fri 15:00 + 0.5 day = 2 h Fri + 2 h Mon.
        ("2026-03-06 15:00", working_days("0.5"), "2026-03-09 09:00"),
        ("2026-03-06 16:30", working_days("1.5"), "2026-03-10 10:30"),  # 0.5 h Fri + 8 h Mon + 3.5 h Tue
        # A due time that lands exactly on the end of the morning stays at 11:30.
        ("2026-03-02 07:00", hours("4.5"), "2026-03-02 11:30"),
        ("2026-03-02 07:00", working_days("1"), "2026-03-02 17:00"),
        # After closing: next morning.
        ("2026-03-02 17:00", hours("1"), "2026-03-03 08:00"),
        # 8 working hours to accept an online dossier, received at night.
        ("2026-03-02 22:00", hours("8"), "2026-03-03 17:00"),
    ],
)
def test_reception_outside_office_hours(received: str, duration: Duration, due: str) -> None:
    assert CAL.due_at(at(received), duration) == at(due)


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        ("2026-04-20 10:00", 10, "2026-05-04 17:00"),  # 30/4 lands on a holiday → after the 4-day break
        ("2026-02-06 10:00", 10, "2026-02-23 17:00"),  # 16/2 is Tết → first working day after
        ("2026-03-02 10:00", 5, "2026-03-09 17:00"),  # 7/3 is a Saturday → Monday
        ("2026-03-02 10:00", 3, "2026-03-05 17:00"),  # ordinary weekday: end of that day
        ("2026-03-06 18:00", 1, "2026-03-10 17:00"),  # received after closing on Friday: clock from Monday
        ("2025-12-31 10:00", 2, "2026-01-05 17:00"),  # 2/1/2026 is the swapped-off Friday
    ],
)
def test_calendar_days_never_end_on_a_day_off(received: str, days: int, due: str) -> None:
    due_at = CAL.due_at(at(received), calendar_days(days))
    assert due_at == at(due)
    assert CAL.is_working_day(due_at.date())


def test_working_day_length_follows_the_configured_sessions() -> None:
    config = CalendarConfig(morning=Session(time(7, 30), time(11, 30)), afternoon=Session(time(13, 30), time(17, 0)))
    cal = official_calendar(config)
    assert config.hours_per_day == Decimal("7.5")
    # 1 day = 7.5 h: 07:30 Mon → 17:00 Mon.
    assert cal.due_at(at("2026-03-02 07:30"), working_days("1")) == at("2026-03-02 17:00")
    # 0.5 day = 3.75 h: 07:30 + 3 h 45 min = 11:15.
    assert cal.due_at(at("2026-03-02 07:30"), working_days("0.5")) == at("2026-03-02 11:15")
    # Reception at 07:10 waits for the 07:30 opening.
    assert cal.next_working_moment(at("2026-03-02 07:10")) == at("2026-03-02 07:30")


def test_default_working_day_conversion_is_eight_hours() -> None:
    assert CalendarConfig().hours_per_day == 8
    assert CAL.duration_time(working_days("2.5")).total_seconds() == 20 * 3600
    assert CAL.duration_time(working_days("0.5")).total_seconds() == 4 * 3600


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-03-02 06:00", "2026-03-02 07:00"),
        ("2026-03-02 07:00", "2026-03-02 07:00"),
        ("2026-03-02 11:30", "2026-03-02 13:30"),
        ("2026-03-02 12:45", "2026-03-02 13:30"),
        ("2026-03-02 16:59", "2026-03-02 16:59"),
        ("2026-03-02 17:00", "2026-03-03 07:00"),
        ("2026-02-13 17:00", "2026-02-23 07:00"),
        ("2026-01-09 18:00", "2026-01-10 07:00"),  # make-up Saturday
    ],
)
def test_next_working_moment(moment: str, expected: str) -> None:
    assert CAL.next_working_moment(at(moment)) == at(expected)


def test_saturday_morning_reception_is_reception_only() -> None:
    receiving = official_calendar(CalendarConfig(saturday_morning_reception=True))
    saturday = at("2026-03-07 09:00")
    assert receiving.is_reception_time(saturday)
    assert not CAL.is_reception_time(saturday)
    assert not receiving.is_reception_time(at("2026-03-07 14:00"))  # afternoon: closed
    assert not receiving.is_reception_time(at("2026-02-14 09:00"))  # Saturday inside the Tết break: closed
    assert not receiving.is_reception_time(at("2026-04-25 09:00"))  # break Sat 25/4 – Mon 27/4/2026
    assert not receiving.is_reception_time(at("2027-05-01 09:00"))  # 1/5/2027 itself falls on a Saturday
    # The clock still starts on Monday.
    assert receiving.due_at(saturday, working_days("1")) == CAL.due_at(saturday, working_days("1"))


def test_working_hours_between_and_add_are_inverse() -> None:
    start, end = at("2026-02-12 10:00"), at("2026-02-23 16:00")
    assert CAL.working_hours_between(start, end) == Decimal(20)
    assert CAL.add_working_hours(start, Decimal(20)) == end
    assert CAL.working_hours_between(end, start) == 0
    assert CAL.working_hours_between(at("2026-03-02 11:00"), at("2026-03-02 14:00")) == Decimal(1)


def test_naive_and_foreign_time_zones_are_vietnam_time() -> None:
    from datetime import timedelta, timezone

    naive = datetime(2026, 2, 12, 10, 0)
    utc = datetime(2026, 2, 12, 3, 0, tzinfo=timezone(timedelta(0)))
    expected = at("2026-02-23 16:00")
    assert CAL.due_at(naive, working_days("2.5")) == expected
    assert CAL.due_at(utc, working_days("2.5")) == expected
    assert CAL.due_at(naive, working_days("2.5")).tzinfo == VN_TZ


def test_negative_working_time_is_refused() -> None:
    with pytest.raises(ValueError, match="invalid number of hours"):
        CAL.add_working_hours(at("2026-03-02 10:00"), Decimal(-1))


def test_next_working_day_skips_the_tet_break() -> None:
    assert CAL.next_working_day(d("2026-02-13")) == d("2026-02-23")
    assert CAL.next_working_day(d("2026-01-09")) == d("2026-01-10")
    assert CAL.working_day_on_or_after(d("2026-03-02")) == d("2026-03-02")
