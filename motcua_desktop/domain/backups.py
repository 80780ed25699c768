"""Backup file names and which backups to keep, without trusting the clock.

A backup is named after what it holds: the device, its epoch and the sequence number of the
last event it contains (``motcua-MC-1A2B3C4D-e001-s000001234-20261116-170500.db``). The time in
the name is the PC clock at the backup, shown to people and used to group backups by day, week
and month; which backup is newer is decided by (epoch, sequence) only, so a clock reset to 2000
or set to 2030 can neither make an old backup look new nor get a new one deleted.

Thinning is grandfather-father-son: the few most recent backups, then the newest of each of the
last days, weeks and months *that have backups* (counted from the newest backup, not from
"today"), so the set kept never depends on what the clock says now.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain.vntime import VN_TZ, business_day

PREFIX = "motcua-"
SEALED_SUFFIX = ".sealed"
_NAME = re.compile(
    r"^motcua-(?P<device>[A-Za-z0-9][A-Za-z0-9_.-]*?)-e(?P<epoch>\d{3,})-s(?P<seq>\d{9,})"
    r"-(?P<stamp>\d{8}-\d{6})\.db(?P<sealed>\.sealed)?$"
)


@dataclass(frozen=True)
class BackupName:
    device_id: str
    epoch: int
    seq: int  # last event sequence of the device's epoch contained in the backup
    taken_at: datetime  # PC clock at the backup (Vietnam time, seconds): for people and grouping only
    sealed: bool = False  # encrypted for the office's recovery key (copies that leave the PC)

    @property
    def file_name(self) -> str:
        stamp = self.taken_at.astimezone(VN_TZ).strftime("%Y%m%d-%H%M%S")
        name = f"{PREFIX}{self.device_id}-e{self.epoch:03d}-s{self.seq:09d}-{stamp}.db"
        return name + (SEALED_SUFFIX if self.sealed else "")

    @property
    def order(self) -> tuple[int, int, datetime]:
        """Newer backups sort later: by epoch and sequence; the time only breaks exact ties."""
        return (self.epoch, self.seq, self.taken_at)


def parse_backup_name(name: str) -> BackupName | None:
    """The backup a file name describes, or None for any other file (never touched)."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=VN_TZ)
    except ValueError:
        return None
    return BackupName(match["device"], int(match["epoch"]), int(match["seq"]), taken_at, bool(match["sealed"]))


@dataclass(frozen=True)
class Retention:
    recent: int = 3  # the newest backups, whatever their dates
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def _day(b: BackupName) -> Hashable:
    return business_day(b.taken_at)


def _week(b: BackupName) -> Hashable:
    iso = business_day(b.taken_at).isocalendar()
    return (iso.year, iso.week)


def _month(b: BackupName) -> Hashable:
    day = business_day(b.taken_at)
    return (day.year, day.month)


def backups_to_keep(backups: Iterable[BackupName], retention: Retention = Retention()) -> set[BackupName]:
    """The backups thinning keeps, per device; the newest backup of each device is always kept."""
    by_device: dict[str, list[BackupName]] = {}
    for backup in backups:
        by_device.setdefault(backup.device_id, []).append(backup)
    keep: set[BackupName] = set()
    for items in by_device.values():
        newest_first = sorted(items, key=lambda b: b.order, reverse=True)
        keep.update(newest_first[: max(1, retention.recent)])
        buckets: tuple[tuple[Callable[[BackupName], Hashable], int], ...] = (
            (_day, retention.daily),
            (_week, retention.weekly),
            (_month, retention.monthly),
        )
        for bucket_of, limit in buckets:
            seen: set[Hashable] = set()
            for backup in newest_first:
                if len(seen) >= limit:
                    break
                key = bucket_of(backup)
                if key not in seen:
                    seen.add(key)
                    keep.add(backup)
    return keep


def backups_to_delete(backups: Iterable[BackupName], retention: Retention = Retention()) -> list[BackupName]:
    items = list(backups)
    keep = backups_to_keep(items, retention)
    return sorted((b for b in items if b not in keep), key=lambda b: (b.device_id, b.order))


def newest(backups: Iterable[BackupName], device_id: str | None = None) -> BackupName | None:
    candidates = [b for b in backups if device_id is None or b.device_id == device_id]
    return max(candidates, key=lambda b: b.order) if candidates else None
