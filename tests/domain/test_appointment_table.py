"""Appointments computed by hand from the law, one row per case with the rule it exercises.

Office hours are the defaults (07:00–11:30 and 13:30–17:00, 8 h a working day; ``time.md`` §2).
Each due moment below was worked out on paper from the days off of ``time.md`` §7 before the
program was asked; the comment says which rule decides it. Calendars:

- ``shipped``: the reference schedule 2025–2027 (official 2025 and 2026, computed 2027) with the
  reported 2027 days waiting; undecided days count as off (Labour Code Art. 112(1)(b), (đ));
- ``confirmed``: the same after an administrator confirmed the reported 2027 schedule
  (Tết Thu 4/2 – Wed 10/2, Quốc khánh 2/9 + Fri 3/9; Công văn 10065/VPCP-KGVX);
- ``first``: a hypothetical notice placing the 2027 adjacent day on Wed 1/9 instead;
- ``no_makeup``: an office that does not count make-up Saturdays as working days;
- ``saturday``: an office that receives on Saturday mornings (reception only, ``time.md`` §1);
- ``short_day``: office hours 07:30–11:30 and 13:30–17:00 (7.5 h a working day).
"""

from __future__ import annotations

import dataclasses
from datetime import time

import pytest

from motcua_desktop.domain.calendar import (
    CalendarConfig,
    CalendarDay,
    DayOrigin,
    DayStatus,
    Session,
    SupplementPolicy,
    WorkCalendar,
    due_after_supplement,
)
from motcua_desktop.domain.calendar.days import DayKind
from motcua_desktop.domain.duration import Duration
from tests.domain.calendar_support import (
    at,
    calendar_days,
    d,
    hours,
    official_calendar,
    same_day,
    shipped_rows,
    working_days,
)


def _confirmed_2027() -> list[CalendarDay]:
    """The reported 2027 year as an imported official set (what ``confirm_reported`` stores)."""
    reported = [r for r in shipped_rows() if r.day.year == 2027 and r.source.startswith(("Công văn", "Bộ luật"))]
    rows = [r for r in shipped_rows() if r.day.year == 2027 and r.status is DayStatus.COMPUTED]
    rows = [r for r in rows if not (d("2027-02-04") <= r.day <= d("2027-02-11")) and r.day != d("2027-09-02")]
    placed = [dataclasses.replace(r, status=DayStatus.OFFICIAL) for r in reported]
    return [dataclasses.replace(r, origin=DayOrigin.IMPORTED) for r in [*rows, *placed]]


def _adjacent_first_2027() -> list[CalendarDay]:
    rows = [r for r in _confirmed_2027() if r.day != d("2027-09-03")]
    first = CalendarDay(
        d("2027-09-01"),
        DayKind.HOLIDAY,
        "Quốc khánh (liền kề)",
        DayStatus.OFFICIAL,
        "Giả định",
        origin=DayOrigin.IMPORTED,
    )
    return [*rows, first]


CALENDARS = {
    "shipped": official_calendar(),
    "confirmed": official_calendar(None, *_confirmed_2027()),
    "first": official_calendar(None, *_adjacent_first_2027()),
    "no_makeup": official_calendar(CalendarConfig(makeup_saturdays_work=False)),
    "saturday": official_calendar(CalendarConfig(saturday_morning_reception=True)),
    "short_day": official_calendar(
        CalendarConfig(morning=Session(time(7, 30), time(11, 30)), afternoon=Session(time(13, 30), time(17, 0)))
    ),
    "rules": WorkCalendar(),
}

WD, H, CD, SAME = working_days, hours, calendar_days, same_day

# (calendar, received, duration, due, rule)
# fmt: off
CASES: list[tuple[str, str, Duration, str, str]] = [
    # --- 2025 -----------------------------------------------------------------------------------
    ("shipped", "2025-01-24 10:00", WD("2"), "2025-02-04 10:00", "Tết 2025 Mon 27/1 – Fri 31/1 off (VB 8726/VPCP-KGVX): 5 h Fri, 8 h Mon 3/2, 3 h Tue"),
    ("shipped", "2025-01-24 15:30", SAME(), "2025-02-03 17:00", "same day after the 15:00 cut-off → next working day, after Tết 2025"),
    ("shipped", "2025-01-01 09:00", WD("1"), "2025-01-02 17:00", "received on a holiday (1/1): the clock starts at the next opening"),
    ("shipped", "2025-04-04 14:00", WD("1"), "2025-04-08 14:00", "Giỗ Tổ Mon 7/4/2025: 3 h Fri, then 4.5 h + 0.5 h on Tue"),
    ("shipped", "2025-04-25 09:00", WD("1"), "2025-04-26 09:00", "make-up Saturday 26/4/2025 (swap with Fri 2/5) is a working day"),
    ("shipped", "2025-04-29 09:00", WD("2"), "2025-05-06 09:00", "30/4, 1/5 holidays and Fri 2/5/2025 swapped off: 6 h Tue, 8 h Mon 5/5, 2 h Tue"),
    ("shipped", "2025-08-29 09:00", WD("1"), "2025-09-03 09:00", "Quốc khánh 2025 Mon 1/9 + Tue 2/9: 6 h Fri, 2 h Wed"),
    ("shipped", "2025-08-29 15:01", SAME(), "2025-09-03 17:00", "cut-off before the 2025 Quốc khánh break"),
    # --- 2026 -----------------------------------------------------------------------------------
    ("shipped", "2025-12-31 10:00", WD("1"), "2026-01-05 10:00", "1/1/2026 and the swapped Fri 2/1 (VB 12729/VPCP-KGVX): 5 h Wed, 3 h Mon"),
    ("shipped", "2026-01-09 13:30", WD("1"), "2026-01-10 11:30", "make-up Sat 10/1/2026 works; time runs out at the session end (11:30, not 13:30)"),
    ("no_makeup", "2026-01-09 13:30", WD("1"), "2026-01-12 11:30", "an office not counting make-up Saturdays: Mon 12/1 instead"),
    ("shipped", "2026-01-08 09:00", WD("3"), "2026-01-12 09:00", "time.md §4: Sat 10/1 is a make-up working day"),
    ("shipped", "2026-02-12 10:00", WD("2.5"), "2026-02-23 16:00", "time.md §4: 2.5 days = 20 h; Tết 2026 14–22/2 (TB 9441/TB-BNV)"),
    ("shipped", "2026-02-13 15:30", WD("1"), "2026-02-23 15:30", "time.md §4: 1.5 h Fri, 4.5 h + 2 h Mon after Tết"),
    ("shipped", "2026-02-13 15:00", SAME(), "2026-02-13 17:00", "exactly 15:00 is not «after 15:00» (Decree 23/2015 Art. 7)"),
    ("shipped", "2026-02-13 15:01", SAME(), "2026-02-23 17:00", "after 15:00 before Tết: the next working day is after the break"),
    ("shipped", "2026-02-12 06:30", WD("1"), "2026-02-12 17:00", "before opening: the clock starts at 07:00"),
    ("shipped", "2026-02-12 17:30", WD("1"), "2026-02-13 17:00", "after closing: the clock starts at the next opening"),
    ("shipped", "2026-02-12 17:30", SAME(), "2026-02-13 17:00", "same day received after closing → next working day"),
    ("shipped", "2026-02-12 12:00", WD("0.5"), "2026-02-13 07:30", "half a day = 4 h, received at lunch: 3.5 h Thu afternoon, 0.5 h Fri"),
    ("shipped", "2026-02-12 11:00", H("2"), "2026-02-12 15:00", "hours: 0.5 h before lunch, 1.5 h after"),
    ("shipped", "2026-02-13 16:00", H("8"), "2026-02-23 16:00", "8 working hours (Decree 118 Art. 17(2)) across Tết 2026"),
    ("short_day", "2026-02-12 10:00", WD("2"), "2026-02-23 10:00", "7.5 h days: 2 days = 15 h; 5 h Thu, 7.5 h Fri, 2.5 h Mon"),
    ("shipped", "2026-02-19 10:00", CD(5), "2026-03-02 17:00", "calendar days from the next working moment (Mon 23/2); Sat 28/2 → Mon 2/3"),
    ("shipped", "2026-04-24 16:00", WD("2"), "2026-04-29 16:00", "time.md §4: Giỗ Tổ Sun 26/4/2026 → compensatory Mon 27/4 (Art. 111(3))"),
    ("shipped", "2026-04-29 09:00", WD("1"), "2026-05-04 09:00", "30/4 (Thu) and 1/5 (Fri) 2026: 6 h Wed, 2 h Mon"),
    ("shipped", "2026-08-21 10:00", WD("1"), "2026-08-22 10:00", "make-up Sat 22/8/2026 for the 31/8 swap (TB 9441/TB-BNV) is a working day"),
    ("shipped", "2026-08-22 14:00", SAME(), "2026-08-22 17:00", "same day on the make-up Saturday, before the cut-off"),
    ("shipped", "2026-08-28 09:00", WD("0.5"), "2026-08-28 15:00", "time.md §4: lunch skipped"),
    ("shipped", "2026-08-28 09:00", WD("1"), "2026-09-03 09:00", "Mon 31/8 swapped off, 1/9 + 2/9 Quốc khánh 2026: 6 h Fri, 2 h Thu"),
    ("shipped", "2026-08-28 16:00", H("8"), "2026-09-03 16:00", "8 working hours over the 2026 Quốc khánh break"),
    ("shipped", "2026-08-21 09:00", CD(10), "2026-09-03 17:00", "calendar days ending on Mon 31/8 (swapped off) → Thu 3/9"),
    ("shipped", "2026-11-23 09:00", WD("1"), "2026-11-25 09:00", "Ngày Văn hóa Việt Nam Tue 24/11/2026; Mon 23/11 works (that swap was not adopted)"),
    ("shipped", "2026-11-23 15:00", WD("0.5"), "2026-11-25 09:00", "half a day before 24/11: 2 h Mon, 2 h Wed"),
    ("shipped", "2026-11-27 09:00", WD("1"), "2026-11-30 09:00", "Sat 28/11/2026 is an ordinary Saturday (the proposed make-up day was dropped)"),
    ("shipped", "2026-11-16 09:00", CD(15), "2026-12-01 17:00", "15 calendar days end on a working Tuesday"),
    ("saturday", "2026-11-21 09:00", WD("1"), "2026-11-23 17:00", "Saturday-morning reception only: the clock starts Monday (time.md §1)"),
    # --- 2027: days not placed yet count as off (Art. 112(1)(b), (đ)) -------------------------------
    ("shipped", "2027-09-01 10:00", WD("2"), "2027-09-07 17:00", "issue 16: 1/9 and 3/9 both off until placed; received on a candidate → Mon 6/9 07:00"),
    ("shipped", "2027-08-31 09:00", WD("1"), "2027-09-06 09:00", "6 h Tue; 1/9, 2/9, 3/9 off; 2 h Mon (later than either placement alone)"),
    ("shipped", "2027-08-31 15:30", SAME(), "2027-09-06 17:00", "cut-off before the undecided Quốc khánh break"),
    ("confirmed", "2027-09-01 10:00", WD("2"), "2027-09-07 10:00", "adjacent day placed on Fri 3/9: 5 h Wed, 8 h Mon, 3 h Tue"),
    ("first", "2027-09-01 10:00", WD("2"), "2027-09-06 17:00", "adjacent day placed on Wed 1/9: received on it, 8 h Fri 3/9, 8 h Mon"),
    ("shipped", "2027-02-03 09:00", WD("2"), "2027-02-15 09:00", "Tết 2027 undecided: 4/2 (reported) … 11/2 (computed make-up day) all off"),
    ("confirmed", "2027-02-03 09:00", WD("2"), "2027-02-12 09:00", "Tết 2027 placed Thu 4/2 – Wed 10/2: Thu 11/2 works again"),
    ("shipped", "2027-02-03 16:00", SAME(), "2027-02-12 17:00", "after the cut-off before the undecided Tết 2027"),
    ("shipped", "2027-04-29 09:00", WD("1"), "2027-05-04 09:00", "1/5/2027 on a Saturday → compensatory Mon 3/5 (Art. 111(3))"),
    ("rules", "2028-01-21 09:00", WD("1"), "2028-02-01 09:00", "2028 from the rules: Tết may start Mon 24/1 (2 days before mùng 1) and 29/1 is made up on Mon 31/1"),
]
# fmt: on


@pytest.mark.parametrize(
    ("calendar", "received", "duration", "due", "rule"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2].label()}" for c in CASES]
)
def test_appointment_by_hand(calendar: str, received: str, duration: Duration, due: str, rule: str) -> None:
    cal = CALENDARS[calendar]
    computed = cal.due_at(at(received), duration)
    assert computed == at(due), rule
    assert cal.is_working_day(computed.date()), f"{rule}: the due date must be a working day"


# Supplement rounds (Decree 118 Art. 19(5) restart; provincial practice: extend by the waiting time).
# fmt: off
SUPPLEMENTS = [
    ("shipped", SupplementPolicy.RESTART, "2026-11-20 09:00", "2026-11-17 09:00", "2026-11-25 10:00", WD("3"), "2026-11-30 10:00", "restart: 3 days again from Wed 25/11 10:00 (5 h + 8 h + 8 h + 3 h)"),
    ("shipped", SupplementPolicy.EXTEND, "2026-11-20 09:00", "2026-11-17 09:00", "2026-11-19 09:00", WD("3"), "2026-11-25 09:00", "extend: waited 16 h (Tue 6, Wed 8, Thu 2) added to Fri 20/11 09:00; 24/11 off"),
    ("shipped", SupplementPolicy.RESTART, "2027-01-29 09:00", "2027-01-27 09:00", "2027-02-03 09:00", WD("1"), "2027-02-12 09:00", "restart across the undecided Tết 2027: 6 h Wed, 2 h Fri 12/2"),
    ("confirmed", SupplementPolicy.RESTART, "2027-01-29 09:00", "2027-01-27 09:00", "2027-02-03 09:00", WD("1"), "2027-02-11 09:00", "the same once Tết 2027 is placed: Thu 11/2 works"),
]
# fmt: on


@pytest.mark.parametrize(
    ("calendar", "policy", "due_before", "requested", "received", "duration", "due", "rule"), SUPPLEMENTS
)
def test_supplement_by_hand(
    calendar: str,
    policy: SupplementPolicy,
    due_before: str,
    requested: str,
    received: str,
    duration: Duration,
    due: str,
    rule: str,
) -> None:
    decision = due_after_supplement(
        CALENDARS[calendar],
        duration=duration,
        due_before=at(due_before),
        requested_at=at(requested),
        received_at=at(received),
        policy=policy,
    )
    assert decision.due_at == at(due), rule


def test_the_table_has_at_least_forty_cases() -> None:
    assert len(CASES) + len(SUPPLEMENTS) >= 40


def test_never_earlier_than_either_placement_of_the_2027_adjacent_day() -> None:
    """Every row of the undecided calendar is at least as late as under each possible placement."""
    for _, received, duration, _, _ in [c for c in CASES if c[1].startswith("2027-0")]:
        undecided = CALENDARS["shipped"].due_at(at(received), duration)
        for placed in ("confirmed", "first"):
            assert undecided >= CALENDARS[placed].due_at(at(received), duration)
        assert CALENDARS["shipped"].candidate(undecided.date()) is None
