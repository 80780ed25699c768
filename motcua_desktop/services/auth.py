"""Staff accounts: Argon2id password hashes, sign-in with a lockout that survives restarts."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from motcua_desktop.domain.accounts import Role, check_new_password, normalise_username
from motcua_desktop.domain.errors import ConflictError, KnownError, NotFound, ValidationError
from motcua_desktop.domain.text import clean_text
from motcua_desktop.services.context import AppContext, Clock, Session
from motcua_desktop.storage import Store
from motcua_desktop.storage.users_table import UserRow

# argon2-cffi defaults: Argon2id, 64 MiB, t=3, p=4 — above OWASP's minimum (19 MiB, t=2, p=1).
PASSWORD_HASHER = PasswordHasher()
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)


class SignInFailed(KnownError):
    pass


def hash_password(password: str) -> str:
    return PASSWORD_HASHER.hash(password)


def create_user(
    store: Store,
    clock: Clock,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    must_change_password: bool = True,
) -> UserRow:
    """Adds an account (caller checks permission and runs the transaction)."""
    name = normalise_username(username)
    display = clean_text(full_name)
    if not display:
        raise ValidationError("Họ và tên", "chưa nhập.")
    check_new_password(password, name)
    if store.users.get(name) is not None:
        raise ConflictError(f"Tên đăng nhập «{name}» đã có.")
    row = UserRow(name, display, role.value, hash_password(password), must_change_password, 0, None, False, clock.now())
    store.users.add(row)
    return row


def sign_in(store: Store, clock: Clock, username: str, password: str) -> Session:
    """A session for valid credentials; the same generic message for a wrong name or password."""
    generic = SignInFailed("Tên đăng nhập hoặc mật khẩu không đúng.")
    try:
        name = normalise_username(username)
    except ValidationError:
        raise generic from None
    now = clock.now()
    with store.transaction():
        user = store.users.get(name)
        if user is None:
            PASSWORD_HASHER.hash(password)  # same work as a real check, so timing does not reveal names
            raise generic
        if user.disabled:
            raise SignInFailed(f"Tài khoản «{name}» đã bị khóa. Liên hệ quản trị viên.")
        if user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise SignInFailed(f"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau {minutes} phút.")
        try:
            PASSWORD_HASHER.verify(user.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            failures = user.failed_attempts + 1
            if failures >= MAX_FAILED_ATTEMPTS:
                store.users.update(name, failed_attempts=0, locked_until=now + LOCKOUT)
            else:
                store.users.update(name, failed_attempts=failures)
            error = generic
        else:
            error = None
            updates: dict[str, object] = {"failed_attempts": 0, "locked_until": None}
            if PASSWORD_HASHER.check_needs_rehash(user.password_hash):
                updates["password_hash"] = hash_password(password)
            store.users.update(name, **updates)
    if error is not None:
        raise error
    return Session(user.username, user.full_name, Role(user.role), user.must_change_password)


def change_password(ctx: AppContext, old_password: str, new_password: str) -> Session:
    """The signed-in user changes their own password (also the forced first change)."""
    if ctx.session is None:
        raise SignInFailed("Cần đăng nhập.")
    name = ctx.session.username
    sign_in(ctx.store, ctx.clock, name, old_password)
    check_new_password(new_password, name)
    if new_password == old_password:
        raise ValidationError("Mật khẩu mới", "phải khác mật khẩu cũ.")
    with ctx.store.transaction():
        ctx.store.users.update(name, password_hash=hash_password(new_password), must_change_password=False)
    ctx.session = Session(name, ctx.session.full_name, ctx.session.role, False)
    return ctx.session


def get_user(store: Store, username: str) -> UserRow:
    user = store.users.get(normalise_username(username))
    if user is None:
        raise NotFound(f"Không có tài khoản «{username}».")
    return user
