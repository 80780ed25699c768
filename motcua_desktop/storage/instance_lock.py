"""One running copy of the program per data folder: an operating-system lock on a file.

SQLite itself tolerates several processes, but two copies of the program on one counter PC
(a double click on the icon, a command run while the window is open) could migrate, back up or
restore at the same time. The lock is taken with ``fcntl.flock`` (POSIX) or ``msvcrt.locking``
(Windows) on ``motcua.lock`` in the data folder; the operating system releases it when the
process ends, even after a crash or a power cut, so a stale lock file never blocks anyone.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from motcua_desktop.domain.vntime import VN_TZ, fmt_datetime
from motcua_desktop.storage.errors import StorageError, folder_error, folder_fault

LOCK_NAME = "motcua.lock"
_INFO_OFFSET = 64  # the owner's details are written after the locked byte (Windows cannot read a locked range)


class AlreadyRunning(StorageError):
    pass


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> InstanceLock:
        if self._handle is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the life of the program
        except OSError as exc:  # a read-only drive, no permission, a full disk: said as such
            raise folder_error(exc, self.path.parent) from None
        try:
            _lock(handle)
        except OSError:
            owner = _read_owner(handle)
            handle.close()
            raise AlreadyRunning(
                "Chương trình Một cửa Desktop đang mở trên máy này với cùng thư mục dữ liệu"
                + (f" ({owner})" if owner else "")
                + ". Hãy dùng cửa sổ đang mở (xem trên thanh tác vụ), hoặc đóng nó trước khi mở lại hay chạy lệnh."
            ) from None
        _write_owner(handle)
        self._handle = handle
        return self

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        finally:
            with contextlib.suppress(OSError):  # the owner's details still buffered on a full disk
                handle.close()

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire_instance_lock(folder: Path) -> InstanceLock:
    """The lock of ``folder``; raises ``AlreadyRunning`` with a clear message if another process holds it,
    and the true message (``folder_error``) when the folder cannot be written (read-only drive, no
    permission, full disk)."""
    lock = InstanceLock(folder).acquire()
    fault = folder_fault(folder)
    if fault is not None:
        lock.release()
        raise fault
    return lock


def _lock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_owner(handle: IO[bytes]) -> None:
    text = f"pid={os.getpid()} host={socket.gethostname()} since={datetime.now(VN_TZ).isoformat(timespec='seconds')}"
    try:
        handle.truncate(_INFO_OFFSET)
        handle.seek(_INFO_OFFSET)
        handle.write(text.encode("utf-8") + b"\n")
        handle.flush()
    except OSError:  # the details are a courtesy; the lock is what matters
        pass


def _read_owner(handle: IO[bytes]) -> str:
    try:
        handle.seek(_INFO_OFFSET)
        fields = dict(part.split("=", 1) for part in handle.read(400).decode("utf-8", "replace").split() if "=" in part)
    except OSError:
        return ""
    parts = []
    if fields.get("pid"):
        parts.append(f"tiến trình {fields['pid']}")
    if fields.get("since"):
        with contextlib.suppress(ValueError):
            parts.append("mở lúc " + fmt_datetime(datetime.fromisoformat(fields["since"])))
    return ", ".join(parts)
