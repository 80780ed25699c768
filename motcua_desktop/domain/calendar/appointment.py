"""The appointment ("ngày hẹn trả") as printed, from the stored exact due timestamp.

The exact moment is always what is stored and what timeliness is judged on; the office only
chooses how it is printed. The exact form uses the Decree 30/2020 date words.
"""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

from motcua_desktop.domain.calendar.config import CalendarConfig
from motcua_desktop.domain.vntime import fmt_date, official_date, to_vn


class AppointmentStyle(StrEnum):
    EXACT = "exact"  # "16 giờ 00 phút, ngày 23 tháng 02 năm 2026"
    SESSION = "session"  # "Buổi chiều, ngày 23/02/2026"
    END_OF_DAY = "end_of_day"  # "Trước 17 giờ 00, ngày 23/02/2026"

    @property
    def label(self) -> str:
        return {
            AppointmentStyle.EXACT: "Giờ, phút chính xác",
            AppointmentStyle.SESSION: "Buổi (sáng/chiều)",
            AppointmentStyle.END_OF_DAY: "Trước giờ kết thúc ngày làm việc",
        }[self]


def appointment_text(
    due_at: datetime, style: AppointmentStyle = AppointmentStyle.EXACT, config: CalendarConfig | None = None
) -> str:
    config = config or CalendarConfig()
    local = to_vn(due_at)
    if style is AppointmentStyle.EXACT:
        return f"{local.hour:02d} giờ {local.minute:02d} phút, {official_date(local.date())}"
    if style is AppointmentStyle.SESSION:
        session = "Buổi sáng" if local.time() <= config.morning.end else "Buổi chiều"
        return f"{session}, ngày {fmt_date(local)}"
    return f"Trước {_clock(config.closing)}, ngày {fmt_date(local)}"


def _clock(at: time) -> str:
    return f"{at.hour:02d} giờ {at.minute:02d}"
