"""Registration and the PC clock: set back, corrected by a leader, fixed; jumped forward."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.clock_guard import ClockVerdict
from motcua_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from motcua_desktop.domain.vntime import business_day, vn_datetime
from motcua_desktop.services.core.clock_guard import (
    ClockBehind,
    ClockJumped,
    apply_clock_guard,
    clock_status,
    confirm_correct_time,
    confirm_forward_jump,
)
from motcua_desktop.services.dossiers.lookup import open_dossier
from motcua_desktop.services.dossiers.registration import register
from tests.factories import birth_registration
from tests.helpers.safety import register_many, signed_in


def test_clock_set_back_blocks_registration_until_a_leader_confirms(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    done = register_many(clerk, 2)
    count = office_store.dossiers.count()
    clock.current = vn_datetime(2000, 1, 1, 7, 3)  # dead CMOS battery
    with pytest.raises(ClockBehind, match="01/01/2000") as refused:
        register(clerk, birth_registration())
    assert "lãnh đạo" in refused.value.message
    assert office_store.dossiers.count() == count  # nothing written

    # Viewing still works, flagged: the recorded time is doubtful.
    open_dossier(clerk, done[0].code)
    viewed = office_store.events.find(kind=ev.DOSSIER_VIEWED)[0][0]
    assert viewed.payload["clock_suspect"] is True

    leader = signed_in(office_store, clock, Role.LEADER)
    with pytest.raises(ValidationError, match="phát hành"):
        confirm_correct_time(leader, vn_datetime(2026, 10, 31, 8))  # before this version existed
    confirmed = confirm_correct_time(leader, vn_datetime(2026, 11, 16, 10, 0), "Hết pin đồng hồ")
    assert confirmed.verdict is ClockVerdict.CORRECTED
    event = office_store.events.find(kind=ev.CLOCK_CONFIRMED)[0][0]
    assert (event.actor, event.payload["offset_seconds"] > 0, event.payload["clock_suspect"]) == ("hoa.le", True, True)

    clock.advance(minutes=5)
    result = register(clerk, birth_registration())  # the clerk's context picks the confirmation up
    assert result.dossier.received_at == vn_datetime(2026, 11, 16, 10, 5)
    assert business_day(result.dossier.received_at).year == 2026 and "-261116-" in str(result.dossier.code)
    registered = office_store.events.find(kind=ev.DOSSIER_REGISTERED)[0][0]
    assert registered.payload["clock_suspect"] is True

    clock.current = vn_datetime(2026, 11, 16, 10, 30)  # somebody fixed the PC clock
    fixed = apply_clock_guard(clerk)
    assert fixed.verdict is ClockVerdict.OK and fixed.override_ended
    assert not office_store.events.find(kind=ev.CLOCK_FIXED)  # recorded with the next write, not alone
    clock.advance(minutes=1)
    after = register(clerk, birth_registration())
    assert [e.kind for e, _ in office_store.events.find(limit=2)] == [ev.DOSSIER_REGISTERED, ev.CLOCK_FIXED]
    assert after.dossier.received_at == vn_datetime(2026, 11, 16, 10, 31)
    last = office_store.events.find(kind=ev.DOSSIER_REGISTERED)[0][0]
    assert "clock_suspect" not in last.payload


def test_a_jump_forward_writes_nothing_until_a_leader_confirms(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    leader = signed_in(office_store, clock, Role.LEADER)
    register_many(clerk, 1)
    clock.advance(days=10)  # a long holiday is fine
    register_many(clerk, 1)
    assert not any("Đồng hồ" in w for w in register(clerk, birth_registration()).warnings)
    clock.current = clock.current.replace(year=2027)  # a wrong year typed, or a year without the program?
    assert clock_status(clerk).verdict is ClockVerdict.JUMPED
    before = office_store.events.count()
    with pytest.raises(ClockJumped, match="lãnh đạo xác nhận"):
        register(clerk, birth_registration())
    assert office_store.events.count() == before and office_store.dossiers.count() == 3
    with pytest.raises(PermissionDenied):
        confirm_forward_jump(clerk)  # the clerk cannot wave the question away (the refusal is recorded)
    assert clock_status(clerk).reference < clock.current - timedelta(days=300)  # it moved no high-water mark
    leader.mark_authenticated()
    confirm_forward_jump(leader)
    confirmed = office_store.events.find(kind=ev.CLOCK_JUMP_CONFIRMED)[0][0]
    assert confirmed.actor == "hoa.le" and confirmed.payload["now"].startswith("2027-")
    assert register(clerk, birth_registration()).dossier.code
    with pytest.raises(ConflictError):
        confirm_forward_jump(leader)


def test_a_few_minutes_back_are_tolerated(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    register_many(clerk, 1)
    clock.current -= timedelta(minutes=4)
    assert register(clerk, birth_registration()).dossier.code


def test_the_time_seen_at_start_up_is_remembered(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    """Opening the program on a day without registrations still raises the high-water mark."""
    ctx = signed_in(office_store, clock, Role.CLERK)
    clock.advance(days=3)
    apply_clock_guard(ctx, remember=True)
    clock.advance(days=-1)
    assert clock_status(ctx).verdict is ClockVerdict.BEHIND
