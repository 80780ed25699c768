"""Backups taken while another process keeps registering are consistent snapshots; a restore
followed by new registrations never reuses a dossier code or a (device, epoch, sequence)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.backups import parse_backup_name
from motcua_desktop.services.safety.audit import verify_chains
from motcua_desktop.services.safety.backup import backup_now
from motcua_desktop.services.safety.restore import restore_backup
from motcua_desktop.storage import open_store
from tests.factories import set_up_office
from tests.helpers.safety import ROOT, child_env, register_many, signed_in

BACKUPS = 8


@pytest.mark.slow
def test_backups_during_registrations_are_consistent(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    admin = signed_in(store, clock, Role.ADMIN)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_writer", str(db)],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    made: list[Path] = []
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "READY"
        for _ in range(BACKUPS):
            time.sleep(0.1)
            clock.advance(minutes=1)
            fresh = backup_now(admin).local.path  # older ones are thinned away: keep each for inspection
            made.append(Path(shutil.copy2(fresh, tmp_path / fresh.name)))
    finally:
        writer.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        out, _ = writer.communicate(timeout=30)
    acknowledged = [line for line in out.splitlines() if line.strip()]
    assert len(acknowledged) > BACKUPS  # registrations really ran alongside
    sizes = []
    for path in made:
        name = parse_backup_name(path.name)
        assert name is not None
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        registered = conn.execute("SELECT count(*) FROM events WHERE kind = 'dossier.registered'").fetchone()[0]
        last_seq = conn.execute("SELECT max(seq) FROM events WHERE epoch = ?", [name.epoch]).fetchone()[0]
        conn.close()
        assert dossiers == registered  # no dossier without its event, no event without its dossier
        assert last_seq == name.seq  # the name is exactly the snapshot's sequence
        sizes.append(dossiers)
        copy = open_store(path, readonly=True)
        assert verify_chains(copy).ok
        copy.close()
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]  # successive snapshots of a growing database
    store.close()


def event_keys(path: Path) -> dict[tuple[str, int, int], str]:
    conn = sqlite3.connect(path)
    try:
        return {(r[0], r[1], r[2]): r[3] for r in conn.execute("SELECT device_id, epoch, seq, uuid FROM events")}
    finally:
        conn.close()


def test_restore_then_register_reuses_no_number(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    admin = signed_in(office_store, clock, Role.ADMIN)
    issued = {str(d.code) for d in register_many(clerk, 4)}
    backup = backup_now(admin).local.path
    issued |= {str(d.code) for d in register_many(clerk, 3, first=4)}  # printed, maybe already exported
    result = restore_backup(admin, backup)
    store = admin.store
    clerk = signed_in(store, clock, Role.CLERK)
    new_codes = {str(d.code) for d in register_many(clerk, 5, first=10)}
    assert not new_codes & issued
    before = event_keys(result.kept_copy[0])
    after = event_keys(store.path)
    for key in before.keys() & after.keys():  # the same (device, epoch, seq) only for the same event
        assert before[key] == after[key]
    assert {k[1] for k in after.keys() - before.keys()} == {result.new_epoch}
    assert verify_chains(store).ok
