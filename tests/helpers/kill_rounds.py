"""Shared pieces of the kill tests of ``register``, account changes, migration, ``export`` and
``import`` (``tests/safety/test_kill_steps.py``, ``tests/safety/test_kill_sync.py``): ``motcua`` run
as a given user in a child process at the round's fake date, killed at its N-th durable step
(``MOTCUA_KILL_AT``) or after a random delay; the database checked after each kill."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from motcua_desktop.fileio import KILL_AT
from motcua_desktop.services.safety.integrity import check_database
from tests.helpers.safety import ROOT, child_env
from tests.safety.test_kill_restore import Counter, Figures


def run_as(
    counter: Counter,
    args: list[str],
    user: str,
    password: str,
    *,
    kill_at: int | None = None,
    delay: float | None = None,
    **extra: str,
) -> tuple[int, str, str]:
    """``motcua ARGS --user USER`` at the round's date; returns (exit code, output, standard error)."""
    counter.minutes += 1
    when = counter.clock().now().isoformat()
    counter.minutes += 5  # what the command records happens before the next registration
    env = child_env(MOTCUA_PASSWORD=password, MOTCUA_DATA_DIR=str(counter.folder), MOTCUA_MACHINE_DIR="", **extra)
    if kill_at is not None:
        env[KILL_AT] = str(kill_at)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.cli_at", when, *args, "--user", user],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    if delay is not None:
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.kill()
    out, err = child.communicate(timeout=120)
    return child.returncode, out, err


def issued(db: Path) -> tuple[list[str], list[tuple[str, int]]]:
    """Every code and tracking-book line the database holds (duplicates kept, to be counted)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT code, book_volume, book_line FROM dossiers WHERE code IS NOT NULL").fetchall()
    finally:
        conn.close()
    return [str(r[0]) for r in rows], [(str(r[1]), int(r[2])) for r in rows if r[2] is not None]


def assert_sound(counter: Counter, figures: Figures) -> None:
    """``check --full`` passes; no code and no book line is held twice; every printed code is held."""
    report = check_database(counter.folder, full=True)
    assert report.ok, report.message()
    figures.checks += 1
    codes, lines = issued(counter.db)
    assert len(codes) == len(set(codes)) and len(lines) == len(set(lines))
    assert counter.codes <= set(codes), sorted(counter.codes - set(codes))
