"""Whether a year's schedule of days off is confirmed, and the warning to show when it is not.

Due dates that fall in an unconfirmed year may move when the notice comes out (usually
October–December of the year before), so the counter must say so before printing a promise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from motcua_desktop.domain.calendar.candidates import Candidate
from motcua_desktop.domain.calendar.days import CalendarDay, DayOrigin, DayStatus
from motcua_desktop.domain.calendar.resolve import YearPlan


class Confirmation(StrEnum):
    OFFICIAL = "official"  # every day off of the year is decided, by official rows or the law itself
    COMPUTED = "computed"  # a data set exists but some days are only computed, reported or undecided
    RULES_ONLY = "rules_only"  # no data for the year: Labour Code rules only

    @property
    def label(self) -> str:
        return {
            Confirmation.OFFICIAL: "Đã có lịch chính thức",
            Confirmation.COMPUTED: "Lịch tính theo quy định, chưa có thông báo chính thức",
            Confirmation.RULES_ONLY: "Chưa có lịch; đang tính theo Bộ luật Lao động",
        }[self]


@dataclass(frozen=True)
class YearStatus:
    year: int
    confirmation: Confirmation
    pending: tuple[CalendarDay, ...]  # reported or proposed days waiting for an administrator
    warning: str  # Vietnamese; empty when there is nothing to warn about
    undecided: tuple[Candidate, ...] = ()  # days counted as off until they are decided

    @property
    def confirmed(self) -> bool:
        return self.confirmation is Confirmation.OFFICIAL

    @property
    def awaits_reported_days(self) -> bool:
        """Some waiting days are known only second-hand (a reported schedule) and await confirmation."""
        return any(r.status is DayStatus.REPORTED for r in self.pending)


def year_status_of(plan: YearPlan) -> YearStatus:
    """Official when the deciding rows include official ones and nothing is left undecided.

    Computed rows of fixed-date holidays do not stop a year from being official once the days a
    notice places (Tết, the day next to 2/9) are placed officially: the law itself fixes them.
    """
    year = plan.year
    parts: list[str] = []
    undecided = tuple(plan.candidates.values())
    if plan.basis is DayOrigin.RULES:
        confirmation = Confirmation.RULES_ONLY
        parts.append(
            f"Năm {year} chưa có lịch nghỉ chính thức trong phần mềm: ngày nghỉ đang được tính theo "
            "Bộ luật Lao động (Điều 111, 112) và âm lịch Việt Nam, chưa có ngày nghỉ hoán đổi và ngày làm bù. "
            f"Ngày hẹn trả rơi vào năm {year} có thể phải điều chỉnh; hãy nhập tệp lịch năm {year} "
            "khi có thông báo của Bộ Nội vụ."
        )
    else:
        official = any(r.status is DayStatus.OFFICIAL for r in plan.data_rows)
        computed = [r for r in plan.data_rows if r.status is DayStatus.COMPUTED]
        if official and not undecided and not plan.pending:
            confirmation = Confirmation.OFFICIAL
        else:
            confirmation = Confirmation.COMPUTED
            parts.append(
                f"Lịch nghỉ năm {year} chưa được xác nhận chính thức ({len(computed)} ngày tính theo quy định); "
                f"ngày hẹn trả rơi vào năm {year} có thể phải điều chỉnh khi có thông báo, hãy nhập tệp lịch mới khi có."
            )
    if undecided:
        parts.append(
            f"Ngày chưa được quyết định, đang tính là ngày nghỉ khi hẹn trả (để ngày hẹn không sớm hơn "
            f"quy định): {day_list(c.day for c in undecided)}."
        )
    if plan.pending:
        sources = "; ".join(dict.fromkeys(instrument_of(r.source) for r in plan.pending))
        parts.append(
            f"Năm {year} có {len(plan.pending)} ngày mới chỉ được đưa tin hoặc đề xuất, chưa áp dụng chính thức "
            f"({day_list(r.day for r in plan.pending)}). Văn bản cần đối chiếu: {sources}. "
            "Quản trị viên xác nhận sau khi đã đọc văn bản."
        )
    return YearStatus(year, confirmation, plan.pending, " ".join(parts), undecided)


def day_list(days: Iterable[date]) -> str:
    """``04/02, 05/02, 03/09/2027``: the year written once, at the end of each year's run."""
    ordered = sorted(set(days))
    parts = []
    for i, day in enumerate(ordered):
        last_of_year = i == len(ordered) - 1 or ordered[i + 1].year != day.year
        parts.append(day.strftime("%d/%m/%Y") if last_of_year else day.strftime("%d/%m"))
    return ", ".join(parts)


def instrument_of(source: str) -> str:
    """The instrument named at the head of a source ("Công văn 10065/VPCP-KGVX, 02/10/2026")."""
    head = source.split(" (", 1)[0]
    return head.split(";", 1)[0].strip() or source
