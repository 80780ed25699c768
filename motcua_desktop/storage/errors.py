"""SQLite failures a user can act on, turned into known errors with Vietnamese messages."""

from __future__ import annotations

import sqlite3

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
