"""Every setting is declared once (``domain.settings``) and changed through one audited step."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import PermissionDenied, ValidationError
from motcua_desktop.domain.settings import (
    APPOINTMENT_STYLE,
    BACKUP_OFFSITE_DIR,
    CLOCK_HIGH_WATER,
    IDLE_LOCK_MINUTES,
    OFFICE,
    PRINT_MODE,
    SETTINGS,
    setting_for,
)
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.services.printing.settings import PrinterChoice, set_printer_choice
from tests.helpers.safety import signed_in

PACKAGE = Path(__file__).resolve().parents[2] / "motcua_desktop"


def test_keys_are_unique_and_found_again() -> None:
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    assert all(setting_for(key) is setting for key, setting in zip(keys, SETTINGS, strict=True))
    printer = setting_for("print.printer.03")
    assert printer is not None and printer.default == PrinterChoice()
    assert setting_for("no.such.setting") is None


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.key)
def test_every_setting_has_a_default_that_survives_storing(setting, store) -> None:  # type: ignore[no-untyped-def]
    default = setting.default
    with store.transaction():
        store.settings.put(setting, default)
    assert store.settings.value(setting) == default


def test_no_code_reads_or_writes_a_setting_by_a_key_string() -> None:
    """``store.settings.get(SOME_KEY)`` and friends with a key of their own would bypass the registry: the
    key-level methods take a declared setting's ``.key`` (``value``/``put`` take the setting itself)."""
    bad = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("get", "set", "get_text")
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "settings"
                and not (node.args and isinstance(node.args[0], ast.Attribute) and node.args[0].attr == "key")
            ):
                bad.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert bad == []


def test_every_stored_key_is_declared(office_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    change_setting(admin, PRINT_MODE, "direct")
    set_printer_choice(admin, "01", PrinterChoice("Máy in quầy", "80mm"))
    change_setting(admin, BACKUP_OFFSITE_DIR, str(tmp_path))
    with office_store.transaction():
        office_store.settings.put(CLOCK_HIGH_WATER, clock.now())
    assert [key for key in office_store.settings.all() if setting_for(key) is None] == []


def test_a_change_is_checked_written_and_audited(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    assert change_setting(admin, IDLE_LOCK_MINUTES, 10) == 10
    assert office_store.settings.value(IDLE_LOCK_MINUTES) == 10
    event, _ = office_store.events.find(kind=ev.SETTINGS_CHANGED, limit=1)[0]
    assert event.payload == {"key": IDLE_LOCK_MINUTES.key, "before": None, "after": 10}
    with pytest.raises(ValidationError, match="Thời gian tự khóa màn hình: phải từ 1 đến 30 phút"):
        change_setting(admin, IDLE_LOCK_MINUTES, 99)
    assert office_store.settings.value(IDLE_LOCK_MINUTES) == 10


def test_who_may_change_comes_from_the_setting(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    with pytest.raises(PermissionDenied):
        change_setting(clerk, APPOINTMENT_STYLE, "session")
    with pytest.raises(ValueError, match="kept by the program"):
        change_setting(signed_in(office_store, clock, Role.ADMIN), CLOCK_HIGH_WATER, clock.now())
    assert OFFICE.changed_by is not None and CLOCK_HIGH_WATER.changed_by is None
