"""Passwords typed at a terminal: a password being set is asked twice, a mismatch asks again.

Run through a real pseudo-terminal (``getpass`` reads the controlling terminal, not stdin), so the
prompts are the ones a person sees. POSIX only: Windows has no pty (its console prompt is the same
``getpass`` call).
"""

from __future__ import annotations

import codecs
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")

SETUP = [
    "setup",
    "--superior",
    "UBND phường Đông Tiến",
    "--unit",
    "Trung tâm Phục vụ hành chính công phường Đông Tiến",
    "--agency-id",
    "000.00.12.H56",
    "--province",
    "Thanh Hóa",
    "--commune",
    "Phường Đông Tiến",
    "--counter",
    "1",
    "--admin-user",
    "admin",
    "--admin-name",
    "Nguyễn Văn Quản",
]


class Terminal:
    """A child process on a pseudo-terminal: wait for a prompt, type a line."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import pty

        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the pty is its controlling terminal
            os.execve(argv[0], argv, env)
        self.seen = ""
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")  # a read may split a letter
        self.read_up_to = 0  # what ``expect`` has already matched

    def expect(self, text: str, timeout: float = 60) -> None:
        """Waits for ``text`` after what was matched before. Type only after the prompt shows:
        ``getpass`` discards what was typed ahead (TCSAFLUSH), as a terminal does for a person."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.read_up_to :]:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"waited for «{text}», the terminal shows:\n{self.seen}"
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                assert chunk, f"the program ended before «{text}»:\n{self.seen}"
                self.seen += self.decoder.decode(chunk)
        self.read_up_to = self.seen.index(text, self.read_up_to) + len(text)

    def type(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode("utf-8"))

    def finish(self, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.drain()
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            self.drain(0.2)
        os.kill(self.pid, 9)
        raise AssertionError(f"the program did not end:\n{self.seen}")

    def drain(self, wait: float = 0) -> None:
        while select.select([self.fd], [], [], wait)[0]:
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                return
            if not chunk:
                return
            self.seen += self.decoder.decode(chunk)
            wait = 0


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    return env | {"MOTCUA_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}


def test_setup_asks_the_new_password_twice_and_again_on_a_mismatch(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    term = Terminal([sys.executable, "-m", "motcua_desktop", *SETUP], env)
    term.expect("Đặt mật khẩu cho admin: ")
    term.type("ngắn")  # too short: the policy answers before the second prompt
    term.expect("ít nhất")
    term.expect("Đặt mật khẩu cho admin: ")
    term.type("mật khẩu quản trị")
    term.expect("Nhập lại mật khẩu để xác nhận: ")
    term.type("mật khẩu quản trj")  # a typo
    term.expect("không khớp")
    term.expect("Đặt mật khẩu cho admin: ")
    term.type("mật khẩu quản trị")
    term.expect("Nhập lại mật khẩu để xác nhận: ")
    term.type("mật khẩu quản trị")
    assert term.finish() == 0, term.seen
    assert "Đã thiết lập" in term.seen
    signed_in = subprocess.run(
        [sys.executable, "-m", "motcua_desktop", "user", "list", "--user", "admin"],
        env=env | {"MOTCUA_PASSWORD": "mật khẩu quản trị"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert signed_in.returncode == 0, signed_in.stderr
    assert "admin" in signed_in.stdout


def test_three_mismatches_change_nothing(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    term = Terminal([sys.executable, "-m", "motcua_desktop", *SETUP], env)
    for attempt in range(3):
        term.expect("Đặt mật khẩu cho admin: ")
        term.type(f"mật khẩu số {attempt}")
        term.expect("Nhập lại mật khẩu để xác nhận: ")
        term.type("khác hẳn mật khẩu kia")
        term.expect("không khớp")
    assert term.finish() == 2
    assert "chưa có gì thay đổi" in term.seen
    check = subprocess.run(
        [sys.executable, "-m", "motcua_desktop", "user", "list", "--user", "admin"],
        env=env | {"MOTCUA_PASSWORD": "mật khẩu số 0"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert check.returncode == 2  # no administrator was created
