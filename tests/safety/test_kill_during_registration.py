"""Kill -9 a process that registers dossiers, many times, at random moments; nothing confirmed may
be lost, no code duplicated, sequences and the hash chain gap-free, the file intact."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua_desktop.domain.codes import parse_code
from motcua_desktop.domain.events import GENESIS_HASH, verify_chain
from motcua_desktop.services.safety.audit import verify_chains
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.storage import open_store
from tests.factories import set_up_office
from tests.helpers.safety import ROOT, child_env

ROUNDS = 50


class Writers:
    """Starts registering processes and kills them (-9) at random moments.

    One fresh process per round (a forking "zygote" saved the start-up but now and then never
    reported its child's end, hanging the test): each is read until its pipe closes, with a deadline.
    """

    def __init__(self, db: Path) -> None:
        self.db = db

    def run_and_kill(self, rng: random.Random) -> list[str]:
        """The codes one writer printed (each after its COMMIT) before it was killed."""
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.crash_writer", str(self.db)],
            cwd=ROOT,
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert child.stdout is not None
        ready = child.stdout.readline().strip()
        if ready != "READY":
            _, err = child.communicate(timeout=60)
            pytest.fail(f"the writer did not start: {ready!r}\n{err}")
        time.sleep(rng.uniform(0.0, 0.25))
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        out, _ = child.communicate(timeout=60)
        return [line for line in out.splitlines() if line.strip()]

    def close(self) -> None:
        pass


@pytest.mark.slow
def test_no_confirmed_dossier_is_lost_after_repeated_kills(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    store.close()
    rng = random.Random(20261122)
    confirmed: list[str] = []
    writers = Writers(db)
    try:
        for _ in range(ROUNDS):
            confirmed += writers.run_and_kill(rng)
    finally:
        writers.close()
    store = open_store(db)
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        codes = [r[0] for r in store.db.execute("SELECT code FROM dossiers ORDER BY code")]
        assert len(confirmed) >= 10  # the test did exercise registrations (few per round on a loaded machine)
        assert set(confirmed) <= set(codes)  # nothing confirmed was lost
        assert len(codes) == len(set(codes))  # no duplicate code
        by_day: dict[object, list[int]] = {}
        for code in codes:
            parsed = parse_code(code)
            assert parsed is not None
            by_day.setdefault(parsed.day, []).append(parsed.seq)
        for seqs in by_day.values():  # no number skipped or reused, day by day
            assert sorted(seqs) == list(range(1, len(seqs) + 1))
        registered = store.db.execute("SELECT count(*) FROM events WHERE kind = 'dossier.registered'").fetchone()[0]
        assert registered == len(codes)  # every dossier has its event, every event its dossier
        device = store.events.device()
        assert verify_chain(store.events.chain(device.device_id, device.epoch), start_prev=GENESIS_HASH) is None
        for (volume,) in store.db.execute("SELECT DISTINCT book_volume FROM dossiers").fetchall():
            sql = "SELECT book_line FROM dossiers WHERE book_volume = ? ORDER BY book_line"
            lines = [r[0] for r in store.db.execute(sql, (volume,))]
            assert lines == list(range(1, len(lines) + 1))  # the tracking book has no gap, volume by volume
        assert verify_chains(store).ok  # every link, every head
    finally:
        store.close()
    workspace = open_workspace(db.parent)  # the next start finds nothing wrong
    try:
        assert workspace.safe_mode is None and workspace.store is not None
    finally:
        workspace.close()
