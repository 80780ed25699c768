"""Ordered schema migrations, one module per version: ``vNNN_description.py`` with ``apply(db)``, listed in
``MIGRATIONS``.

The database's ``PRAGMA user_version`` is the number of the last migration applied. Each
migration runs in its own transaction together with the version bump, so an interrupted
migration leaves the file at version N or N+1, never in between; a copy of the file is taken
before the first migration is applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


# Each migration's module is imported only when it runs: opening an up-to-date database (every
# start) imports none of them (v004 brings the projection and reports code). The imports are plain
# statements, not module names looked up at run time, so the bundler (PyInstaller) ships them all.
def _v001(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v001_core

    v001_core.apply(db)


def _v002(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v002_calendar

    v002_calendar.apply(db)


def _v003(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v003_sync

    v003_sync.apply(db)


def _v004(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v004_reports

    v004_reports.apply(db)


def _v005(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v005_extension_statistics

    v005_extension_statistics.apply(db)


def _v006(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v006_hub

    v006_hub.apply(db)


def _v007(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v007_trips

    v007_trips.apply(db)


def _v008(db: sqlite_utils.Database) -> None:
    from motcua_desktop.storage.migrations import v008_bundles

    v008_bundles.apply(db)


# A new migration: add ``vNNN_description.py`` and its line here (tests/storage/test_store.py
# fails on a module that is not listed).
MIGRATIONS = (
    Migration(1, "core", _v001),
    Migration(2, "calendar", _v002),
    Migration(3, "sync", _v003),
    Migration(4, "reports", _v004),
    Migration(5, "extension_statistics", _v005),
    Migration(6, "hub", _v006),
    Migration(7, "trips", _v007),
    Migration(8, "bundles", _v008),
)


def all_migrations() -> list[Migration]:
    found = sorted(MIGRATIONS, key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):  # a gap would let a database skip a migration
        raise RuntimeError(f"migration numbers must be 1..N without gaps: {versions}")
    return found


def latest_version() -> int:
    return all_migrations()[-1].version
