"""One counter number, one database, per PC — whichever Windows account opens the program.

The data folder is per Windows user by default (``%LOCALAPPDATA%``) and the single-instance lock
is per folder, so two accounts on one counter PC could each set up "counter 1" of the same office
and issue the same dossier codes. An installation for all users keeps the office's data in one
machine folder (``paths.machine_data_dir``); and whatever the folders, the first database to use a
counter number *claims* it in a folder every account of the PC can read:
``%ProgramData%\\MotCuaDesktop\\counters\\<agency id>-quay-<n>.claim`` (or ``MOTCUA_MACHINE_DIR``;
set it empty to switch the check off, as the tests and the smoke run do). A second database with
the same office and counter number on this PC is refused with a message naming the first one; a
claim whose database is gone is taken over.

Claims are small JSON files written atomically. If the machine folder cannot be written (a locked
down PC), the check is skipped with a warning rather than stopping the counter's work.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from motcua_desktop import fileio
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.vntime import VN_TZ, fmt_datetime, from_iso, iso

log = logging.getLogger("motcua.claims")

MACHINE_DIR_ENV = "MOTCUA_MACHINE_DIR"
DATABASE_NAME = "motcua.db"  # as in paths.DATABASE_NAME (paths imports nothing from here)


class CounterTaken(KnownError):
    """Another data folder on this PC already works as this counter of this office."""


@dataclass(frozen=True)
class Claim:
    data_folder: str
    device_id: str
    windows_user: str
    claimed_at: datetime


def claims_folder() -> Path | None:
    """Where claims live: ``MOTCUA_MACHINE_DIR`` (empty: no check), else ``%ProgramData%`` on Windows;
    elsewhere no check (a counter PC runs Windows)."""
    if MACHINE_DIR_ENV in os.environ:
        value = os.environ[MACHINE_DIR_ENV].strip()
        return Path(value) / "counters" if value else None
    if sys.platform == "win32":  # pragma: no cover - Windows
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "MotCuaDesktop" / "counters"
    return None


def claim_file(folder: Path, agency_id: str, counter_no: int) -> Path:
    safe = re.sub(r"[^0-9A-Za-z.]+", "_", agency_id).strip("._") or "don-vi"
    return folder / f"{safe}-quay-{counter_no}.claim"


def claim_counter(
    *, agency_id: str, counter_no: int, unit_name: str, device_id: str, data_folder: Path, now: datetime | None = None
) -> Claim | None:
    """Claims this counter for ``data_folder``, or raises ``CounterTaken``; None when not checked."""
    folder = claims_folder()
    if folder is None:
        return None
    path = claim_file(folder, agency_id, counter_no)
    mine = Claim(os.path.abspath(data_folder), device_id, _windows_user(), now or datetime.now(VN_TZ))
    existing = _read(path)
    if existing is not None:
        if _same_folder(existing.data_folder, mine.data_folder):
            if existing.device_id == device_id:
                return existing  # ours already
        elif _database_still_there(existing.data_folder):
            raise CounterTaken(_taken_message(existing, counter_no, unit_name))
        else:
            log.warning(
                "counter %s of %s: claim of %s taken over (its database is gone)", counter_no, agency_id, existing
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = {
            "data_folder": mine.data_folder,
            "device_id": mine.device_id,
            "windows_user": mine.windows_user,
            "claimed_at": iso(mine.claimed_at),
        }
        fileio.write_atomic(path, (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        if existing is not None and not _same_folder(existing.data_folder, mine.data_folder):
            raise CounterTaken(
                _taken_message(existing, counter_no, unit_name)
                + " (Thư mục đó không còn dữ liệu, nhưng tài khoản này không được sửa tệp đăng ký; cán bộ CNTT hãy xóa "
                f"tệp «{path}».)"
            ) from exc
        log.warning("counter claim not written (%s): %s", path, exc)
        return None
    return mine


def release_counter(*, agency_id: str, counter_no: int, data_folder: Path) -> None:
    """Gives up this folder's claim (the counter number or the office changed); others' are left."""
    folder = claims_folder()
    if folder is None:
        return
    path = claim_file(folder, agency_id, counter_no)
    existing = _read(path)
    if existing is not None and _same_folder(existing.data_folder, os.path.abspath(data_folder)):
        try:
            fileio.remove_file(path)
        except OSError as exc:
            log.warning("counter claim %s not removed: %s", path, exc)


def _read(path: Path) -> Claim | None:
    try:
        content = json.loads(fileio.read_bytes(path).decode("utf-8-sig"))
        return Claim(
            str(content["data_folder"]),
            str(content.get("device_id", "")),
            str(content.get("windows_user", "")),
            from_iso(str(content["claimed_at"])),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("unreadable counter claim %s: %s", path, exc)
        return None


def _same_folder(a: str, b: str) -> bool:
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def _database_still_there(folder: str) -> bool:
    """True unless the other folder's database is certainly gone (another user's profile is often
    unreadable from this account: that counts as still there)."""
    try:
        os.stat(Path(folder) / DATABASE_NAME)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def _windows_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment
        return ""


def _taken_message(existing: Claim, counter_no: int, unit_name: str) -> str:
    who = f"tài khoản Windows «{existing.windows_user}»" if existing.windows_user else "một tài khoản Windows khác"
    return (
        f"Quầy số {counter_no} của {unit_name or 'đơn vị'} đã được thiết lập trên máy tính này với thư mục dữ liệu "
        f"«{existing.data_folder}» ({who}, từ {fmt_datetime(existing.claimed_at)}). Hai thư mục dữ liệu dùng cùng một "
        "số quầy sẽ cấp trùng mã hồ sơ, nên chương trình không dùng thư mục này. Hãy đăng nhập Windows bằng tài khoản "
        "đó để làm việc, hoặc nhờ cán bộ CNTT cài đặt lại chương trình «cho mọi người dùng» với dữ liệu dùng chung "
        "(mọi tài khoản Windows dùng một cơ sở dữ liệu)."
    )
