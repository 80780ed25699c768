"""Whether a year's schedule of days off is confirmed, and the warning to show when it is not.

Due dates that fall in an unconfirmed year may move when the notice comes out (usually
October–December of the year before), so the counter must say so before printing a promise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from motcua_desktop.domain.calendar.days import CalendarDay, DayOrigin, DayStatus
from motcua_desktop.domain.calendar.resolve import YearPlan


class Confirmation(StrEnum):
    OFFICIAL = "official"  # the deciding data set is all official
    COMPUTED = "computed"  # a data set exists but some rows are only computed
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
    pending: tuple[CalendarDay, ...]  # proposals waiting for an administrator
    warning: str  # Vietnamese; empty when there is nothing to warn about

    @property
    def confirmed(self) -> bool:
        return self.confirmation is Confirmation.OFFICIAL


def year_status_of(plan: YearPlan) -> YearStatus:
    year = plan.year
    parts: list[str] = []
    if plan.basis is DayOrigin.RULES:
        confirmation = Confirmation.RULES_ONLY
        parts.append(
            f"Năm {year} chưa có lịch nghỉ chính thức trong phần mềm: ngày nghỉ đang được tính theo "
            "Bộ luật Lao động (Điều 111, 112) và âm lịch Việt Nam, chưa có ngày nghỉ hoán đổi và ngày làm bù. "
            f"Ngày hẹn trả rơi vào năm {year} có thể phải điều chỉnh; hãy nhập tệp lịch năm {year} "
            "khi có thông báo của Bộ Nội vụ."
        )
    else:
        computed = [r for r in plan.data_rows if r.status is DayStatus.COMPUTED]
        if computed:
            confirmation = Confirmation.COMPUTED
            parts.append(
                f"Lịch nghỉ năm {year} chưa được xác nhận chính thức: {len(computed)} ngày đang được tính "
                f"theo quy định, chưa có thông báo. Ngày hẹn trả rơi vào năm {year} có thể phải "
                "điều chỉnh khi có thông báo chính thức; hãy nhập tệp lịch mới khi có."
            )
        else:
            confirmation = Confirmation.OFFICIAL
    if plan.pending:
        listed = "; ".join(f"{r.day.strftime('%d/%m/%Y')} ({r.name})" for r in plan.pending)
        parts.append(
            f"Năm {year} còn {len(plan.pending)} ngày mới ở mức đề xuất, chưa áp dụng: {listed}. "
            "Quản trị viên xác nhận khi có thông báo chính thức."
        )
    return YearStatus(year, confirmation, plan.pending, " ".join(parts))
