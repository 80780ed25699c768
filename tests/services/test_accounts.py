"""Account administration, audited sign-in, lockout across restarts, re-entry of the password."""

from __future__ import annotations

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import ConflictError, ValidationError
from motcua_desktop.services.accounts.auth import (
    MAX_FAILED_ATTEMPTS,
    SignInFailed,
    idle_lock_minutes,
    reauthenticate,
    set_idle_lock_minutes,
    sign_in,
    start_session,
)
from motcua_desktop.services.accounts.users import add_user, list_users, lock_user, reset_password, unlock_user
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD, CLERK_PASSWORD
from tests.helpers.safety import signed_in


def kinds(store, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [e.payload | {"actor": e.actor} for e, _ in store.events.find(kind=kind, limit=100)]


def test_add_lock_unlock_reset(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    add_user(admin, username="hoa.le", full_name="lê thị hoa", role=Role.LEADER, password="ban-dau-123")
    assert {u.username for u in list_users(admin)} == {"admin", "hoa.le"}
    assert sign_in(office_store, clock, "hoa.le", "ban-dau-123").must_change_password

    lock_user(admin, "hoa.le", "Nghỉ phép dài ngày")
    with pytest.raises(SignInFailed, match="đã bị khóa"):
        sign_in(office_store, clock, "hoa.le", "ban-dau-123")
    unlock_user(admin, "hoa.le")
    assert sign_in(office_store, clock, "hoa.le", "ban-dau-123").username == "hoa.le"

    reset = reset_password(admin, "hoa.le")
    assert len(reset.one_time_password) == 14 and reset.one_time_password.count("-") == 2
    with pytest.raises(SignInFailed):
        sign_in(office_store, clock, "hoa.le", "ban-dau-123")
    session = sign_in(office_store, clock, "hoa.le", reset.one_time_password)
    assert session.must_change_password  # a one-time password must be changed at once

    audited = [(e.kind, e.actor, e.payload.get("username")) for e, _ in office_store.events.find(kind="user.")]
    assert audited[::-1] == [
        (ev.USER_ADDED, "admin", "hoa.le"),
        (ev.USER_LOCKED, "admin", "hoa.le"),
        (ev.USER_UNLOCKED, "admin", "hoa.le"),
        (ev.USER_PASSWORD_RESET, "admin", "hoa.le"),
    ]
    text = str([e.payload for e, _ in office_store.events.find(limit=1000)])
    assert reset.one_time_password not in text and "ban-dau-123" not in text  # passwords are never recorded


def test_admin_cannot_lock_or_reset_themselves_nor_the_last_admin(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    with pytest.raises(ConflictError, match="chính mình"):
        lock_user(admin, "admin", "thử")
    with pytest.raises(ConflictError, match="chính mình"):
        reset_password(admin, "admin")
    add_user(admin, username="qt.hai", full_name="Quản Trị Hai", role=Role.ADMIN, password="ban-dau-123")
    second = signed_in(office_store, clock, Role.ADMIN, "qt.hai")
    lock_user(admin, "qt.hai", "Chuyển công tác")
    with pytest.raises(ConflictError, match="duy nhất"):
        lock_user(second, "admin", "thử")
    with pytest.raises(ValidationError, match="Lý do khóa"):
        lock_user(admin, "qt.hai", "  ")


def test_failures_and_lockouts_are_audited_and_survive_a_restart(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    signed_in(office_store, clock, Role.CLERK)
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInFailed, match="không đúng"):
            sign_in(office_store, clock, "lan.nguyen", "doan-mo")
    failed = kinds(office_store, ev.SIGN_IN_FAILED)
    assert [f["attempt"] for f in failed[::-1]] == list(range(1, MAX_FAILED_ATTEMPTS))
    assert kinds(office_store, ev.LOCKED_OUT)[0]["actor"] == "lan.nguyen"
    with pytest.raises(SignInFailed):  # unknown names are refused the same way but never recorded
        sign_in(office_store, clock, "mat-khau-go-nham", "x")
    assert all(e.actor != "mat-khau-go-nham" for e, _ in office_store.events.find(limit=1000))

    path = office_store.path
    office_store.close()
    reopened = open_store(path)
    with pytest.raises(SignInFailed, match="tạm khóa"):
        sign_in(reopened, clock, "lan.nguyen", CLERK_PASSWORD)
    admin = signed_in(reopened, clock, Role.ADMIN)
    unlock_user(admin, "lan.nguyen")  # an administrator may lift the lockout early
    assert sign_in(reopened, clock, "lan.nguyen", CLERK_PASSWORD).username == "lan.nguyen"
    assert kinds(reopened, ev.SIGNED_IN)[0]["actor"] == "lan.nguyen"
    reopened.close()


def test_wrong_reentry_counts_towards_the_lockout(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(office_store, clock=clock)
    start_session(ctx, "admin", ADMIN_PASSWORD)
    assert ctx.recently_authenticated
    ctx.forget_authentication()
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInFailed):
            reauthenticate(ctx, "sai")
    assert not ctx.recently_authenticated
    with pytest.raises(SignInFailed, match="tạm khóa"):
        reauthenticate(ctx, ADMIN_PASSWORD)


def test_sign_in_works_read_only_without_recording(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    path = office_store.path
    office_store.close()
    readonly = open_store(path, readonly=True)
    events = readonly.events.count()
    assert sign_in(readonly, clock, "admin", ADMIN_PASSWORD).role is Role.ADMIN
    with pytest.raises(SignInFailed):
        sign_in(readonly, clock, "admin", "sai")
    assert readonly.events.count() == events
    readonly.close()


def test_idle_lock_minutes_setting(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    assert idle_lock_minutes(admin) == 5
    set_idle_lock_minutes(admin, 3)
    assert idle_lock_minutes(admin) == 3
    with pytest.raises(ValidationError, match="từ 1 đến 30"):
        set_idle_lock_minutes(admin, 0)
