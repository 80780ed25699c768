"""Someone deletes the ``-wal`` file after a crash: the database is still consistent (it lost its
latest commits), and because a backup of this PC knows later events the program stops writing
(safe mode) and offers that backup instead of issuing the same numbers again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.safety.audit import verify_chains
from motcua_desktop.services.safety.integrity import open_workspace, restore_in_safe_mode
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD, set_up_office
from tests.helpers.safety import ROOT, child_env, register_many, signed_in


def run_child(db: Path, count: int) -> tuple[list[str], Path]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.register_then_vanish", str(db), str(count)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    lines = done.stdout.split()
    backup = Path(lines[lines.index("BACKUP") + 1])
    return lines[: lines.index("BACKUP")], backup


@pytest.mark.slow
def test_deleted_wal_is_consistent_and_stops_writing(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    db = folder / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    early = [str(d.code) for d in register_many(signed_in(store, clock, Role.CLERK), 3)]
    store.close()  # checkpointed: these are in the main file

    acknowledged, backup = run_child(db, 4)
    assert len(acknowledged) == 4
    wal = Path(str(db) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    wal.unlink()  # "cleaning up" after the crash
    Path(str(db) + "-shm").unlink(missing_ok=True)

    store = open_store(db, readonly=True)
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        codes = {r[0] for r in store.db.execute("SELECT code FROM dossiers")}
        assert codes == set(early)  # consistent: the latest commits are gone, nothing half there
        registered = store.db.execute("SELECT count(*) FROM events WHERE kind = 'dossier.registered'").fetchone()[0]
        assert registered == len(codes)
        assert verify_chains(store).ok
    finally:
        store.close()

    workspace = open_workspace(folder)
    try:
        safe = workspace.safe_mode
        assert safe is not None and "-wal" in safe.reason and backup.name in safe.reason
        assert workspace.store is not None and workspace.store.readonly
        assert safe.backup is not None and safe.backup.path == backup
        ctx, _result = restore_in_safe_mode(workspace, backup, "admin", ADMIN_PASSWORD, clock=clock)
        restored = {r[0] for r in ctx.store.db.execute("SELECT code FROM dossiers")}
        assert set(acknowledged) | set(early) <= restored  # every printed receipt is back
    finally:
        workspace.close()
