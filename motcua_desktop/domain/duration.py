"""Statutory processing time of a procedure, in the four units the law uses.

``time.md`` §2: working days (fractions allowed; counted as working hours, 8 h a day),
calendar days (the due date never falls on a day off), working hours, and same day with a
cut-off hour (after the cut-off, or on a day off, due at the end of the next working day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from motcua_desktop.domain.errors import Field, ValidationError

DEFAULT_CUTOFF = time(15, 0)


class DurationUnit(StrEnum):
    WORKING_DAYS = "NGAY_LAM_VIEC"
    CALENDAR_DAYS = "NGAY"
    WORKING_HOURS = "GIO"
    SAME_DAY = "TRONG_NGAY"

    @property
    def label(self) -> str:
        return _UNIT_LABELS[self]


_UNIT_LABELS = {
    DurationUnit.WORKING_DAYS: "ngày làm việc",
    DurationUnit.CALENDAR_DAYS: "ngày",
    DurationUnit.WORKING_HOURS: "giờ làm việc",
    DurationUnit.SAME_DAY: "trong ngày",
}

# Names accepted on the command line and in files, besides the catalogue codes.
_UNIT_ALIASES = {
    "working-days": DurationUnit.WORKING_DAYS,
    "calendar-days": DurationUnit.CALENDAR_DAYS,
    "hours": DurationUnit.WORKING_HOURS,
    "working-hours": DurationUnit.WORKING_HOURS,
    "same-day": DurationUnit.SAME_DAY,
}


def parse_unit(text: str, *, field: Field = Field("duration_unit", "Loại thời hạn")) -> DurationUnit:
    key = (text or "").strip()
    if key in _UNIT_ALIASES:
        return _UNIT_ALIASES[key]
    try:
        return DurationUnit(key.upper())
    except ValueError:
        allowed = ", ".join(u.value for u in DurationUnit)
        raise ValidationError(field, f"«{text}» không phải loại thời hạn.", f"Dùng một trong: {allowed}.") from None


@dataclass(frozen=True)
class Duration:
    unit: DurationUnit
    amount: Decimal = Decimal(0)  # ignored for SAME_DAY
    cutoff: time = DEFAULT_CUTOFF  # used by SAME_DAY only

    def __post_init__(self) -> None:
        if self.unit is not DurationUnit.SAME_DAY and self.amount <= 0:
            raise ValidationError(Field("duration_amount", "Thời hạn giải quyết"), "phải lớn hơn 0.")
        if self.unit is DurationUnit.CALENDAR_DAYS and self.amount != self.amount.to_integral_value():
            raise ValidationError(
                Field("duration_amount", "Thời hạn giải quyết"), "số ngày (theo lịch) phải là số nguyên."
            )

    def label(self) -> str:
        """As printed on the receipt: ``2,5 ngày làm việc``, ``Trong ngày (nhận trước 15:00)``."""
        if self.unit is DurationUnit.SAME_DAY:
            return f"Trong ngày (nhận trước {self.cutoff.strftime('%H:%M')})"
        return f"{format_amount(self.amount)} {self.unit.label}"

    def to_dict(self) -> dict[str, str]:
        data = {"unit": self.unit.value, "amount": str(self.amount)}
        if self.unit is DurationUnit.SAME_DAY:
            data["cutoff"] = self.cutoff.strftime("%H:%M")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Duration:
        unit = DurationUnit(data["unit"])
        cutoff = time.fromisoformat(data["cutoff"]) if data.get("cutoff") else DEFAULT_CUTOFF
        return cls(unit, Decimal(data.get("amount") or "0"), cutoff)


def parse_amount(text: str, *, field: Field = Field("duration_amount", "Thời hạn giải quyết")) -> Decimal:
    """``2.5`` or ``2,5`` → Decimal('2.5'); raises ValidationError."""
    try:
        value = Decimal((text or "").strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(field, f"«{text}» không phải là số.", "Ví dụ: 3 hoặc 2,5.") from None
    if not value.is_finite() or value <= 0 or value > 3650:
        raise ValidationError(field, f"«{text}» không hợp lệ.", "Nhập số lớn hơn 0.")
    return value.normalize() if value == value.to_integral_value() else value


def format_amount(amount: Decimal) -> str:
    """Vietnamese decimal comma: ``2.5`` → ``2,5``; ``3.0`` → ``3``."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f").replace(".", ",")


def make_duration(unit_text: str, amount_text: str = "", cutoff_text: str = "") -> Duration:
    """Builds a Duration from text fields (catalogue rows, CLI options); raises ValidationError."""
    unit = parse_unit(unit_text)
    if unit is DurationUnit.SAME_DAY:
        try:
            cutoff = time.fromisoformat(cutoff_text.strip()) if cutoff_text.strip() else DEFAULT_CUTOFF
        except ValueError:
            raise ValidationError(
                Field("duration_cutoff", "Giờ cắt"), f"«{cutoff_text}» không phải giờ.", "Dạng HH:MM, ví dụ 15:00."
            ) from None
        return Duration(unit, Decimal(0), cutoff)
    return Duration(unit, parse_amount(amount_text))
