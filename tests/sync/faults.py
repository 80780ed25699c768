"""A file layer that fails the k-th operation, like SQLite's I/O-error tests (reliability.md §1.4)."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import BinaryIO

from motcua_desktop.sync import media
from motcua_desktop.sync.reader import load_manifest, verify_files

ERRORS = {
    "pulled": lambda: OSError(errno.EIO, "Input/output error"),
    "full": lambda: OSError(errno.ENOSPC, "No space left on device"),
    "readonly": lambda: OSError(errno.EROFS, "Read-only file system"),
}


class FaultyOps(media.RealFileOps):
    """Counts every step; raises at step ``fail_at`` (and every later step when ``forever``:
    the stick is gone). ``fail_at=0`` never fails (counting run)."""

    def __init__(self, fail_at: int = 0, error: str = "pulled", *, forever: bool = False) -> None:
        self.fail_at = fail_at
        self.error = error
        self.forever = forever
        self.calls = 0
        self.steps: list[str] = []

    def _step(self, name: str) -> None:
        self.calls += 1
        self.steps.append(name)
        if self.fail_at and (self.calls == self.fail_at or (self.forever and self.calls > self.fail_at)):
            raise ERRORS[self.error]()

    def open_write(self, path: Path) -> BinaryIO:
        self._step("open")
        return super().open_write(path)

    def write(self, handle: BinaryIO, data: bytes) -> None:
        self._step("write")
        # a pulled stick may keep part of what was written
        super().write(handle, data)

    def flush(self, handle: BinaryIO) -> None:
        self._step("flush")
        super().flush(handle)

    def fsync(self, handle: BinaryIO) -> None:
        self._step("fsync")  # counted, not done: durability is not what these tests measure, and it is slow

    def fsync_dir(self, folder: Path) -> None:
        self._step("fsync-dir")

    def close(self, handle: BinaryIO) -> None:
        try:
            self._step("close")
        finally:
            super().close(handle)  # the handle is released either way

    def replace(self, source: Path, target: Path) -> None:
        self._step("rename")
        super().replace(source, target)

    def read(self, path: Path) -> bytes:
        self._step("read")
        return super().read(path)

    def remove(self, path: Path) -> None:
        self._step("remove")
        super().remove(path)


class LyingStick(media.RealFileOps):
    """A fake-capacity stick: what is read back of ``name`` is not what was written."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def read(self, path: Path) -> bytes:
        data = super().read(path)
        return data[:-1] + bytes([data[-1] ^ 1]) if path.name.endswith(self.suffix) else data


def acceptable_packages(drive: Path) -> list[str]:
    """Manifests on ``drive`` an importer would go on to decrypt (valid manifest, every file matching)."""
    found = []
    for path in sorted(drive.glob("*.manifest.json")):
        try:
            manifest = load_manifest(path)
            verify_files(manifest, drive)
        except Exception:
            continue
        found.append(path.name)
    return found
