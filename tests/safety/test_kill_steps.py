"""Kill -9 ``motcua register``, account changes (``user add``, ``user reset``, ``user passwd``) and a
migration (a command opening an older-schema database) at every durable step (SQLite's commits
included: ``fileio.fault_point`` in ``Store.transaction`` and the migration runner) and at random
moments; after each kill every printed code is held, no code or tracking-book line is held twice,
the next registration reuses nothing printed before, and ``check --full`` passes.

Rounds as in ``test_kill_restore.py``: ``motcua`` in a child process at the round's fake date
(``tests.helpers.cli_at``), killed at its N-th durable step (every step once, in a seeded order) or
after a random delay, until 20 processes were killed.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.services.accounts import auth
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.storage import open_store
from motcua_desktop.storage.migrations import latest_version
from tests.factories import ADMIN_PASSWORD, CLERK_PASSWORD, MONDAY_9AM, FakeClock, set_up_office
from tests.helpers.kill_rounds import assert_sound, issued, run_as
from tests.safety.test_kill_restore import KILLS, SEED, Counter, Figures, plan, steps_of


def new_counter(folder: Path, registered: int = 2) -> Counter:
    counter = Counter(folder)
    store = open_store(counter.db)
    set_up_office(store, FakeClock(MONDAY_9AM))
    store.close()
    counter.register(registered)  # also adds the clerk lan.nguyen (password CLERK_PASSWORD)
    return counter


def printed(counter: Counter, out: str, figures: Figures) -> None:
    """A code the command printed: a reissue when printed before; from now on it must be held."""
    shown = json.loads(out)
    line = (shown["book_volume"], shown["book_line"])
    figures.reissued += shown["code"] in counter.codes or line in counter.lines
    counter.codes.add(shown["code"])
    counter.lines.add(line)


@pytest.mark.slow
def test_killing_register_never_loses_or_reissues_a_printed_code(tmp_path: Path) -> None:
    rng = random.Random(SEED + 10)
    counter = new_counter(tmp_path / "data")
    figures = Figures()

    def register(kill_at: int | None = None, delay: float | None = None) -> tuple[int, str, str]:
        number = f"0380872{counter.minutes:05d}"
        args = ["register", "--procedure", "1.001193", "--name", "Trần Văn Bình", "--id-number", number]
        return run_as(
            counter, [*args, "--all-documents", "--json"], "lan.nguyen", CLERK_PASSWORD, kill_at=kill_at, delay=delay
        )

    started = time.monotonic()
    code, out, err = register(kill_at=0)
    whole_run = time.monotonic() - started
    assert code == 0, err
    steps = steps_of(err)
    assert steps >= 2, err  # the sign-in record and the registration are each committed
    printed(counter, out, figures)
    figures.completed += 1
    for kill_at, delay in plan(rng, steps, whole_run, figures):
        counter.register(1)
        before = len(issued(counter.db)[0])
        code, out, err = register(kill_at, delay)
        figures.kills += code != 0
        assert code in (0, -9, 137), err
        if code == 0:
            printed(counter, out, figures)
        committed = len(issued(counter.db)[0]) - before
        assert committed in (0, 1) and (code != 0 or committed == 1)
        figures.completed += committed  # a kill after the commit: held, never shown, never reused
        figures.undone += 1 - committed
        figures.reissued += len(counter.register(1))  # the next registration reuses nothing printed
        assert_sound(counter, figures)
    print("\n" + figures.line("register") + f"; {steps} durable steps")
    assert figures.reissued == 0
    assert figures.kills >= KILLS


def audit(db: Path, kind: str, username: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT payload, actor FROM events WHERE kind = ?", [kind]).fetchall()
    finally:
        conn.close()
    return sum(1 for payload, actor in rows if json.loads(payload).get("username", actor) == username)


def password_of(db: Path, username: str) -> str | None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT password_hash FROM users WHERE username = ?", [username]).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


NAMES = ("An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Linh", "Minh", "Nga", "Phúc")


class Accounts:
    """The accounts the test made, each with the password that must work, and their audit counts."""

    def __init__(self, counter: Counter) -> None:
        self.counter = counter
        self.passwords: dict[str, str] = {}
        self.made = 0

    def action(self, which: int, kill_at: int | None, delay: float | None) -> tuple[bool, int, str, str]:
        """Adds an account, resets one or changes one's own password; returns (done, exit code,
        output, standard error)."""
        counter = self.counter
        if which == 0 or not self.passwords:
            self.made += 1
            name, password = f"can.bo{self.made}", f"mat-khau-moi-{self.made}!"
            before = audit(counter.db, ev.USER_ADDED, name)
            assert before == 0 and password_of(counter.db, name) is None
            args = ["user", "add", name, "--name", f"Cán Bộ {NAMES[self.made % len(NAMES)]}", "--json"]
            code, out, err = run_as(
                counter, args, "admin", ADMIN_PASSWORD, kill_at=kill_at, delay=delay, MOTCUA_NEW_PASSWORD=password
            )
            stored = password_of(counter.db, name)
            added = audit(counter.db, ev.USER_ADDED, name)
            assert added == (stored is not None)  # the account exists exactly when its audit event does
            if stored is not None:
                assert auth._verifies(stored, password)  # with the password typed
                self.passwords[name] = password
            assert code != 0 or stored is not None, err
            return stored is not None, code, out, err
        name = sorted(self.passwords)[self.made % len(self.passwords)]
        old = self.passwords[name]
        if which == 1:
            before = audit(counter.db, ev.USER_PASSWORD_RESET, name)
            code, out, err = run_as(
                counter, ["user", "reset", name, "--json"], "admin", ADMIN_PASSWORD, kill_at=kill_at, delay=delay
            )
            kind, new = ev.USER_PASSWORD_RESET, (json.loads(out)["one_time_password"] if code == 0 else None)
        else:
            before = audit(counter.db, ev.PASSWORD_CHANGED, name)
            self.made += 1
            new = f"doi-mat-khau-{self.made}!"
            code, out, err = run_as(
                counter, ["user", "passwd", "--json"], name, old, kill_at=kill_at, delay=delay, MOTCUA_NEW_PASSWORD=new
            )
            kind = ev.PASSWORD_CHANGED
        stored = password_of(counter.db, name)
        assert stored is not None
        changed = audit(counter.db, kind, name) - before
        assert changed in (0, 1)
        if changed == 0:  # undone: the old password still works
            assert auth._verifies(stored, old), err
        else:  # done: the old one no longer works; the new one does (the reset's, when it was shown)
            assert not auth._verifies(stored, old)
            if new is not None:
                assert auth._verifies(stored, new)
                self.passwords[name] = new
            else:  # killed after the commit, before the one-time password was shown: set another
                del self.passwords[name]
        assert code != 0 or changed == 1, err
        return changed == 1, code, out, err


@pytest.mark.slow
def test_killing_account_changes_leaves_each_account_whole_and_audited(tmp_path: Path) -> None:
    rng = random.Random(SEED + 11)
    counter = new_counter(tmp_path / "data", registered=1)
    accounts = Accounts(counter)
    figures = Figures()
    steps: dict[int, int] = {}
    started = time.monotonic()
    for which in (0, 1, 2):  # a whole run of each lists its steps
        _, code, _, err = accounts.action(which, 0, None)
        assert code == 0, err
        steps[which] = steps_of(err)
        figures.completed += 1
    whole_run = (time.monotonic() - started) / 3
    order = [(which, n, None) for which in steps for n in range(1, steps[which] + 1)]
    rng.shuffle(order)
    rounds = 0
    while figures.kills < KILLS or rounds < len(order):
        which, kill_at, delay = (
            order[rounds] if rounds < len(order) else (rounds % 3, None, rng.uniform(0.4, 1.0) * whole_run)
        )
        rounds += 1
        assert rounds < 4 * KILLS
        done, code, _, err = accounts.action(which, kill_at, delay)
        figures.kills += code != 0
        assert code in (0, -9, 137), err
        figures.completed += done
        figures.undone += not done
        figures.reissued += len(counter.register(1))
        assert_sound(counter, figures)
    print("\n" + figures.line("accounts (user add, reset, passwd)") + f"; steps {steps}")
    assert figures.reissued == 0
    assert figures.kills >= KILLS


def older_schema(db: Path) -> int:
    """Takes the database back to the schema before the two newest migrations (009, complaints and the
    queue; 010, the practices): the kills then land in two migrations' commits."""
    assert latest_version() == 10, "a newer migration: undo it here too (the test opens a schema-8 database)"
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("DROP INDEX satisfaction_ratings_day")
        conn.execute("ALTER TABLE satisfaction_ratings DROP COLUMN channel")
        conn.execute("DROP INDEX dossiers_same_day")
        conn.execute("ALTER TABLE dossiers DROP COLUMN same_day")
        conn.execute("DROP TABLE complaints")
        conn.execute("DROP TABLE queue_tickets")
        conn.execute("PRAGMA user_version = 8")
        conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    return 8


def schema_of(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_killing_a_migration_leaves_the_old_or_the_new_schema_and_every_code(tmp_path: Path) -> None:
    rng = random.Random(SEED + 12)
    counter = new_counter(tmp_path / "data", registered=3)
    template = tmp_path / "older.db"
    shutil.copyfile(counter.db, template)
    older = older_schema(template)
    held = (set(counter.codes), set(counter.lines))
    figures = Figures()

    def migrate(kill_at: int | None = None, delay: float | None = None) -> tuple[int, str, str]:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(counter.db) + suffix).unlink(missing_ok=True)
        shutil.copyfile(template, counter.db)  # each round opens the older database afresh
        counter.codes, counter.lines = set(held[0]), set(held[1])
        return run_as(counter, ["backup", "list"], "admin", ADMIN_PASSWORD, kill_at=kill_at, delay=delay)

    started = time.monotonic()
    code, _, err = migrate(kill_at=0)
    whole_run = time.monotonic() - started
    assert code == 0, err
    steps = steps_of(err)
    assert "commit migration 9" in err and "commit migration 10" in err and steps >= 5, (
        err
    )  # the copy kept before migrating, the migration
    figures.completed += 1
    for kill_at, delay in plan(rng, steps, whole_run, figures):
        code, _, err = migrate(kill_at, delay)
        figures.kills += code != 0
        assert code in (0, -9, 137), err
        version = schema_of(counter.db)
        assert older <= version <= latest_version()  # each migration whole: before it or after it, never inside
        if version == latest_version():
            figures.completed += 1
        else:
            figures.undone += 1
        assert issued(counter.db)[0] and set(issued(counter.db)[0]) == held[0]  # the data came through intact
        figures.reissued += len(counter.register(1))  # the front door finishes the migration first
        assert schema_of(counter.db) == latest_version()
        assert_sound(counter, figures)
    for copy in (counter.folder / "backups" / "pre-migration").glob("*.db"):
        assert older <= schema_of(copy) < latest_version()  # a copy under its final name is whole
    workspace = open_workspace(counter.folder)
    assert workspace.safe_mode is None
    workspace.close()
    print("\n" + figures.line("migration") + f"; {steps} durable steps")
    assert figures.reissued == 0
    assert figures.kills >= KILLS
