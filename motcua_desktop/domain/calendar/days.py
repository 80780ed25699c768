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
from motcua_desktop.domain.fields import REASON, SHORT_TEXT, clean_field


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
    """How sure a day is (``time.md`` §7.7–§7.8).

    ``official`` and ``computed`` rows decide the year; ``reported`` and ``proposed`` rows wait
    for an administrator who has read the instrument. Until then a waiting day off is still a
    *candidate*: appointments count it as off (``candidates.py``), so a day nobody has decided
    never shortens a promise.
    """

    OFFICIAL = "official"  # fixed by law or announced in a notice that was read
    REPORTED = "reported"  # several secondary sources agree, the instrument's text was not read
    PROPOSED = "proposed"  # seen only as a proposal
    COMPUTED = "computed"  # derived from the law and the lunar calendar; no notice yet

    @property
    def label(self) -> str:
        return {
            DayStatus.OFFICIAL: "Chính thức",
            DayStatus.REPORTED: "Đã đưa tin, chưa đối chiếu văn bản",
            DayStatus.PROPOSED: "Đề xuất",
            DayStatus.COMPUTED: "Tính theo quy định (chưa có thông báo)",
        }[self]

    @property
    def applies(self) -> bool:
        """Whether the row decides its day; reported and proposed rows wait for confirmation."""
        return self in (DayStatus.OFFICIAL, DayStatus.COMPUTED)


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
    # Who brought the row in and from where ("tệp lich-2027.csv, admin, 05/11/2026 10:00"); the
    # same facts are in the audit event of the import or decision.
    provenance: str = ""

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
        day,
        kind,
        clean_field(name, "Tên ngày", limit=SHORT_TEXT),
        status,
        clean_field(source, "Căn cứ", limit=SHORT_TEXT),
        clean_field(reason, "Lý do", limit=REASON),
        origin=DayOrigin.ADMIN,
    )


def confirm_proposed(row: CalendarDay, reason: str, *, source: str = "") -> CalendarDay:
    """The administrator's confirmation of a proposed or reported row: an applied official copy of it.

    Store the returned row; the waiting row itself stays as it was (it is never applied).
    """
    if row.applies:
        raise ValidationError(
            "Trạng thái",
            f"ngày {row.day.strftime('%d/%m/%Y')} không phải đề xuất hay tin chưa đối chiếu nên không cần xác nhận.",
        )
    confirmed_name = row.name.replace("(đề xuất)", "").strip()
    return admin_day(row.day, row.kind, confirmed_name, reason, source=source or row.source)
