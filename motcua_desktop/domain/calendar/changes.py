"""What a yearly notice would change, day by day, before anyone applies it.

An administrator imports a notice file (``time.md`` §7.7) or confirms a reported schedule only
after seeing this comparison: days that become days off or working days, days whose status or
name changes, days that stop being listed. Nothing in the calendar changes silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from motcua_desktop.domain.calendar.config import WEEKDAY_NAMES
from motcua_desktop.domain.calendar.work_calendar import WorkCalendar


class ChangeKind(StrEnum):
    ADDED = "added"  # an ordinary day becomes listed (day off, make-up day, candidate)
    REMOVED = "removed"  # a listed day becomes an ordinary day
    CHANGED = "changed"  # listed before and after, differently

    @property
    def label(self) -> str:
        return {ChangeKind.ADDED: "Thêm", ChangeKind.REMOVED: "Bỏ", ChangeKind.CHANGED: "Đổi"}[self]


@dataclass(frozen=True)
class DayState:
    """How the calendar treats one listed day: working or not, and why, in words."""

    working: bool
    text: str  # "Nghỉ – Tết Nguyên đán … (Chính thức)"


@dataclass(frozen=True)
class DayChange:
    day: date
    kind: ChangeKind
    before: DayState | None
    after: DayState | None

    @property
    def moves_days_off(self) -> bool:
        """Whether the day's effect on due dates changes (working ↔ off)."""
        was = self.before.working if self.before else _ordinary(self.day)
        now = self.after.working if self.after else _ordinary(self.day)
        return was != now

    def describe(self) -> str:
        before = self.before.text if self.before else _ordinary_text(self.day)
        after = self.after.text if self.after else _ordinary_text(self.day)
        return f"{WEEKDAY_NAMES[self.day.weekday()]}, {self.day:%d/%m/%Y}: {before} → {after}"


def _ordinary(day: date) -> bool:
    return day.weekday() < 5


def _ordinary_text(day: date) -> str:
    return "ngày làm việc bình thường" if _ordinary(day) else "ngày nghỉ hằng tuần"


def day_state(calendar: WorkCalendar, day: date) -> DayState | None:
    """The listed state of ``day`` (None for an ordinary day no row or candidate mentions)."""
    plan = calendar.plan(day.year)
    candidate = plan.candidates.get(day)
    if candidate is not None:
        return DayState(False, f"có thể nghỉ, chưa quyết định – {candidate.occasion}")
    rows = [e.row for e in plan.entries if e.applied and e.row.day == day]
    if not rows:
        return None
    row = rows[-1]
    working = calendar.is_working_day(day)
    effect = "Làm việc" if working else "Nghỉ"
    return DayState(working, f"{effect} – {row.name} ({row.status.label.lower()})")


def compare_years(before: WorkCalendar, after: WorkCalendar, years: Iterable[int]) -> tuple[DayChange, ...]:
    """Every listed day of ``years`` whose state differs between the two calendars, by date."""
    changes: list[DayChange] = []
    for year in sorted(set(years)):
        days = {e.row.day for e in before.days_in_year(year)} | {e.row.day for e in after.days_in_year(year)}
        for day in sorted(days):
            old, new = day_state(before, day), day_state(after, day)
            if old == new:
                continue
            kind = ChangeKind.ADDED if old is None else ChangeKind.REMOVED if new is None else ChangeKind.CHANGED
            changes.append(DayChange(day, kind, old, new))
    return tuple(changes)
