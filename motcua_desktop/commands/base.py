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

from motcua_desktop.domain.accounts import check_new_password
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.logs import CLI_LOG_NAME, setup_logging
from motcua_desktop.paths import data_dir, database_path
from motcua_desktop.services.core.context import AppContext, SystemClock
from motcua_desktop.storage import Store, open_store
from motcua_desktop.storage.instance_lock import InstanceLock, acquire_instance_lock
from motcua_desktop.streams import write_out

NEW_PASSWORD_TRIES = 3


class CliError(Exception):
    """A usage problem detected by the command line itself (exit code 2)."""


def common_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """Options accepted both before and after the sub-command name."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="THƯ_MỤC",
        default=default,
        help="thư mục dữ liệu (mặc định: biến MOTCUA_DATA_DIR hoặc thư mục dữ liệu của người dùng)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="in kết quả dạng JSON (cho tự động hóa)",
    )
    parser.add_argument(
        "--user",
        metavar="TÊN",
        default=default,
        help="tài khoản thực hiện (hoặc biến MOTCUA_USER); mật khẩu hỏi khi chạy hoặc lấy từ MOTCUA_PASSWORD",
    )


def add_command(
    subparsers: Any, name: str, handler: Callable[[CliApp], int | None], help_text: str, description: str | None = None
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=description or help_text)
    common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


class CliApp:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._store: Store | None = None
        self._lock: InstanceLock | None = None
        self._log_path: Path | None = None
        self._commits_before_work = 0

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def data_dir(self) -> Path:
        return data_dir(getattr(self.args, "data_dir", None))

    @property
    def log_path(self) -> Path:
        if self._log_path is None:
            self._log_path = setup_logging(self.data_dir, name=CLI_LOG_NAME)
        return self._log_path

    def store(self) -> Store:
        """The database, with this data folder's single-instance lock held (the window or another
        command using the folder makes the command stop with a clear message)."""
        if self._store is None:
            from motcua_desktop.services.office.setup import check_data_location, claim_this_counter

            _ = self.log_path
            self._lock = acquire_instance_lock(self.data_dir)
            check_data_location(self.data_dir)
            self._store = open_store(database_path(self.data_dir))
            claim_this_counter(self._store)  # the same counter number as another data folder of this PC: refused
            from motcua_desktop.services.dossiers.outcomes import fill_on_opening

            fill_on_opening(self._store)  # QĐ 766 outcomes of dossiers finished before they were recorded
            from motcua_desktop.services.office.due_flags import review_shipped_calendar

            review_shipped_calendar(self._store, SystemClock())  # after an update of the shipped days off
            self._commits_before_work = self._store.commits
        return self._store

    @property
    def work_recorded(self) -> bool:
        """Whether the command committed anything beyond opening the database and signing in."""
        return self._store is not None and self._store.commits > self._commits_before_work

    def anonymous(self) -> AppContext:
        return AppContext(self.store(), clock=SystemClock())

    def context(self, *, allow_password_change: bool = False) -> AppContext:
        """A context signed in as ``--user`` / ``MOTCUA_USER``."""
        from motcua_desktop.services.accounts.auth import start_session
        from motcua_desktop.services.core.clock_guard import apply_clock_guard

        username = getattr(self.args, "user", None) or os.environ.get("MOTCUA_USER")
        if not username:
            raise CliError(
                "Cần đăng nhập: thêm --user TÊN_ĐĂNG_NHẬP (mật khẩu sẽ được hỏi, hoặc đặt biến MOTCUA_PASSWORD)."
            )
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

        if self._store is not None:
            with contextlib.suppress(KnownError):
                self._store.flush_deferred()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
