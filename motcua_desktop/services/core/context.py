"""What every use case receives: the database, the clock, the signed-in user, the calendar."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from motcua_desktop.domain.accounts import PERMISSION_LABELS, Permission, Role, allows
from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.errors import KnownError, PermissionDenied
from motcua_desktop.domain.events import ACCESS_DENIED
from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.domain.serde import load
from motcua_desktop.domain.vntime import VN_TZ
from motcua_desktop.storage import Store
from motcua_desktop.storage.errors import StorageError

OFFICE_KEY = "office"
# Export, restore and administration need the password typed again within this many seconds
# (the CLI asks it on every command; the GUI asks when the last entry is older).
REAUTH_WINDOW_SECONDS = 300


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Vietnam time from the PC clock, whatever the PC's time zone."""

    def now(self) -> datetime:
        return datetime.now(VN_TZ)


class DueCalculator(Protocol):
    """The part of the working calendar the use cases need."""

    def due_at(self, received_at: datetime, duration: Duration) -> datetime: ...


@dataclass(frozen=True)
class Session:
    username: str
    full_name: str
    role: Role
    must_change_password: bool = False


class NotSetUp(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "Chương trình chưa được thiết lập thông tin đơn vị. Hãy chạy «motcua setup» (hoặc trình hướng dẫn "
            "lần đầu) để nhập tên đơn vị, mã định danh và số quầy."
        )


class ReauthenticationRequired(KnownError):
    """The action needs the password typed again (the GUI asks for it, then retries)."""

    def __init__(self) -> None:
        super().__init__("Thao tác này cần nhập lại mật khẩu để xác nhận đúng là bạn.")


class AppContext:
    def __init__(
        self,
        store: Store,
        *,
        clock: Clock | None = None,
        session: Session | None = None,
        calendar_factory: Callable[[Store], DueCalculator] | None = None,
        monotonic: Callable[[], float] | None = None,
    ) -> None:
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.session = session
        self._calendar_factory = calendar_factory
        self._calendar: DueCalculator | None = None
        # Seconds that never go backwards (not the wall clock): the re-authentication window.
        self.monotonic: Callable[[], float] = monotonic or time.monotonic
        self._authenticated_at: float | None = None
        self._office: tuple[str, OfficeSettings] | None = None  # (stored JSON, parsed)

    def on_store(self, store: Store) -> AppContext:
        """The same user, clock, calendar and sign-in freshness on another connection (worker threads
        open their own connection to the same database)."""
        twin = AppContext(
            store,
            clock=self.clock,
            session=self.session,
            calendar_factory=self._calendar_factory,
            monotonic=self.monotonic,
        )
        twin._authenticated_at = self._authenticated_at
        return twin

    def mark_authenticated(self) -> None:
        """The signed-in user has just typed their password (sign-in or re-entry)."""
        self._authenticated_at = self.monotonic()

    def forget_authentication(self) -> None:
        """The next sensitive action asks for the password again (e.g. after the screen locked)."""
        self._authenticated_at = None

    @property
    def recently_authenticated(self) -> bool:
        return (
            self._authenticated_at is not None
            and 0 <= self.monotonic() - self._authenticated_at <= REAUTH_WINDOW_SECONDS
        )

    def require_fresh(self, permission: Permission) -> Session:
        """Like ``require``, and the password must have been typed within the last few minutes."""
        session = self.require(permission)
        if not self.recently_authenticated:
            raise ReauthenticationRequired()
        return session

    @property
    def actor(self) -> str:
        return self.session.username if self.session else "system"

    def require(self, permission: Permission) -> Session:
        if self.session is None:
            raise PermissionDenied("Cần đăng nhập để thực hiện thao tác này.")
        if self.session.must_change_password:
            raise PermissionDenied("Bạn cần đổi mật khẩu ban đầu trước khi làm việc.")
        if not allows(self.session.role, permission):
            self._record_denial(permission)
            raise PermissionDenied(
                f"Tài khoản «{self.session.username}» ({self.session.role.label}) không có quyền "
                f"{PERMISSION_LABELS[permission]}."
            )
        return self.session

    def _record_denial(self, permission: Permission) -> None:
        """A refused attempt is part of the audit trail (unless the database cannot be written)."""
        if self.store.readonly:
            return
        try:
            with self.store.transaction(guarded=False):  # a security record, kept whatever the clock says
                self.store.events.append(
                    kind=ACCESS_DENIED,
                    actor=self.actor,
                    occurred_at=self.clock.now(),
                    payload={"permission": permission.value},
                )
        except StorageError:
            pass

    def can(self, permission: Permission) -> bool:
        return self.session is not None and allows(self.session.role, permission)

    def office(self) -> OfficeSettings:
        """The office settings as stored now (read on every call; parsed again only when changed)."""
        text = self.store.settings.get_text(OFFICE_KEY)
        if text is None:
            raise NotSetUp()
        cached = self._office
        if cached is None or cached[0] != text:
            cached = self._office = (text, load(OfficeSettings, json.loads(text)))
        return cached[1]

    def calendar(self) -> DueCalculator:
        if self._calendar is None:
            if self._calendar_factory is None:
                from motcua_desktop.services.core.calendar import build_calendar

                self._calendar_factory = build_calendar
            self._calendar = self._calendar_factory(self.store)
        return self._calendar

    def forget_calendar(self) -> None:
        """Called after the calendar data changed, so the next use rebuilds it."""
        self._calendar = None
