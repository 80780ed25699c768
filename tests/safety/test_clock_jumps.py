"""A PC clock set far ahead, then fixed, never blocks the counter for good (issue 14 item 4).

Nothing is written while the clock is far ahead of the last activity and unconfirmed (not even the
sign-in of ``clock status``); a leader can confirm the real time even when it is earlier than what
was recorded; and moving the clock forward is no way around a block: not of the clock guard, not of
an account locked by wrong passwords. Sequences of a fake clock in-process, and the command line
under libfaketime."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.clock_guard import ClockVerdict
from motcua_desktop.services.accounts.auth import GENERIC_REFUSAL, SignInFailed, start_session
from motcua_desktop.services.core.clock_guard import (
    ClockBehind,
    ClockJumped,
    apply_clock_guard,
    clock_status,
    confirm_correct_time,
    confirm_forward_jump,
)
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.storage import open_store
from tests.factories import CLERK_PASSWORD, birth_registration, set_up_office
from tests.helpers.safety import register_many, signed_in
from tests.safety.test_time_zones import REGISTER, cli, needs_faketime


def digest(path: Path) -> dict[str, str]:
    """A digest of every table's rows: equal digests mean nothing was written."""
    conn = sqlite3.connect(path)
    try:
        found = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"'))
            found[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return found
    finally:
        conn.close()


def sign_in_like_the_command_line(store, clock) -> AppContext:  # type: ignore[no-untyped-def]
    ctx = AppContext(store, clock=clock)
    start_session(ctx, "lan.nguyen", CLERK_PASSWORD, defer_record=True)
    apply_clock_guard(ctx)
    return ctx


def test_a_clock_ahead_writes_nothing_and_once_fixed_the_counter_works(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    register_many(clerk, 1)
    real = clock.current
    clock.current = real + timedelta(days=20)
    before = digest(office_store.path)
    ahead = sign_in_like_the_command_line(office_store, clock)
    assert clock_status(ahead).verdict is ClockVerdict.JUMPED
    with pytest.raises(ClockJumped):
        register(ahead, birth_registration())
    with pytest.raises(ClockJumped):
        office_store.flush_deferred()  # what the command line does when a read command ends well
    assert digest(office_store.path) == before  # no sign-in in the future, nothing at all

    clock.current = real + timedelta(minutes=30)  # the clock is fixed
    fixed = sign_in_like_the_command_line(office_store, clock)
    assert clock_status(fixed).verdict is ClockVerdict.OK
    assert register(fixed, birth_registration()).dossier.received_at == real + timedelta(minutes=30)


def test_a_leader_confirms_the_real_time_after_a_wrong_date_was_recorded(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    leader = signed_in(office_store, clock, Role.LEADER)
    register_many(clerk, 1)
    real = clock.current
    clock.current = real + timedelta(days=20)  # someone accepts the wrong date: it gets recorded
    leader.mark_authenticated()
    confirm_forward_jump(leader)
    wrong = register(clerk, birth_registration()).dossier
    assert wrong.received_at > real + timedelta(days=19)

    clock.current = real + timedelta(hours=1)  # the PC clock is fixed: now it looks "behind"
    with pytest.raises(ClockBehind):
        register(clerk, birth_registration())
    clock.current = real + timedelta(days=21)  # moving the clock forward again is no way out …
    assert clock_status(clerk).verdict is ClockVerdict.OK  # … back to the wrong date only,
    clock.current = real + timedelta(days=60)  # and any further ahead writes nothing
    with pytest.raises(ClockJumped):
        register(clerk, birth_registration())

    clock.current = real + timedelta(hours=1)
    leader.mark_authenticated()
    confirmed = confirm_correct_time(leader, real + timedelta(hours=1), "Đồng hồ bị đặt sai 20 ngày")
    assert confirmed.verdict is ClockVerdict.OK and confirmed.override is None
    event = office_store.events.find(kind=ev.CLOCK_CONFIRMED)[0][0]
    assert event.payload["rebased_from"].startswith(wrong.received_at.date().isoformat())
    clock.advance(minutes=5)
    later = register(clerk, birth_registration()).dossier
    assert later.received_at == real + timedelta(hours=1, minutes=5)
    assert "clock_suspect" not in office_store.events.find(kind=ev.DOSSIER_REGISTERED, limit=1)[0][0].payload
    clock.current = real + timedelta(days=30)  # the re-based mark still catches a new jump
    assert clock_status(clerk).verdict is ClockVerdict.JUMPED


def test_a_locked_account_is_not_unlocked_by_moving_the_clock_forward(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    register_many(clerk, 1)
    ctx = AppContext(office_store, clock=clock)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            start_session(ctx, "lan.nguyen", "sai-mat-khau")
    with pytest.raises(SignInFailed) as locked:
        start_session(ctx, "lan.nguyen", CLERK_PASSWORD)
    with pytest.raises(SignInFailed) as unknown:
        start_session(ctx, "khong.co.ai", CLERK_PASSWORD)
    assert str(locked.value) == str(unknown.value) == GENERIC_REFUSAL  # the lock does not reveal the name

    clock.advance(days=30)  # far ahead: the lock is measured against the last believable time
    with pytest.raises(SignInFailed):
        start_session(ctx, "lan.nguyen", CLERK_PASSWORD)
    clock.advance(days=-30, minutes=16)  # 16 minutes later for real: the lock has ended
    assert start_session(ctx, "lan.nguyen", CLERK_PASSWORD).username == "lan.nguyen"

    for _ in range(5):
        with pytest.raises(SignInFailed):
            start_session(ctx, "lan.nguyen", "sai-mat-khau")
    clock.advance(minutes=16)  # past the limit every wrong password locks again, twice as long each time
    with pytest.raises(SignInFailed):
        start_session(ctx, "lan.nguyen", "sai-mat-khau")
    user = office_store.users.get("lan.nguyen")
    assert user is not None and user.locked_until == clock.current + timedelta(minutes=30)


@needs_faketime
@pytest.mark.slow
def test_command_line_under_a_clock_ahead(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    """``clock status`` 20 days ahead records nothing; a leader confirms the real time from the
    command line while the PC clock is still ahead; registration then uses the real date."""
    db = tmp_path / "data" / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    signed_in(store, clock, Role.CLERK)
    signed_in(store, clock, Role.LEADER)
    store.close()
    zone = "Asia/Ho_Chi_Minh"
    start = clock.current
    ahead = (start + timedelta(days=20)).strftime("%Y-%m-%d %H:%M:%S")
    opened = cli(db, zone, start.strftime("%Y-%m-%d %H:%M:%S"), "clock", "status", "--user", "lan.nguyen")
    assert opened.returncode == 0, opened.stderr  # what a first opening of this version records, at the right time
    before = digest(db)
    status = cli(db, zone, ahead, "clock", "status", "--user", "lan.nguyen")
    assert status.returncode == 3 and "Traceback" not in status.stderr
    assert "muộn hơn lần sử dụng gần nhất" in status.stdout
    refused = cli(db, zone, ahead, *REGISTER)
    assert refused.returncode == 2 and "lãnh đạo xác nhận" in refused.stderr
    assert digest(db) == before  # nothing recorded in the future, not even the sign-ins

    real = (start + timedelta(hours=1)).strftime("%d/%m/%Y %H:%M")
    confirmed = cli(db, zone, ahead, "clock", "confirm", real, "--user", "hoa.le", "--reason", "Đặt nhầm tháng")
    assert confirmed.returncode == 0, confirmed.stderr
    registered = cli(db, zone, ahead, *REGISTER)
    assert registered.returncode == 0, registered.stderr
    assert "-261116-" in json.loads(registered.stdout)["code"]


@pytest.mark.gui
def test_a_leader_confirms_the_real_time_in_the_window(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.safety.clock_dialog import ClockConfirmDialog

    clerk = signed_in(office_store, clock, Role.CLERK)
    signed_in(office_store, clock, Role.LEADER)
    register_many(clerk, 1)
    real = clock.current
    clock.current = real + timedelta(days=20)  # the PC clock is 20 days ahead and cannot be fixed now
    assert apply_clock_guard(clerk).verdict is ClockVerdict.JUMPED
    dialog = ClockConfirmDialog(clerk)
    qtbot.addWidget(dialog)
    dialog.username.setText("lan.nguyen")  # the clerk may not
    dialog.password.setText(CLERK_PASSWORD)
    dialog.when.setText(f"{real + timedelta(minutes=10):%d/%m/%Y %H:%M}")
    dialog.accept()
    assert "không có quyền" in dialog.message.text() and dialog.result_check is None
    dialog.username.setText("hoa.le")
    dialog.password.setText(CLERK_PASSWORD)
    dialog.accept()
    assert dialog.result_check is not None and dialog.result_check.verdict is ClockVerdict.CORRECTED
    done = register(clerk, birth_registration()).dossier  # the clerk works on, at the real date
    assert done.received_at.date() == real.date()
