"""Two Windows accounts on one counter PC (finding 4).

Each account has its own data folder by default (``%LOCALAPPDATA%``) and the instance lock is per
folder: both could set up "counter 1" of the same office and issue the same dossier codes. Here
two data folders stand for two accounts' folders, and ``MOTCUA_MACHINE_DIR`` for ``%ProgramData%``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from motcua_desktop import counter_claims, paths
from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.office.setup import DataElsewhere, update_office
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.storage import open_store
from tests.cli.test_cli import SETUP, run
from tests.factories import FakeClock, context, make_office, set_up_office


@pytest.fixture
def program_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ProgramData" / "MotCuaDesktop"
    monkeypatch.setenv("MOTCUA_MACHINE_DIR", str(folder))
    return folder


def account_folder(tmp_path: Path, user: str, clock: FakeClock, counter_no: int = 1) -> Path:
    """``C:\\Users\\<user>\\AppData\\Local\\MotCuaDesktop`` with an office set up as counter ``counter_no``."""
    folder = tmp_path / "Users" / user / "AppData" / "Local" / "MotCuaDesktop"
    store = open_store(paths.database_path(folder))
    try:
        set_up_office(store, clock, counter_no)
    finally:
        store.close()
    return folder


def test_a_second_account_cannot_set_up_the_same_counter(tmp_path, program_data, clock) -> None:  # type: ignore[no-untyped-def]
    lan = account_folder(tmp_path, "Nguyễn Thị Lan", clock)
    claim = json.loads((program_data / "counters" / "000.00.12.H56-quay-1.claim").read_text(encoding="utf-8"))
    assert claim["data_folder"] == str(lan)
    with pytest.raises(counter_claims.CounterTaken) as refused:
        account_folder(tmp_path, "Trần Văn Hùng", clock)
    assert str(lan) in refused.value.message and "trùng mã hồ sơ" in refused.value.message
    assert account_folder(tmp_path, "Trần Văn Hùng", clock, counter_no=2).exists()  # another counter: fine


def test_a_second_database_made_before_the_check_is_refused_at_opening(
    tmp_path, program_data, clock, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    lan = account_folder(tmp_path, "Lan", clock)
    monkeypatch.setenv("MOTCUA_MACHINE_DIR", "")
    hung = account_folder(tmp_path, "Hùng", clock)  # set up by an older version, unchecked
    monkeypatch.setenv("MOTCUA_MACHINE_DIR", str(program_data))
    open_workspace(lan).close()  # the first one keeps working
    with pytest.raises(counter_claims.CounterTaken, match="Quầy số 1"):
        open_workspace(hung)
    monkeypatch.setenv("MOTCUA_PASSWORD", "x")
    code, _out, err = run(capsys, "--data-dir", str(hung), "user", "list", "--user", "admin")
    assert code == 2 and str(lan) in err and "Traceback" not in err
    shutil.rmtree(lan)  # that account's data is gone (profile deleted): the claim passes on
    open_workspace(hung).close()


def test_changing_the_counter_number_moves_the_claim(tmp_path, program_data, clock) -> None:  # type: ignore[no-untyped-def]
    lan = account_folder(tmp_path, "Lan", clock)
    store = open_store(paths.database_path(lan))
    try:
        admin = context(store, clock, role=Role.ADMIN, username="admin")
        update_office(admin, make_office(3))
    finally:
        store.close()
    assert sorted(p.name for p in (program_data / "counters").iterdir()) == ["000.00.12.H56-quay-3.claim"]
    assert account_folder(tmp_path, "Hùng", clock, counter_no=1).exists()  # counter 1 is free again


def test_a_machine_that_refuses_the_claim_folder_still_works(tmp_path, monkeypatch, clock) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MOTCUA_MACHINE_DIR", str(blocker))  # mkdir fails, like a locked-down ProgramData
    assert account_folder(tmp_path, "Lan", clock).exists()


def test_the_shared_folder_chosen_at_installation(tmp_path, monkeypatch, clock) -> None:  # type: ignore[no-untyped-def]
    program = tmp_path / "Program Files" / "MotCuaDesktop"
    program.mkdir(parents=True)
    # What the installer writes (with Windows' separator; this machine's own here, so that it is one folder).
    (program / paths.MACHINE_SETTING).write_bytes(f"[data]\r\nfolder=%ProgramData%{os.sep}MotCuaDesktop\r\n".encode())
    monkeypatch.setenv("ProgramData", str(tmp_path / "ProgramData"))
    monkeypatch.setattr(paths, "program_folder", lambda: program)
    monkeypatch.delenv("MOTCUA_DATA_DIR", raising=False)
    shared = paths.data_dir()
    assert shared.name == "MotCuaDesktop" and shared.parent == tmp_path / "ProgramData"
    # Before the installer's choice, this account already worked in its own folder: never start afresh.
    own = account_folder(tmp_path, "Lan", clock)
    monkeypatch.setattr(paths, "user_data_dir", lambda: own)
    with pytest.raises(DataElsewhere, match="chuyển toàn bộ nội dung"):
        open_workspace(shared)
    assert not paths.database_path(shared).exists()  # no empty database was created
    shutil.copytree(own, shared, dirs_exist_ok=True)  # what the IT officer does (docs/windows.md)
    open_workspace(shared).close()


def test_the_installer_may_write_the_setting_in_utf16(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / paths.MACHINE_SETTING).write_bytes("[data]\r\nfolder=D:\\Dữ liệu\\MotCua\r\n".encode("utf-16"))
    assert str(paths.machine_data_dir(tmp_path)).endswith("MotCua")
    assert paths.machine_data_dir(tmp_path / "nothing-here") is None


def test_setup_from_the_command_line_names_the_other_folder(tmp_path, program_data, clock, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    lan = account_folder(tmp_path, "Lan", clock)
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    code, _out, err = run(capsys, *SETUP, "--data-dir", str(tmp_path / "Hùng"))
    assert code == 2 and str(lan) in err


def test_the_installer_writes_what_the_program_reads() -> None:
    """The installer script and ``paths`` agree on the shared data folder (ISCC runs only on Windows)."""
    script = (Path(__file__).resolve().parents[2] / "installer" / "motcua.iss").read_text(encoding="utf-8")
    assert "#if VER < EncodeVer(6,3,0)" in script  # x64compatible needs Inno Setup 6.3
    ini = next(line for line in script.splitlines() if line.startswith('Filename: "{app}\\' + paths.MACHINE_SETTING))
    assert 'Section: "data"; Key: "folder"' in ini and "{commonappdata}\\MotCuaDesktop" in ini
    assert "Tasks: shareddata" in ini
    assert 'Name: "{commonappdata}\\MotCuaDesktop"; Permissions: users-modify; Tasks: shareddata' in script
    assert 'Name: "{commonappdata}\\MotCuaDesktop\\counters"; Permissions: users-modify' in script
