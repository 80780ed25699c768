"""Kill -9 a process that registers dossiers, many times, at random moments; nothing confirmed may
be lost, no code duplicated, sequences and the hash chain gap-free, the file intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua_desktop.domain.codes import parse_code
from motcua_desktop.domain.events import GENESIS_HASH, verify_chain
from motcua_desktop.services.audit import verify_chains
from motcua_desktop.services.integrity import open_workspace
from motcua_desktop.storage import open_store
from tests.factories import set_up_office

ROUNDS = 50
ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(db: Path, rng: random.Random) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_writer", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY", child.stderr.read() if child.stderr else ""
    time.sleep(rng.uniform(0.0, 0.25))
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    return [line for line in out.splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_no_confirmed_dossier_is_lost_after_repeated_kills(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    store.close()
    rng = random.Random(20261122)
    confirmed: list[str] = []
    for _ in range(ROUNDS):
        confirmed += run_and_kill(db, rng)
    store = open_store(db)
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        codes = [r[0] for r in store.db.execute("SELECT code FROM dossiers ORDER BY code")]
        assert len(confirmed) > ROUNDS  # the test did exercise registrations
        assert set(confirmed) <= set(codes)  # nothing confirmed was lost
        assert len(codes) == len(set(codes))  # no duplicate code
        seqs = sorted(parse_code(c).seq for c in codes)  # type: ignore[union-attr]
        assert seqs == list(range(1, len(codes) + 1))  # no number skipped or reused
        registered = store.db.execute("SELECT count(*) FROM events WHERE kind = 'dossier.registered'").fetchone()[0]
        assert registered == len(codes)  # every dossier has its event, every event its dossier
        device = store.events.device()
        assert verify_chain(store.events.chain(device.device_id, device.epoch), start_prev=GENESIS_HASH) is None
        lines = [r[0] for r in store.db.execute("SELECT book_line FROM dossiers ORDER BY book_line")]
        assert lines == list(range(1, len(lines) + 1))
        assert verify_chains(store).ok  # every link, every head
    finally:
        store.close()
    workspace = open_workspace(db.parent)  # the next start finds nothing wrong
    try:
        assert workspace.safe_mode is None and workspace.store is not None
    finally:
        workspace.close()
