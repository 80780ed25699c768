"""Calendar days decided locally or imported, and the dossiers a calendar change would affect."""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.storage.sqlscript import run_script

SCHEMA = """
CREATE TABLE calendar_days (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    origin TEXT NOT NULL,           -- imported | admin (shipped rows live in resources/, rules are computed)
    data TEXT NOT NULL,             -- JSON of the CalendarDay
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    source_file TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_days_day ON calendar_days (day);

-- A printed due date is never recomputed; when the calendar changes, open dossiers whose date
-- the new calendar would give differently are flagged for the clerk to decide (e.g. phone the citizen).
CREATE TABLE due_date_flags (
    dossier_uuid TEXT PRIMARY KEY,
    printed_due TEXT NOT NULL,
    recomputed_due TEXT NOT NULL,
    flagged_at TEXT NOT NULL,
    reason TEXT NOT NULL
) WITHOUT ROWID;
"""


def apply(db: sqlite_utils.Database) -> None:
    run_script(db, SCHEMA)
