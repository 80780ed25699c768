"""Volumes as Windows presents them: which file system holds a path (FAT32 caps a file at 4 GiB),
and reading a file back from the device itself rather than from the system's cache (the read-back
check of a USB export must catch a fake-capacity stick).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

from motcua_desktop.fileio import read_bytes

log = logging.getLogger("motcua.volumes")


def sha256_file(path: Path, *, uncached: bool = False) -> str:
    """SHA-256 of a file read in chunks (``uncached``: from the device, see ``read_uncached``)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        if uncached:
            advise = getattr(os, "posix_fadvise", None)
            if advise is not None:
                with contextlib.suppress(OSError):
                    advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- file systems -----------------------------------------------------------------------------------

FAT32_MAX_FILE = 4 * 1024**3 - 1  # the largest file FAT32 can hold (exFAT and NTFS have no such limit)


def filesystem_type(path: Path) -> str:
    """The file system holding ``path`` ("FAT32", "exFAT", "NTFS", "vfat", "ext4"…), "" if unknown."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import ctypes

        root = os.path.splitdrive(os.path.abspath(path))[0] + "\\"
        name = ctypes.create_unicode_buffer(64)
        ok = ctypes.windll.kernel32.GetVolumeInformationW(  # type: ignore[attr-defined]
            root, None, 0, None, None, None, name, len(name)
        )
        return name.value if ok else ""
    return _mount_type(os.path.abspath(path))


def _mount_type(path: str, mounts: str = "/proc/mounts") -> str:
    best, kind = "", ""
    try:
        with open(mounts, encoding="utf-8", errors="replace") as table:
            for line in table:
                fields = line.split()
                if len(fields) < 3:
                    continue
                point = fields[1].replace("\\040", " ")
                inside = path == point or path.startswith(point.rstrip("/") + "/")
                if inside and len(point) > len(best):
                    best, kind = point, fields[2]
    except OSError:
        return ""
    return kind


def is_fat(fs_type: str) -> bool:
    return fs_type.lower() in ("fat32", "fat", "fat16", "vfat", "msdos")


# --- reading back from the device, not from the cache ------------------------------------------------

_WIN_GENERIC_READ = 0x80000000
_WIN_FILE_SHARE_READ = 0x1
_WIN_OPEN_EXISTING = 3
_WIN_FILE_FLAG_NO_BUFFERING = 0x20000000
_WIN_FILE_FLAG_SEQUENTIAL_SCAN = 0x08000000
_WIN_INVALID_HANDLE = -1
_WIN_MEM_COMMIT_RESERVE = 0x1000 | 0x2000
_WIN_MEM_RELEASE = 0x8000
_WIN_PAGE_READWRITE = 0x04
UNCACHED_CHUNK = 1 << 20  # a multiple of every sector size (512, 4096); VirtualAlloc aligns it to a page


def read_uncached(path: Path) -> tuple[bytes, bool]:
    """The file's bytes read from the device itself where the system allows; (bytes, bypassed).

    A read-back check that the system answers from its file cache proves nothing about the stick
    (a fake-capacity stick overwrites older data silently). Windows: ``CreateFileW`` with
    ``FILE_FLAG_NO_BUFFERING`` (sector-aligned reads into a ``VirtualAlloc`` buffer). Linux: the
    file's clean pages are dropped with ``posix_fadvise(DONTNEED)`` first (after ``fsync`` they
    are clean), so the read goes to the device. Elsewhere, or if that fails, an ordinary read and
    ``bypassed=False``: the caller must not promise more than it checked.
    """
    if sys.platform == "win32":  # pragma: no cover - exercised with a fake kernel32 in the tests
        import ctypes

        try:
            return _read_no_buffering(ctypes.windll.kernel32, path), True  # type: ignore[attr-defined]
        except OSError as exc:
            log.warning("uncached read of %s failed (%s); reading through the cache", path, exc)
            return read_bytes(path), False
    with open(path, "rb") as handle:
        bypassed = False
        advise = getattr(os, "posix_fadvise", None)
        if advise is not None:
            try:
                advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
                bypassed = True
            except OSError as exc:
                log.warning("posix_fadvise on %s failed: %s", path, exc)
        return handle.read(), bypassed


def _read_no_buffering(kernel32: Any, path: Path) -> bytes:
    """Reads ``path`` with ``FILE_FLAG_NO_BUFFERING`` through ``kernel32`` (ctypes or a test double)."""
    import ctypes

    kernel32.CreateFileW.restype = ctypes.c_void_p
    kernel32.VirtualAlloc.restype = ctypes.c_void_p
    handle = kernel32.CreateFileW(
        str(path),
        _WIN_GENERIC_READ,
        _WIN_FILE_SHARE_READ,
        None,
        _WIN_OPEN_EXISTING,
        _WIN_FILE_FLAG_NO_BUFFERING | _WIN_FILE_FLAG_SEQUENTIAL_SCAN,
        None,
    )
    if not handle or handle in (_WIN_INVALID_HANDLE, ctypes.c_void_p(_WIN_INVALID_HANDLE).value):
        raise OSError(errno.EIO, "CreateFileW failed", str(path))
    buffer = kernel32.VirtualAlloc(None, UNCACHED_CHUNK, _WIN_MEM_COMMIT_RESERVE, _WIN_PAGE_READWRITE)
    if not buffer:
        kernel32.CloseHandle(ctypes.c_void_p(handle))
        raise OSError(errno.ENOMEM, "VirtualAlloc failed", str(path))
    parts: list[bytes] = []
    try:
        read = ctypes.c_uint32(0)
        while True:
            ok = kernel32.ReadFile(
                ctypes.c_void_p(handle), ctypes.c_void_p(buffer), UNCACHED_CHUNK, ctypes.byref(read), None
            )
            if not ok:
                raise OSError(errno.EIO, "ReadFile failed", str(path))
            if read.value == 0:
                break
            parts.append(ctypes.string_at(buffer, read.value))
            if read.value < UNCACHED_CHUNK:
                break
    finally:
        kernel32.VirtualFree(ctypes.c_void_p(buffer), 0, _WIN_MEM_RELEASE)
        kernel32.CloseHandle(ctypes.c_void_p(handle))
    return b"".join(parts)
