"""The clock guard: registration refuses a PC clock that is behind what the app has seen.

The high-water mark is the latest time this PC wrote on an event, or remembered at start-up
(setting ``clock.high_water``); the floor is the build date of this version. While the clock
is behind, a leader may confirm the correct time: the app then uses the PC clock corrected by
the difference, every event written meanwhile carries ``clock_suspect`` in its payload, and the
confirmation ends by itself once the PC clock is fixed. A jump of more than two weeks forward
is shown to the clerk (a warning on each registration) until confirmed. See ``domain.clock_guard`` for the rules and ``docs/security.md``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from motcua_desktop import BUILD_DATE
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.clock_guard import TOLERANCE, ClockCheck, ClockOverride, ClockVerdict, check_clock
from motcua_desktop.domain.errors import ConflictError, KnownError, ValidationError
from motcua_desktop.domain.serde import load, to_plain
from motcua_desktop.domain.vntime import VN_TZ, fmt_datetime, from_iso, iso
from motcua_desktop.services.core.context import AppContext, Clock
from motcua_desktop.storage.errors import ReadOnlyDatabase

HIGH_WATER_KEY = "clock.high_water"
OVERRIDE_KEY = "clock.override"
JUMP_KEY = "clock.jumped_from"  # last time seen before a jump forward nobody has confirmed yet
SUSPECT_MARK = "clock_suspect"


class ClockBehind(KnownError):
    pass


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
    return _high_water(ctx, _stored_time(ctx, HIGH_WATER_KEY))


def _high_water(ctx: AppContext, remembered: datetime | None) -> datetime | None:
    seen = [t for t in (ctx.store.events.latest_local_time(), remembered) if t is not None]
    return max(seen) if seen else None


_GUARD_KEYS = (OVERRIDE_KEY, HIGH_WATER_KEY, JUMP_KEY)


def clock_status(ctx: AppContext) -> ClockCheck:
    """The verdict on the PC clock now (reads only)."""
    return _status(ctx, ctx.store.settings.get_many(_GUARD_KEYS))


def _status(ctx: AppContext, stored: dict[str, Any]) -> ClockCheck:
    """The verdict from the guard's settings as read (``_GUARD_KEYS``, one query: this runs before
    every registration)."""
    override = load(ClockOverride, stored[OVERRIDE_KEY]) if stored.get(OVERRIDE_KEY) else None
    return check_clock(
        pc_clock(ctx).now(),
        high_water=_high_water(ctx, _as_time(stored.get(HIGH_WATER_KEY))),
        floor=build_floor(),
        override=override,
        jumped_from=_as_time(stored.get(JUMP_KEY)),
    )


def apply_clock_guard(ctx: AppContext, *, remember: bool = False) -> ClockCheck:
    """Checks the clock and makes ``ctx`` act on it: the corrected time while a leader's
    confirmation is in force, ``clock_suspect`` on events while the time is doubtful. Call at
    sign-in and start-up (``remember`` stores the time as seen), and before registering."""
    stored = ctx.store.settings.get_many(_GUARD_KEYS)
    result = _status(ctx, stored)
    base = pc_clock(ctx)
    writable = not ctx.store.readonly
    if result.override_ended and writable:
        with ctx.store.transaction():
            ctx.store.settings.set(OVERRIDE_KEY, None)
            ctx.store.events.append(
                kind=ev.CLOCK_FIXED, actor=ctx.actor, occurred_at=result.now, payload={"pc_time": iso(result.pc_now)}
            )
    pending = _as_time(stored.get(JUMP_KEY))  # (the transaction above does not touch it)
    if writable and result.needs_confirmation and pending is None:
        with ctx.store.transaction():  # remembered before anything is written at the new date
            ctx.store.settings.set(JUMP_KEY, iso(result.reference))
    elif writable and pending is not None and not result.needs_confirmation:
        with ctx.store.transaction():  # the clock was set back: the question no longer applies
            ctx.store.settings.set(JUMP_KEY, None)
    ctx.clock = CorrectedClock(base, result.override.offset) if result.override is not None else base
    if result.suspect:
        ctx.store.events.payload_marks[SUSPECT_MARK] = True
    else:
        ctx.store.events.payload_marks.pop(SUSPECT_MARK, None)
    if remember and writable and result.verdict is ClockVerdict.OK:
        remembered = _as_time(stored.get(HIGH_WATER_KEY))
        if remembered is None or result.now > remembered:
            with ctx.store.transaction():
                ctx.store.settings.set(HIGH_WATER_KEY, iso(result.now))
    return result


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
    return result


def confirm_correct_time(ctx: AppContext, correct: datetime, reason: str = "") -> ClockCheck:
    """A leader confirms the real date and time while the PC clock is behind (audited)."""
    session = ctx.require_fresh(Permission.CLOCK_OVERRIDE)
    current = clock_status(ctx)
    if current.verdict not in (ClockVerdict.BEHIND, ClockVerdict.CORRECTED):
        raise ConflictError("Đồng hồ máy tính không bị lùi; không cần xác nhận giờ.")
    if correct < current.reference - TOLERANCE:
        raise ValidationError(
            "Ngày giờ đúng",
            f"{fmt_datetime(correct)} sớm hơn thời điểm chương trình đã ghi nhận ({fmt_datetime(current.reference)}).",
            "Nhập ngày giờ hiện tại theo đồng hồ hoặc điện thoại.",
        )
    override = ClockOverride(pc_time=current.pc_now, confirmed_time=correct, by=session.username)
    with ctx.store.transaction():
        ctx.store.settings.set(OVERRIDE_KEY, to_plain(override, compact=False))
        ctx.store.events.append(
            kind=ev.CLOCK_CONFIRMED,
            actor=ctx.actor,
            occurred_at=correct,
            payload={
                "pc_time": iso(current.pc_now),
                "confirmed_time": iso(correct),
                "offset_seconds": int(override.offset.total_seconds()),
                "reason": reason.strip(),
                SUSPECT_MARK: True,
            },
        )
    return apply_clock_guard(ctx)


def confirm_forward_jump(ctx: AppContext) -> ClockCheck:
    """The clerk confirms that today really is the date the PC shows after a long gap."""
    ctx.require(Permission.REGISTER)
    current = clock_status(ctx)
    if current.verdict is not ClockVerdict.JUMPED:
        raise ConflictError("Không có thay đổi ngày giờ nào cần xác nhận.")
    with ctx.store.transaction():
        ctx.store.settings.set(JUMP_KEY, None)
        ctx.store.events.append(
            kind=ev.CLOCK_JUMP_CONFIRMED,
            actor=ctx.actor,
            occurred_at=current.pc_now,
            payload={"previous": iso(current.reference), "now": iso(current.pc_now)},
        )
    return apply_clock_guard(ctx, remember=True)


def _stored_time(ctx: AppContext, key: str) -> datetime | None:
    return _as_time(ctx.store.settings.get(key))


def _as_time(value: Any) -> datetime | None:
    return from_iso(value) if isinstance(value, str) and value else None
