"""The clock guard's verdicts (pure)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua_desktop.domain.clock_guard import JUMP_LIMIT, TOLERANCE, ClockOverride, ClockVerdict, check_clock
from motcua_desktop.domain.vntime import vn_datetime

FLOOR = vn_datetime(2026, 11, 1)
SEEN = vn_datetime(2026, 11, 16, 9, 0)


@pytest.mark.parametrize(
    ("now", "verdict"),
    [
        (SEEN, ClockVerdict.OK),
        (SEEN - TOLERANCE, ClockVerdict.OK),  # a few minutes of drift are not "behind"
        (SEEN - TOLERANCE - timedelta(seconds=1), ClockVerdict.BEHIND),
        (vn_datetime(2000, 1, 1), ClockVerdict.BEHIND),  # dead CMOS battery
        (SEEN + JUMP_LIMIT, ClockVerdict.OK),  # back after Tết
        (SEEN + JUMP_LIMIT + timedelta(minutes=1), ClockVerdict.JUMPED),
        (vn_datetime(2027, 11, 16, 9), ClockVerdict.JUMPED),  # wrong year typed
    ],
)
def test_verdicts(now, verdict) -> None:  # type: ignore[no-untyped-def]
    result = check_clock(now, high_water=SEEN, floor=FLOOR)
    assert result.verdict is verdict
    assert result.blocks_registration == (verdict is ClockVerdict.BEHIND)
    assert result.needs_confirmation == (verdict is ClockVerdict.JUMPED)


def test_build_date_is_a_floor_even_on_a_new_database() -> None:
    assert check_clock(vn_datetime(2000, 1, 1), high_water=None, floor=FLOOR).verdict is ClockVerdict.BEHIND
    assert check_clock(vn_datetime(2026, 11, 2), high_water=None, floor=FLOOR).verdict is ClockVerdict.OK


def test_messages_name_both_times_in_vietnamese() -> None:
    behind = check_clock(vn_datetime(2000, 1, 1, 7, 5), high_water=SEEN, floor=FLOOR)
    assert "01/01/2000" in behind.message() and "16/11/2026" in behind.message()
    assert "lãnh đạo" in behind.message()
    jumped = check_clock(vn_datetime(2027, 1, 1, 8), high_water=SEEN, floor=FLOOR)
    assert "46 ngày" in jumped.message() and "xác nhận" in jumped.message()


def test_a_leaders_confirmation_corrects_the_time_until_the_clock_is_fixed() -> None:
    pc = vn_datetime(2000, 1, 1, 7, 0)
    override = ClockOverride(pc_time=pc, confirmed_time=vn_datetime(2026, 11, 16, 9, 30), by="hoa.le")
    later = check_clock(pc + timedelta(minutes=10), high_water=SEEN, floor=FLOOR, override=override)
    assert later.verdict is ClockVerdict.CORRECTED and later.suspect and not later.blocks_registration
    assert later.now == vn_datetime(2026, 11, 16, 9, 40)
    fixed = check_clock(vn_datetime(2026, 11, 16, 10), high_water=later.now, floor=FLOOR, override=override)
    assert fixed.verdict is ClockVerdict.OK and fixed.override_ended and fixed.now == vn_datetime(2026, 11, 16, 10)
    set_back_further = check_clock(vn_datetime(1990, 1, 1), high_water=later.now, floor=FLOOR, override=override)
    assert set_back_further.verdict is ClockVerdict.BEHIND and set_back_further.override_ended


def test_a_jump_is_measured_from_the_last_time_seen_and_blocks_writing() -> None:
    jumped = check_clock(vn_datetime(2027, 11, 16, 9, 5), high_water=SEEN, floor=FLOOR)
    assert jumped.verdict is ClockVerdict.JUMPED and jumped.reference == SEEN
    assert jumped.blocks_writing and not jumped.blocks_registration


def test_a_clock_ahead_corrected_by_a_leader_until_it_is_set_back() -> None:
    """The PC shows 20 days ahead and cannot be fixed now: the leader confirms the real time."""
    pc = SEEN + timedelta(days=20)
    override = ClockOverride(pc_time=pc, confirmed_time=SEEN + timedelta(minutes=10), by="hoa.le")
    later = check_clock(
        pc + timedelta(hours=1), high_water=SEEN + timedelta(minutes=10), floor=FLOOR, override=override
    )
    assert later.verdict is ClockVerdict.CORRECTED and later.now == SEEN + timedelta(minutes=70)
    assert not later.blocks_writing and later.suspect
    fixed = check_clock(SEEN + timedelta(hours=2), high_water=later.now, floor=FLOOR, override=override)
    assert fixed.verdict is ClockVerdict.OK and fixed.override_ended
