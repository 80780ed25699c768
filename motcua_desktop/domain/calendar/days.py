"""Day records: one row per day off or extra working day, wherever it comes from.

The same record serves the shipped calendar file, an imported file, an administrator's edit
and the rule-based fallback, so storage, import and display handle one shape. ``origin``
decides precedence (``resolve.py``); ``status`` decides whether a row applies at all:
``proposed`` rows are shown but never applied until an administrator confirms them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.text import clean_text


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # statutory holiday date (listed even on a weekend)
    COMPENSATORY = "compensatory"  # "nghỉ bù": a holiday fell on a rest day (Labour Code Art. 111(3))
    SWAP_OFF = "swap_off"  # "nghỉ hoán đổi": bridging weekday taken off
    MAKEUP_WORKDAY = "makeup_workday"  # "làm bù": Saturday worked back
    CLOSURE = "closure"  # local ad-hoc closure (typhoon, flood…); reason required
    DECIDED_OFF = "decided_off"  # not a working day by administrator decision
    DECIDED_WORKDAY = "decided_workday"  # a working day by administrator decision

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_day_off(self) -> bool:
        """Whether an applied row of this kind makes its date a day off (else a working day)."""
        return self not in (DayKind.MAKEUP_WORKDAY, DayKind.DECIDED_WORKDAY)

    @property
    def needs_reason(self) -> bool:
        return self in (DayKind.CLOSURE, DayKind.DECIDED_OFF, DayKind.DECIDED_WORKDAY)


_KIND_LABELS = {
    DayKind.HOLIDAY: "Ngày lễ, Tết",
    DayKind.COMPENSATORY: "Nghỉ bù",
    DayKind.SWAP_OFF: "Nghỉ hoán đổi",
    DayKind.MAKEUP_WORKDAY: "Làm bù",
    DayKind.CLOSURE: "Tạm nghỉ đột xuất",
    DayKind.DECIDED_OFF: "Nghỉ theo quyết định",
    DayKind.DECIDED_WORKDAY: "Làm việc theo quyết định",
}


class DayStatus(StrEnum):
    OFFICIAL = "official"  # fixed by law or announced in a notice
    COMPUTED = "computed"  # derived from the law and the lunar calendar; applies
    PROPOSED = "proposed"  # seen only as a proposal; NOT applied until confirmed

    @property
    def label(self) -> str:
        return {
            DayStatus.OFFICIAL: "Chính thức",
            DayStatus.COMPUTED: "Tính theo quy định (chưa có thông báo)",
            DayStatus.PROPOSED: "Đề xuất (chưa áp dụng)",
        }[self]

    @property
    def applies(self) -> bool:
        return self is not DayStatus.PROPOSED


class DayOrigin(StrEnum):
    """Where a row comes from; later members win (see ``resolve.py``)."""

    RULES = "rules"  # Labour Code Arts. 111(3) and 112 via holidays.VN, for years without data
    SHIPPED = "shipped"  # the calendar file shipped with the program
    IMPORTED = "imported"  # a calendar file imported by an administrator
    ADMIN = "admin"  # one day decided by the local administrator

    @property
    def label(self) -> str:
        return {
            DayOrigin.RULES: "Tính theo Bộ luật Lao động",
            DayOrigin.SHIPPED: "Lịch kèm theo phần mềm",
            DayOrigin.IMPORTED: "Tệp lịch đã nhập",
            DayOrigin.ADMIN: "Quyết định của quản trị viên",
        }[self]


@dataclass(frozen=True)
class CalendarDay:
    """One day off or extra working day."""

    day: date
    kind: DayKind
    name: str
    status: DayStatus = DayStatus.OFFICIAL
    source: str = ""  # the notice, decision or rule
    reason: str = ""  # why (required for administrator edits and closures)
    origin: DayOrigin = DayOrigin.SHIPPED

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError("Tên ngày", "không được để trống.", "Ví dụ: «Nghỉ bão số 3».")
        if (self.kind.needs_reason or self.origin is DayOrigin.ADMIN) and not self.reason.strip():
            raise ValidationError(
                "Lý do",
                f"phải ghi lý do cho ngày {self.day.strftime('%d/%m/%Y')} ({self.kind.label.lower()}).",
                "Ví dụ: «Bão số 3, theo Quyết định số 12/QĐ-UBND».",
            )

    @property
    def applies(self) -> bool:
        return self.status.applies

    @property
    def is_day_off(self) -> bool:
        return self.kind.is_day_off


def admin_day(
    day: date, kind: DayKind, name: str, reason: str, *, source: str = "", status: DayStatus = DayStatus.OFFICIAL
) -> CalendarDay:
    """A day decided by the local administrator (closure, extra day off or working day).

    Raises ValidationError naming the field when the name or the reason is missing.
    """
    return CalendarDay(
        day, kind, clean_text(name), status, clean_text(source), clean_text(reason), origin=DayOrigin.ADMIN
    )


def confirm_proposed(row: CalendarDay, reason: str, *, source: str = "") -> CalendarDay:
    """The administrator's confirmation of a proposed row: an applied official copy of it.

    Store the returned row; the proposal itself stays as it was (it is never applied).
    """
    if row.status is not DayStatus.PROPOSED:
        raise ValidationError(
            "Trạng thái", f"ngày {row.day.strftime('%d/%m/%Y')} không phải đề xuất nên không cần xác nhận."
        )
    confirmed_name = row.name.replace("(đề xuất)", "").strip()
    return admin_day(row.day, row.kind, confirmed_name, reason, source=source or row.source)
