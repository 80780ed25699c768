"""Office hours of the counter: the sessions that make up a working day, and a few switches.

Defaults are the provincial-system default whose worked examples are in ``time.md`` §4
(07:00–11:30 and 13:30–17:00, 8 h). A working day lasts the total of its sessions, and a
duration in working days is converted to working hours with that length (0.5 day = 4 h and
2.5 days = 20 h with the defaults; 2 days = 15 h with 07:30–11:30 / 13:30–17:00), so a
"day" always means one full day of this office's sessions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from motcua_desktop.domain.duration import DEFAULT_CUTOFF
from motcua_desktop.domain.errors import Field, ValidationError

SATURDAY = 5
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class Session:
    """One block of office hours on a working day, ``start`` inclusive, ``end`` exclusive."""

    start: time
    end: time

    @property
    def length(self) -> timedelta:
        return _at(self.end) - _at(self.start)

    def label(self) -> str:
        return f"{self.start.strftime('%H:%M')}–{self.end.strftime('%H:%M')}"


def _at(clock: time) -> datetime:
    return datetime.combine(date(2000, 1, 3), clock)


@dataclass(frozen=True)
class CalendarConfig:
    """How this office works. Validated on creation; invalid settings raise ValidationError."""

    morning: Session = field(default_factory=lambda: Session(time(7, 0), time(11, 30)))
    afternoon: Session = field(default_factory=lambda: Session(time(13, 30), time(17, 0)))
    # Monday = 0 … Sunday = 6; ordinary working weekdays (the processing clock runs on them).
    working_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    # Saturday-morning reception only: dossiers are accepted, but the clock starts at the next
    # working moment (whether Saturday counts toward processing time is unconfirmed, time.md §1).
    saturday_morning_reception: bool = False
    # Make-up Saturdays ("làm bù") are working days for public-sector staff (time.md §1).
    makeup_saturdays_work: bool = True
    # Used by the catalogue/registration for same-day procedures with no ``gio_cat`` of their own.
    default_cutoff: time = DEFAULT_CUTOFF

    def __post_init__(self) -> None:
        for key, label, session in (
            ("morning", "Buổi sáng", self.morning),
            ("afternoon", "Buổi chiều", self.afternoon),
        ):
            if session.start >= session.end:
                raise ValidationError(
                    Field(key, f"Giờ làm việc {label.lower()}"),
                    f"giờ bắt đầu {session.start.strftime('%H:%M')} phải trước giờ kết thúc {session.end.strftime('%H:%M')}.",
                    "Ví dụ: 07:00–11:30.",
                )
        if self.morning.end > self.afternoon.start:
            raise ValidationError(
                Field("office_hours", "Giờ làm việc"),
                f"buổi sáng ({self.morning.label()}) chồng lên buổi chiều ({self.afternoon.label()}).",
                "Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc, ví dụ 07:00–11:30 và 13:30–17:00.",
            )
        if not self.working_weekdays or any(not 0 <= d <= 6 for d in self.working_weekdays):
            raise ValidationError(
                Field("working_weekdays", "Ngày làm việc trong tuần"),
                "phải có ít nhất một ngày, từ Thứ Hai (0) đến Chủ nhật (6).",
            )
        if len(set(self.working_weekdays)) != len(self.working_weekdays):
            raise ValidationError(
                Field("working_weekdays", "Ngày làm việc trong tuần"),
                "có ngày bị lặp lại.",
                "Mỗi ngày chỉ ghi một lần.",
            )

    @property
    def sessions(self) -> tuple[Session, Session]:
        return (self.morning, self.afternoon)

    @property
    def day_length(self) -> timedelta:
        """Length of one working day: the total of its sessions (8 h with the defaults)."""
        return self.morning.length + self.afternoon.length

    @property
    def hours_per_day(self) -> Decimal:
        """``day_length`` in hours; the factor that turns working days into working hours."""
        return Decimal(int(self.day_length.total_seconds())) / Decimal(3600)

    @property
    def opening(self) -> time:
        return self.morning.start

    @property
    def closing(self) -> time:
        return self.afternoon.end

    def describe(self) -> str:
        """One line for settings screens: ``07:00–11:30 và 13:30–17:00 (8 giờ/ngày)``."""
        hours = self.hours_per_day
        text = (
            str(int(hours)) if hours == hours.to_integral_value() else format(hours.normalize(), "f").replace(".", ",")
        )
        return f"{self.morning.label()} và {self.afternoon.label()} ({text} giờ/ngày)"
