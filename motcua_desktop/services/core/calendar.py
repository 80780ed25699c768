"""The working calendar in force on this PC (the shipped file, imported files, local decisions, the
office hours) and the calendar options every use case reads. Changes live in ``services.office.calendar``.

Store-level on purpose: ``core.context`` builds its calendar from here, so nothing here imports the context."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from motcua_desktop.domain.calendar import (
    AppointmentStyle,
    CalendarConfig,
    CalendarDay,
    DayOrigin,
    SupplementPolicy,
    WorkCalendar,
    appointment_text,
    next_year_notice,
    parse_calendar_csv,
)
from motcua_desktop.domain.settings import APPOINTMENT_STYLE, CALENDAR_CONFIG, SUPPLEMENT_POLICY, TIMELINESS_RULE
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.resource_files import resource_path
from motcua_desktop.storage import Store

SHIPPED_FILE = ("calendar", "holidays-2025-2027.csv")  # the reference schedule (shared/domain, byte for byte)
# Schedules reported by secondary sources whose instrument was not read: listed as waiting, counted
# as candidate days off, applied only when an administrator confirms them (``confirm_reported``).
REPORTED_FILES = {2027: ("calendar", "reported-2027.csv")}


def shipped_rows() -> list[CalendarDay]:
    rows: list[CalendarDay] = []
    for parts in (SHIPPED_FILE, *REPORTED_FILES.values()):
        path = resource_path(*parts)
        rows += parse_calendar_csv(path.read_bytes(), path.name, origin=DayOrigin.SHIPPED)
    return rows


def shipped_digest() -> str:
    """Identifies the shipped calendar files (a program update that changes them changes it)."""
    digest = hashlib.sha256()
    for parts in (SHIPPED_FILE, *REPORTED_FILES.values()):
        digest.update(resource_path(*parts).read_bytes())
    return digest.hexdigest()


def reported_rows(year: int) -> tuple[CalendarDay, ...]:
    """The whole reported schedule of ``year`` as shipped (empty when none is)."""
    parts = REPORTED_FILES.get(year)
    if parts is None:
        return ()
    path = resource_path(*parts)
    return parse_calendar_csv(path.read_bytes(), path.name, origin=DayOrigin.SHIPPED)


def calendar_config(store: Store) -> CalendarConfig:
    return store.settings.value(CALENDAR_CONFIG)


def build_calendar(store: Store) -> WorkCalendar:
    """The calendar in force on this PC (build once, reuse: it caches per year)."""
    return WorkCalendar(calendar_config(store), [*shipped_rows(), *store.calendar.rows()])


def appointment_style(store: Store) -> AppointmentStyle:
    return store.settings.value(APPOINTMENT_STYLE)


def supplement_policy(store: Store) -> SupplementPolicy:
    return store.settings.value(SUPPLEMENT_POLICY)


def timeliness_rule(store: Store) -> TimelinessRule:
    return store.settings.value(TIMELINESS_RULE)


def appointment_for(store: Store, due_at: datetime) -> str:
    """The appointment as printed, in the office's chosen style, from the stored exact time."""
    return appointment_text(due_at, appointment_style(store), calendar_config(store))


def calendar_notice(store: Store, today: date) -> str:
    """From 1 November, whether next year still lacks an official schedule ("" otherwise)."""
    return next_year_notice(build_calendar(store), today)
