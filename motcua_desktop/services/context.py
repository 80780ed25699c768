"""What every use case receives: the database, the clock, the signed-in user, the calendar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from motcua_desktop.domain.accounts import PERMISSION_LABELS, Permission, Role, allows
from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.errors import KnownError, PermissionDenied
from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.domain.serde import load
from motcua_desktop.domain.vntime import VN_TZ
from motcua_desktop.storage import Store

OFFICE_KEY = "office"


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


class AppContext:
    def __init__(
        self,
        store: Store,
        *,
        clock: Clock | None = None,
        session: Session | None = None,
        calendar_factory: Callable[[Store], DueCalculator] | None = None,
    ) -> None:
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.session = session
        self._calendar_factory = calendar_factory
        self._calendar: DueCalculator | None = None

    @property
    def actor(self) -> str:
        return self.session.username if self.session else "system"

    def require(self, permission: Permission) -> Session:
        if self.session is None:
            raise PermissionDenied("Cần đăng nhập để thực hiện thao tác này.")
        if self.session.must_change_password:
            raise PermissionDenied("Bạn cần đổi mật khẩu ban đầu trước khi làm việc.")
        if not allows(self.session.role, permission):
            raise PermissionDenied(
                f"Tài khoản «{self.session.username}» ({self.session.role.label}) không có quyền "
                f"{PERMISSION_LABELS[permission]}."
            )
        return self.session

    def can(self, permission: Permission) -> bool:
        return self.session is not None and allows(self.session.role, permission)

    def office(self) -> OfficeSettings:
        data = self.store.settings.get(OFFICE_KEY)
        if data is None:
            raise NotSetUp()
        return load(OfficeSettings, data)

    def calendar(self) -> DueCalculator:
        if self._calendar is None:
            if self._calendar_factory is None:
                from motcua_desktop.services.calendar import build_calendar

                self._calendar_factory = build_calendar
            self._calendar = self._calendar_factory(self.store)
        return self._calendar

    def forget_calendar(self) -> None:
        """Called after the calendar data changed, so the next use rebuilds it."""
        self._calendar = None
