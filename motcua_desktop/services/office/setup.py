"""First run: the office's settings, the first administrator, the starter catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import ConflictError, Field
from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.domain.settings import OFFICE
from motcua_desktop.services.accounts.auth import create_user
from motcua_desktop.services.core.context import AppContext, Clock
from motcua_desktop.services.core.settings import change_setting, record_setting
from motcua_desktop.storage import Store


def is_set_up(store: Store) -> bool:
    return store.settings.value(OFFICE) is not None and store.users.count() > 0


def check_first_admin(username: str, full_name: str, password: str) -> None:
    """The first administrator's answers, checked before the database is even created (so a
    refused set-up leaves no file behind)."""
    from motcua_desktop.domain.accounts import check_new_password, normalise_username
    from motcua_desktop.domain.fields import person_name

    name = normalise_username(username)
    person_name(full_name, Field("admin_full_name", "Họ và tên quản trị viên"))
    check_new_password(password, name)


def first_run_setup(
    store: Store,
    clock: Clock,
    office: OfficeSettings,
    *,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
) -> None:
    """Creates the office settings and the first administrator in one transaction, then loads
    the starter catalogue when the catalogue is empty. Refused once the office is set up."""
    if is_set_up(store):
        raise ConflictError("Chương trình đã được thiết lập. Dùng «motcua settings» để thay đổi thông tin đơn vị.")
    now = clock.now()
    with store.transaction():
        create_user(
            store,
            clock,
            username=admin_username,
            full_name=admin_full_name,
            role=Role.ADMIN,
            password=admin_password,
            must_change_password=False,
        )
        record_setting(store, OFFICE, office, actor=admin_username.strip().lower(), now=now)
    if store.catalogue.count_current() == 0:
        from motcua_desktop.services.office.catalogue import load_starter_catalogue  # (and the file importers)

        load_starter_catalogue(store, clock, actor=admin_username.strip().lower())


def update_office(ctx: AppContext, office: OfficeSettings) -> None:
    change_setting(ctx, OFFICE, office)


@dataclass(frozen=True)
class SetupSummary:
    """What the first run made, as ``motcua setup`` reports it."""

    device_id: str
    database: Path
    procedures: int  # procedures in the catalogue in force


def setup_summary(ctx: AppContext) -> SetupSummary:
    store = ctx.store
    return SetupSummary(store.events.device().device_id, store.path, store.catalogue.count_current())
