"""Days that may be off but are not decided yet ("ngày có thể được nghỉ, chưa quyết định").

The Labour Code fixes some days off only in number and leaves their placement to a yearly
notice: the five Tết days (Art. 112(1)(b), placed by the Prime Minister), the day next to 2/9
(Art. 112(1)(đ): "ngày 02 tháng 9 ... và 01 ngày liền kề trước hoặc sau"), and the weekday a
holiday on a rest day is made up on (Art. 111(3)). Until an official row places them, every
day each placement could take is a *candidate*, and so is every day off that is only reported
or proposed. Appointments count every candidate as a day off: more days off only ever move a
due date later, so the printed date is never a candidate day and never earlier than the law
allows under any placement (``docs/calendar.md``, ``docs/legal-basis.md``).

The Tết placements are the two the notices have used: the five days start one day (2026:
29 Chạp – mùng 4) or two days (2025: 28 Chạp – mùng 3; 2027 as reported: 28 Chạp – mùng 5
with the weekend made up) before mùng 1, with Art. 111(3) making up the days that fall on a
rest day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from motcua_desktop.domain.calendar.days import CalendarDay, DayKind, DayStatus
from motcua_desktop.domain.calendar.rules import lunar_new_year

TET_DAYS = 5  # Art. 112(1)(b)
TET_STARTS_BEFORE = (1, 2)  # days before mùng 1 the five Tết days start, in the notices
TET_WINDOW = 10  # an official holiday row this close to Tết's range means the notice placed Tết
TET_BASIS = (
    "Bộ luật Lao động 2019 Điều 112 khoản 1 điểm b (05 ngày Tết Âm lịch do Thủ tướng quyết định) "
    "và Điều 111 khoản 3 (nghỉ bù)"
)
NATIONAL_DAY_BASIS = (
    "Bộ luật Lao động 2019 Điều 112 khoản 1 điểm đ (ngày 02/9 và 01 ngày liền kề trước hoặc sau) "
    "và Điều 111 khoản 3 (nghỉ bù)"
)
_OFF_KINDS = frozenset({DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAP_OFF})


@dataclass(frozen=True)
class Candidate:
    """A day that may be off; appointments count it as off until it is decided."""

    day: date
    occasion: str  # "Tết Nguyên đán 2027 chưa có thông báo chính thức"
    basis: str  # the article or the instrument to check


def candidate_days(
    year: int,
    decided: dict[date, bool],
    rows: Iterable[CalendarDay],
    pending: Iterable[CalendarDay],
    working_weekdays: frozenset[int],
) -> dict[date, Candidate]:
    """The undecided days off of ``year``.

    ``decided`` maps the dates an applied row decides to "working"; ``rows`` are the applied rows
    (to see whether Tết and 2/9 are placed officially); ``pending`` the reported or proposed rows.
    Days already off, and days an applied row decides, are never candidates.
    """
    applied = list(rows)
    found: dict[date, Candidate] = {}

    def add(day: date, occasion: str, basis: str) -> None:
        if day.year == year and day not in decided and day.weekday() in working_weekdays:
            found.setdefault(day, Candidate(day, occasion, basis))

    for row in pending:
        if row.is_day_off:
            add(row.day, f"{row.name} – {row.status.label.lower()}", row.source)
    if not _tet_placed(year, applied):
        occasion = f"Tết Nguyên đán {year}: 05 ngày nghỉ chưa có thông báo chính thức"
        for day in _tet_days(year, working_weekdays):
            add(day, occasion, TET_BASIS)
    if not _national_day_placed(year, applied):
        occasion = f"Quốc khánh {year}: ngày nghỉ liền kề 02/9 chưa được quyết định"
        for day in _national_day_days(year, working_weekdays):
            add(day, occasion, NATIONAL_DAY_BASIS)
    return dict(sorted(found.items()))


def _official_off(rows: list[CalendarDay], days: Iterable[date]) -> bool:
    wanted = set(days)
    return any(r.status is DayStatus.OFFICIAL and r.kind in _OFF_KINDS and r.day in wanted for r in rows)


def _tet_placed(year: int, rows: list[CalendarDay]) -> bool:
    """An official holiday row near Tết. Mùng 1 falls between 21/1 and 20/2, so the window is fixed
    (no lunar computation, hence no calendar library, for a year whose data is official)."""
    first, last = date(year, 1, 21) - timedelta(days=TET_WINDOW), date(year, 2, 20) + timedelta(days=TET_WINDOW)
    return any(
        r.status is DayStatus.OFFICIAL
        and r.kind is DayKind.HOLIDAY
        and first <= r.day <= last
        and r.day != date(year, 1, 1)
        for r in rows
    )


def _national_day_placed(year: int, rows: list[CalendarDay]) -> bool:
    return _official_off(rows, (date(year, 9, 1), date(year, 9, 3)))


def _tet_days(year: int, working_weekdays: frozenset[int]) -> set[date]:
    new_year = lunar_new_year(year)
    days: set[date] = set()
    for before in TET_STARTS_BEFORE:
        first = new_year - timedelta(days=before)
        days |= _with_compensation([first + timedelta(days=i) for i in range(TET_DAYS)], working_weekdays)
    return days


def _national_day_days(year: int, working_weekdays: frozenset[int]) -> set[date]:
    national = date(year, 9, 2)
    days: set[date] = set()
    for adjacent in (national - timedelta(days=1), national + timedelta(days=1)):
        days |= _with_compensation(sorted([national, adjacent]), working_weekdays)
    return days


def _with_compensation(holidays: list[date], working_weekdays: frozenset[int]) -> set[date]:
    """The working days a placement takes off: its weekdays, plus for each holiday on a rest day the
    next working day not already taken (Art. 111(3))."""
    taken = set(holidays)
    off = {day for day in holidays if day.weekday() in working_weekdays}
    for day in holidays:
        if day.weekday() in working_weekdays:
            continue
        make_up = day + timedelta(days=1)
        while make_up.weekday() not in working_weekdays or make_up in taken:
            make_up += timedelta(days=1)
        taken.add(make_up)
        off.add(make_up)
    return off
