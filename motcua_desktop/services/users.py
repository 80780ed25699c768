"""Managing staff accounts (administrators only)."""

from __future__ import annotations

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.errors import ConflictError
from motcua_desktop.services.auth import create_user, get_user
from motcua_desktop.services.context import AppContext
from motcua_desktop.storage.users_table import UserRow


def add_user(ctx: AppContext, *, username: str, full_name: str, role: Role, password: str) -> UserRow:
    """A new account with an initial password the person must change at first sign-in."""
    ctx.require(Permission.USERS)
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
        ctx.store.events.append(
            kind=ev.SETTINGS_CHANGED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"key": "user.added", "username": row.username, "role": row.role},
        )
    return row


def list_users(ctx: AppContext) -> list[UserRow]:
    ctx.require(Permission.USERS)
    return ctx.store.users.all()


def set_role(ctx: AppContext, username: str, role: Role) -> UserRow:
    """Changes an account's role; the last administrator cannot be demoted (nobody could manage the PC)."""
    ctx.require(Permission.USERS)
    with ctx.store.transaction():
        user = get_user(ctx.store, username)
        if user.role == role.value:
            return user
        admins = [u for u in ctx.store.users.all() if u.role == Role.ADMIN.value and not u.disabled]
        if user.role == Role.ADMIN.value and len(admins) <= 1:
            raise ConflictError(
                f"«{user.username}» là quản trị viên duy nhất; hãy cấp quyền quản trị cho tài khoản khác trước."
            )
        ctx.store.users.update(user.username, role=role.value)
        ctx.store.events.append(
            kind=ev.SETTINGS_CHANGED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"key": "user.role", "username": user.username, "before": user.role, "after": role.value},
        )
    return get_user(ctx.store, username)


def staff_names(ctx: AppContext) -> list[tuple[str, str]]:
    """(user name, full name) of every account, for the "received by" filter of dossier lists."""
    ctx.require(Permission.SEARCH)
    return [(u.username, u.full_name) for u in ctx.store.users.all()]
