"""Managing staff accounts (administrators, with the password typed again); every change audited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.errors import ConflictError, ValidationError
from motcua_desktop.services.accounts.auth import create_user, get_user, hash_password
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.storage.users_table import UserRow

# One-time passwords: no letters that are easily confused when read aloud or from paper (0/o, 1/l/i).
_OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def add_user(ctx: AppContext, *, username: str, full_name: str, role: Role, password: str) -> UserRow:
    """A new account with an initial password the person must change at first sign-in."""
    ctx.require_fresh(Permission.USERS)
    with ctx.store.transaction():
        row = create_user(
            ctx.store,
            ctx.clock,
            username=username,
            full_name=full_name,
            role=role,
            password=password,
            must_change_password=True,
        )
        _record(ctx, ev.USER_ADDED, row.username, {"role": row.role, "full_name": row.full_name})
    return row


def list_users(ctx: AppContext) -> list[UserRow]:
    ctx.require(Permission.USERS)
    return ctx.store.users.all()


def lock_user(ctx: AppContext, username: str, reason: str) -> UserRow:
    """Disables an account (staff member left, password leaked) until an administrator unlocks it."""
    ctx.require_fresh(Permission.USERS)
    reason_text = fields.clean_field(reason, "Lý do khóa", limit=fields.REASON)
    if not reason_text:
        raise ValidationError("Lý do khóa", "chưa nhập.", "Ví dụ: nghỉ việc, lộ mật khẩu.")
    with ctx.store.transaction():
        user = get_user(ctx.store, username)
        _not_yourself(ctx, user, "khóa")
        if Role(user.role) is Role.ADMIN and _active_admins(ctx) == {user.username}:
            raise ConflictError(
                f"«{user.username}» là quản trị viên duy nhất còn hoạt động; tạo quản trị viên khác trước khi khóa."
            )
        ctx.store.users.update(user.username, disabled=True)
        _record(ctx, ev.USER_LOCKED, user.username, {"reason": reason_text})
    return get_user(ctx.store, user.username)


def unlock_user(ctx: AppContext, username: str) -> UserRow:
    """Re-enables an account and clears a lockout after wrong passwords."""
    ctx.require_fresh(Permission.USERS)
    with ctx.store.transaction():
        user = get_user(ctx.store, username)
        ctx.store.users.update(user.username, disabled=False, failed_attempts=0, locked_until=None)
        _record(ctx, ev.USER_UNLOCKED, user.username, {"was_disabled": user.disabled})
    return get_user(ctx.store, user.username)


@dataclass(frozen=True)
class PasswordReset:
    username: str
    one_time_password: str  # shown once to the administrator; the user must change it at sign-in


def reset_password(ctx: AppContext, username: str) -> PasswordReset:
    """Sets a one-time password for someone who forgot theirs; clears a lockout after wrong
    passwords (a disabled account stays disabled). The password is never stored or logged."""
    ctx.require_fresh(Permission.USERS)
    with ctx.store.transaction():
        user = get_user(ctx.store, username)
        _not_yourself(ctx, user, "đặt lại mật khẩu cho")
        password = new_one_time_password()
        ctx.store.users.update(
            user.username,
            password_hash=hash_password(password),
            must_change_password=True,
            failed_attempts=0,
            locked_until=None,
        )
        _record(ctx, ev.USER_PASSWORD_RESET, user.username, {})
    return PasswordReset(user.username, password)


def new_one_time_password() -> str:
    """Three groups of four easily read characters, e.g. ``k7mq-4tzp-9xhe`` (≈ 59 bits)."""
    return "-".join("".join(secrets.choice(_OTP_ALPHABET) for _ in range(4)) for _ in range(3))


def _not_yourself(ctx: AppContext, user: UserRow, action: str) -> None:
    if ctx.session is not None and ctx.session.username == user.username:
        raise ConflictError(
            f"Không thể tự {action} tài khoản của chính mình; hãy nhờ quản trị viên khác, "
            "hoặc dùng «đổi mật khẩu» nếu chỉ cần mật khẩu mới."
        )


def _active_admins(ctx: AppContext) -> set[str]:
    return {u.username for u in ctx.store.users.all() if Role(u.role) is Role.ADMIN and not u.disabled}


def _record(ctx: AppContext, kind: str, username: str, details: dict[str, object]) -> None:
    ctx.store.events.append(
        kind=kind, actor=ctx.actor, occurred_at=ctx.clock.now(), payload={"username": username, **details}
    )


def set_role(ctx: AppContext, username: str, role: Role) -> UserRow:
    """Changes an account's role; the last administrator cannot be demoted (nobody could manage the PC)."""
    ctx.require_fresh(Permission.USERS)
    with ctx.store.transaction():
        user = get_user(ctx.store, username)
        if user.role == role.value:
            return user
        if Role(user.role) is Role.ADMIN and _active_admins(ctx) <= {user.username}:
            raise ConflictError(
                f"«{user.username}» là quản trị viên duy nhất; hãy cấp quyền quản trị cho tài khoản khác trước."
            )
        ctx.store.users.update(user.username, role=role.value)
        _record(ctx, ev.SETTINGS_CHANGED, user.username, {"key": "user.role", "before": user.role, "after": role.value})
    return get_user(ctx.store, username)


def staff_names(ctx: AppContext) -> list[tuple[str, str]]:
    """(user name, full name) of every account, for the "received by" filter of dossier lists."""
    ctx.require(Permission.SEARCH)
    return [(u.username, u.full_name) for u in ctx.store.users.all()]
