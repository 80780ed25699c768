"""Files on removable media (and the local outbox), written so that a pulled, full or locked stick
never leaves something an importer would take for a complete package.

Every operation goes through a ``FileOps`` object; tests pass one that fails the k-th call.
Procedure per file (reliability.md §2.4): write ``name.partial`` in the same folder, flush, fsync,
rename to ``name`` (retried while an antivirus holds the file: ``fileio.replace_file``), fsync the
folder (POSIX), read the file back from the device, not from the system's cache
(``volumes.read_uncached``), and compare its SHA-256. The manifest is written last: it is the commit
marker of a package.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from motcua_desktop import fileio, volumes
from motcua_desktop.domain.errors import KnownError

log = logging.getLogger("motcua.sync.media")

PARTIAL_SUFFIX = fileio.PARTIAL
NOTHING_LOST = "Không mất dữ liệu: các gói vẫn nằm trong hộp thư đi của máy này và sẽ được ghi lại ở lần xuất sau."


class FileOps(Protocol):
    def makedirs(self, folder: Path) -> None: ...
    def open_write(self, path: Path) -> BinaryIO: ...
    def write(self, handle: BinaryIO, data: bytes) -> None: ...
    def flush(self, handle: BinaryIO) -> None: ...
    def fsync(self, handle: BinaryIO) -> None: ...
    def close(self, handle: BinaryIO) -> None: ...
    def replace(self, source: Path, target: Path) -> None: ...
    def fsync_dir(self, folder: Path) -> None: ...
    def read(self, path: Path) -> bytes: ...
    def size(self, path: Path) -> int: ...
    def remove(self, path: Path) -> None: ...
    def listdir(self, folder: Path) -> list[str]: ...


class RealFileOps:
    """The operating system's file calls."""

    def makedirs(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)

    def open_write(self, path: Path) -> BinaryIO:
        fileio.fault_point(f"write {path.name}")
        # Closed by the caller through close(); a stale ``.partial`` held by a scanner is waited for.
        return fileio.retrying(lambda: open(path, "wb"), path, transient=fileio.is_sharing_violation)

    def write(self, handle: BinaryIO, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = handle.write(view)
            if not written:
                raise OSError(errno.EIO, "short write")
            view = view[written:]

    def flush(self, handle: BinaryIO) -> None:
        handle.flush()

    def fsync(self, handle: BinaryIO) -> None:
        fileio.fault_point(f"fsync {Path(handle.name).name}")
        os.fsync(handle.fileno())  # Windows: _commit → FlushFileBuffers

    def close(self, handle: BinaryIO) -> None:
        handle.close()

    def replace(self, source: Path, target: Path) -> None:
        fileio.replace_file(source, target)

    def fsync_dir(self, folder: Path) -> None:
        fileio.fsync_dir(folder)

    def read(self, path: Path) -> bytes:
        """The read-back: from the stick itself, so a fake-capacity stick is caught."""
        data, bypassed = volumes.read_uncached(path)
        if not bypassed:
            log.info("read-back of %s may have come from the system cache", path.name)
        return data

    def size(self, path: Path) -> int:
        return path.stat().st_size

    def remove(self, path: Path) -> None:
        fileio.remove_file(path)

    def listdir(self, folder: Path) -> list[str]:
        return sorted(os.listdir(folder))


class MediaError(KnownError):
    """Writing or reading a file on the destination failed; the message says why and what to do."""

    def __init__(self, message: str, *, file_name: str = "", cause: str = "") -> None:
        super().__init__(message)
        self.file_name = file_name
        self.cause = cause


# Windows error codes seen when a stick is pulled, full or write-protected.
_WIN_REMOVED = {21, 55, 433, 1117, 1167, 2, 3, 15}
_WIN_FULL = {39, 112}
_WIN_READONLY = {5, 19}
_WIN_SHARING = {32, 33}
_WIN_TOO_LARGE = {223, 665}  # ERROR_FILE_TOO_LARGE, ERROR_FILE_SYSTEM_LIMITATION (FAT32: 4 GiB per file)


def media_error(exc: OSError, file_name: str, *, place: str = "USB") -> MediaError:
    """A clear Vietnamese message for an OS error while writing ``file_name`` to ``place``."""
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if isinstance(exc, fileio.FileInUse) or winerror in _WIN_SHARING:
        cause, text = ("busy", fileio.FileInUse(exc.filename or file_name, exc).message)
    elif code == errno.EFBIG or winerror in _WIN_TOO_LARGE:
        cause, text = (
            "too_large",
            f"Tệp «{file_name}» lớn hơn mức {place} cho phép: {place} định dạng FAT32 chỉ chứa được tệp dưới 4 GB. "
            f"Hãy dùng {place} định dạng exFAT hoặc NTFS rồi làm lại.",
        )
    elif code in (errno.ENOSPC, errno.EDQUOT) or winerror in _WIN_FULL:
        cause, text = (
            "full",
            f"{place} đã đầy khi ghi tệp «{file_name}». Hãy xóa bớt tệp trên {place} hoặc dùng {place} khác rồi xuất lại.",
        )
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or winerror in _WIN_READONLY:
        cause, text = (
            "readonly",
            f"Không ghi được tệp «{file_name}»: {place} đang ở chế độ chỉ đọc (gạt khóa ghi) hoặc không có quyền ghi. "
            f"Hãy mở khóa ghi hoặc chọn ổ khác rồi xuất lại.",
        )
    elif code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ENOTDIR) or winerror in _WIN_REMOVED:
        cause, text = (
            "removed",
            f"{place} đã bị rút ra hoặc không đọc/ghi được khi đang ghi tệp «{file_name}». "
            f"Hãy cắm lại {place} (hoặc dùng {place} khác) rồi xuất lại.",
        )
    else:
        reason = exc.strerror or str(exc)
        cause, text = (
            "io",
            f"Lỗi đọc/ghi {place} khi ghi tệp «{file_name}» ({reason}). Hãy kiểm tra {place} rồi xuất lại.",
        )
    return MediaError(f"{text} {NOTHING_LOST}", file_name=file_name, cause=cause)


def mismatch_error(file_name: str, *, place: str = "USB") -> MediaError:
    return MediaError(
        f"Dữ liệu đọc lại từ {place} không khớp với dữ liệu vừa ghi (tệp «{file_name}»): {place} có thể hỏng hoặc là "
        f"loại giả dung lượng. Hãy dùng {place} khác rồi xuất lại. {NOTHING_LOST}",
        file_name=file_name,
        cause="mismatch",
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Written:
    name: str
    size: int
    sha256: str


def write_verified(ops: FileOps, folder: Path, name: str, data: bytes, *, place: str = "USB") -> Written:
    """Writes ``folder/name`` through a temporary name, syncs it, renames it and reads it back.

    Raises ``MediaError``; the temporary file is removed when possible. A file already renamed
    whose read-back failed is removed too (best effort: a pulled stick cannot be cleaned).
    """
    partial = folder / (name + PARTIAL_SUFFIX)
    final = folder / name
    digest = sha256_hex(data)
    renamed = False
    try:
        handle = ops.open_write(partial)
        try:
            ops.write(handle, data)
            ops.flush(handle)
            ops.fsync(handle)
        finally:
            ops.close(handle)
        ops.replace(partial, final)
        renamed = True
        ops.fsync_dir(folder)
        if sha256_hex(ops.read(final)) != digest:
            raise _Mismatch
    except _Mismatch:
        _forget(ops, final)
        raise mismatch_error(name, place=place) from None
    except OSError as exc:
        _forget(ops, final if renamed else partial)
        raise media_error(exc, name, place=place) from exc
    return Written(name, len(data), digest)


class _Mismatch(Exception):
    pass


def _forget(ops: FileOps, path: Path) -> None:
    # When the stick is gone this fails too; what is left there is then a temporary name or an unlisted file.
    with contextlib.suppress(OSError):
        ops.remove(path)
