"""Which rows decide a year: the precedence of calendar data sources.

1. Overrides override everything else, date by date; among them the later row wins. They are
   the administrator's rows (``DayOrigin.ADMIN``: closures, days decided working or not,
   confirmed proposals) and local decisions from any source (kinds ``closure``,
   ``decided_off``, ``decided_workday``), so a file with only a typhoon closure never
   replaces a year's holidays.
2. Otherwise one *data set* decides the whole year: the imported rows or the shipped rows of
   that year. A set with official rows beats a set with only computed rows; between equals the
   imported set wins (it is the newer local decision). The set replaces the other one and the
   rules for that year wholesale, because a notice moves days around (the 2025 Tết break is
   28 Chạp – mùng 3, not the rule's eve – mùng 4) and mixing would invent days off.
3. Only when neither source has a row that applies for the year do the rules apply
   (``rules.py``: Art. 112 via holidays.VN plus Art. 111(3)); holidays.VN's own swap decisions
   never apply.

Rows with status ``reported`` or ``proposed`` never decide a day (they are listed as pending); make-up
Saturdays apply only when the office counts them as working days (``CalendarConfig.makeup_saturdays_work``).

4. On top of the decision, the days not decided yet (``candidates.py``: pending days off, the Tết and
   2/9 placements the law leaves to a notice) are *candidates*: appointments count them as off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from motcua_desktop.domain.calendar.candidates import Candidate, candidate_days
from motcua_desktop.domain.calendar.config import CalendarConfig
from motcua_desktop.domain.calendar.days import CalendarDay, DayKind, DayOrigin, DayStatus
from motcua_desktop.domain.calendar.rules import rule_days


@dataclass(frozen=True)
class DayEntry:
    """A row as listed for a year, with whether it is in force and, if not, why."""

    row: CalendarDay
    applied: bool
    note: str = ""
    candidate: Candidate | None = None  # not decided yet; appointments count it as a day off


@dataclass(frozen=True)
class YearPlan:
    year: int
    basis: DayOrigin  # RULES, SHIPPED or IMPORTED: the source that decides the year
    entries: tuple[DayEntry, ...]  # sorted by date; what ``days_in_year`` shows
    working: dict[date, bool]  # date → working day or not, for dates that have an applied row
    pending: tuple[CalendarDay, ...]  # proposals not yet confirmed (nor overridden) by an administrator
    candidates: dict[date, Candidate]  # undecided days appointments count as off (not in ``working``)

    @property
    def data_rows(self) -> tuple[CalendarDay, ...]:
        """Applied rows of the deciding data set (not administrator rows)."""
        return tuple(e.row for e in self.entries if e.applied and e.row.origin is self.basis and not is_override(e.row))


NOTE_PROPOSED = "Chưa áp dụng chính thức: chờ quản trị viên đối chiếu văn bản và xác nhận."
NOTE_PENDING_OFF = NOTE_PROPOSED + " Trong khi chờ, ngày hẹn trả tính ngày này là ngày nghỉ."
NOTE_PENDING_WORK = NOTE_PROPOSED + " Trong khi chờ, ngày này không được tính là ngày làm việc."
NOTE_CANDIDATE = "Có thể là ngày nghỉ, chưa được quyết định: ngày hẹn trả tính ngày này là ngày nghỉ."
NOTE_MAKEUP_OFF = "Không áp dụng: cấu hình không tính ngày làm bù là ngày làm việc."
NOTE_OVERRIDDEN = "Đã được thay bằng quyết định riêng cho ngày này (quản trị viên hoặc ngày tạm nghỉ của địa phương)."
NOTE_WEEKEND = "Trùng ngày nghỉ hằng tuần (không bớt ngày làm việc nào)."


def plan_year(year: int, rows: Iterable[CalendarDay], config: CalendarConfig) -> YearPlan:
    """Decides every day of ``year`` from ``rows`` (all origins) and the rules."""
    of_year = [r for r in rows if r.day.year == year]
    overrides = [r for r in of_year if is_override(r)]
    yearly = [r for r in of_year if not is_override(r)]
    basis, base_rows = _deciding_set(year, yearly, config)
    # Waiting rows of the deciding set and of newer sources (an imported proposal while the shipped
    # year decides); those of a set an imported year replaced are gone with it.
    waiting = [r for r in yearly if not r.applies and _ORIGIN_RANK[r.origin] > _ORIGIN_RANK[basis]]
    proposals = [r for r in base_rows if not r.applies and basis is not DayOrigin.RULES] + waiting

    # Overrides first: the last applicable row of a date decides it.
    deciding: dict[date, CalendarDay] = {r.day: r for r in overrides if r.applies and _counts(r, config)}
    working = {day: not row.is_day_off for day, row in deciding.items()}

    entries: list[DayEntry] = []
    for row in base_rows:
        if not row.applies:
            continue
        if not _counts(row, config):
            entries.append(DayEntry(row, False, NOTE_MAKEUP_OFF))
        elif row.day in deciding:
            entries.append(DayEntry(row, False, NOTE_OVERRIDDEN))
        else:
            working[row.day] = not row.is_day_off
            weekend = row.is_day_off and row.day.weekday() not in config.working_weekdays
            entries.append(DayEntry(row, True, NOTE_WEEKEND if weekend else ""))
    pending: list[CalendarDay] = []
    for row in [*proposals, *(r for r in overrides if not r.applies)]:
        if row.day in deciding:
            entries.append(DayEntry(row, False, NOTE_OVERRIDDEN))
        else:
            entries.append(DayEntry(row, False, NOTE_PENDING_OFF if row.is_day_off else NOTE_PENDING_WORK))
            pending.append(row)
    for row in overrides:
        if not row.applies:
            continue
        if not _counts(row, config):
            entries.append(DayEntry(row, False, NOTE_MAKEUP_OFF))
        else:
            decides = deciding[row.day] is row
            entries.append(DayEntry(row, decides, "" if decides else NOTE_OVERRIDDEN))
    applied_rows = [e.row for e in entries if e.applied]
    candidates = candidate_days(year, working, applied_rows, pending, frozenset(config.working_weekdays))
    listed = {row.day for row in pending if row.is_day_off}
    for entry_index, entry in enumerate(entries):
        found = candidates.get(entry.row.day)
        if found is not None and not entry.applied and entry.row in pending:
            entries[entry_index] = DayEntry(entry.row, False, entry.note, found)
    for day, found in candidates.items():
        if day not in listed:
            row = CalendarDay(
                day, DayKind.HOLIDAY, found.occasion, DayStatus.COMPUTED, found.basis, origin=DayOrigin.RULES
            )
            entries.append(DayEntry(row, False, NOTE_CANDIDATE, found))
    entries.sort(key=lambda e: (e.row.day, _ORIGIN_RANK[e.row.origin]))
    return YearPlan(year, basis, tuple(entries), working, tuple(sorted(pending, key=lambda r: r.day)), candidates)


def is_override(row: CalendarDay) -> bool:
    """Whether ``row`` applies date by date on top of the year's data set (see module doc)."""
    return row.origin is DayOrigin.ADMIN or row.kind in LOCAL_KINDS


LOCAL_KINDS = frozenset({DayKind.CLOSURE, DayKind.DECIDED_OFF, DayKind.DECIDED_WORKDAY})
_ORIGIN_RANK = {DayOrigin.RULES: 0, DayOrigin.SHIPPED: 1, DayOrigin.IMPORTED: 2, DayOrigin.ADMIN: 3}


def _counts(row: CalendarDay, config: CalendarConfig) -> bool:
    return row.kind is not DayKind.MAKEUP_WORKDAY or config.makeup_saturdays_work


def _deciding_set(year: int, of_year: list[CalendarDay], config: CalendarConfig) -> tuple[DayOrigin, list[CalendarDay]]:
    best: tuple[tuple[bool, int], DayOrigin, list[CalendarDay]] | None = None
    for origin in (DayOrigin.SHIPPED, DayOrigin.IMPORTED):
        rows = [r for r in of_year if r.origin is origin]
        applied = [r for r in rows if r.applies]
        if not applied:  # proposals alone decide nothing
            continue
        key = (any(r.status is DayStatus.OFFICIAL for r in applied), _ORIGIN_RANK[origin])
        if best is None or key > best[0]:
            best = (key, origin, _last_per_date(rows))
    if best is None:
        return DayOrigin.RULES, list(rule_days(year, tuple(sorted(config.working_weekdays))))
    return best[1], best[2]


def _last_per_date(rows: list[CalendarDay]) -> list[CalendarDay]:
    """One applied row per date (the later one) plus every proposal, in date order."""
    applied: dict[date, CalendarDay] = {}
    proposals: list[CalendarDay] = []
    for row in rows:
        if row.applies:
            applied[row.day] = row
        else:
            proposals.append(row)
    return sorted([*applied.values(), *proposals], key=lambda r: r.day)
