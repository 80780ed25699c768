"""Disk full while saving: the save is rolled back, the clerk is told, nothing earlier is lost, and
work resumes once space is freed. Two ways: a real 4 MiB tmpfs (root only, skipped elsewhere) and
SQLite's own SQLITE_FULL through ``max_page_count`` (always runs)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.dossiers.lookup import search_dossiers
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.safety.audit import verify_chains
from motcua_desktop.services.safety.backup import backup_now, new_recovery_key, set_offsite_folder, set_recovery_key
from motcua_desktop.storage import open_store
from motcua_desktop.storage.backup_files import BackupFailed, verify_copy
from motcua_desktop.storage.errors import DiskFull
from tests.factories import applicant, birth_registration
from tests.helpers.safety import signed_in


def fill_until_full(ctx, limit: int = 2000) -> tuple[list[str], DiskFull]:  # type: ignore[no-untyped-def]
    """Registers until the disk is full; the codes acknowledged and the error."""
    acknowledged: list[str] = []
    for i in range(limit):
        ctx.clock.advance(seconds=30)
        try:
            result = register(ctx, birth_registration(applicant=applicant(id_number=f"0380870{i:05d}")))
        except DiskFull as exc:
            return acknowledged, exc
        acknowledged.append(str(result.dossier.code))
    raise AssertionError("the disk never filled up")


def assert_nothing_lost(store, acknowledged: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    codes = [r[0] for r in store.db.execute("SELECT code FROM dossiers WHERE code IS NOT NULL")]
    assert sorted(codes) == sorted(acknowledged)  # all confirmed, and no half-saved one
    registered = store.db.execute("SELECT count(*) FROM events WHERE kind = 'dossier.registered'").fetchone()[0]
    assert registered == len(acknowledged)
    assert verify_chains(store).ok


def test_injected_sqlite_full_rolls_back_and_says_so(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    pages = office_store.db.execute("PRAGMA page_count").fetchone()[0]
    office_store.db.execute(f"PRAGMA max_page_count = {pages + 8}")
    acknowledged, error = fill_until_full(clerk)
    assert "Ổ đĩa đã đầy" in error.message and "không mất dữ liệu cũ" in error.message
    assert not office_store.in_transaction and not office_store.db.conn.in_transaction
    assert_nothing_lost(office_store, acknowledged)
    assert search_dossiers(clerk, acknowledged[0])  # still usable for reading
    with pytest.raises(DiskFull):  # and still refusing cleanly while full
        register(clerk, birth_registration(applicant=applicant(id_number="038087099999")))
    office_store.db.execute(f"PRAGMA max_page_count = {pages * 100}")  # space freed
    again = register(clerk, birth_registration(applicant=applicant(id_number="038087099998")))
    assert_nothing_lost(office_store, [*acknowledged, str(again.dossier.code)])


def test_second_location_full_is_a_warning(office_store, clock, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    stick = tmp_path / "usb"
    stick.mkdir()
    set_offsite_folder(admin, str(stick))
    set_recovery_key(admin, new_recovery_key()[0])
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == stick:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc to tell which file is synced")
    monkeypatch.setattr("motcua_desktop.fileio.os.fsync", full)
    result = backup_now(admin)
    assert result.offsite is None and "ổ đĩa đã đầy" in result.warnings[0]
    assert list(stick.iterdir()) == []  # no partial file under any name
    assert verify_copy(result.local.path) == []


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs (root on Linux); skipped where mounting is not permitted."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_disk(folder: Path, leave: int) -> Path:
    filler = folder / "filler.bin"
    free = shutil.disk_usage(folder).free
    with open(filler, "wb") as handle:
        handle.truncate(0)
        handle.write(b"\0" * max(0, free - leave))
    return filler


def test_real_full_disk(office_store, clock, tmpfs) -> None:  # type: ignore[no-untyped-def]
    office_store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    office_store.close()
    live = tmpfs / "motcua.db"
    shutil.copyfile(office_store.path, live)
    store = open_store(live)
    try:
        clerk = signed_in(store, clock, Role.CLERK)
        filler = fill_disk(tmpfs, leave=160 * 1024)
        acknowledged, error = fill_until_full(clerk)
        assert "Ổ đĩa đã đầy" in error.message
        assert_nothing_lost(store, acknowledged)
        with pytest.raises(BackupFailed, match="không bị ảnh hưởng"):  # no room for a backup either
            backup_now(clerk)
        assert not [p for p in (tmpfs / "backups").glob("*") if p.is_file()]  # nothing half-written kept
        filler.unlink()  # the clerk frees space
        again = register(clerk, birth_registration(applicant=applicant(id_number="038087099998")))
        assert_nothing_lost(store, [*acknowledged, str(again.dossier.code)])
        assert verify_copy(backup_now(clerk).local.path) == []
    finally:
        store.close()
    reopened = open_store(live)
    assert_nothing_lost(reopened, [*acknowledged, str(again.dossier.code)])
    reopened.close()
