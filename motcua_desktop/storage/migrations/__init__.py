"""Ordered schema migrations, one module per version: ``vNNN_description.py`` with ``apply(db)``.

The database's ``PRAGMA user_version`` is the number of the last migration applied. Each
migration runs in its own transaction together with the version bump, so an interrupted
migration leaves the file at version N or N+1, never in between; a copy of the file is taken
before the first migration is applied.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


def _imported_when_applied(module_name: str) -> Callable[[sqlite_utils.Database], None]:
    """A migration's ``apply``, importing its module only when it runs: opening an up-to-date
    database (every start) imports none of them (v004 brings the projection and reports code)."""

    def apply(db: sqlite_utils.Database) -> None:
        importlib.import_module(module_name).apply(db)

    return apply


def all_migrations() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = re.fullmatch(r"v(\d{3})_(\w+)", info.name)
        if match:
            found.append(Migration(int(match[1]), match[2], _imported_when_applied(f"{__name__}.{info.name}")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):  # a gap would let a database skip a migration
        raise RuntimeError(f"migration numbers must be 1..N without gaps: {versions}")
    return found


def latest_version() -> int:
    return all_migrations()[-1].version
