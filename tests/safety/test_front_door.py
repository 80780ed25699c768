"""One front door to the data: the command line opens a data folder through the same checks as the
window (``open_workspace``: lock, location, integrity, migration, "behind a backup", safe mode). In
safe mode every writing command exits 2 with the reason and writes nothing; reading commands and the
restore that ends safe mode still work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motcua_desktop.cli import main
from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.safety.backup import backup_now
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.services.workspace import hold_folder
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD, CLERK_PASSWORD, set_up_office
from tests.helpers.safety import register_many, seen_today, signed_in

REGISTER = [
    "register",
    "--procedure",
    "1.001193",
    "--name",
    "Lê Văn Bình",
    "--id-number",
    "038087042028",
    "--all-documents",
]


def codes(db: Path) -> list[str]:
    store = open_store(db, readonly=True)
    try:
        return sorted(r[0] for r in store.db.execute("SELECT code FROM dossiers"))
    finally:
        store.close()


@pytest.fixture
def lost_wal(data_dir: Path, clock, monkeypatch) -> tuple[Path, Path, list[str]]:  # type: ignore[no-untyped-def]
    """A data folder whose ``-wal`` file was deleted after a crash: its last registrations (printed,
    and in the newest backup) are gone from the database. Returns the folder, the backup, the lost codes."""
    db = data_dir / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    register_many(signed_in(store, clock, Role.CLERK), 3)
    store.close()  # checkpointed: these are in the main file

    store = open_store(db)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")  # what follows stays in the -wal file
    lost = [str(d.code) for d in register_many(signed_in(store, clock, Role.CLERK), 2, first=3)]
    seen_today(store)  # the command line runs on the real clock
    backup = backup_now(signed_in(store, clock, Role.ADMIN)).local.path
    main_file = data_dir.parent / "main-file-only.db"
    shutil.copyfile(db, main_file)  # the main file as the crash left it, without its -wal
    store.close()
    shutil.copyfile(main_file, db)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    monkeypatch.setenv("MOTCUA_USER", "lan.nguyen")
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    return data_dir, backup, lost


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_command_line_opens_through_the_window_s_front_door(lost_wal) -> None:  # type: ignore[no-untyped-def]
    folder, backup, _lost = lost_wal
    workspace = open_workspace(folder)
    window_reason = workspace.safe_mode.reason if workspace.safe_mode else ""
    workspace.close()
    held = hold_folder(folder)
    try:
        assert held.safe_mode is not None and held.safe_mode.reason == window_reason
        assert "-wal" in window_reason and backup.name in window_reason
        assert held.ctx is not None and held.ctx.store.readonly
    finally:
        held.close()


def test_register_behind_a_backup_exits_2_and_reissues_nothing(lost_wal, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder, backup, lost = lost_wal
    db = folder / "motcua.db"
    before = codes(db)
    content = db.read_bytes()
    code, out, err = run(capsys, *REGISTER)
    assert code == 2 and out == ""
    assert "chế độ an toàn" in err and "-wal" in err and f"motcua restore «{backup}»" in err
    assert db.read_bytes() == content and codes(db) == before  # nothing written, no code given again
    assert not set(before) & set(lost)

    for writing in (
        ["locate", before[0], "Tủ 2"],
        ["user", "passwd"],
        ["clock", "confirm", "07/12/2026 09:00", "--reason", "x"],
    ):
        code, _, err = run(capsys, *writing)
        assert code == 2 and "chế độ an toàn" in err, writing
    assert db.read_bytes() == content

    code, out, err = run(capsys, "search", "Nguyễn", "--json")  # reading still works
    assert code == 0 and before[0] in out, err
    code, out, err = run(capsys, "show", before[0])
    assert code == 0 and before[0] in out, err
    code, out, err = run(capsys, "check")
    assert code == 3 and "-wal" in out  # check says what the window says
    assert db.read_bytes() == content

    code, out, err = run(capsys, "restore", str(backup), "--yes", "--user", "admin")
    assert code == 2 and "mật khẩu" in err.lower()  # a clerk's password does not restore
    monkeypatch.setenv("MOTCUA_PASSWORD", ADMIN_PASSWORD)
    code, out, err = run(capsys, "restore", str(backup), "--yes", "--user", "admin")
    assert code == 0, err
    assert set(lost) <= set(codes(db))  # every printed receipt is back
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    code, out, err = run(capsys, *REGISTER, "--json")
    assert code == 0, err
    (new,) = set(codes(db)) - set(lost) - set(before)
    assert new in out  # a new code, none of the printed ones


def safe_mode_commands() -> set[str]:
    """Every command (with its sub-commands) whose handler is marked ``runs_in_safe_mode``."""
    import argparse

    from motcua_desktop.cli import ALL, build_parser

    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        handler = parser.get_default("handler")
        if handler is not None and getattr(handler, "runs_in_safe_mode", False):
            found.add(prefix)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{prefix} {name}".strip())

    walk(build_parser(ALL), "")
    return found


def test_only_reading_commands_and_restore_run_in_safe_mode() -> None:
    """A new command is a writing one (refused in safe mode) until someone decides otherwise here."""
    assert safe_mode_commands() == {
        "audit list",
        "audit verify",
        "backup",
        "backup list",
        "restore",
        "calendar due",
        "calendar show",
        "calendar flags",
        "catalogue list",
        "catalogue export",
        "check",
        "clock status",
        "show",
        "search",
        "hub status",
        "report",
        "verify",
        "sync recipient list",
        "sync device list",
        "sync status",
        "sync reports",
        "sync conflicts",
        "user list",
        "complaint list",
        "complaint report",
        "queue board",
        "queue report",
    }
