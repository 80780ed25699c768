"""The command line's standard streams as Windows gives them (finding 2 and the windowed exe of 12).

- Output redirected to a file or a pipe is in the ANSI code page (cp1252, strict) on Windows:
  imitated with ``PYTHONIOENCODING=cp1252:strict``. "Đã …" must come out, as UTF-8, and the exit
  code must be 0 for work that was done.
- A reader that goes away (``| head -1``) must not turn a recorded dossier into "nothing recorded".
- A windowed ``motcua.exe`` started by a scheduled task has ``sys.stdin is None`` (and no stdout).
Child output is always decoded as UTF-8 (never with the locale's code page).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua_desktop.streams import reader_gone, write_out
from tests.cli.test_cli import SETUP
from tests.windows.imitate import windows_error

ROOT = Path(__file__).resolve().parents[2]
# Everything here runs in child processes: a timer of a widget another test left behind must not be
# reported against these tests when pytest-qt processes events around them.
pytestmark = pytest.mark.qt_no_exception_capture
REGISTER = [
    "register",
    "--procedure",
    "1.001193",
    "--name",
    "nguyễn thị đào",
    "--id-number",
    "038187042030",
    "--sex",
    "nu",
    "--birth-date",
    "02/03/1987",
    "--all-documents",
    "--user",
    "lan",
]


def child_env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="cp1252:strict",  # what a redirected stream is on a Western-European Windows
        MOTCUA_DATA_DIR=str(data),
        QT_QPA_PLATFORM="offscreen",
        **extra,
    )
    return env


def motcua(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "motcua_desktop", *args], env=env, capture_output=True, timeout=300, check=False
    )


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """An office set up through the command line with a cp1252 strict output; the clerk ``lan``."""
    data = tmp_path / "Dữ liệu xã Đông Tiến"
    done = motcua(child_env(data, MOTCUA_PASSWORD="quan-tri-2026"), *SETUP)  # the administrator's new password
    assert done.returncode == 0, done.stderr.decode("utf-8")
    assert "Đã" in done.stdout.decode("utf-8")
    env = child_env(data, MOTCUA_PASSWORD="quan-tri-2026", MOTCUA_NEW_PASSWORD="ban-dau-2026")
    done = motcua(env, "user", "add", "lan", "--name", "Nguyễn Thị Lan", "--user", "admin")
    assert done.returncode == 0, done.stderr.decode("utf-8")
    assert "Đã tạo tài khoản lan" in done.stdout.decode("utf-8")
    env = child_env(data, MOTCUA_PASSWORD="ban-dau-2026", MOTCUA_NEW_PASSWORD="mat-khau-lan-2026")
    done = motcua(env, "user", "passwd", "--user", "lan")
    assert done.returncode == 0, done.stderr.decode("utf-8")
    return data


@pytest.mark.slow
def test_vietnamese_output_to_a_cp1252_file_or_pipe(office: Path) -> None:
    env = child_env(office, MOTCUA_PASSWORD="mat-khau-lan-2026")
    done = motcua(env, *REGISTER)
    assert done.returncode == 0, done.stderr.decode("utf-8")
    out = done.stdout.decode("utf-8")  # UTF-8, whatever the code page of the redirection
    assert "Đã tiếp nhận hồ sơ" in out and "Nguyễn Thị Đào" in out
    done = motcua(env, "search", "đào", "--json", "--user", "lan")
    assert done.returncode == 0 and json.loads(done.stdout.decode("utf-8"))
    done = motcua(env, "search", "--user", "lan", "--khong-co")
    assert done.returncode == 2 and "thiếu tham số bắt buộc" in done.stderr.decode("utf-8")  # errors too


@pytest.mark.slow
def test_a_reader_that_leaves_early_does_not_undo_a_registration(office: Path) -> None:
    """``motcua register … | head -1`` with head gone before the result is printed."""
    env = child_env(office, MOTCUA_PASSWORD="mat-khau-lan-2026")
    child = subprocess.Popen(
        [sys.executable, "-m", "motcua_desktop", *REGISTER, "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before anything is written
    with child.stderr:
        err = child.stderr.read().decode("utf-8")
    assert child.wait(timeout=300) == 0, err
    assert "không được ghi" not in err and "Exception ignored" not in err
    done = motcua(env, "search", "038187042030", "--json", "--user", "lan")
    assert done.returncode == 0 and len(json.loads(done.stdout.decode("utf-8"))) == 1  # recorded once


@pytest.mark.slow
def test_a_windowed_exe_without_streams_asks_for_the_password_variable(office: Path) -> None:
    """A scheduled task running ``motcua.exe`` (no console): no streams at all, no password set."""
    code = (
        "import sys\n"
        "sys.stdin = sys.stdout = sys.stderr = None\n"
        "from motcua_desktop.cli import main\n"
        "raise SystemExit(main(['search', 'đào', '--user', 'lan']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=child_env(office), capture_output=True, timeout=300, check=False
    )
    assert done.returncode == 2  # a known problem (missing password), not a crash (1)
    log = (office / "logs" / "motcua-cli.log").read_text(encoding="utf-8")
    assert "unexpected error" not in log


class ClosedPipe:
    """A text stream whose reader left, as Windows reports it: EINVAL with ERROR_NO_DATA (232)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise windows_error(232, "Invalid argument")

    def flush(self) -> None:
        raise windows_error(232, "Invalid argument")


def test_windows_closed_pipe_is_a_reader_gone_not_a_failure() -> None:
    assert reader_gone(windows_error(232, "Invalid argument")) and reader_gone(BrokenPipeError())
    assert not reader_gone(windows_error(112, "disk full"))
    assert write_out("Đã tiếp nhận hồ sơ", stream=ClosedPipe()) is False  # type: ignore[arg-type]
