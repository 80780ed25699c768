"""Writing files so that Windows cannot spoil them: binary mode, atomic replacement, patience with
files another program holds for a moment.

Every place that replaces a file (drafts, the key store, backups, the pre-migration copy, files on
a USB stick) goes through ``replace_file`` or ``write_atomic``:

- **Binary mode.** On Windows a descriptor from ``os.open`` is in *text* mode unless ``O_BINARY``
  is given, and every LF written through it becomes CR LF (a key file starting ``DPAPI1\\n`` would
  be stored as ``DPAPI1\\r\\n`` and never load again). ``open_for_write`` always adds ``O_BINARY``.
- **Write beside, fsync, rename, fsync the folder.** A power cut leaves the old file or the
  complete new one, never half of each.
- **Sharing violations are usually temporary.** An antivirus scanner, the search indexer or a
  backup agent opens a freshly written file for a few hundred milliseconds; meanwhile
  ``MoveFileEx`` / ``DeleteFile`` fail with ``ERROR_SHARING_VIOLATION`` (32),
  ``ERROR_LOCK_VIOLATION`` (33) or ``ERROR_ACCESS_DENIED`` (5, a file pending deletion or opened
  without ``FILE_SHARE_DELETE``). The call is retried with a short back-off (about 2 s in all, as
  mature Windows programs do) before a ``FileInUse`` error with a true Vietnamese message is raised.
  ``FileInUse`` is a ``PermissionError``, so callers that handle ``OSError`` keep working, and
  callers that explain errors can tell "held by another program" from "read-only".
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger("motcua.fileio")

O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no CR LF translation (0 elsewhere, where it does not exist)
O_NOINHERIT = getattr(os, "O_NOINHERIT", 0)  # Windows: a printer or a child process must not inherit the handle
PARTIAL = ".partial"
# Back-off between attempts: 0.05 + 0.1 + 0.2 + 0.4 + 0.6 + 0.8 ≈ 2.2 s before giving up.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.6, 0.8)
_TRANSIENT_WINERRORS = {5, 32, 33}  # access denied (pending delete), sharing violation, lock violation
_SHARING_WINERRORS = {32, 33}
_TRANSIENT_ERRNOS = {errno.EACCES, errno.EPERM, errno.EBUSY}
_sleep: Callable[[float], None] = time.sleep  # tests replace it to go fast
# The kill tests (``tests/safety/test_kill_restore.py``): with ``MOTCUA_KILL_AT=N`` in the environment
# the N-th durable step of the process kills it outright, as a power cut between two steps would
# (``MOTCUA_KILL_AT=0`` only lists the steps on standard error). Unset: one dictionary look-up a step.
KILL_AT = "MOTCUA_KILL_AT"
_steps = [0]  # durable steps taken so far by this process

T = TypeVar("T")


class FileInUse(PermissionError):
    """Another program kept a file open for longer than we waited (antivirus, indexer, Explorer)."""

    def __init__(self, path: Path | str, cause: OSError) -> None:
        name = Path(path).name
        super().__init__(
            cause.errno or errno.EACCES,
            f"Không thay được tệp «{name}»: tệp đang bị một chương trình khác giữ (thường là phần mềm diệt virus, "
            "Windows Search hoặc phần mềm sao lưu) hoặc tài khoản Windows này không có quyền ghi vào đó. "
            f"Đợi vài giây rồi thử lại; nếu lặp lại, hãy nhờ cán bộ CNTT kiểm tra quyền của thư mục «{Path(path).parent}» "
            "và thêm nó vào danh sách loại trừ của phần mềm diệt virus.",
            str(path),
        )
        self.winerror = getattr(cause, "winerror", None)
        self.cause = cause

    @property
    def message(self) -> str:
        return str(self.strerror)


class Explained(OSError):
    """An ``OSError`` raised by this program whose ``strerror`` already explains it in Vietnamese."""


def reason(exc: OSError) -> str:
    """What went wrong, in Vietnamese (Windows' own ``strerror`` is English or the system's language)."""
    if isinstance(exc, FileInUse):
        return exc.message
    if isinstance(exc, Explained):
        return str(exc.strerror)
    winerror = getattr(exc, "winerror", None)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or winerror in (39, 112):
        return "ổ đĩa đã đầy"
    if exc.errno == errno.EFBIG or winerror in (223, 665):
        return "tệp lớn hơn mức ổ đĩa cho phép (ổ FAT32 chỉ chứa tệp dưới 4 GB)"
    if exc.errno == errno.EROFS or winerror == 19:
        return "ổ đĩa đang ở chế độ chỉ đọc"
    if isinstance(exc, PermissionError):
        return "không có quyền ghi, hoặc tệp đang mở trong một chương trình khác"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "không tìm thấy thư mục (ổ đĩa hoặc USB đã rút?)"
    return exc.strerror or str(exc)


def is_transient(exc: OSError) -> bool:
    """A refused rename or delete that may go away by itself (see the module's docstring)."""
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return int(winerror) in _TRANSIENT_WINERRORS
    return isinstance(exc, PermissionError) or exc.errno in _TRANSIENT_ERRNOS


def is_sharing_violation(exc: OSError) -> bool:
    """Opening a file another program holds without sharing (Windows only: POSIX has no such refusal,
    and there an access error on open is a real permission problem, not worth waiting for)."""
    winerror = getattr(exc, "winerror", None)
    return winerror is not None and int(winerror) in _SHARING_WINERRORS


def retrying(
    action: Callable[[], T],
    path: Path | str,
    *,
    transient: Callable[[OSError], bool] = is_transient,
    delays: tuple[float, ...] = RETRY_DELAYS,
) -> T:
    """Runs ``action`` again after each transient refusal; raises ``FileInUse`` at the end.

    Any other ``OSError`` (missing folder, disk full, stick pulled) propagates at once.
    """
    for attempt, delay in enumerate((*delays, None)):
        try:
            return action()
        except OSError as exc:
            if isinstance(exc, FileInUse) or not transient(exc):
                raise
            if delay is None:
                log.warning("%s still held by another program after %d attempts: %s", path, attempt + 1, exc)
                raise FileInUse(path, exc) from exc
            _sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def fault_point(label: str) -> None:
    """A durable step is about to happen (see ``KILL_AT``): the kill tests stop the process here."""
    target = os.environ.get(KILL_AT)
    if not target:
        return
    _steps[0] += 1
    if target == "0":
        os.write(2, f"fault-point {_steps[0]} {label}\n".encode())
    elif _steps[0] == int(target):
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))  # Windows: TerminateProcess
        os._exit(137)  # pragma: no cover - not reached on POSIX


def replace_file(source: Path, target: Path) -> None:
    """``os.replace`` (``MoveFileEx`` with ``MOVEFILE_REPLACE_EXISTING``) with retries."""
    fault_point(f"rename {Path(source).name} -> {Path(target).name}")
    retrying(lambda: os.replace(source, target), target)


def remove_file(path: Path) -> None:
    """Deletes ``path`` if it exists, with retries; a missing file is fine."""

    fault_point(f"remove {Path(path).name}")

    def remove() -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)

    retrying(remove, path)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, waiting out a scanner that opened it without sharing."""

    def read() -> bytes:
        with open(path, "rb") as handle:
            return handle.read()

    return retrying(read, path, transient=is_sharing_violation)


def open_for_write(path: Path, mode: int = 0o666) -> int:
    """A new (or truncated) file opened for writing in binary mode; returns the descriptor."""
    fault_point(f"write {Path(path).name}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | O_BINARY | O_NOINHERIT
    return retrying(lambda: os.open(path, flags, mode), path, transient=is_sharing_violation)


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a short write is legal, notably on network drives)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "short write")
        view = view[written:]


def fsync_file(path: Path) -> None:
    fault_point(f"fsync {Path(path).name}")
    fd = os.open(path, os.O_RDWR | O_BINARY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Makes a rename durable (POSIX; Windows cannot open a folder, and flushes metadata itself)."""
    fault_point(f"fsync folder {Path(folder).name}")
    if os.name != "posix":  # pragma: no cover - Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(temporary: Path, final: Path) -> None:
    """Gives a complete, fsynced file its final name, durably (rename with retries, fsync the folder)."""
    replace_file(temporary, final)
    fsync_dir(final.parent)


def write_atomic(path: Path, data: bytes, *, mode: int = 0o666) -> None:
    """Replaces ``path`` by ``data``: write ``<name>.partial`` beside it in binary mode, fsync,
    rename (with retries), fsync the folder. On any error the old file is intact and the
    temporary one removed (when possible); the error propagates (``FileInUse`` for a held file)."""
    temporary = path.with_name(path.name + PARTIAL)
    try:
        fd = open_for_write(temporary, mode)
        try:
            write_all(fd, data)
            os.fsync(fd)  # Windows: _commit → FlushFileBuffers
        finally:
            os.close(fd)
        publish(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class _HashingWriter:
    """A binary file object that counts and hashes what goes through it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        write_all(self.fd, data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def write_atomic_stream(path: Path, produce: Callable[[Any], object], *, mode: int = 0o666) -> tuple[int, str]:
    """Like ``write_atomic`` for content too large for memory: ``produce(out)`` writes it to ``out``
    (an object with ``write``). Returns (size, SHA-256) of what was written."""
    temporary = path.with_name(path.name + PARTIAL)
    try:
        fd = open_for_write(temporary, mode)
        try:
            writer = _HashingWriter(fd)
            produce(writer)
            os.fsync(fd)
        finally:
            os.close(fd)
        publish(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return writer.size, writer.digest.hexdigest()
