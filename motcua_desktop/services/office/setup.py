"""First run: the office's settings, the first administrator, the starter catalogue; and the checks
that keep one counter number to one database on a PC (``counter_claims``, ``paths``)."""

from __future__ import annotations

import json
from pathlib import Path

from motcua_desktop import counter_claims, paths
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.errors import ConflictError, KnownError
from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.domain.serde import load, to_plain
from motcua_desktop.services.accounts.auth import create_user
from motcua_desktop.services.core.context import OFFICE_KEY, AppContext, Clock
from motcua_desktop.storage import Store


def is_set_up(store: Store) -> bool:
    return store.settings.get(OFFICE_KEY) is not None and store.users.count() > 0


def check_first_admin(username: str, full_name: str, password: str) -> None:
    """The first administrator's answers, checked before the database is even created (so a
    refused set-up leaves no file behind)."""
    from motcua_desktop.domain.accounts import check_new_password, normalise_username
    from motcua_desktop.domain.fields import person_name

    name = normalise_username(username)
    person_name(full_name, "Họ và tên quản trị viên")
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
    _claim(store, office)  # before anything is written: another account may already be this counter
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
        _write_office(store, office, actor=admin_username.strip().lower(), now=now)
    if store.catalogue.count_current() == 0:
        from motcua_desktop.services.office.catalogue import load_starter_catalogue  # (and the file importers)

        load_starter_catalogue(store, clock, actor=admin_username.strip().lower())


def update_office(ctx: AppContext, office: OfficeSettings) -> None:
    ctx.require(Permission.SETTINGS)
    before = _stored_office(ctx.store)
    moved = before is not None and (before.agency_id, before.counter_no) != (office.agency_id, office.counter_no)
    if moved or before is None:
        _claim(ctx.store, office)
    with ctx.store.transaction():
        _write_office(ctx.store, office, actor=ctx.actor, now=ctx.clock.now())
    if moved and before is not None:
        counter_claims.release_counter(
            agency_id=before.agency_id, counter_no=before.counter_no, data_folder=ctx.store.path.parent
        )


class DataElsewhere(KnownError):
    """The machine folder chosen at installation is empty while this user's own folder has the data."""


def check_data_location(data_folder: Path) -> None:
    """Before the database is opened (and an empty one created): refuses to start the shared
    machine folder afresh while this Windows user's own folder holds the counter's data."""
    if not paths.is_machine_data_folder(data_folder):
        return
    stranded = paths.stranded_user_data(data_folder)
    if stranded is not None:
        raise DataElsewhere(
            f"Máy tính này được cài đặt để mọi tài khoản Windows dùng chung dữ liệu ở «{data_folder}», nhưng dữ liệu "
            f"của quầy vẫn ở thư mục riêng của tài khoản này «{stranded}». Chương trình không bắt đầu một cơ sở dữ "
            "liệu trống. Cán bộ CNTT hãy đóng chương trình rồi chuyển toàn bộ nội dung thư mục đó sang thư mục dùng "
            "chung (hướng dẫn «Hai tài khoản Windows» trong tài liệu cài đặt trên Windows)."
        )


def claim_this_counter(store: Store) -> None:
    """Claims the counter of an office already set up for this database's folder (at every opening;
    raises ``counter_claims.CounterTaken`` when another folder on this PC already is this counter)."""
    office = _stored_office(store)
    if office is not None:
        _claim(store, office)


def _stored_office(store: Store) -> OfficeSettings | None:
    text = store.settings.get_text(OFFICE_KEY)
    return None if text is None else load(OfficeSettings, json.loads(text))


def _claim(store: Store, office: OfficeSettings) -> None:
    counter_claims.claim_counter(
        agency_id=office.agency_id,
        counter_no=office.counter_no,
        unit_name=office.unit_name,
        device_id=store.events.device().device_id,
        data_folder=store.path.parent,
    )


def _write_office(store: Store, office: OfficeSettings, *, actor: str, now) -> None:  # type: ignore[no-untyped-def]
    before = store.settings.get(OFFICE_KEY)
    after = to_plain(office, compact=False)
    store.settings.set(OFFICE_KEY, after)
    store.events.append(
        kind=ev.SETTINGS_CHANGED,
        actor=actor,
        occurred_at=now,
        payload={"key": OFFICE_KEY, "before": before, "after": after},
    )
