"""The working calendar: which moments count, and the due date of a duration.

Times are Vietnam time (``vntime.VN_TZ``); a naive datetime is taken as Vietnam time and every
result is timezone-aware. The per-year day sets are decided once and cached, so a due-date
computation only walks the sessions between reception and the due time (registration hot path).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal

from motcua_desktop.domain.calendar.candidates import Candidate
from motcua_desktop.domain.calendar.config import SATURDAY, CalendarConfig, Session
from motcua_desktop.domain.calendar.days import CalendarDay
from motcua_desktop.domain.calendar.resolve import DayEntry, YearPlan, plan_year
from motcua_desktop.domain.calendar.year_status import YearStatus, year_status_of
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import VN_TZ, fmt_date, to_vn

_US_PER_HOUR = Decimal(3_600_000_000)
_SEARCH_LIMIT_DAYS = 3660  # ten years without a working day means the calendar data is wrong


class WorkCalendar:
    """Config + day rows (all origins) → working days, working moments and due dates.

    Build it once (a service combines the shipped file, the database rows and the settings)
    and reuse it: it is immutable and caches each year's decision on first use.
    """

    def __init__(self, config: CalendarConfig | None = None, days: Iterable[CalendarDay] = ()) -> None:
        self.config = config or CalendarConfig()
        self._rows = tuple(days)
        self._plans: dict[int, YearPlan] = {}
        self._weekdays = frozenset(self.config.working_weekdays)
        self._sessions: tuple[Session, ...] = self.config.sessions

    # ----- days ---------------------------------------------------------------------------

    def plan(self, year: int) -> YearPlan:
        plan = self._plans.get(year)
        if plan is None:
            plan = self._plans[year] = plan_year(year, self._rows, self.config)
        return plan

    def is_working_day(self, day: date) -> bool:
        """Whether the clock runs on ``day``; a day that may be off and is not decided yet is not one."""
        plan = self.plan(day.year)
        if day in plan.candidates:
            return False
        decided = plan.working.get(day)
        if decided is not None:
            return decided
        return day.weekday() in self._weekdays

    def candidate(self, day: date) -> Candidate | None:
        """Why ``day`` is counted as off although it is not decided yet (None when it is decided)."""
        return self.plan(day.year).candidates.get(day)

    def undecided_between(self, start: date | datetime, end: date | datetime) -> tuple[Candidate, ...]:
        """The undecided days counted as off from ``start`` to ``end`` (both dates included)."""
        first = to_vn(start).date() if isinstance(start, datetime) else start
        last = to_vn(end).date() if isinstance(end, datetime) else end
        found: list[Candidate] = []
        for year in range(first.year, last.year + 1):
            found += [c for day, c in self.plan(year).candidates.items() if first <= day <= last]
        return tuple(found)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.working_day_on_or_after(day + timedelta(days=1))

    def working_day_on_or_after(self, day: date) -> date:
        start = day
        while not self.is_working_day(day):
            day += timedelta(days=1)
            if (day - start).days > _SEARCH_LIMIT_DAYS:
                raise KnownError(
                    f"Không có ngày làm việc nào trong 10 năm kể từ {fmt_date(start)}. "
                    "Hãy kiểm tra lại lịch làm việc (ngày làm việc trong tuần, các ngày nghỉ đã nhập)."
                )
        return day

    def days_in_year(self, year: int) -> tuple[DayEntry, ...]:
        """Days off and make-up days of ``year`` with status, origin and whether each applies."""
        return self.plan(year).entries

    def year_status(self, year: int) -> YearStatus:
        return year_status_of(self.plan(year))

    def day_off_reason(self, day: date) -> str:
        """Why ``day`` is not a working day, for messages ("" when it is one)."""
        if self.is_working_day(day):
            return ""
        candidate = self.candidate(day)
        if candidate is not None:
            return f"có thể là ngày nghỉ, chưa quyết định – {candidate.occasion}"
        for entry in reversed(self.plan(day.year).entries):
            if entry.applied and entry.row.day == day and entry.row.is_day_off:
                return entry.row.name
        return "ngày nghỉ hằng tuần"

    # ----- moments ------------------------------------------------------------------------

    def end_of_day(self, day: date) -> datetime:
        """Closing time of ``day`` (the end of its afternoon session)."""
        return datetime.combine(day, self.config.closing, tzinfo=VN_TZ)

    def is_working_moment(self, moment: datetime) -> bool:
        local = to_vn(moment)
        clock = local.time()
        return self.is_working_day(local.date()) and any(s.start <= clock < s.end for s in self._sessions)

    def is_reception_time(self, moment: datetime) -> bool:
        """Office hours, or Saturday morning when the office receives then (reception only).

        No Saturday reception inside a break: when the Saturday, the Friday before or the
        Monday after is a listed day off (weekends inside a break are not listed).
        """
        if self.is_working_moment(moment):
            return True
        local = to_vn(moment)
        morning = self.config.morning
        return (
            self.config.saturday_morning_reception
            and local.weekday() == SATURDAY
            and morning.start <= local.time() < morning.end
            and not self._inside_break(local.date())
        )

    def _inside_break(self, saturday: date) -> bool:
        """A Saturday that is, or borders, a listed day off belongs to the break (time.md §7.7)."""
        for day in (saturday, saturday - timedelta(days=1), saturday + timedelta(days=2)):
            plan = self.plan(day.year)
            if plan.working.get(day) is False or day in plan.candidates:
                return True
        return False

    def next_working_moment(self, moment: datetime) -> datetime:
        """``moment`` itself during office hours, else the next opening of a session.

        Reception before opening, at lunch, after closing, on a Saturday morning or on a day off
        starts the clock here.
        """
        local = to_vn(moment)
        day, clock = local.date(), local.time()
        while True:
            if self.is_working_day(day):
                for session in self._sessions:
                    if clock < session.end:
                        return datetime.combine(day, max(clock, session.start), tzinfo=VN_TZ)
            day = self.working_day_on_or_after(day + timedelta(days=1))
            clock = time.min

    def _session_end(self, moment: datetime) -> datetime:
        """End of the session that contains the working moment ``moment``."""
        clock = moment.time()
        for session in self._sessions:
            if session.start <= clock < session.end:
                return datetime.combine(moment.date(), session.end, tzinfo=VN_TZ)
        raise AssertionError(f"{moment} is not a working moment")

    # ----- working time -------------------------------------------------------------------

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment when ``amount`` of working time has passed since ``start``.

        Ends exactly at a session end when the time runs out there (11:30, not 13:30).
        """
        if amount < timedelta(0):
            raise ValueError("working time must not be negative")
        moment = self.next_working_moment(start)
        remaining = amount
        while True:
            end = self._session_end(moment)
            available = end - moment
            if remaining <= available:
                return moment + remaining
            remaining -= available
            moment = self.next_working_moment(end)

    def add_working_hours(self, start: datetime, hours: Decimal) -> datetime:
        return self.add_working_time(start, hours_to_delta(hours))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time inside [start, end); zero when ``end`` is not after ``start``."""
        a, b = to_vn(start), to_vn(end)
        total = timedelta(0)
        if b <= a:
            return total
        day = a.date()
        while day <= b.date():
            if self.is_working_day(day):
                for session in self._sessions:
                    lo = max(a, datetime.combine(day, session.start, tzinfo=VN_TZ))
                    hi = min(b, datetime.combine(day, session.end, tzinfo=VN_TZ))
                    if hi > lo:
                        total += hi - lo
            day += timedelta(days=1)
        return total

    def working_hours_between(self, start: datetime, end: datetime) -> Decimal:
        return delta_to_hours(self.working_time_between(start, end))

    # ----- due dates ----------------------------------------------------------------------

    def duration_time(self, duration: Duration) -> timedelta:
        """Working time of a WORKING_DAYS or WORKING_HOURS duration (a day = this office's day)."""
        if duration.unit is DurationUnit.WORKING_DAYS:
            return _micro(Decimal(_us(self.config.day_length)) * duration.amount)
        if duration.unit is DurationUnit.WORKING_HOURS:
            return hours_to_delta(duration.amount)
        raise ValueError(f"{duration.unit} is not counted in working time")

    def due_at(self, received_at: datetime, duration: Duration) -> datetime:
        """The exact due moment of ``duration`` counted from reception at ``received_at``.

        - working days / hours: walk the working sessions from the next working moment;
        - calendar days: from the date of the next working moment, N days later at closing time,
          moved to the next working day if that date is a day off;
        - same day: received on a working day up to the cut-off → closing time that day; after
          the cut-off or on a day off → closing time of the next working day.
        """
        if duration.unit in (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS):
            return self.add_working_time(received_at, self.duration_time(duration))
        if duration.unit is DurationUnit.CALENDAR_DAYS:
            start = self.next_working_moment(received_at).date()
            target = start + timedelta(days=int(duration.amount))
            return self.end_of_day(self.working_day_on_or_after(target))
        local = to_vn(received_at)
        if self.is_working_day(local.date()) and local.time() <= duration.cutoff:
            return self.end_of_day(local.date())
        return self.end_of_day(self.next_working_day(local.date()))


def _us(delta: timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _micro(microseconds: Decimal) -> timedelta:
    return timedelta(microseconds=int(microseconds.to_integral_value(rounding=ROUND_CEILING)))


def hours_to_delta(hours: Decimal) -> timedelta:
    """Decimal hours → timedelta, rounded up to the microsecond (a due time is never early)."""
    if not hours.is_finite() or hours < 0:
        raise ValueError(f"invalid number of hours: {hours}")
    return _micro(hours * _US_PER_HOUR)


def delta_to_hours(delta: timedelta) -> Decimal:
    return Decimal(_us(delta)) / _US_PER_HOUR
