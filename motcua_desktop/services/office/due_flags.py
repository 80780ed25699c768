"""Printed appointments a calendar change would move: listed before a change, flagged after it,
settled by the clerk (a new slip with the new date, or keeping an earlier promise).

A printed due date is never recomputed silently (``time.md`` §6, §8): the dossier is flagged and
the clerk decides. When the new calendar gives an *earlier* date, the printed one promises more
time than the law allows, so the only way out is a new slip; a later date may be waived and the
earlier promise kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.calendar import WorkCalendar
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.errors import Field, NotFound, ValidationError
from motcua_desktop.domain.lifecycle import PENDING, Status
from motcua_desktop.domain.settings import SHIPPED_CALENDAR_DIGEST
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import fmt_datetime, iso
from motcua_desktop.services.core.context import AppContext, Clock
from motcua_desktop.services.core.dossier_log import record_dossier_event
from motcua_desktop.storage import Store
from motcua_desktop.storage.calendar_table import DueFlag
from motcua_desktop.storage.errors import StorageError

log = logging.getLogger("motcua.calendar")

FLAG_REASON = "Lịch làm việc thay đổi"
DUE_FLAG_KEPT = "calendar.due_kept"  # the clerk kept a printed date the new calendar would give later
REDATE_REASON = "calendar"  # DueRevision.reason of a date given again after a calendar change
_COUNTED_FROM = ("received", "supplement-restart")  # revisions a calendar decides (not extensions)


@dataclass(frozen=True)
class MovedAppointment:
    """An open dossier whose printed appointment the calendar would now give differently."""

    dossier_uuid: str
    code: str  # registered dossiers only: a pre-reception outcome has no appointment
    applicant: str
    printed_due: datetime
    new_due: datetime

    @property
    def earlier(self) -> bool:
        """The new calendar allows less time than printed: a new slip is needed."""
        return self.new_due < self.printed_due

    def describe(self) -> str:
        return f"{self.code} – {self.applicant}: hẹn {fmt_datetime(self.printed_due)} → {fmt_datetime(self.new_due)}"


def recomputed_due(calendar: WorkCalendar, dossier: Dossier) -> datetime | None:
    """The due date ``calendar`` gives the dossier's current clock, or None when no calendar decides it
    (awaiting a supplement, no duration, an extension chosen by hand)."""
    if dossier.status is Status.AWAITING_SUPPLEMENT or dossier.due_at is None or dossier.procedure.duration is None:
        return None
    history = list(dossier.due_history)
    while history and history[-1].reason == REDATE_REASON:
        history.pop()
    if not history or history[-1].reason not in _COUNTED_FROM:
        return None
    start = dossier.received_at if history[-1].reason == "received" else history[-1].at
    return calendar.due_at(start, dossier.procedure.duration)


def moved_appointments(store: Store, calendar: WorkCalendar, now: datetime) -> list[MovedAppointment]:
    """Open dossiers, not yet due, whose printed date ``calendar`` would give differently (reads only)."""
    from motcua_desktop.services.dossiers.lookup import load_dossier

    placeholders = ",".join("?" * len(PENDING))
    summaries = store.dossiers.iter_summaries(
        f"d.status IN ({placeholders}) AND d.due_at > ?", [*(s.value for s in PENDING), iso(now)]
    )
    moved = []
    for summary in summaries:
        dossier = load_dossier(store, summary.uuid)
        new_due = recomputed_due(calendar, dossier)
        if new_due is not None and dossier.due_at is not None and new_due != dossier.due_at:
            name = dossier.applicant.full_name
            moved.append(MovedAppointment(dossier.uuid, dossier.code or "", name, dossier.due_at, new_due))
    return moved


def flag_moved(store: Store, moved: list[MovedAppointment], now: datetime) -> list[DueFlag]:
    flags = [DueFlag(m.dossier_uuid, m.printed_due, m.new_due, now, FLAG_REASON) for m in moved]
    for flag in flags:
        store.calendar.flag(flag)
    return flags


def flag_affected_dossiers(store: Store, calendar: WorkCalendar, now: datetime) -> list[DueFlag]:
    """Flags the open dossiers whose printed date ``calendar`` would give differently."""
    return flag_moved(store, moved_appointments(store, calendar, now), now)


def review_shipped_calendar(store: Store, clock: Clock) -> list[DueFlag]:
    """After a program update changed the shipped schedule (the 2026 Quốc khánh swap, a reported
    year), flags the printed appointments it moves and records the change in the audit; once per
    version of the files. A read-only or failing store is left alone (the next opening tries again)."""
    from motcua_desktop.services.core.calendar import build_calendar, shipped_digest

    if store.readonly:
        return []
    digest = shipped_digest()
    try:
        before = store.settings.value(SHIPPED_CALENDAR_DIGEST)
        if before == digest:
            return []
        now = clock.now()
        with store.transaction():
            flags = flag_affected_dossiers(store, build_calendar(store), now)
            if before or flags:
                summary = "Lịch nghỉ kèm theo phần mềm đã được cập nhật."
                if flags:
                    summary += f" {len(flags)} hồ sơ đã in phiếu hẹn có ngày hẹn khác theo lịch mới: cần xem lại."
                store.events.append(
                    kind="calendar.changed",
                    actor="system",
                    occurred_at=now,
                    payload={"summary": summary, "shipped_sha256": digest, "moved": len(flags)},
                )
            store.settings.put(SHIPPED_CALENDAR_DIGEST, digest)
        return flags
    except StorageError as exc:
        log.warning("shipped calendar not reviewed at opening: %s", exc)
        return []


def due_flags(ctx: AppContext) -> list[DueFlag]:
    ctx.require(Permission.SEARCH)
    return ctx.store.calendar.flags()


def flagged_appointments(ctx: AppContext) -> list[MovedAppointment]:
    """The flagged dossiers with their code and applicant, for the clerk's list."""
    from motcua_desktop.services.dossiers.lookup import load_dossier

    ctx.require(Permission.SEARCH)
    found = []
    for flag in ctx.store.calendar.flags():
        dossier = load_dossier(ctx.store, flag.dossier_uuid)
        found.append(
            MovedAppointment(
                flag.dossier_uuid,
                dossier.code or "",
                dossier.applicant.full_name,
                flag.printed_due,
                flag.recomputed_due,
            )
        )
    return found


def redate_for_calendar(ctx: AppContext, dossier_uuid: str) -> Dossier:
    """Gives a flagged dossier the due date of the calendar in force (a correction event; the
    receipt printed next is marked as reprinted after a correction)."""
    from motcua_desktop.services.dossiers.lookup import load_dossier

    ctx.require(Permission.FOLLOW)
    now = ctx.clock.now()
    calendar = ctx.calendar()
    with ctx.store.transaction():
        flag = _flag(ctx, dossier_uuid)
        dossier = load_dossier(ctx.store, dossier_uuid)
        new_due = recomputed_due(calendar, dossier)
        if new_due is None or dossier.due_at is None or dossier.status not in PENDING:
            ctx.store.calendar.unflag(dossier_uuid)
            raise ValidationError(
                Field("new_due", "Ngày hẹn mới"),
                f"hồ sơ {dossier.code} không còn tính lại được ngày hẹn theo lịch (đã đổi trạng thái).",
            )
        if new_due == dossier.due_at:
            ctx.store.calendar.unflag(dossier_uuid)
            return dossier
        updated = record_dossier_event(
            ctx,
            dossier,
            kind=ev.DOSSIER_CORRECTED,
            payload={
                "before": {"due_at": iso(dossier.due_at)},
                "after": {"due_at": iso(new_due)},
                "reason": f"{flag.reason}: ngày hẹn tính lại theo lịch đang áp dụng",
            },
            occurred_at=now,
        )
        ctx.store.calendar.unflag(dossier_uuid)
    return updated


def keep_printed_due(ctx: AppContext, dossier_uuid: str, note: str) -> None:
    """Settles a flag by keeping the printed date: allowed only when it is not later than the new one."""
    ctx.require(Permission.FOLLOW)
    text = clean_text(note)
    if not text:
        raise ValidationError(
            Field("reason", "Lý do giữ ngày hẹn"), "chưa nhập.", "Ví dụ: «Đã báo công dân, giữ ngày hẹn cũ»."
        )
    with ctx.store.transaction():
        flag = _flag(ctx, dossier_uuid)
        if flag.recomputed_due < flag.printed_due:
            raise ValidationError(
                Field("due", "Ngày hẹn"),
                f"lịch mới cho ngày hẹn sớm hơn ngày đã in ({fmt_datetime(flag.recomputed_due)} so với "
                f"{fmt_datetime(flag.printed_due)}): giữ ngày đã in là hẹn quá thời hạn luật định.",
                "Ghi ngày hẹn mới và in lại phiếu hẹn.",
            )
        ctx.store.events.append(
            kind=DUE_FLAG_KEPT,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            dossier_uuid=dossier_uuid,
            payload={"printed_due": iso(flag.printed_due), "recomputed_due": iso(flag.recomputed_due), "note": text},
        )
        ctx.store.calendar.unflag(dossier_uuid)


def _flag(ctx: AppContext, dossier_uuid: str) -> DueFlag:
    for flag in ctx.store.calendar.flags():
        if flag.dossier_uuid == dossier_uuid:
            return flag
    raise NotFound("Hồ sơ này không có trong danh sách cần xem lại ngày hẹn.")
