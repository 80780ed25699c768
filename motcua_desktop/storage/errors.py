"""SQLite failures a user can act on, turned into known errors with Vietnamese messages."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from motcua_desktop.domain.errors import KnownError


class StorageError(KnownError):
    """The database cannot do what was asked (disk full, locked, read-only, damaged…)."""


class DiskFull(StorageError):
    pass


class DatabaseBusy(StorageError):
    pass


class WrongDatabase(StorageError):
    pass


class NewerDatabase(StorageError):
    pass


class ReadOnlyDatabase(StorageError):
    pass


class DatabaseDamaged(StorageError):
    pass


def read_failure(exc: BaseException) -> StorageError | None:
    """The known error behind a failure to read the database outside a transaction (a damaged page a
    command reads in safe mode, text that no longer decodes); None for anything else (a bug)."""
    if isinstance(exc, UnicodeDecodeError) or (
        isinstance(exc, sqlite3.Error) and "could not decode" in str(exc).lower()
    ):
        return DatabaseDamaged(
            f"Tệp cơ sở dữ liệu bị hỏng: có dữ liệu không đọc được ({exc}). Hãy báo quản trị viên chạy «motcua check "
            "--full» rồi khôi phục từ bản sao lưu gần nhất."
        )
    if isinstance(exc, sqlite3.Error):
        return classify(exc)
    return None


# What reading a damaged file can raise beyond a known error (for the layers that do not import sqlite3).
READ_FAILURES: tuple[type[Exception], ...] = (sqlite3.DatabaseError, UnicodeDecodeError, ValueError, KeyError)


class FolderNotWritable(ReadOnlyDatabase):
    """The data folder is on a read-only drive or this account may not write to it."""


class EmptyDatabase(DatabaseDamaged):
    """The database file exists but holds nothing (a power cut while it was written)."""


READONLY = (
    "Không ghi được vào cơ sở dữ liệu (tệp chỉ đọc hoặc đang ở chế độ an toàn). "
    "Kiểm tra quyền ghi thư mục dữ liệu hoặc khởi động lại chương trình."
)


def classify(exc: sqlite3.Error) -> StorageError | None:
    """The known error behind an sqlite3 exception, or None for a bug (bad SQL, constraint…)."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if "database or disk is full" in text or code == 13:  # SQLITE_FULL
        return DiskFull(
            "Ổ đĩa đã đầy nên thao tác vừa rồi không được lưu (đã hoàn tác, không mất dữ liệu cũ). "
            "Hãy giải phóng dung lượng ổ đĩa rồi thực hiện lại."
        )
    if "database is locked" in text or "database is busy" in text or code in (5, 6):
        return DatabaseBusy("Cơ sở dữ liệu đang bận (một tác vụ khác đang ghi). Hãy thử lại sau vài giây.")
    if "readonly" in text or "read-only" in text or code == 8:
        return ReadOnlyDatabase(READONLY)
    if "malformed" in text or "not a database" in text or code in (11, 26):
        return DatabaseDamaged(
            "Tệp cơ sở dữ liệu bị hỏng. Chương trình chuyển sang chế độ chỉ đọc; hãy khôi phục từ bản sao lưu gần nhất."
        )
    if "disk i/o error" in text or code == 10:
        return StorageError("Lỗi đọc/ghi ổ đĩa khi lưu dữ liệu (đã hoàn tác). Kiểm tra ổ đĩa rồi thực hiện lại.")
    return None


# What the folder or the disk did, never what the file holds: these errors are not damage, and
# restoring a backup would not help (it would only add the risks of a restore).
_UNCHANGED = "Dữ liệu không bị thay đổi, KHÔNG cần khôi phục bản sao lưu."


def folder_error(exc: OSError, folder: Path) -> StorageError:
    """The true message for an operating-system error met while opening the data folder ``folder``."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(
            f"Ổ đĩa chứa thư mục dữ liệu «{folder}» đã đầy nên chương trình không mở được dữ liệu để làm việc. "
            f"{_UNCHANGED} Hãy giải phóng dung lượng ổ đĩa (xóa tệp không cần, dọn thùng rác) rồi mở lại."
        )
    if code == errno.EROFS:
        return FolderNotWritable(
            f"Thư mục dữ liệu «{folder}» nằm trên ổ đĩa chỉ đọc (ổ bị khóa ghi, USB gạt khóa, ổ mạng chỉ cho đọc) "
            f"nên chương trình không ghi được gì. {_UNCHANGED} Hãy bỏ chế độ chỉ đọc của ổ đĩa, hoặc chép thư mục "
            "dữ liệu sang ổ ghi được, rồi mở lại."
        )
    if code in (errno.EACCES, errno.EPERM):
        return FolderNotWritable(
            f"Tài khoản này không có quyền ghi vào thư mục dữ liệu «{folder}» (hoặc thư mục, tệp trong đó bị đặt "
            f"chỉ đọc). {_UNCHANGED} Nhờ người quản trị máy tính cấp quyền ghi cho thư mục rồi mở lại."
        )
    detail = exc.strerror or str(exc)
    return StorageError(
        f"Lỗi ổ đĩa khi mở thư mục dữ liệu «{folder}» ({detail}). {_UNCHANGED} Hãy kiểm tra ổ đĩa (cáp, USB, "
        "ổ mạng) rồi mở lại; nếu lỗi còn, báo bộ phận hỗ trợ."
    )


PROBE_BYTES = 16 * 1024  # more than SQLite needs to start its -wal and -shm files


def folder_fault(folder: Path) -> StorageError | None:
    """What stops writing in ``folder`` (``folder_error``: full disk, read-only drive, no permission),
    found by writing a small probe file and removing it; None when the folder can be written."""
    probe = Path(folder) / f".motcua-probe-{os.getpid()}"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"\0" * PROBE_BYTES)
            handle.flush()
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.unlink()
        return folder_error(exc, Path(folder))
    with contextlib.suppress(OSError):
        probe.unlink()
    return None


# SQLite's primary result codes that come from the disk or the folder, not from the file's content.
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 3, 8, 10, 13, 14
ENVIRONMENT_CODES = (SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN)


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    for words, primary in (
        ("disk is full", SQLITE_FULL),
        ("readonly", SQLITE_READONLY),
        ("read-only", SQLITE_READONLY),
        ("disk i/o error", SQLITE_IOERR),
        ("unable to open", SQLITE_CANTOPEN),
    ):
        if words in text:
            return primary
    return None


def environment_fault(exc: sqlite3.Error, path: Path) -> StorageError | None:
    """The true message when SQLite failed to open or read the database at ``path`` because of the disk
    or the folder (full, read-only, no permission), never of the file's content; None otherwise. The
    folder is probed (``folder_fault``) to tell these apart; a read error while the folder can be
    written is the file's own (a bad sector: damage, None)."""
    code = _primary_code(exc)
    if code not in ENVIRONMENT_CODES:
        return None
    fault = folder_fault(path.parent)
    if fault is not None:
        return fault
    if code == SQLITE_FULL:
        return folder_error(OSError(errno.ENOSPC, "No space left on device"), path.parent)
    if code == SQLITE_IOERR:
        return None
    return StorageError(
        f"Không mở được cơ sở dữ liệu «{path}» ({exc}): tệp bị khóa quyền truy cập hoặc ổ đĩa có lỗi. "
        f"{_UNCHANGED} Hãy kiểm tra quyền của tệp và ổ đĩa rồi mở lại; nếu lỗi còn, báo bộ phận hỗ trợ."
    )
