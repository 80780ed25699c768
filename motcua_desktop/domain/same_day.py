"""«Ngày không hẹn»: weekdays on which eligible procedures are resolved at the counter, without appointment.

Long Điền B (An Giang) runs a weekly "Ngày không viết" and "Ngày không hẹn": on that weekday the
procedures the commune has chosen are received, resolved and handed back while the citizen waits (180
dossiers from 02/10/2019 to the end of that year). The office chooses the weekdays and the eligible
procedures (``domain.settings.NO_APPOINTMENT_WEEKDAYS``, ``SAME_DAY_PROCEDURES``); this module answers,
for one day and one procedure, whether the dossier is resolved on the spot, and what to tell the
citizen when it is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from motcua_desktop.domain.errors import Field, ValidationError

# Printed in place of the appointment on the receipt of a dossier resolved on the spot.
SAME_DAY_TEXT = "Giải quyết ngay"
WEEKDAY_LABELS: tuple[str, ...] = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
NOT_ELIGIBLE_NOTE = (
    "Ngày không hẹn: thủ tục này không thuộc danh mục giải quyết ngay, hồ sơ được hẹn trả theo thời hạn quy định."
)
WEEKDAYS_FIELD = Field("practices.no_appointment_weekdays", "Ngày không hẹn trong tuần")
PROCEDURES_FIELD = Field("practices.same_day_procedures", "Thủ tục giải quyết ngay trong ngày không hẹn")


@dataclass(frozen=True)
class SameDayDecision:
    """What the counter does with a dossier of one procedure received on one day."""

    no_appointment_day: bool  # the day is one of the office's «Ngày không hẹn»
    eligible: bool  # … and the procedure is on the office's list: received and resolved at once
    note: str = ""  # to the citizen when the day is one but the procedure is not eligible

    @property
    def label(self) -> str:
        if self.eligible:
            return f"Ngày không hẹn: {SAME_DAY_TEXT.lower()} tại quầy, trả kết quả ngay."
        return self.note


def same_day_decision(
    day: date, procedure: Iterable[str], weekdays: Iterable[int], procedures: Iterable[str]
) -> SameDayDecision:
    """Whether a dossier of ``procedure`` (its catalogue key and national code) received on ``day`` is
    resolved on the spot. ``weekdays``: 0 = Monday … 6 = Sunday; ``procedures``: keys or national codes."""
    if day.weekday() not in set(weekdays):
        return SameDayDecision(False, False)
    if not set(procedure) & set(procedures):
        return SameDayDecision(True, False, NOT_ELIGIBLE_NOTE)
    return SameDayDecision(True, True)


def parse_weekdays(value: object) -> tuple[int, ...]:
    """The weekdays an administrator chose: numbers 0–6, or words such as «Thứ tư» / «T4» / «CN»."""
    items = value if isinstance(value, list | tuple | set | frozenset) else str(value or "").split(",")
    days: set[int] = set()
    for item in items:
        day = _weekday(item)
        if day is None:
            raise ValidationError(
                WEEKDAYS_FIELD, f"«{item}» không phải một ngày trong tuần.", "Ví dụ: Thứ tư, hoặc T4, hoặc CN."
            )
        days.add(day)
    return tuple(sorted(days))


def _weekday(item: object) -> int | None:
    if isinstance(item, int) and not isinstance(item, bool):
        return item if 0 <= item <= 6 else None
    text = " ".join(str(item).strip().lower().split())
    if not text:
        return None
    if text.isdigit():
        return int(text) if 0 <= int(text) <= 6 else None
    for index, label in enumerate(WEEKDAY_LABELS):
        short = "cn" if index == 6 else f"t{index + 2}"
        if text in (label.lower(), short, f"thứ {index + 2}"):
            return index
    return None


def weekdays_text(weekdays: Iterable[int]) -> str:
    """«Thứ tư, Thứ sáu» (empty: no day chosen)."""
    return ", ".join(WEEKDAY_LABELS[d] for d in sorted(set(weekdays)) if 0 <= d <= 6)


def parse_procedures(value: object) -> tuple[str, ...]:
    """Catalogue keys of the eligible procedures, typed separated by commas or given as a list."""
    items = value if isinstance(value, list | tuple | set | frozenset) else str(value or "").split(",")
    keys = sorted({" ".join(str(i).split()) for i in items if str(i).strip()})
    for key in keys:
        if len(key) > 64:
            raise ValidationError(PROCEDURES_FIELD, f"«{key[:20]}…» quá dài.", "Ghi mã thủ tục trong danh mục.")
    return tuple(keys)
