"""The administrator's changes to the working calendar: yearly files, local days, office hours and
options; the open dossiers a change would give another due date are flagged, never moved silently."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.calendar import (
    AppointmentStyle,
    CalendarConfig,
    DayEntry,
    DayKind,
    DayOrigin,
    DayStatus,
    SupplementPolicy,
    WorkCalendar,
    YearStatus,
    admin_day,
    confirm_proposed,
    parse_calendar_csv,
)
from motcua_desktop.domain.errors import FileProblem, NotFound, ValidationError
from motcua_desktop.domain.lifecycle import PENDING, Status
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.vntime import iso
from motcua_desktop.services.core.calendar import (
    CONFIG_KEY,
    POLICY_KEY,
    RULE_KEY,
    STYLE_KEY,
    build_calendar,
)
from motcua_desktop.services.core.context import AppContext
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
        raise ValidationError("Năm", f"{year} không hợp lệ.", "Nhập năm từ 2000 đến 2100.")
    calendar = build_calendar(ctx.store)
    return YearOverview(year, calendar.days_in_year(year), calendar.year_status(year))


@dataclass(frozen=True)
class CalendarChange:
    summary: str
    flagged: list[DueFlag]


def import_calendar_file(ctx: AppContext, path: Path) -> CalendarChange:
    """An official yearly schedule (CSV like the shipped one); replaces earlier imports of the same years."""
    ctx.require(Permission.CALENDAR)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileProblem(Path(path).name, f"không đọc được tệp ({exc.strerror}).") from None
    rows = parse_calendar_csv(data, Path(path).name, origin=DayOrigin.IMPORTED)
    years = sorted({row.day.year for row in rows})

    def change(store: Store, now: datetime) -> str:
        count = store.calendar.replace_imported_years(years, rows, at=now, by=ctx.actor, source_file=Path(path).name)
        return f"Đã nhập {count} ngày của năm {', '.join(map(str, years))} từ «{Path(path).name}»."

    return _change_calendar(ctx, change, {"file": Path(path).name, "years": years, "rows": len(rows)})


def set_day(ctx: AppContext, day: date, kind: DayKind, name: str, reason: str, *, source: str = "") -> CalendarChange:
    """A local decision: ad-hoc closure (typhoon), extra day off or working day; the reason is required."""
    ctx.require(Permission.CALENDAR)
    row = admin_day(day, kind, name, reason, source=source)

    def change(store: Store, now: datetime) -> str:
        store.calendar.add(row, at=now, by=ctx.actor)
        return f"Đã ghi ngày {day:%d/%m/%Y}: {kind.label.lower()} – {row.name}."

    return _change_calendar(ctx, change, {"row": to_plain(row)})


def confirm_day(ctx: AppContext, day: date, reason: str, *, source: str = "") -> CalendarChange:
    """Applies a proposed day (e.g. a swap announced later) after the administrator confirms it."""
    ctx.require(Permission.CALENDAR)
    proposals = [
        e.row
        for e in build_calendar(ctx.store).days_in_year(day.year)
        if e.row.day == day and e.row.status is DayStatus.PROPOSED
    ]
    if not proposals:
        raise NotFound(f"Không có ngày đề xuất nào vào {day:%d/%m/%Y}.")
    row = confirm_proposed(proposals[0], reason, source=source)

    def change(store: Store, now: datetime) -> str:
        store.calendar.add(row, at=now, by=ctx.actor)
        return f"Đã xác nhận áp dụng ngày {day:%d/%m/%Y}: {row.name}."

    return _change_calendar(ctx, change, {"row": to_plain(row)})


def set_office_hours(ctx: AppContext, config: CalendarConfig) -> CalendarChange:
    ctx.require(Permission.CALENDAR)

    def change(store: Store, now: datetime) -> str:
        store.settings.set(CONFIG_KEY, to_plain(config, compact=False))
        return f"Đã đổi giờ làm việc: {config.describe()}."

    return _change_calendar(ctx, change, {"config": to_plain(config, compact=False)})


def set_option(ctx: AppContext, key: str, value: str) -> None:
    """Appointment style, supplement policy or timeliness rule (office settings)."""
    ctx.require(Permission.SETTINGS)
    enums = {STYLE_KEY: AppointmentStyle, POLICY_KEY: SupplementPolicy, RULE_KEY: TimelinessRule}
    enum = enums[key]
    try:
        chosen = enum(value)
    except ValueError:
        raise ValidationError(key, f"«{value}» không hợp lệ.", "Chọn: " + ", ".join(m.value for m in enum)) from None
    with ctx.store.transaction():
        before = ctx.store.settings.get(key)
        ctx.store.settings.set(key, chosen.value)
        ctx.store.events.append(
            kind=ev.SETTINGS_CHANGED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"key": key, "before": before, "after": chosen.value},
        )


def _change_calendar(ctx: AppContext, change, details: dict[str, object]) -> CalendarChange:  # type: ignore[no-untyped-def]
    store = ctx.store
    now = ctx.clock.now()
    with store.transaction():
        summary = change(store, now)
        store.events.append(kind=CALENDAR_CHANGED, actor=ctx.actor, occurred_at=now, payload=details)
        flagged = flag_affected_dossiers(store, build_calendar(store), now)
    ctx.forget_calendar()
    if flagged:
        summary += (
            f" {len(flagged)} hồ sơ đang giải quyết có ngày hẹn đã in khác với lịch mới; "
            "ngày hẹn không tự thay đổi — xem danh sách «hồ sơ cần xem lại ngày hẹn»."
        )
    return CalendarChange(summary, flagged)


def flag_affected_dossiers(store: Store, calendar: WorkCalendar, now: datetime) -> list[DueFlag]:
    """Open dossiers whose printed due date the new calendar would give differently.

    Dates are never recomputed silently: the dossier is flagged, the clerk decides.
    """
    from motcua_desktop.services.dossiers.lookup import load_dossier

    flagged = []
    placeholders = ",".join("?" * len(PENDING))
    pending = [
        s
        for s in store.dossiers.iter_summaries(
            f"d.status IN ({placeholders}) AND d.due_at > ?", [*(s.value for s in PENDING), iso(now)]
        )
    ]
    for summary in pending:
        dossier = load_dossier(store, summary.uuid)
        if dossier.status is Status.AWAITING_SUPPLEMENT or not dossier.due_history or dossier.due_at is None:
            continue
        last = dossier.due_history[-1]
        duration = dossier.procedure.duration
        if duration is None or last.reason not in ("received", "supplement-restart"):
            continue
        start = dossier.received_at if last.reason == "received" else last.at
        recomputed = calendar.due_at(start, duration)
        if recomputed != dossier.due_at:
            flag = DueFlag(dossier.uuid, dossier.due_at, recomputed, now, "Lịch làm việc thay đổi")
            store.calendar.flag(flag)
            flagged.append(flag)
    return flagged


def due_flags(ctx: AppContext) -> list[DueFlag]:
    ctx.require(Permission.SEARCH)
    return ctx.store.calendar.flags()


def replace_config(config: CalendarConfig, **changes: object) -> CalendarConfig:
    return dataclasses.replace(config, **changes)  # type: ignore[arg-type]
