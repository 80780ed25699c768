"""The drives the sync page offers: writable volumes other than the system's, removable ones first.

Asked through ``QStorageInfo`` (and ``GetDriveTypeW`` on Windows); the page asks on a worker thread,
since a disconnected network drive can block the question for tens of seconds. ``DriveSource`` lets
tests give their own list.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStorageInfo

from motcua_desktop.domain.money import vn_number

DRIVE_REMOVABLE = 2  # GetDriveTypeW
_PSEUDO_FS = {"tmpfs", "devtmpfs", "proc", "sysfs", "overlay", "squashfs", "cgroup", "cgroup2", "autofs", "ramfs"}
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Drive:
    root: Path
    label: str
    removable: bool
    free_bytes: int

    def describe(self) -> str:
        kind = "USB / ổ di động" if self.removable else "ổ cố định"
        free = f"{vn_number(self.free_bytes / 1_000_000_000)} GB trống" if self.free_bytes >= 0 else ""
        return f"{self.label or self.root} ({self.root}) – {kind}" + (f", {free}" if free else "")


class DriveSource(Protocol):
    def drives(self) -> list[Drive]: ...


class SystemDrives:
    """Writable volumes other than the system's: ``QStorageInfo.mountedVolumes()``; on Windows
    ``GetDriveTypeW`` tells removable drives apart."""

    def drives(self) -> list[Drive]:
        found = []
        for volume in QStorageInfo.mountedVolumes():
            if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or volume.isRoot():
                continue
            fs = bytes(volume.fileSystemType().data()).decode("ascii", "replace").lower()
            if fs in _PSEUDO_FS:
                continue
            root = Path(volume.rootPath())
            if _is_system(root):
                continue
            found.append(Drive(root, volume.displayName(), _is_removable(root), int(volume.bytesAvailable())))
        return sorted(found, key=lambda d: (not d.removable, str(d.root)))


def _is_removable(root: Path) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(str(root))) == DRIVE_REMOVABLE  # type: ignore[attr-defined]
    return str(root).startswith(_REMOVABLE_ROOTS)


def _is_system(root: Path) -> bool:
    system = Path(os.environ.get("SYSTEMDRIVE", "C:") + "\\") if sys.platform == "win32" else Path("/")
    return root == system or str(root).startswith(("/boot", "/snap", "/sys", "/proc", "/dev", "/run/user"))
