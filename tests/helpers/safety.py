"""Shared builders of the safety tests: signed-in contexts with a fresh password entry, dossiers."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.services.core.clock_guard import apply_clock_guard
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.storage import Store
from tests.factories import FakeClock, applicant, birth_registration, context

USERNAMES = {Role.CLERK: "lan.nguyen", Role.LEADER: "hoa.le", Role.ADMIN: "admin"}


def signed_in(store: Store, clock: FakeClock, role: Role, username: str | None = None) -> AppContext:
    """A context of ``role`` whose password was just typed (sensitive actions allowed)."""
    ctx = context(store, clock, role, username or USERNAMES[role])
    ctx.mark_authenticated()
    return ctx


def seen_today(store: Store) -> None:
    """The program was last used now (real time): data prepared with a fake clock in the past
    does not make the real clock of a command-line run look weeks ahead (``clock_guard``)."""
    from datetime import datetime

    from motcua_desktop.domain.vntime import VN_TZ, iso
    from motcua_desktop.services.core.clock_guard import HIGH_WATER_KEY

    with store.transaction():
        store.settings.set(HIGH_WATER_KEY, iso(datetime.now(VN_TZ)))


def pass_days(clock: FakeClock, days: int, *contexts: AppContext) -> None:
    """Days go by with the program opened every working week on each PC of ``contexts`` (it
    remembers the time it saw), as at a real counter: a clock far ahead of the last activity stops
    every write (``clock_guard``)."""
    from datetime import timedelta

    left = timedelta(days=days)
    while left > timedelta(0):
        step = min(left, timedelta(days=7))
        clock.current += step
        left -= step
        for ctx in contexts:
            apply_clock_guard(ctx, remember=True)


def pass_until(clock: FakeClock, moment: datetime, *contexts: AppContext) -> None:
    """``pass_days`` up to ``moment`` (a weekly opening on each PC of ``contexts``), then exactly it."""
    days = (moment - clock.current).days
    if days > 0:
        pass_days(clock, days, *contexts)
    clock.current = moment
    for ctx in contexts:
        apply_clock_guard(ctx, remember=True)


def register_many(ctx: AppContext, count: int, *, first: int = 0) -> list[Dossier]:
    clock = ctx.clock
    done = []
    for i in range(first, first + count):
        if isinstance(clock, FakeClock):
            clock.advance(minutes=1)
        number = f"0380870{i % 100000:05d}"
        done.append(register(ctx, birth_registration(applicant=applicant(id_number=number))).dossier)
    return done


ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    """Environment of a test child process that imports this checkout; it writes UTF-8 whatever the
    code page (a Windows child would otherwise write cp1252 and fail on Vietnamese)."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1", **extra}


def folder_with_backup(tmp_path: Path, clock: FakeClock) -> tuple[Path, Path, list[str]]:
    """A data folder: 5 dossiers, a backup, 2 more dossiers (their codes returned)."""
    from motcua_desktop.services.safety.backup import backup_now
    from motcua_desktop.storage import open_store
    from tests.factories import set_up_office

    folder = tmp_path / "data"
    store = open_store(folder / "motcua.db")
    set_up_office(store, clock)
    clerk = signed_in(store, clock, Role.CLERK)
    register_many(clerk, 5)
    backup = backup_now(signed_in(store, clock, Role.ADMIN)).local.path
    later = [str(d.code) for d in register_many(clerk, 2, first=5)]
    store.close()
    return folder, backup, later


def damage_page(path: Path, table: str) -> None:
    """Overwrites half of the root page of ``table`` with garbage (a damaged sector)."""
    import sqlite3

    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + page_size // 2] = b"\xa5" * (page_size // 2 - 8)
    path.write_bytes(bytes(data))
