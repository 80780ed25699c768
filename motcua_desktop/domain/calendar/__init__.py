"""Legal working-time calendar and appointment dates (``docs/calendar.md``, ``time.md``).

Typical use (a service builds the calendar once and reuses it)::

    rows = parse_calendar_csv(shipped_bytes, "holidays-2025-2027.csv", origin=DayOrigin.SHIPPED)
    calendar = WorkCalendar(CalendarConfig(), [*rows, *rows_from_database])
    due = calendar.due_at(received_at, duration)
    calendar.year_status(2027).warning
"""

from motcua_desktop.domain.calendar.appointment import AppointmentStyle, appointment_text
from motcua_desktop.domain.calendar.candidates import Candidate
from motcua_desktop.domain.calendar.caution import due_caution, next_year_notice
from motcua_desktop.domain.calendar.clock import (
    DueDecision,
    SupplementPolicy,
    close_allowed_from,
    due_after_supplement,
    extension_due,
    extension_latest_day,
    extension_requested_in_time,
    extension_warning,
    initial_due,
    make_extension,
    may_close_unsupplemented,
    receive_supplement,
    running_due_at,
)
from motcua_desktop.domain.calendar.config import CalendarConfig, Session
from motcua_desktop.domain.calendar.csv_file import parse_calendar_csv
from motcua_desktop.domain.calendar.days import (
    CalendarDay,
    DayKind,
    DayOrigin,
    DayStatus,
    admin_day,
    confirm_proposed,
)
from motcua_desktop.domain.calendar.resolve import DayEntry
from motcua_desktop.domain.calendar.rules import hung_kings_day, lunar_new_year
from motcua_desktop.domain.calendar.work_calendar import WorkCalendar
from motcua_desktop.domain.calendar.year_status import Confirmation, YearStatus

__all__ = [
    "AppointmentStyle",
    "CalendarConfig",
    "CalendarDay",
    "Candidate",
    "Confirmation",
    "DayEntry",
    "DayKind",
    "DayOrigin",
    "DayStatus",
    "DueDecision",
    "Session",
    "SupplementPolicy",
    "WorkCalendar",
    "YearStatus",
    "admin_day",
    "appointment_text",
    "close_allowed_from",
    "confirm_proposed",
    "due_after_supplement",
    "due_caution",
    "extension_due",
    "extension_latest_day",
    "extension_requested_in_time",
    "extension_warning",
    "hung_kings_day",
    "initial_due",
    "lunar_new_year",
    "make_extension",
    "may_close_unsupplemented",
    "next_year_notice",
    "parse_calendar_csv",
    "receive_supplement",
    "running_due_at",
]
