"""Child process: opens a database whose schema needs one more (slow) migration.

Usage: python -m tests.helpers.slow_migration DATABASE
Prints ``MIGRATED`` when open_store returned.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import sqlite_utils

from motcua_desktop.storage import migrations, open_store
from motcua_desktop.storage.migrations import Migration

ROWS = 150


def slow_extra(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE slow_extra (n INTEGER NOT NULL, text TEXT NOT NULL)")
    for n in range(ROWS):
        db.execute("INSERT INTO slow_extra VALUES (?, ?)", [n, "x" * 500])
        time.sleep(0.002)
    db.execute("CREATE INDEX slow_extra_n ON slow_extra (n)")


def with_extra() -> list[Migration]:
    real = migrations.all_migrations()
    return [*real, Migration(len(real) + 1, "slow_extra", slow_extra)]


def main() -> None:
    import motcua_desktop.storage.store as store_module

    store_module.all_migrations = with_extra  # type: ignore[assignment]
    print("READY", flush=True)
    store = open_store(Path(sys.argv[1]))
    print("MIGRATED", store.schema_version(), flush=True)
    store.close()


if __name__ == "__main__":
    main()
