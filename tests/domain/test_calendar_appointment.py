"""Printed appointment text in the three office settings."""

from __future__ import annotations

from datetime import time

import pytest

from motcua_desktop.domain.calendar import AppointmentStyle, CalendarConfig, Session, appointment_text
from tests.domain.calendar_support import at


@pytest.mark.parametrize(
    ("due", "style", "text"),
    [
        ("2026-02-23 16:00", AppointmentStyle.EXACT, "16 giờ 00 phút, ngày 23 tháng 02 năm 2026"),
        ("2026-02-23 16:00", AppointmentStyle.SESSION, "Buổi chiều, ngày 23/02/2026"),
        ("2026-02-23 16:00", AppointmentStyle.END_OF_DAY, "Trước 17 giờ 00, ngày 23/02/2026"),
        ("2026-01-12 09:05", AppointmentStyle.EXACT, "09 giờ 05 phút, ngày 12 tháng 01 năm 2026"),
        ("2026-01-12 09:05", AppointmentStyle.SESSION, "Buổi sáng, ngày 12/01/2026"),
        ("2026-04-29 11:30", AppointmentStyle.SESSION, "Buổi sáng, ngày 29/04/2026"),  # end of the morning
        ("2026-04-29 16:00", AppointmentStyle.EXACT, "16 giờ 00 phút, ngày 29 tháng 4 năm 2026"),  # Decree 30 month
    ],
)
def test_appointment_text(due: str, style: AppointmentStyle, text: str) -> None:
    assert appointment_text(at(due), style) == text


def test_end_of_day_uses_the_office_closing_time() -> None:
    config = CalendarConfig(afternoon=Session(time(13, 0), time(16, 30)))
    assert appointment_text(at("2026-03-02 10:00"), AppointmentStyle.END_OF_DAY, config) == (
        "Trước 16 giờ 30, ngày 02/03/2026"
    )
