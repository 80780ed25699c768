"""Staff accounts: Argon2id password hashes, sign-in with a lockout that survives restarts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import (
    Permission,
    Role,
    check_new_password,
    normalise_password,
    normalise_username,
    password_forms,
)
from motcua_desktop.domain.errors import ConflictError, KnownError, NotFound, ValidationError
from motcua_desktop.domain.vntime import iso
from motcua_desktop.services.core.context import AppContext, Clock, Session
from motcua_desktop.storage import Store
from motcua_desktop.storage.users_table import UserRow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

# Argon2id with one of OWASP's recommended profiles (46 MiB, t=1, p=1): about 55 ms per check here,
# against 130 ms for argon2-cffi's defaults (64 MiB, t=3, p=4) at every sign-in and unlock; older hashes
# are upgraded at the next sign-in (``check_needs_rehash``). ``PASSWORD_HASHER`` (argon2-cffi) is made
# on first use: the sign-in screen paints before it is needed (tests replace it with a cheap one).
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)  # doubled at each further wrong password (MAX_LOCKOUT_DOUBLINGS at most)
MAX_LOCKOUT_DOUBLINGS = 16  # about two years: moving the PC clock forward does not buy many guesses
IDLE_LOCK_KEY = "security.idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 5
IDLE_LOCK_RANGE = (1, 30)


class SignInFailed(KnownError):
    pass


def __getattr__(name: str) -> Any:  # PEP 562: ``auth.PASSWORD_HASHER`` made on first use
    if name == "PASSWORD_HASHER":
        return _hasher()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _hasher() -> PasswordHasher:
    hasher: PasswordHasher | None = globals().get("PASSWORD_HASHER")
    if hasher is None:
        from argon2 import PasswordHasher

        hasher = PasswordHasher(time_cost=1, memory_cost=47104, parallelism=1)
        globals()["PASSWORD_HASHER"] = hasher
    return hasher


def hash_password(password: str) -> str:
    """The Argon2id hash of the password's NFC form (``domain.accounts.normalise_password``)."""
    return _hasher().hash(normalise_password(password))


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
    display = fields.person_name(full_name, "Họ và tên")
    check_new_password(normalise_password(password), name)
    if store.users.get(name) is not None:
        raise ConflictError(f"Tên đăng nhập «{name}» đã có.")
    row = UserRow(name, display, role.value, hash_password(password), must_change_password, 0, None, False, clock.now())
    store.users.add(row)
    return row


def sign_in(
    store: Store,
    clock: Clock,
    username: str,
    password: str,
    *,
    defer_record: bool = False,
    lock_now: datetime | None = None,
) -> Session:
    """A session for valid credentials; the same generic message for a wrong name or password and
    for a locked account (a message naming the lock would tell a stranger the name exists).

    Failures count towards the lockout (kept in the database, so a restart does not reset it)
    and, like lockouts and successful sign-ins, go into the audit trail. ``defer_record`` (the
    command line) records the sign-in with the command's first write (``Store.deferred``), so a
    command refused as bad input leaves nothing. ``lock_now`` is the time a lockout is measured
    against when the PC clock cannot be trusted (far ahead: the lock is not lifted by it).
    """
    user = _verify(store, clock, username, password, purpose=_SIGN_IN, defer_record=defer_record, lock_now=lock_now)
    return Session(user.username, user.full_name, Role(user.role), user.must_change_password)


def start_session(ctx: AppContext, username: str, password: str, *, defer_record: bool = False) -> Session:
    """Signs ``username`` in on ``ctx`` (sign-in screen, lock screen "another user", the CLI)."""
    from motcua_desktop.services.core.clock_guard import clock_status

    lock_now = None
    if not ctx.store.readonly:  # (safe mode: a damaged file may not be readable beyond the accounts)
        status = clock_status(ctx)
        if status.blocks_writing:  # a clock far ahead: nothing recorded at that date, no lock lifted by it
            lock_now = status.reference
            defer_record = True
    ctx.session = sign_in(ctx.store, ctx.clock, username, password, defer_record=defer_record, lock_now=lock_now)
    ctx.mark_authenticated()
    return ctx.session


def reauthenticate(ctx: AppContext, password: str) -> None:
    """The signed-in user types their password again: before export, restore and administration,
    and to unlock the screen. A wrong password counts towards the lockout like at sign-in."""
    if ctx.session is None:
        raise SignInFailed("Cần đăng nhập.")
    _verify(ctx.store, ctx.clock, ctx.session.username, password, purpose=_REAUTH)
    ctx.mark_authenticated()


_SIGN_IN = "đăng nhập"
_REAUTH = "nhập lại mật khẩu"
_CHANGE = "đổi mật khẩu"


GENERIC_REFUSAL = (
    "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do nhập sai nhiều lần "
    "(chờ rồi thử lại, hoặc nhờ quản trị viên mở khóa)."
)


def _verify(
    store: Store,
    clock: Clock,
    username: str,
    password: str,
    *,
    purpose: str,
    defer_record: bool = False,
    lock_now: datetime | None = None,
) -> UserRow:
    generic = SignInFailed(GENERIC_REFUSAL)
    try:
        name = normalise_username(username)
    except ValidationError:
        _hasher().hash(password)
        raise generic from None
    now = clock.now()
    lock_time = min(now, lock_now) if lock_now is not None else now
    if store.readonly:  # safe mode: check, but nothing can be recorded
        user = store.users.get(name)
        if user is None:
            _hasher().hash(password)
            raise generic
        matches = _matching_form(user, password) >= 0
        _refuse_unusable(user, lock_time, matches)
        if not matches:
            raise generic
        return user
    # Security records: kept whatever the clock guard says, and not a command's deferred writes.
    with store.transaction(guarded=False):
        user = store.users.get(name)
        if user is None:
            # Same work as a real check, so timing does not reveal names. Unknown names are not
            # recorded: they are often a password typed into the wrong box.
            _hasher().hash(password)
            raise generic
        form = _matching_form(user, password)
        matches = form >= 0
        try:
            _refuse_unusable(user, lock_time, matches)
        except SignInFailed as refused:
            _record(store, ev.SIGN_IN_FAILED, name, now, {"purpose": purpose, "reason": "account_locked"})
            error: SignInFailed | None = refused
        else:
            error = None
            if matches:
                if user.failed_attempts or user.locked_until is not None:
                    store.users.update(name, failed_attempts=0, locked_until=None)
                # A hash made before passwords were normalised (another Unicode form) is redone in NFC.
                stale = _hasher().check_needs_rehash(user.password_hash) or form > 0
                rehashed = hash_password(password) if stale else None
                signed_in = _SignedIn(store, name, now, rehashed, record=purpose == _SIGN_IN)
                if defer_record:
                    store.deferred.append(signed_in)
                else:
                    signed_in()
            else:
                failures = user.failed_attempts + 1
                if failures >= MAX_FAILED_ATTEMPTS:
                    # Every wrong password past the limit locks again, each time twice as long.
                    until = now + LOCKOUT * 2 ** min(failures - MAX_FAILED_ATTEMPTS, MAX_LOCKOUT_DOUBLINGS)
                    store.users.update(name, failed_attempts=failures, locked_until=until)
                    _record(store, ev.LOCKED_OUT, name, now, {"purpose": purpose, "until": iso(until)})
                else:
                    store.users.update(name, failed_attempts=failures)
                    _record(store, ev.SIGN_IN_FAILED, name, now, {"purpose": purpose, "attempt": failures})
                error = generic
    if error is not None:
        raise error
    return user


class _SignedIn:
    """What a successful sign-in writes: its audit record and, when the hashing parameters have
    changed, the upgraded hash (deferred on the command line, see ``sign_in``)."""

    def __init__(self, store: Store, username: str, at: datetime, rehashed: str | None, *, record: bool) -> None:
        self.store, self.username, self.at, self.rehashed, self.record = store, username, at, rehashed, record

    def __call__(self) -> None:
        if self.rehashed is not None:
            self.store.users.update(self.username, password_hash=self.rehashed)
        if self.record:
            _record(self.store, ev.SIGNED_IN, self.username, self.at, {})


def _refuse_unusable(user: UserRow, now: datetime, password_matches: bool) -> None:
    """A disabled account is named only to someone who knows its password; a temporary lock is
    never named (the generic refusal mentions it), so neither tells a stranger the name exists nor
    tells a guesser that the password was right."""
    if user.disabled:
        if password_matches:
            raise SignInFailed(f"Tài khoản «{user.username}» đã bị khóa. Liên hệ quản trị viên.")
        raise SignInFailed(GENERIC_REFUSAL)
    if user.locked_until is not None and user.locked_until > now:
        raise SignInFailed(GENERIC_REFUSAL)


def _matching_form(user: UserRow, password: str) -> int:
    """Which Unicode form of the typed password matches the hash (``password_forms``: 0 = NFC, the
    form every hash is made from now; 1, 2 = the NFD and raw forms an older hash may have been
    made from); -1 for none."""
    for index, form in enumerate(password_forms(password)):
        if _verifies(user.password_hash, form):
            return index
    return -1


def _verifies(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _record(store: Store, kind: str, actor: str, now: datetime, payload: dict[str, object]) -> None:
    store.events.append(kind=kind, actor=actor, occurred_at=now, payload=payload)


def change_password(ctx: AppContext, old_password: str, new_password: str) -> Session:
    """The signed-in user changes their own password (also the forced first change)."""
    if ctx.session is None:
        raise SignInFailed("Cần đăng nhập.")
    name = ctx.session.username
    _verify(ctx.store, ctx.clock, name, old_password, purpose=_CHANGE)
    check_new_password(normalise_password(new_password), name)
    if normalise_password(new_password) == normalise_password(old_password):
        raise ValidationError("Mật khẩu mới", "phải khác mật khẩu cũ.")
    with ctx.store.transaction():
        ctx.store.users.update(name, password_hash=hash_password(new_password), must_change_password=False)
        _record(ctx.store, ev.PASSWORD_CHANGED, name, ctx.clock.now(), {})
    ctx.session = Session(name, ctx.session.full_name, ctx.session.role, False)
    ctx.mark_authenticated()
    return ctx.session


def idle_lock_minutes(ctx: AppContext) -> int:
    """Minutes without keyboard or mouse activity before the counter window locks itself."""
    value = ctx.store.settings.get(IDLE_LOCK_KEY, DEFAULT_IDLE_LOCK_MINUTES)
    return (
        value
        if isinstance(value, int) and IDLE_LOCK_RANGE[0] <= value <= IDLE_LOCK_RANGE[1]
        else DEFAULT_IDLE_LOCK_MINUTES
    )


def set_idle_lock_minutes(ctx: AppContext, minutes: int) -> None:
    ctx.require_fresh(Permission.SETTINGS)
    low, high = IDLE_LOCK_RANGE
    if not low <= minutes <= high:
        raise ValidationError(
            "Thời gian tự khóa màn hình", f"phải từ {low} đến {high} phút.", "Nên để 5 phút ở quầy đông người."
        )
    with ctx.store.transaction():
        before = ctx.store.settings.get(IDLE_LOCK_KEY)
        ctx.store.settings.set(IDLE_LOCK_KEY, minutes)
        _record(
            ctx.store,
            ev.SETTINGS_CHANGED,
            ctx.actor,
            ctx.clock.now(),
            {"key": IDLE_LOCK_KEY, "before": before, "after": minutes},
        )


def get_user(store: Store, username: str) -> UserRow:
    user = store.users.get(normalise_username(username))
    if user is None:
        raise NotFound(f"Không có tài khoản «{username}».")
    return user
