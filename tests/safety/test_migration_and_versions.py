"""Interrupted migrations, databases from a newer version or another program, a second copy of
the program on the same data folder."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.storage import open_store
from motcua_desktop.storage.errors import NewerDatabase, WrongDatabase
from motcua_desktop.storage.instance_lock import AlreadyRunning
from motcua_desktop.storage.migrations import latest_version
from tests.factories import set_up_office
from tests.helpers.safety import ROOT, child_env, register_many, signed_in
from tests.helpers.slow_migration import ROWS

ROUNDS = 8


def state(db: Path) -> tuple[int, int | None, str]:
    conn = sqlite3.connect(db)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'slow_extra'").fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM slow_extra").fetchone()[0] if has else None
        return version, rows, conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_killed_migration_leaves_version_n_or_n_plus_1(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    codes = {str(d.code) for d in register_many(signed_in(store, clock, Role.CLERK), 3)}
    store.close()
    n = latest_version()
    rng = random.Random(2026_11_22)
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.slow_migration", str(db)],
            cwd=ROOT,
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.0, 0.4))
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        child.communicate(timeout=30)
        version, rows, integrity = state(db)
        assert integrity == "ok"
        assert (version, rows) in ((n, None), (n + 1, ROWS))  # never in between
        if version == n + 1:
            break
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.slow_migration", str(db)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    assert f"MIGRATED {n + 1}" in done.stdout
    assert state(db) == (n + 1, ROWS, "ok")
    copies = list((tmp_path / "backups" / "pre-migration").glob("*.db"))
    assert copies  # a copy was taken before migrating
    for copy in copies:  # every copy under its final name is complete (interrupted ones stay .partial)
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == n
        conn.close()
    conn = sqlite3.connect(db)
    assert {r[0] for r in conn.execute("SELECT code FROM dossiers")} == codes  # the data came through intact
    conn.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path) -> None:
    folder = tmp_path / "data"
    open_store(folder / "motcua.db").close()
    conn = sqlite3.connect(folder / "motcua.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = (folder / "motcua.db").read_bytes()
    with pytest.raises(NewerDatabase, match="phiên bản mới hơn"):
        open_workspace(folder)
    assert (folder / "motcua.db").read_bytes() == before
    conn = sqlite3.connect(folder / "motcua.db")
    conn.execute(f"PRAGMA user_version = {latest_version()}")
    conn.close()
    open_workspace(folder).close()  # the refusal released the lock


def test_another_programs_database_is_refused(tmp_path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(folder / "motcua.db")
    conn.execute("CREATE TABLE contacts (name)")
    conn.commit()
    conn.close()
    with pytest.raises(WrongDatabase, match="không phải cơ sở dữ liệu của Một cửa Desktop"):
        open_workspace(folder)


HOLDER = "import sys, time\nfrom motcua_desktop.services.safety.integrity import open_workspace\nw = open_workspace(__import__('pathlib').Path(sys.argv[1]))\nprint('READY', flush=True)\ntime.sleep(60)\n"


def test_a_second_instance_is_refused_with_a_clear_message(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "READY"
        with pytest.raises(AlreadyRunning, match=f"đang mở trên máy này.*tiến trình {holder.pid}"):
            open_workspace(folder)
        cli = subprocess.run(
            [sys.executable, "-m", "motcua_desktop", "--data-dir", str(folder), "user", "list", "--user", "admin"],
            cwd=ROOT,
            env=child_env(MOTCUA_PASSWORD="x"),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert cli.returncode == 2 and "đang mở trên máy này" in cli.stderr and "Traceback" not in cli.stderr
    finally:
        holder.kill()  # even a crashed holder frees the lock (SIGKILL / TerminateProcess)
        holder.communicate(timeout=30)
    open_workspace(folder).close()


def test_the_lock_is_per_data_folder_within_one_process(tmp_path) -> None:
    first = open_workspace(tmp_path / "a")
    try:
        with pytest.raises(AlreadyRunning):
            open_workspace(tmp_path / "a")
        open_workspace(tmp_path / "b").close()
    finally:
        first.close()
    open_workspace(tmp_path / "a").close()
