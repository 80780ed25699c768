"""Rule-based fallback for years without calendar data (``time.md`` §8).

Statutory holiday dates come from the ``holidays`` library (``holidays.VN``), which uses the
Vietnamese lunar calendar at UTC+7 (Tết 1985-01-21, 2007-02-17, 2030-02-02, where Chinese
calendars give 1985-02-20, 2007-02-18, 2030-02-03). We take only the Labour Code Art. 112
dates from it and apply Art. 111(3) ourselves: a holiday on a weekly rest day gives the next
working day off. The library's own swap decisions and make-up Saturdays are deliberately
ignored: swaps are yearly government decisions and come only from a calendar file or an
administrator (the library's 2026 swap, for one, contradicts the official notice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache

from motcua_desktop.domain.calendar.days import CalendarDay, DayKind, DayOrigin, DayStatus

RULES_SOURCE = "Bộ luật Lao động 2019 Điều 112 (âm lịch Việt Nam, múi giờ UTC+7, theo thư viện holidays)"
COMPENSATION_SOURCE = (
    "Bộ luật Lao động 2019 Điều 111 khoản 3 (ngày lễ trùng ngày nghỉ hằng tuần → nghỉ bù ngày làm việc kế tiếp)"
)
# holidays.VN labels its swap days "Ngày nghỉ (thay cho ngày dd/mm/yyyy)"; those are decisions, not rules.
_LIBRARY_SWAP_PREFIX = "Ngày nghỉ (thay cho"
LUNAR_NEW_YEAR_NAME = "Tết Nguyên Đán"
HUNG_KINGS_NAME = "Ngày Giỗ Tổ Hùng Vương"


@lru_cache(maxsize=256)
def _library_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """Art. 112 holiday dates of ``year`` from holidays.VN, without observed days or swaps."""
    from holidays.countries.vietnam import VN  # lazy: slow to import; most runs never need it

    make_table: Callable[..., dict[date, str]] = VN  # the library's constructor is untyped
    table = make_table(years=year, language="vi", observed=False)
    rows: list[tuple[date, str]] = []
    for day, names in sorted(table.items()):
        for name in str(names).split("; "):
            if not name.startswith(_LIBRARY_SWAP_PREFIX):
                rows.append((day, name))
                break
    return tuple(rows)


def lunar_new_year(year: int) -> date:
    """Mùng 1 Tết of ``year`` in the Vietnamese lunar calendar."""
    return _named_day(year, LUNAR_NEW_YEAR_NAME)


def hung_kings_day(year: int) -> date:
    """Giỗ Tổ Hùng Vương (10/3 lunar) of ``year``."""
    return _named_day(year, HUNG_KINGS_NAME)


def _named_day(year: int, name: str) -> date:
    for day, holiday_name in _library_holidays(year):
        if holiday_name == name:
            return day
    raise LookupError(f"holidays.VN has no «{name}» in {year}")


@lru_cache(maxsize=256)
def rule_days(year: int, working_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)) -> tuple[CalendarDay, ...]:
    """The computed day-off rows of ``year``: Art. 112 holidays plus Art. 111(3) compensatory days."""
    holidays_ = [
        CalendarDay(day, DayKind.HOLIDAY, name, DayStatus.COMPUTED, RULES_SOURCE, origin=DayOrigin.RULES)
        for day, name in _library_holidays(year)
    ]
    return tuple(sorted([*holidays_, *_compensatory(holidays_, frozenset(working_weekdays))], key=lambda r: r.day))


def _compensatory(holidays_: Iterable[CalendarDay], working_weekdays: frozenset[int]) -> list[CalendarDay]:
    taken = {row.day for row in holidays_}
    rows: list[CalendarDay] = []
    for row in sorted(holidays_, key=lambda r: r.day):
        if row.day.weekday() in working_weekdays:
            continue
        day = row.day + timedelta(days=1)
        while day.weekday() not in working_weekdays or day in taken:
            day += timedelta(days=1)
        taken.add(day)
        rows.append(
            CalendarDay(
                day,
                DayKind.COMPENSATORY,
                f"Nghỉ bù {row.name} ({row.day.strftime('%d/%m/%Y')})",
                DayStatus.COMPUTED,
                COMPENSATION_SOURCE,
                origin=DayOrigin.RULES,
            )
        )
    return rows
