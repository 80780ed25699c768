"""Registration and the PC clock: set back, corrected by a leader, fixed; jumped forward."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.clock_guard import ClockVerdict
from motcua_desktop.domain.errors import ConflictError, ValidationError
from motcua_desktop.domain.vntime import business_day, vn_datetime
from motcua_desktop.services.core.clock_guard import (
    ClockBehind,
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
    with pytest.raises(ValidationError, match="sớm hơn"):
        confirm_correct_time(leader, vn_datetime(2026, 11, 1, 8))
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
    assert office_store.events.find(kind=ev.CLOCK_FIXED)
    clock.advance(minutes=1)
    after = register(clerk, birth_registration())
    assert after.dossier.received_at == vn_datetime(2026, 11, 16, 10, 31)
    last = office_store.events.find(kind=ev.DOSSIER_REGISTERED)[0][0]
    assert "clock_suspect" not in last.payload


def test_a_jump_forward_is_confirmed_by_the_clerk(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    register_many(clerk, 1)
    clock.advance(days=10)  # a long holiday is fine
    register_many(clerk, 1)
    assert not any("Đồng hồ" in w for w in register(clerk, birth_registration()).warnings)
    clock.current = clock.current.replace(year=2027)  # a wrong year typed, or a year without the program?
    assert clock_status(clerk).verdict is ClockVerdict.JUMPED
    result = register(clerk, birth_registration())  # not refused, but the question is on every receipt
    assert any("muộn hơn lần sử dụng gần nhất" in w and "xác nhận" in w for w in result.warnings)
    confirm_forward_jump(clerk)
    confirmed = office_store.events.find(kind=ev.CLOCK_JUMP_CONFIRMED)[0][0]
    assert confirmed.actor == "lan.nguyen" and confirmed.payload["now"].startswith("2027-")
    assert not any("Đồng hồ" in w for w in register(clerk, birth_registration()).warnings)
    with pytest.raises(ConflictError):
        confirm_forward_jump(clerk)


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
