"""What every sub-command shares: options, the data folder, sign-in, output in text or JSON."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from motcua_desktop.commands._options import common_options
from motcua_desktop.domain.accounts import check_new_password
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.logs import CLI_LOG_NAME, setup_logging
from motcua_desktop.paths import data_dir
from motcua_desktop.services.core.context import AppContext, SystemClock
from motcua_desktop.services.workspace import HeldFolder, hold_folder
from motcua_desktop.streams import write_out

NEW_PASSWORD_TRIES = 3


class CliError(Exception):
    """A usage problem detected by the command line itself (exit code 2)."""


Handler = Callable[["CliApp"], "int | None"]


def runs_in_safe_mode(handler: Handler) -> Handler:
    """Marks a command that still runs in safe mode: it writes nothing to the database (it may read,
    print to the screen or to a file of its own), or it is the way out of safe mode (``restore``).
    Every other command is a writing command, refused in safe mode with the reason before it does
    anything (exit code 2)."""
    handler.runs_in_safe_mode = True  # type: ignore[attr-defined]
    return handler


def add_command(
    subparsers: Any, name: str, handler: Callable[[CliApp], int | None], help_text: str, description: str | None = None
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text, description=description or help_text)
    common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


class CliApp:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._held: HeldFolder | None = None
        self._log_path: Path | None = None
        self._log_opened = False
        self._warned = False
        self._commits_before_work = 0

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def data_dir(self) -> Path:
        return data_dir(getattr(self.args, "data_dir", None))

    @property
    def log_path(self) -> Path | None:
        """The command's log file (None when none can be opened: a read-only or full data folder)."""
        if not self._log_opened:
            self._log_path = setup_logging(self.data_dir, name=CLI_LOG_NAME)
            self._log_opened = True
        return self._log_path

    @property
    def work_recorded(self) -> bool:
        """Whether the command committed anything beyond opening the database and signing in."""
        held = self._held
        return held is not None and held.ctx is not None and held.ctx.store.commits > self._commits_before_work

    @property
    def writes(self) -> bool:
        """Whether this command writes to the database (every command not marked ``runs_in_safe_mode``)."""
        return not getattr(getattr(self.args, "handler", None), "runs_in_safe_mode", False)

    def held(self) -> HeldFolder:
        """This data folder, opened through the front door (``services.workspace.hold_folder``: the
        folder's single-instance lock is held until the command ends). In safe mode a writing command
        stops here (exit code 2, nothing written), with the reason and what to do."""
        if self._held is None:
            _ = self.log_path
            self._held = hold_folder(self.data_dir, clock=SystemClock())
            if self._held.ctx is not None:
                self._commits_before_work = self._held.ctx.store.commits
        if self._held.safe_mode is not None and self.writes:
            raise CliError(self.safe_mode_refusal())
        if self._held.safe_mode is not None and not self._warned:
            self._warned = True  # what a reading command shows may be missing its latest changes
            write_out(f"Cảnh báo (chế độ an toàn, chỉ xem): {self._held.safe_mode.reason}", stream=sys.stderr)
        return self._held

    def safe_mode_refusal(self) -> str:
        """Why a command cannot run in safe mode, and how to get out of it."""
        assert self._held is not None and self._held.safe_mode is not None
        safe = self._held.safe_mode
        lines = [
            f"Lệnh «{self.args.command}» không chạy được vì dữ liệu đang ở chế độ an toàn; chưa ghi gì.",
            safe.message(),
        ]
        backup = safe.backup.path if safe.backup is not None else None
        lines.append(
            f"Quản trị viên khôi phục bằng lệnh: motcua restore «{backup}» --user TÊN_QUẢN_TRỊ"
            if backup is not None
            else "Quản trị viên khôi phục bằng lệnh: motcua restore TỆP_SAO_LƯU --user TÊN_QUẢN_TRỊ"
        )
        return "\n".join(lines)

    def anonymous(self) -> AppContext:
        """A context on this data folder, nobody signed in (see ``held``)."""
        held = self.held()
        if held.ctx is None:  # safe mode, the file cannot be read at all: nothing to read either
            raise CliError(self.safe_mode_refusal())
        return held.anonymous()

    def context(self, *, allow_password_change: bool = False) -> AppContext:
        """A context signed in as ``--user`` / ``MOTCUA_USER``."""
        from motcua_desktop.services.accounts.auth import start_session
        from motcua_desktop.services.core.clock_guard import apply_clock_guard

        username = self.username()
        if not username:
            raise CliError(
                "Cần đăng nhập: thêm --user TÊN_ĐĂNG_NHẬP (mật khẩu sẽ được hỏi, hoặc đặt biến MOTCUA_PASSWORD)."
            )
        self.held()  # safe mode refuses a writing command before any password is asked
        password = self.password(f"Mật khẩu của {username}: ", env="MOTCUA_PASSWORD")
        ctx = self.anonymous()
        # Just typed: fresh for sensitive actions. The sign-in is recorded with the command's first
        # write, or when it ends well (``finish``): a command refused with exit code 2 writes nothing.
        session = start_session(ctx, username, password, defer_record=True)
        check = apply_clock_guard(ctx)  # a leader's confirmation applies; a clock far ahead writes nothing
        if check.blocks_writing:
            print(f"Cảnh báo: {check.message()}", file=sys.stderr)
        if session.must_change_password and not allow_password_change:
            raise CliError(
                f"Tài khoản «{username}» phải đổi mật khẩu ban đầu trước: motcua user passwd --user {username}"
            )
        self._commits_before_work = ctx.store.commits  # the sign-in's own records are not the command's work
        return ctx

    def username(self) -> str:
        """The user named by ``--user`` or ``MOTCUA_USER`` ("" when none)."""
        return str(getattr(self.args, "user", None) or os.environ.get("MOTCUA_USER") or "")

    def password(self, prompt: str, *, env: str) -> str:
        """A password the user already has (to sign in): from ``env``, else asked once."""
        value = os.environ.get(env)
        if value:
            return value
        # A windowed motcua.exe started by a scheduled task has no console and no streams.
        if sys.stdin is None or not sys.stdin.isatty():
            raise CliError(
                f"Thiếu mật khẩu: đặt biến {env} (ví dụ trong tác vụ theo lịch: dùng motcua-cli.exe với biến môi "
                "trường) hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi."
            )
        return getpass.getpass(prompt)

    def new_password(self, prompt: str, *, env: str, username: str) -> str:
        """A password being given to ``username``: from ``env``, else asked twice (a typo nobody
        saw would lock the person out), checked against the policy before the second time."""
        value = os.environ.get(env)
        if value:
            return value
        if not sys.stdin.isatty():
            raise CliError(f"Thiếu mật khẩu: đặt biến {env} hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi.")
        for _ in range(NEW_PASSWORD_TRIES):
            first = getpass.getpass(prompt)
            try:
                check_new_password(first, username)
            except KnownError as exc:
                print(f"Lỗi: {exc}", file=sys.stderr)
                continue
            if getpass.getpass("Nhập lại mật khẩu để xác nhận: ") == first:
                return first
            print("Hai lần nhập không khớp nhau; hãy nhập lại.", file=sys.stderr)
        raise CliError("Chưa đặt được mật khẩu sau ba lần nhập; chưa có gì thay đổi.")

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        """Prints ``data`` as JSON with --json, else the Vietnamese ``text``. The work is done by
        now: a reader that went away (``| head -1``) is not a failure of the command."""
        if self.json:
            write_out(json.dumps(to_plain(data, compact=False), ensure_ascii=False, indent=2))
        else:
            write_out(text() if callable(text) else text)

    @staticmethod
    def read_failure(exc: BaseException) -> str:
        """What a failure to read the database says (a damaged page, undecodable text); "" for a bug."""
        from motcua_desktop.services.safety.integrity import read_failure_message

        return read_failure_message(exc)

    def fail(self, message: str) -> None:
        if self.json:
            write_out(json.dumps({"error": message}, ensure_ascii=False), stream=sys.stderr)
        else:
            write_out(f"Lỗi: {message}", stream=sys.stderr)

    def progress(self, done: int, total: int, label: str) -> None:
        if self.json:
            return
        step = max(1, total // 100)
        if done not in (0, total) and done % step:
            return
        width = 30
        filled = width * done // max(total, 1)
        write_out(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done * 100 // max(total, 1):3d}% {done}/{total} {label}",
            end="\n" if done >= total else "",
            stream=sys.stderr,
        )

    def finish(self) -> None:
        """The command succeeded: what it observed (the sign-in) is recorded if no write did it
        already; nothing is recorded while the clock guard forbids writing."""
        from motcua_desktop.domain.errors import KnownError

        if self._held is not None and self._held.ctx is not None:
            with contextlib.suppress(KnownError):
                self._held.ctx.store.flush_deferred()

    def close(self) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None
