"""The read-back check of a USB export must read the stick, not the system's file cache.

Otherwise a fake-capacity stick (which silently overwrites older data) passes the check: the bytes
compared are the ones still in memory. Linux: the cached pages are dropped first
(``posix_fadvise(DONTNEED)``). Windows: ``FILE_FLAG_NO_BUFFERING``, imitated here with a stand-in
for kernel32 that enforces what Windows enforces (sector-aligned buffer and length).
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Any

import pytest

from motcua_desktop import volumes
from motcua_desktop.sync.media import RealFileOps, write_verified

SECTOR = 4096


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="posix_fadvise is POSIX")
def test_read_back_drops_the_cached_pages_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int, int, int]] = []
    real = os.posix_fadvise

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        calls.append((fd, offset, length, advice))
        real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", advise)
    data = os.urandom(3 * SECTOR + 17)
    written = write_verified(RealFileOps(), tmp_path, "goi.p0.sealed", data)
    assert written.size == len(data)
    assert [c[1:] for c in calls] == [(0, 0, os.POSIX_FADV_DONTNEED)]


class FakeKernel32:
    """CreateFileW / VirtualAlloc / ReadFile / VirtualFree / CloseHandle over a real file, refusing
    what ``FILE_FLAG_NO_BUFFERING`` refuses on Windows."""

    def __init__(self) -> None:
        self.flags = 0
        self.files: dict[int, Any] = {}
        self.buffers: dict[int, Any] = {}
        self.reads: list[int] = []
        self.closed: list[int] = []
        self.freed: list[int] = []
        for name in ("CreateFileW", "VirtualAlloc", "ReadFile", "VirtualFree", "CloseHandle"):
            method = getattr(self, "_" + name)
            setattr(self, name, _Function(method))

    def _CreateFileW(
        self, path: str, access: int, share: int, security: None, disposition: int, flags: int, template: None
    ) -> int:
        self.flags = flags
        handle = 100 + len(self.files)
        self.files[handle] = open(path, "rb")  # noqa: SIM115 - closed by CloseHandle
        return handle

    def _VirtualAlloc(self, address: None, size: int, kind: int, protect: int) -> int:
        raw = ctypes.create_string_buffer(size + SECTOR)
        aligned = (ctypes.addressof(raw) + SECTOR - 1) // SECTOR * SECTOR
        self.buffers[aligned] = raw
        return aligned

    def _ReadFile(
        self, handle: ctypes.c_void_p, buffer: ctypes.c_void_p, size: int, read: Any, overlapped: None
    ) -> int:
        assert self.flags & 0x20000000, "FILE_FLAG_NO_BUFFERING"
        assert buffer.value % SECTOR == 0 and size % SECTOR == 0, "unaligned read: ERROR_INVALID_PARAMETER"
        data = self.files[handle.value].read(size)
        ctypes.memmove(buffer.value, data, len(data))
        read._obj.value = len(data)
        self.reads.append(size)
        return 1

    def _VirtualFree(self, buffer: ctypes.c_void_p, size: int, kind: int) -> int:
        self.freed.append(buffer.value)
        return 1

    def _CloseHandle(self, handle: ctypes.c_void_p) -> int:
        self.files.pop(handle.value).close()
        self.closed.append(handle.value)
        return 1


class _Function:
    """A callable with a settable ``restype``, like a ctypes function."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.restype: Any = None

    def __call__(self, *args: Any) -> Any:
        return self.target(*args)


@pytest.mark.parametrize("size", [0, 5, volumes.UNCACHED_CHUNK, 2 * volumes.UNCACHED_CHUNK + 4097])
def test_windows_read_back_bypasses_the_cache_with_aligned_reads(tmp_path: Path, size: int) -> None:
    path = tmp_path / "goi.p0.sealed"
    data = os.urandom(size)
    path.write_bytes(data)
    kernel32 = FakeKernel32()
    assert volumes._read_no_buffering(kernel32, path) == data
    assert kernel32.closed == [100] and len(kernel32.freed) == 1
    assert all(r == volumes.UNCACHED_CHUNK for r in kernel32.reads)
