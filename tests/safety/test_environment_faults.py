"""Each fault of the environment at start gets its own true message, never a traceback and never the
advice to restore a backup: a read-only data folder (even its log file cannot be opened) and a full
disk (never reported as a foreign or damaged database).

CI runs as root, which ``chmod`` does not stop: the faults are injected where the program opens its
files (``OSError`` with EROFS, EACCES, ENOSPC; SQLite's own SQLITE_FULL), and also made real with a
read-only bind mount and a full tmpfs where mounting is permitted."""

from __future__ import annotations

import builtins
import errno
import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from motcua_desktop.cli import main
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.storage import open_store
from motcua_desktop.storage.errors import DiskFull, FolderNotWritable
from tests.cli.test_cli import SETUP
from tests.factories import ADMIN_PASSWORD, set_up_office
from tests.helpers.safety import seen_today

REGISTER = [
    "register",
    "--procedure",
    "1.001193",
    "--name",
    "Lê Văn Bình",
    "--id-number",
    "038087042028",
    "--all-documents",
    "--user",
    "admin",
]
WRONG_ADVICE = ("không phải cơ sở dữ liệu", "bị hỏng", "Traceback", "Logging error", "không mong muốn")


@pytest.fixture
def folder(tmp_path, clock, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    store = open_store(data / "motcua.db")
    set_up_office(store, clock)
    seen_today(store)
    store.close()
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(data))
    monkeypatch.setenv("MOTCUA_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # where a log goes when the folder refuses it
    (tmp_path / "tmp").mkdir()
    return data


def refuse_writes(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int, only: str = "") -> None:
    """Every file opened for writing inside ``folder`` (or only those whose name starts with ``only``)
    fails with ``code``, as on a read-only drive (EROFS), without permission (EACCES) or a full disk (ENOSPC)."""
    real_open = builtins.open

    def faulty(opener: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            path = Path(os.fspath(file)) if isinstance(file, str | os.PathLike) else None
            inside = path is not None and Path(os.path.abspath(path)).is_relative_to(folder)
            if inside and any(c in mode for c in "wax+") and path.name.startswith(only):  # type: ignore[union-attr]
                raise OSError(code, os.strerror(code), str(path))
            return opener(file, mode, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(builtins, "open", faulty(real_open))  # logging's file handler opens through it too


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    root = logging.getLogger("motcua")
    for handler in list(root.handlers):  # each run opens its log again, as a new process would
        root.removeHandler(handler)
        handler.close()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_true_message(err: str) -> None:
    for wrong in WRONG_ADVICE:
        assert wrong not in err, err
    assert "KHÔNG cần khôi phục" in err


@pytest.mark.parametrize(
    ("code", "says"), [(errno.EROFS, "ổ đĩa chỉ đọc"), (errno.EACCES, "không có quyền ghi"), (errno.EPERM, "quyền ghi")]
)
def test_a_read_only_folder_is_said_as_such(folder, capsys, monkeypatch, code, says) -> None:  # type: ignore[no-untyped-def]
    content = (folder / "motcua.db").read_bytes()
    refuse_writes(monkeypatch, folder, code)
    for argv in (REGISTER, ["search", "Nguyễn", "--user", "admin"], SETUP):
        exit_code, _, err = run(capsys, *argv)
        assert exit_code == 2 and says in err and str(folder) in err, (argv, err)
        assert_true_message(err)
    with pytest.raises(FolderNotWritable, match=says):
        open_workspace(folder)  # the window says the same
    assert (folder / "motcua.db").read_bytes() == content


def test_check_still_reads_a_folder_it_cannot_write_to(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    refuse_writes(monkeypatch, folder, errno.EROFS)
    exit_code, out, err = run(capsys, "check")
    assert exit_code == 0 and "không có lỗi" in out, err
    assert "Traceback" not in err and "Logging error" not in err
    assert list((Path(tempfile.gettempdir()) / "motcua-logs").glob("*.log"))  # the log went to the temporary folder


def test_a_full_disk_at_start_is_a_full_disk(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    content = (folder / "motcua.db").read_bytes()
    refuse_writes(monkeypatch, folder, errno.ENOSPC, only=".motcua-probe")
    for argv in (REGISTER, ["search", "Nguyễn", "--user", "admin"]):
        exit_code, _, err = run(capsys, *argv)
        assert exit_code == 2 and "đã đầy" in err, (argv, err)
        assert_true_message(err)
    assert run(capsys, "check")[0] == 0  # reading needs no space
    with pytest.raises(DiskFull):
        open_workspace(folder)
    assert (folder / "motcua.db").read_bytes() == content


def test_sqlite_full_at_opening_is_a_full_disk_not_a_foreign_file(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The disk fills between the folder's probe and SQLite's own -wal and -shm files."""
    real_connect = sqlite3.connect
    probes = []

    def full(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "motcua.db" in str(database):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13  # type: ignore[attr-defined]
            raise error
        return real_connect(database, *args, **kwargs)

    def probe(_folder: Path) -> None:
        probes.append(_folder)

    monkeypatch.setattr(sqlite3, "connect", full)
    monkeypatch.setattr("motcua_desktop.storage.instance_lock.folder_fault", probe)
    monkeypatch.setattr("motcua_desktop.storage.errors.folder_fault", probe)
    for argv in (REGISTER, ["check"]):
        exit_code, _, err = run(capsys, *argv)
        assert exit_code == 2 and "đã đầy" in err, (argv, err)
        assert_true_message(err)
    with pytest.raises(DiskFull):
        open_store(folder / "motcua.db")
    assert probes


# --- the same faults made real (root on Linux; skipped where mounting is not permitted) ---------------


def mount(*args: str) -> None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root")
    done = subprocess.run(["mount", *args], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.decode(errors='replace').strip()}")


@pytest.fixture
def read_only_view(folder: Path, tmp_path: Path) -> Iterator[Path]:
    view = tmp_path / "read-only"
    view.mkdir()
    mount("--bind", str(folder), str(view))
    try:
        mount("-o", "remount,ro,bind", str(view))
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_real_read_only_drive(read_only_view, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(read_only_view))
    exit_code, out, err = run(capsys, "check", "--full")
    assert exit_code == 0 and "không có lỗi" in out, err
    exit_code, _, err = run(capsys, *REGISTER)
    assert exit_code == 2 and "ổ đĩa chỉ đọc" in err
    assert_true_message(err)


@pytest.fixture
def full_disk(folder: Path, tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "tmpfs"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk))
    try:
        shutil.copytree(folder, disk / "data")
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(filler, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(filler)
        yield disk / "data"
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_real_full_disk_at_start(full_disk, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(full_disk))
    for argv in (REGISTER, ["search", "Nguyễn", "--user", "admin"], ["check"]):
        exit_code, _, err = run(capsys, *argv)
        assert exit_code == 2 and "đã đầy" in err, (argv, err)
        assert_true_message(err)
