"""Builders for test data: a settable clock, an office, signed-in contexts, registration forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.office import OfficeSettings, make_office_settings
from motcua_desktop.domain.registration import DocumentInput, PersonInput, RegistrationRequest
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.services.accounts.auth import create_user
from motcua_desktop.services.core.context import AppContext, Session
from motcua_desktop.services.office.setup import first_run_setup
from motcua_desktop.storage import Store

ADMIN_PASSWORD = "quan-tri-2026"
CLERK_PASSWORD = "can-bo-2026!"


@dataclass
class FakeClock:
    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


def make_office(counter_no: int = 1) -> OfficeSettings:
    return make_office_settings(
        superior_name="UBND phường Đông Tiến",
        unit_name="Trung tâm Phục vụ hành chính công phường Đông Tiến",
        agency_id="000.00.12.H56",
        province="Thanh Hóa",
        commune="Phường Đông Tiến",
        counter_no=counter_no,
        phone="0237 3856 123",
    )


def set_up_office(store: Store, clock: FakeClock, counter_no: int = 1) -> None:
    first_run_setup(
        store,
        clock,
        make_office(counter_no),
        admin_username="admin",
        admin_full_name="Quản Trị Viên",
        admin_password=ADMIN_PASSWORD,
    )


def add_user(store: Store, clock: FakeClock, username: str, role: Role, full_name: str = "") -> Session:
    with store.transaction():
        row = create_user(
            store,
            clock,
            username=username,
            full_name=full_name or username.title(),
            role=role,
            password=CLERK_PASSWORD,
            must_change_password=False,
        )
    return Session(row.username, row.full_name, role)


def context(
    store: Store, clock: FakeClock, role: Role = Role.CLERK, username: str = "lan.nguyen", calendar=None
) -> AppContext:  # type: ignore[no-untyped-def]
    session = (
        None
        if role is None
        else (
            add_user(store, clock, username, role, "Nguyễn Thị Lan")
            if store.users.get(username) is None
            else Session(username, store.users.get(username).full_name, role)  # type: ignore[union-attr]
        )
    )
    factory = (lambda _store: calendar) if calendar is not None else None
    ctx = AppContext(store, clock=clock, session=session, calendar_factory=factory)
    if session is not None:
        ctx.mark_authenticated()  # as a real sign-in does: sensitive actions need no new password yet
    return ctx


def applicant(**overrides: str) -> PersonInput:
    values = dict(
        full_name="nguyễn văn an",
        birth_date="15/03/1987",
        sex="nam",
        id_type="CCCD",
        id_number="038087042028",
        phone="0912 345 678",
        address_detail="Thôn Phú Lâm",
        province="Thanh Hóa",
        commune="Phường Đông Tiến",
    )
    values.update(overrides)
    return PersonInput(**values)


# Certificate of marital status: its 3 working days are only recalled in the starter catalogue ([R]),
# so the clerk enters the time limit at reception, as these requests do.
MARRIAGE_STATUS: dict[str, str] = {
    "procedure": "1.004873",
    "duration_unit": "NGAY_LAM_VIEC",
    "duration_amount": "3",
}


def birth_registration(**overrides: object) -> RegistrationRequest:
    values: dict[str, object] = dict(
        procedure="1.001193",
        applicant=applicant(),
        documents=[DocumentInput("Tờ khai đăng ký khai sinh"), DocumentInput("Giấy chứng sinh", "ban_chinh", 1)],
        summary="Đăng ký khai sinh cho cháu Nguyễn Minh Khôi",
    )
    values.update(overrides)
    return RegistrationRequest(**values)  # type: ignore[arg-type]


MONDAY_9AM = vn_datetime(2026, 11, 16, 9, 0)
