"""Kill -9 ``motcua restore`` and ``motcua backup`` at every durable step and at random moments; after
each kill the next opening (the front door) must find the old database or the whole restored one,
every printed code still held (in the database or the copy kept before the restore), the next
registration must reuse no printed code and no printed tracking-book line, and ``check --full``
must pass.

Each round: a few dossiers are registered and printed, then the command runs in a child process
(``tests.helpers.cli_at``: ``motcua`` itself, at the round's date) and is killed either at its N-th
durable step (``MOTCUA_KILL_AT``, ``fileio.fault_point``: N drawn over the steps a whole run takes)
or after a random delay. Draws come from a fixed seed, so a failure is reproducible.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.fileio import KILL_AT
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.safety.backup import backup_folder, backup_now, before_restore_folder
from motcua_desktop.services.safety.integrity import check_database, open_workspace
from motcua_desktop.storage import open_store
from motcua_desktop.storage.backup_files import restore_paths, verify_copy
from tests.factories import ADMIN_PASSWORD, MONDAY_9AM, FakeClock, applicant, birth_registration, set_up_office
from tests.helpers.safety import ROOT, child_env, signed_in

SEED = 20261207
KILLS = 20


@dataclass
class Figures:
    kills: int = 0
    completed: int = 0  # runs that finished (or whose kill came after the commit point)
    undone: int = 0  # kills that left the database as it was
    reissued: int = 0
    checks: int = 0

    def line(self, what: str) -> str:
        return (
            f"{what}: {self.kills} kills, {self.completed} completed, {self.undone} left as before, "
            f"{self.checks} check --full passed, reissued = {self.reissued}"
        )


@dataclass
class Counter:
    """One counter's data folder, what it printed, and the fake date of the current round."""

    folder: Path
    day: int = 0
    number: int = 0
    minutes: int = 0  # within the day: the clock only moves forward
    codes: set[str] = field(default_factory=set)
    lines: set[tuple[str, int]] = field(default_factory=set)

    @property
    def db(self) -> Path:
        return self.folder / "motcua.db"

    def clock(self) -> FakeClock:
        return FakeClock(MONDAY_9AM + timedelta(days=self.day, minutes=self.minutes))

    def register(self, count: int) -> tuple[str, ...]:
        """Through the front door: ``count`` dossiers, each code and book line recorded as printed;
        a code or line printed before is a reissue."""
        workspace = open_workspace(self.folder)
        try:
            assert workspace.safe_mode is None, workspace.safe_mode.message()
            assert workspace.store is not None
            clock = self.clock()
            clerk = signed_in(workspace.store, clock, Role.CLERK)
            reissued = []
            for _ in range(count):
                self.number += 1
                self.minutes += 1
                clock.advance(minutes=1)
                request = birth_registration(applicant=applicant(id_number=f"0380871{self.number:05d}"))
                dossier = register(clerk, request).dossier
                assert dossier.code is not None
                line = (dossier.book_volume, dossier.book_line)
                if dossier.code in self.codes or line in self.lines:
                    reissued.append(f"{dossier.code} {line}")
                self.codes.add(dossier.code)
                self.lines.add(line)
            return tuple(reissued)
        finally:
            workspace.close()

    def run(self, args: list[str], kill_at: int | None = None, delay: float | None = None) -> tuple[int, str]:
        """``motcua ARGS`` at the round's date in a child process; killed at its ``kill_at``-th durable
        step, or after ``delay`` seconds. Returns (exit code, standard error)."""
        self.minutes += 1
        when = self.clock().now().isoformat()
        self.minutes += 5  # what the command records happens before the next registration
        env = child_env(MOTCUA_PASSWORD=ADMIN_PASSWORD, MOTCUA_DATA_DIR=str(self.folder), MOTCUA_MACHINE_DIR="")
        if kill_at is not None:
            env[KILL_AT] = str(kill_at)
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.cli_at", when, *args, "--user", "admin"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        if delay is not None:
            try:
                child.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                child.kill()
        _, err = child.communicate(timeout=120)
        return child.returncode, err


def steps_of(err: str) -> int:
    return sum(1 for line in err.splitlines() if line.startswith("fault-point "))


def held_codes(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {str(r[0]) for r in conn.execute("SELECT code FROM dossiers WHERE code IS NOT NULL")}
    finally:
        conn.close()


def epoch_of(db: Path) -> int:
    store = open_store(db, readonly=True)
    try:
        return store.events.device().epoch
    finally:
        store.close()


def assert_sound(counter: Counter, figures: Figures) -> None:
    """The front door opened cleanly (``register`` asserts it); ``check --full`` passes; nothing
    half-done is left beside the database."""
    report = check_database(counter.folder, full=True)
    assert report.ok, report.message()
    figures.checks += 1
    new, journal = restore_paths(counter.db)
    assert not new.exists() and not journal.exists()
    assert not list(before_restore_folder(counter.db).glob("*.partial"))


def new_counter(tmp_path: Path) -> tuple[Counter, Path]:
    """A counter with 3 dossiers in its backup (the one restored again and again) and 2 after it."""
    counter = Counter(tmp_path / "data")
    store = open_store(counter.db)
    set_up_office(store, FakeClock(MONDAY_9AM))
    store.close()
    counter.register(3)
    workspace = open_workspace(counter.folder)
    assert workspace.store is not None
    backup = backup_now(signed_in(workspace.store, counter.clock(), Role.ADMIN)).local.path
    workspace.close()
    counter.register(2)
    return counter, backup


def plan(
    rng: random.Random, steps: int, whole_run: float, figures: Figures
) -> Iterator[tuple[int | None, float | None]]:
    """Every durable step once (in a random order), then kills at random moments of a whole run
    until ``KILLS`` processes were killed (a run that finished first is a round all the same)."""
    order: list[tuple[int | None, float | None]] = [(n, None) for n in range(1, steps + 1)]
    rng.shuffle(order)
    yield from order
    extra = 0
    while (figures.kills < KILLS or extra < 5) and extra < 3 * KILLS:
        extra += 1
        yield None, rng.uniform(0.4 * whole_run, whole_run)


@pytest.mark.slow
def test_killing_restore_never_reissues_a_printed_code(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    counter, backup = new_counter(tmp_path)
    figures = Figures()
    started = time.monotonic()
    code, err = counter.run(["restore", str(backup), "--yes"], kill_at=0)  # a whole run lists its steps
    whole_run = time.monotonic() - started
    assert code == 0, err
    steps = steps_of(err)
    assert steps >= 10, err  # copy aside, build, journal, swap: each durable step is a kill point
    figures.completed += 1
    for kill_at, delay in plan(rng, steps, whole_run, figures):
        counter.day += 1
        counter.minutes = 0
        counter.register(2)  # printed after the backup: must never be issued again
        epoch = epoch_of(counter.db)
        printed = set(counter.codes)
        code, err = counter.run(["restore", str(backup), "--yes"], kill_at=kill_at, delay=delay)
        figures.kills += code != 0
        assert code in (0, -9, 137), err
        if figures.kills % 2:  # the command line's front door, else the window's, finds what was left
            code, err = counter.run(["backup", "list"])
            assert code == 0, err
            assert not any(path.exists() for path in restore_paths(counter.db))
        reissued = counter.register(1)  # the front door finishes or undoes the restore first
        figures.reissued += len(reissued)
        after = epoch_of(counter.db)
        if after > epoch:
            figures.completed += 1
        else:
            figures.undone += 1
        kept: set[str] = set()
        for copy in before_restore_folder(counter.db).glob("*.db"):
            kept |= held_codes(copy)
        assert printed <= held_codes(counter.db) | kept  # every printed code is held somewhere
        assert_sound(counter, figures)
    print("\n" + figures.line("restore"))
    assert figures.reissued == 0
    assert figures.kills >= KILLS and figures.undone > 0 and figures.completed > 1


@pytest.mark.slow
def test_killing_backup_leaves_only_whole_backups(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    counter, _ = new_counter(tmp_path)
    figures = Figures()
    started = time.monotonic()
    code, err = counter.run(["backup"], kill_at=0)
    whole_run = time.monotonic() - started
    assert code == 0, err
    steps = steps_of(err)
    assert steps >= 5, err
    figures.completed += 1
    for kill_at, delay in plan(rng, steps, whole_run, figures):
        counter.day += 1
        counter.minutes = 0
        counter.register(1)
        code, err = counter.run(["backup"], kill_at=kill_at, delay=delay)
        figures.kills += code != 0
        figures.completed += code == 0
        assert code in (0, -9, 137), err
        backups = list(backup_folder(counter.db).glob("motcua-MC-*.db"))
        assert backups
        for path in backups:
            assert verify_copy(path) == [], path.name  # a backup under its final name is whole
        figures.reissued += len(counter.register(1))
        assert held_codes(counter.db) == counter.codes  # a backup changes no dossier
        assert_sound(counter, figures)
    workspace = open_workspace(counter.folder)
    assert workspace.store is not None
    backup_now(signed_in(workspace.store, counter.clock(), Role.ADMIN))
    workspace.close()
    assert not list(backup_folder(counter.db).glob(".tmp-*"))  # what killed backups left is gone
    figures.undone = figures.kills
    print("\n" + figures.line("backup"))
    assert figures.reissued == 0
    assert figures.kills >= KILLS


def test_the_next_backup_removes_a_killed_backups_copy_and_its_journal(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    folder = backup_folder(office_store.path)
    folder.mkdir(parents=True, exist_ok=True)
    left = [folder / ".tmp-0123456789abcdef.db.partial", folder / ".tmp-0123456789abcdef.db.partial-journal"]
    for path in left:
        path.write_bytes(b"\0" * 4096)  # a kill during the snapshot leaves the copy and its rollback journal
    backup_now(signed_in(office_store, clock, Role.ADMIN))
    assert not [p for p in left if p.exists()]
