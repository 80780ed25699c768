"""Shared builders for the calendar and timeliness tests (not a conftest: other areas own that)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from motcua_desktop.domain.calendar import CalendarConfig, CalendarDay, DayOrigin, WorkCalendar, parse_calendar_csv
from motcua_desktop.domain.catalogue import ProcedureSnapshot
from motcua_desktop.domain.dossier import Channel, Dossier, DueRevision, Person
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.vntime import VN_TZ
from motcua_desktop.resource_files import resource_path

SHIPPED_NAME = "holidays-2025-2027.csv"
REPORTED_NAME = "reported-2027.csv"


@cache
def shipped_rows() -> tuple[CalendarDay, ...]:
    """The reference schedule plus the reported 2027 schedule, as the program ships them."""
    rows: list[CalendarDay] = []
    for name in (SHIPPED_NAME, REPORTED_NAME):
        rows += parse_calendar_csv(resource_path("calendar", name).read_bytes(), name, origin=DayOrigin.SHIPPED)
    return tuple(rows)


def official_calendar(config: CalendarConfig | None = None, *extra: CalendarDay) -> WorkCalendar:
    """The shipped 2025–2027 data (reported 2027 rows waiting) plus ``extra`` rows, with the default (07:00–11:30/13:30–17:00) hours."""
    return WorkCalendar(config or CalendarConfig(), [*shipped_rows(), *extra])


def at(text: str) -> datetime:
    """``"2026-02-12 10:00"`` → aware Vietnam time."""
    return datetime.fromisoformat(text).replace(tzinfo=VN_TZ)


def d(text: str) -> date:
    return date.fromisoformat(text)


def working_days(amount: str) -> Duration:
    return Duration(DurationUnit.WORKING_DAYS, Decimal(amount))


def hours(amount: str) -> Duration:
    return Duration(DurationUnit.WORKING_HOURS, Decimal(amount))


def calendar_days(amount: int) -> Duration:
    return Duration(DurationUnit.CALENDAR_DAYS, Decimal(amount))


def same_day() -> Duration:
    return Duration(DurationUnit.SAME_DAY)


def make_dossier(
    received_at: datetime, due_at: datetime, *, duration: Duration | None = None, **changes: Any
) -> Dossier:
    procedure = ProcedureSnapshot(
        procedure_id=1,
        key="1.001193",
        version=1,
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        duration=duration or working_days("3"),
    )
    dossier = Dossier(
        uuid="u-1",
        code="000.00.12.H56-260212-0001",
        status=Status.IN_PROCESSING,
        applicant=Person("Nguyễn Thị Đào"),
        procedure=procedure,
        channel=Channel.DIRECT,
        received_at=received_at,
        received_by="canbo1",
        device_id="pc-1",
        receiving_agency_id="000.00.12.H56",
        receiving_unit="Trung tâm Phục vụ hành chính công phường Đông Tiến",
        due_at=due_at,
        original_due_at=due_at,
        due_history=(DueRevision(due_at, "received", received_at),),
    )
    return dataclasses.replace(dossier, **changes)
