"""The restore journal: a restore cut short is completed or undone by the next opening, never left
half-applied (the kill tests in ``test_kill_restore.py`` do this with real kills, in child processes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_desktop import fileio
from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.safety.backup import backup_now, before_restore_folder
from motcua_desktop.services.safety.integrity import check_database, open_workspace
from motcua_desktop.services.safety.restore import restore_backup
from motcua_desktop.storage import open_store
from motcua_desktop.storage.backup_files import BackupFailed, build_restored, restore_paths
from tests.factories import set_up_office
from tests.helpers.safety import register_many, signed_in


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no clean-up (it is not an ``Exception``)."""


def folder_with_backup(tmp_path: Path, clock) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    store = open_store(folder / "motcua.db")
    set_up_office(store, clock)
    register_many(signed_in(store, clock, Role.CLERK), 2)
    backup = backup_now(signed_in(store, clock, Role.ADMIN)).local.path
    register_many(signed_in(store, clock, Role.CLERK), 3, first=2)
    store.close()
    return folder, backup


def state(folder: Path) -> tuple[int, int]:
    """(epoch, dossiers) as the front door finds them."""
    workspace = open_workspace(folder)
    try:
        assert workspace.safe_mode is None and workspace.store is not None
        return workspace.store.events.device().epoch, workspace.store.dossiers.count()
    finally:
        workspace.close()


def kill_at(monkeypatch: pytest.MonkeyPatch, label: str) -> None:
    def point(name: str) -> None:
        if name.startswith(label):
            raise Killed(name)

    monkeypatch.setattr(fileio, "fault_point", point)
    import motcua_desktop.services.safety.restore as restore_module

    monkeypatch.setattr(restore_module, "fault_point", point)


def test_a_new_file_without_journal_is_removed_and_the_database_left_as_it_was(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    folder, backup = folder_with_backup(tmp_path, clock)
    new, journal = restore_paths(folder / "motcua.db")
    build_restored(backup, new)  # killed before the journal: the restore never happened
    journal.with_name(journal.name + ".partial").write_bytes(b'{"new_ep')
    assert state(folder) == (1, 5)
    assert not new.exists() and not journal.exists() and not list(folder.glob("*.partial"))


@pytest.mark.parametrize(
    "label",
    [
        "remove motcua.db-wal",
        "remove motcua.db-journal",
        "rename motcua.db.restore-new",
        "remove motcua.db.restore-journal",
    ],
)
def test_a_restore_killed_after_its_journal_is_completed_at_the_next_opening(
    tmp_path, clock, monkeypatch, label
) -> None:  # type: ignore[no-untyped-def]
    folder, backup = folder_with_backup(tmp_path, clock)
    store = open_store(folder / "motcua.db")
    admin = signed_in(store, clock, Role.ADMIN)
    with monkeypatch.context() as patch:
        kill_at(patch, label)
        with pytest.raises(Killed):
            restore_backup(admin, backup)
    _, journal = restore_paths(folder / "motcua.db")
    assert journal.exists()
    assert state(folder) == (2, 2)  # the backup's content at the new epoch, never one without the other
    assert not journal.exists()
    assert check_database(folder, full=True).ok
    assert [p.name.endswith(".db") for p in before_restore_folder(folder / "motcua.db").iterdir()] == [True]


def test_a_restore_killed_while_keeping_its_copy_leaves_no_partial_file(tmp_path, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder, backup = folder_with_backup(tmp_path, clock)
    store = open_store(folder / "motcua.db")
    admin = signed_in(store, clock, Role.ADMIN)
    with monkeypatch.context() as patch:
        kill_at(patch, "rename motcua-before-restore")
        with pytest.raises(Killed):
            restore_backup(admin, backup)
    assert list(before_restore_folder(folder / "motcua.db").glob("*.partial"))
    assert state(folder) == (1, 5)
    assert not list(before_restore_folder(folder / "motcua.db").iterdir())


def test_a_journal_that_cannot_be_written_leaves_the_database_as_it_was(tmp_path, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    folder, backup = folder_with_backup(tmp_path, clock)
    store = open_store(folder / "motcua.db")
    admin = signed_in(store, clock, Role.ADMIN)

    def full(path: Path, data: bytes, **_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "write_atomic", full)
    with pytest.raises(BackupFailed, match=r"ổ đĩa đã đầy.*dữ liệu đang dùng không thay đổi"):
        restore_backup(admin, backup)
    assert admin.store.dossiers.count() == 5 and not admin.store.readonly  # the old database, still open
    admin.store.close()
    monkeypatch.undo()
    assert state(folder) == (1, 5)
    assert not restore_paths(folder / "motcua.db")[0].exists()


def test_a_swap_refused_after_the_journal_is_finished_at_the_next_opening(tmp_path, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder, backup = folder_with_backup(tmp_path, clock)
    store = open_store(folder / "motcua.db")
    admin = signed_in(store, clock, Role.ADMIN)
    real = fileio.replace_file

    def held(source: Path, target: Path) -> None:
        if Path(source).name.endswith(".restore-new"):
            raise fileio.FileInUse(target, PermissionError(13, "held"))
        real(source, target)

    monkeypatch.setattr(fileio, "replace_file", held)
    with pytest.raises(BackupFailed, match="sẽ được hoàn tất khi mở lại"):
        restore_backup(admin, backup)
    assert admin.store.readonly  # nothing more is written to the database being replaced
    admin.store.close()
    monkeypatch.undo()
    assert state(folder) == (2, 2)
