from __future__ import annotations

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import PermissionDenied, ValidationError
from motcua_desktop.services.accounts.auth import (
    MAX_FAILED_ATTEMPTS,
    SignInFailed,
    change_password,
    create_user,
    sign_in,
)
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD


def test_sign_in_and_generic_failure(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    session = sign_in(office_store, clock, "ADMIN ", ADMIN_PASSWORD)
    assert session.role is Role.ADMIN
    for name, password in (("admin", "sai-mat-khau"), ("khong.co", ADMIN_PASSWORD)):
        with pytest.raises(SignInFailed, match="Tên đăng nhập hoặc mật khẩu không đúng"):
            sign_in(office_store, clock, name, password)


def test_lockout_survives_a_restart(office_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInFailed):
            sign_in(office_store, clock, "admin", "sai")
    path = office_store.path
    office_store.close()
    reopened = open_store(path)
    with pytest.raises(SignInFailed, match="tạm khóa"):
        sign_in(reopened, clock, "admin", ADMIN_PASSWORD)
    clock.advance(minutes=16)
    assert sign_in(reopened, clock, "admin", ADMIN_PASSWORD).username == "admin"
    reopened.close()


def test_initial_password_must_be_changed(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    with office_store.transaction():
        create_user(
            office_store, clock, username="hoa.le", full_name="Lê Thị Hoa", role=Role.CLERK, password="ban-dau-123"
        )
    session = sign_in(office_store, clock, "hoa.le", "ban-dau-123")
    ctx = AppContext(office_store, clock=clock, session=session)
    with pytest.raises(PermissionDenied, match="đổi mật khẩu"):
        ctx.require(next(iter(__import__("motcua_desktop.domain.accounts", fromlist=["Permission"]).Permission)))
    with pytest.raises(ValidationError):
        change_password(ctx, "ban-dau-123", "ngan")
    change_password(ctx, "ban-dau-123", "mat-khau-moi-dai")
    assert not sign_in(office_store, clock, "hoa.le", "mat-khau-moi-dai").must_change_password
