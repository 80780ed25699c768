"""The clock guard: registration refuses a PC clock that is behind what the app has seen, and
nothing at all is written while the clock is far ahead of it.

The high-water mark is the latest time this PC wrote on an event (sign-in records aside), or
remembered at start-up (setting ``clock.high_water``); the floor is the build date of this version.
While the clock is behind, a leader may confirm the correct time: the app then uses the PC clock
corrected by the difference, every event written meanwhile carries ``clock_suspect`` in its
payload, and the confirmation ends by itself once the PC clock is fixed. A jump of more than two
weeks forward stops every write (``Store.write_guard``) before anything is recorded at that date,
until the clock is set back or a leader confirms the real time. A leader may confirm a time earlier
than the high-water mark (a clock that was ahead, then fixed): the mark is then re-based on that
confirmation (setting ``clock.rebased``: events up to it no longer count). See
``domain.clock_guard`` for the rules and ``docs/security.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from motcua_desktop import BUILD_DATE
from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.clock_guard import TOLERANCE, ClockCheck, ClockOverride, ClockVerdict, check_clock
from motcua_desktop.domain.errors import ConflictError, KnownError, ValidationError
from motcua_desktop.domain.serde import load, to_plain
from motcua_desktop.domain.vntime import VN_TZ, fmt_datetime, from_iso, iso
from motcua_desktop.services.core.context import AppContext, Clock
from motcua_desktop.storage.errors import ReadOnlyDatabase

HIGH_WATER_KEY = "clock.high_water"
OVERRIDE_KEY = "clock.override"
REBASE_KEY = "clock.rebased"  # {"epoch", "seq"} of the leader's confirmation that re-based the mark
SUSPECT_MARK = "clock_suspect"
LATEST_CONFIRMABLE = timedelta(days=400)  # a typed year is caught: no confirmation that far ahead


class ClockBehind(KnownError):
    pass


class ClockJumped(KnownError):
    """The PC clock is far ahead of the last activity and nobody has confirmed it: nothing is written."""


class CorrectedClock:
    """The PC clock plus the difference a leader confirmed."""

    def __init__(self, base: Clock, offset: timedelta) -> None:
        self.base = base
        self.offset = offset

    def now(self) -> datetime:
        return self.base.now() + self.offset


def pc_clock(ctx: AppContext) -> Clock:
    clock = ctx.clock
    return clock.base if isinstance(clock, CorrectedClock) else clock


def build_floor() -> datetime:
    return _start_of(BUILD_DATE)


@lru_cache(maxsize=4)
def _start_of(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=VN_TZ)


def high_water(ctx: AppContext) -> datetime | None:
    return _high_water(ctx, ctx.store.settings.get_many(_GUARD_KEYS))


def _high_water(ctx: AppContext, stored: dict[str, Any]) -> datetime | None:
    rebased = stored.get(REBASE_KEY)
    after = (int(rebased["epoch"]), int(rebased["seq"])) if isinstance(rebased, dict) else None
    seen = [t for t in (ctx.store.events.latest_local_time(after=after), _as_time(stored.get(HIGH_WATER_KEY))) if t]
    return max(seen) if seen else None


_GUARD_KEYS = (OVERRIDE_KEY, HIGH_WATER_KEY, REBASE_KEY)


def clock_status(ctx: AppContext) -> ClockCheck:
    """The verdict on the PC clock now (reads only)."""
    return _status(ctx, ctx.store.settings.get_many(_GUARD_KEYS))


def _status(ctx: AppContext, stored: dict[str, Any]) -> ClockCheck:
    """The verdict from the guard's settings as read (``_GUARD_KEYS``, one query: this runs before
    every registration)."""
    override = load(ClockOverride, stored[OVERRIDE_KEY]) if stored.get(OVERRIDE_KEY) else None
    return check_clock(pc_clock(ctx).now(), high_water=_high_water(ctx, stored), floor=build_floor(), override=override)


@dataclass(frozen=True)
class _ClockFixed:
    """The record that a leader's confirmation has ended (the PC clock was fixed): deferred, so it
    joins the next write instead of being a write of its own (``Store.deferred``)."""

    ctx: AppContext
    pc_time: datetime

    def __call__(self) -> None:
        if self.ctx.store.settings.get(OVERRIDE_KEY) is None:
            return
        self.ctx.store.settings.set(OVERRIDE_KEY, None)
        self.ctx.store.events.append(
            kind=ev.CLOCK_FIXED, actor=self.ctx.actor, occurred_at=self.pc_time, payload={"pc_time": iso(self.pc_time)}
        )


def apply_clock_guard(ctx: AppContext, *, remember: bool = False) -> ClockCheck:
    """Checks the clock and makes ``ctx`` act on it: the corrected time while a leader's
    confirmation is in force, ``clock_suspect`` on events while the time is doubtful, no write at
    all while the clock is far ahead and unconfirmed. Call at sign-in and start-up (``remember``
    stores the time as seen when it is believable), and before registering. Writes nothing itself
    except the remembered time."""
    result = clock_status(ctx)
    base = pc_clock(ctx)
    store = ctx.store
    fixed_recorded = any(isinstance(record, _ClockFixed) for record in store.deferred)
    if result.override_ended and not store.readonly and not fixed_recorded:
        store.deferred.append(_ClockFixed(ctx, result.pc_now))
    ctx.clock = CorrectedClock(base, result.override.offset) if result.override is not None else base
    if result.suspect:
        store.events.payload_marks[SUSPECT_MARK] = True
    else:
        store.events.payload_marks.pop(SUSPECT_MARK, None)
    store.write_guard = _refuse_writing(result) if result.blocks_writing else None
    if remember and not store.readonly and result.verdict is ClockVerdict.OK:
        remembered = _stored_time(ctx, HIGH_WATER_KEY)
        if remembered is None or result.now > remembered:
            with store.transaction():
                store.settings.set(HIGH_WATER_KEY, iso(result.now))
    return result


def _refuse_writing(result: ClockCheck) -> Callable[[], None]:
    def refuse() -> None:
        raise ClockJumped(result.message())

    return refuse


def ensure_clock_ok(ctx: AppContext) -> ClockCheck:
    """Before a registration: the database must be writable (not in safe mode) and the clock
    not behind (or corrected by a leader). A jump forward is returned for the caller to show."""
    if ctx.store.readonly:
        raise ReadOnlyDatabase(
            "Chương trình đang ở chế độ an toàn (chỉ xem) vì cơ sở dữ liệu có lỗi: không tiếp nhận được hồ sơ. "
            "Báo quản trị viên khôi phục bản sao lưu."
        )
    result = apply_clock_guard(ctx)
    if result.blocks_registration:
        raise ClockBehind(result.message())
    if result.blocks_writing:
        raise ClockJumped(result.message())
    return result


def confirm_correct_time(ctx: AppContext, correct: datetime, reason: str = "") -> ClockCheck:
    """A leader confirms the real date and time while the PC clock is wrong (audited).

    Behind: the app uses the corrected time until the clock is fixed. Far ahead: the same, or,
    when the confirmed time is what the PC shows, the long gap is accepted. A confirmed time earlier
    than what the app has recorded (the clock was ahead, wrote, then was fixed) re-bases the
    high-water mark on this confirmation, so the counter is not blocked for good.
    """
    session = ctx.require_fresh(Permission.CLOCK_OVERRIDE)
    note = fields.clean_field(reason, "Ghi chú", limit=fields.REASON)
    current = clock_status(ctx)
    if current.verdict is ClockVerdict.OK:
        raise ConflictError("Giờ máy tính hợp lệ; không cần xác nhận giờ.")
    floor = build_floor()
    if correct < floor:
        raise ValidationError(
            "Ngày giờ đúng",
            f"{fmt_datetime(correct)} sớm hơn ngày phát hành phiên bản chương trình này ({fmt_datetime(floor)}).",
            "Nhập ngày giờ hiện tại theo đồng hồ hoặc điện thoại.",
        )
    latest = max(current.pc_now, current.reference) + LATEST_CONFIRMABLE
    if correct > latest:
        raise ValidationError(
            "Ngày giờ đúng", f"{fmt_datetime(correct)} quá xa.", "Kiểm tra lại năm; nhập ngày giờ hiện tại."
        )
    pc_now = current.pc_now
    override = None
    if abs(correct - pc_now) > TOLERANCE:
        override = ClockOverride(pc_time=pc_now, confirmed_time=correct, by=session.username)
    rebase = correct < current.reference - TOLERANCE
    payload: dict[str, Any] = {
        "pc_time": iso(pc_now),
        "confirmed_time": iso(correct),
        "offset_seconds": int(override.offset.total_seconds()) if override else 0,
        "reason": note,
    }
    if override is not None:
        payload[SUSPECT_MARK] = True
    if rebase:
        payload["rebased_from"] = iso(current.reference)
    store = ctx.store
    store.write_guard = None  # this confirmation is the one write a clock far ahead allows
    try:
        with store.transaction():
            store.settings.set(OVERRIDE_KEY, to_plain(override, compact=False) if override else None)
            event = store.events.append(kind=ev.CLOCK_CONFIRMED, actor=ctx.actor, occurred_at=correct, payload=payload)
            if rebase:
                store.settings.set(REBASE_KEY, {"epoch": event.epoch, "seq": event.seq})
            store.settings.set(HIGH_WATER_KEY, iso(correct))
    finally:
        apply_clock_guard(ctx)
    return clock_status(ctx)


def leader_confirms(ctx: AppContext, username: str, password: str, correct: datetime, reason: str = "") -> ClockCheck:
    """A leader, at a counter where a clerk is signed in, confirms the real time with their own
    account and password (the window's clock warning); ``ctx`` then follows the confirmation."""
    from motcua_desktop.services.accounts.auth import start_session

    leader = AppContext(ctx.store, clock=pc_clock(ctx))
    start_session(leader, username, password)
    confirm_correct_time(leader, correct, reason)
    return apply_clock_guard(ctx)


def confirm_forward_jump(ctx: AppContext) -> ClockCheck:
    """A leader confirms that today really is the date the PC shows after a long gap."""
    ctx.require_fresh(Permission.CLOCK_OVERRIDE)
    current = clock_status(ctx)
    if current.verdict is not ClockVerdict.JUMPED:
        raise ConflictError("Không có thay đổi ngày giờ nào cần xác nhận.")
    store = ctx.store
    store.write_guard = None
    try:
        with store.transaction():
            store.settings.set(HIGH_WATER_KEY, iso(current.pc_now))
            store.events.append(
                kind=ev.CLOCK_JUMP_CONFIRMED,
                actor=ctx.actor,
                occurred_at=current.pc_now,
                payload={"previous": iso(current.reference), "now": iso(current.pc_now)},
            )
    finally:
        apply_clock_guard(ctx)
    return clock_status(ctx)


def _stored_time(ctx: AppContext, key: str) -> datetime | None:
    return _as_time(ctx.store.settings.get(key))


def _as_time(value: Any) -> datetime | None:
    return from_iso(value) if isinstance(value, str) and value else None
