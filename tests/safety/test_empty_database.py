"""A zero-length ``motcua.db`` (a typical power-loss artefact) is never replaced by a new empty
database (a new device id, and today's codes from -0001 again): the window and the command line start
in safe mode, say what happened and name the newest backup to restore; ``setup`` refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_desktop.cli import main
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.storage import open_store
from motcua_desktop.storage.errors import EmptyDatabase
from tests.cli.test_cli import SETUP
from tests.factories import ADMIN_PASSWORD, CLERK_PASSWORD
from tests.helpers.safety import folder_with_backup, seen_today

REGISTER = ["register", "--procedure", "1.001193", "--name", "Lê Văn Bình", "--id-number", "038087042028"]


def emptied(db: Path) -> None:
    db.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def empty_db(tmp_path, clock, monkeypatch):  # type: ignore[no-untyped-def]
    folder, backup, later = folder_with_backup(tmp_path, clock)
    store = open_store(folder / "motcua.db")
    seen_today(store)  # the command line runs on the real clock
    store.close()
    emptied(folder / "motcua.db")
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(folder))
    monkeypatch.setenv("MOTCUA_USER", "lan.nguyen")
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    return folder, backup, later


def test_the_window_starts_in_safe_mode_naming_the_newest_backup(empty_db) -> None:  # type: ignore[no-untyped-def]
    folder, backup, _later = empty_db
    db = folder / "motcua.db"
    workspace = open_workspace(folder)
    try:
        safe = workspace.safe_mode
        assert safe is not None and workspace.store is None
        message = safe.message()
        assert "rỗng (0 byte)" in message and "mất điện" in message and "khôi phục" in message
        assert backup.name in message and "vừa được cài đặt" not in message
    finally:
        workspace.close()
    assert db.stat().st_size == 0 and not Path(str(db) + "-wal").exists()  # nothing created in its place
    with pytest.raises(EmptyDatabase):
        open_store(db)  # not even by a direct open
    assert db.stat().st_size == 0


def test_setup_and_register_refuse_check_says_so_restore_gets_out(empty_db, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder, backup, later = empty_db
    db = folder / "motcua.db"
    monkeypatch.setenv("MOTCUA_PASSWORD", "mat-khau-moi-2026")
    code, _, err = run(capsys, *SETUP)
    assert code == 2 and "rỗng (0 byte)" in err and f"motcua restore «{backup}»" in err
    assert db.stat().st_size == 0  # no new database, no new device id
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    code, _, err = run(capsys, *REGISTER, "--all-documents")
    assert code == 2 and "chế độ an toàn" in err
    code, out, _ = run(capsys, "check")
    assert code == 3 and "rỗng (0 byte)" in out
    code, _, err = run(capsys, "search", "Nguyễn")
    assert code == 2 and "rỗng (0 byte)" in err  # nothing to read either
    assert db.stat().st_size == 0

    monkeypatch.setenv("MOTCUA_PASSWORD", ADMIN_PASSWORD)
    code, out, err = run(capsys, "restore", str(backup), "--yes", "--user", "admin")
    assert code == 0, err
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    code, out, err = run(capsys, *REGISTER, "--all-documents", "--json")
    assert code == 0, err
    assert not any(code in out for code in later)  # the codes printed after the backup are not reissued


def test_a_fresh_install_s_empty_file_says_how_to_start_again(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    folder.mkdir()
    emptied(folder / "motcua.db")
    workspace = open_workspace(folder)
    try:
        assert workspace.safe_mode is not None
        assert "vừa được cài đặt" in workspace.safe_mode.message()
    finally:
        workspace.close()


@pytest.mark.gui
def test_the_window_s_safe_mode_screen_says_it_and_restores(empty_db, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.safety.safe_mode import SafeModeDialog

    folder, backup, _later = empty_db
    workspace = open_workspace(folder)
    try:
        dialog = SafeModeDialog(workspace, clock=clock)
        qtbot.addWidget(dialog)
        shown = " ".join(label.text() for label in dialog.findChildren(type(dialog.chosen)))
        assert "rỗng (0 byte)" in shown and str(backup) in dialog.chosen.text()
        dialog.username.setText("admin")
        dialog.password.setText(ADMIN_PASSWORD)
        with qtbot.waitSignal(dialog.restored, timeout=5000):
            dialog.restore_button.click()
        assert workspace.safe_mode is None and workspace.store is not None
        assert workspace.store.dossiers.count() == 5  # the backup's dossiers are back
    finally:
        workspace.close()
