"""The administrator's changes to the working calendar: yearly files, local days and office hours (the
calendar options are settings: ``services.core.settings.change_setting``); the open dossiers a change would give another due date are flagged, never moved silently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.calendar import (
    CalendarConfig,
    DayEntry,
    DayKind,
    YearStatus,
    admin_day,
    confirm_proposed,
)
from motcua_desktop.domain.errors import Field, NotFound, ValidationError
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.settings import CALENDAR_CONFIG
from motcua_desktop.services.core.calendar import build_calendar, calendar_config
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.due_flags import flag_affected_dossiers
from motcua_desktop.storage import Store
from motcua_desktop.storage.calendar_table import DueFlag

CALENDAR_CHANGED = "calendar.changed"


@dataclass(frozen=True)
class YearOverview:
    year: int
    entries: tuple[DayEntry, ...]
    status: YearStatus


def year_overview(ctx: AppContext, year: int) -> YearOverview:
    if not 2000 <= year <= 2100:
        raise ValidationError(Field("year", "Năm"), f"{year} không hợp lệ.", "Nhập năm từ 2000 đến 2100.")
    calendar = build_calendar(ctx.store)
    return YearOverview(year, calendar.days_in_year(year), calendar.year_status(year))


@dataclass(frozen=True)
class CalendarChange:
    summary: str
    flagged: list[DueFlag]


def set_day(ctx: AppContext, day: date, kind: DayKind, name: str, reason: str, *, source: str = "") -> CalendarChange:
    """A local decision: ad-hoc closure (typhoon), extra day off or working day; the reason is required."""
    ctx.require(Permission.CALENDAR)
    row = admin_day(day, kind, name, reason, source=source)

    def change(store: Store, now: datetime) -> str:
        store.calendar.add(row, at=now, by=ctx.actor)
        return f"Đã ghi ngày {day:%d/%m/%Y}: {kind.label.lower()} – {row.name}."

    return change_calendar(ctx, change, {"row": to_plain(row)})


def confirm_day(ctx: AppContext, day: date, reason: str, *, source: str = "") -> CalendarChange:
    """Applies one proposed or reported day (e.g. a swap announced later) after the administrator read
    its instrument; ``reason`` names it. A whole reported year goes through ``calendar_notice.confirm_reported``."""
    ctx.require(Permission.CALENDAR)
    proposals = [
        e.row for e in build_calendar(ctx.store).days_in_year(day.year) if e.row.day == day and not e.row.status.applies
    ]
    if not proposals:
        raise NotFound(f"Không có ngày đề xuất hay ngày đã đưa tin nào chờ xác nhận vào {day:%d/%m/%Y}.")
    row = confirm_proposed(proposals[0], reason, source=source)

    def change(store: Store, now: datetime) -> str:
        store.calendar.add(row, at=now, by=ctx.actor)
        return f"Đã xác nhận áp dụng ngày {day:%d/%m/%Y}: {row.name}."

    return change_calendar(ctx, change, {"row": to_plain(row)})


def office_hours(ctx: AppContext) -> CalendarConfig:
    """The office hours and weekly working days in force (see ``set_office_hours``)."""
    return calendar_config(ctx.store)


def set_office_hours(ctx: AppContext, config: CalendarConfig) -> CalendarChange:
    ctx.require(Permission.CALENDAR)

    def change(store: Store, now: datetime) -> str:
        store.settings.put(CALENDAR_CONFIG, config)
        return f"Đã đổi giờ làm việc: {config.describe()}."

    return change_calendar(ctx, change, {"config": to_plain(config, compact=False)})


def change_calendar(ctx: AppContext, change, details: dict[str, object]) -> CalendarChange:  # type: ignore[no-untyped-def]
    """Runs ``change(store, now)`` (returns the summary), records it in the audit, and flags the
    printed appointments the changed calendar gives differently, in one transaction."""
    store = ctx.store
    now = ctx.clock.now()
    with store.transaction():
        summary = change(store, now)
        store.events.append(
            kind=CALENDAR_CHANGED, actor=ctx.actor, occurred_at=now, payload={"summary": summary, **details}
        )
        flagged = flag_affected_dossiers(store, build_calendar(store), now)
    ctx.forget_calendar()
    if flagged:
        summary += (
            f" {len(flagged)} hồ sơ đang giải quyết có ngày hẹn đã in khác với lịch mới; "
            "ngày hẹn không tự thay đổi — xem danh sách «hồ sơ cần xem lại ngày hẹn»."
        )
    return CalendarChange(summary, flagged)
