"""A citizen's trips per dossier (``domain.trips``) kept in the projection for the trips report.

Dossiers without a supplement received came at most twice (reception, return), worked out from
their row; the few with a supplement are replayed from their events. Visits "result not ready" did
not exist before this version, so nothing else is missing.
"""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.domain.projection import replay
from motcua_desktop.domain.trips import trips
from motcua_desktop.storage.event_log import EventLog


def apply(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE dossiers ADD COLUMN trips INTEGER NOT NULL DEFAULT 1")
    # Returned on another working day than the reception: two trips (the date part of the stored
    # local time is the Vietnamese day, as ``report_queries`` reads it).
    db.execute(
        "UPDATE dossiers SET trips = 2 WHERE returned_at IS NOT NULL AND substr(returned_at, 1, 10) != received_day"
    )
    log = EventLog(db)
    updates = []
    for row_id, uuid in db.execute("SELECT id, uuid FROM dossiers WHERE supplement_count > 0").fetchall():
        dossier = replay(e for e in log.for_dossier(uuid) if e.dossier_rev is not None)
        if dossier is not None:
            updates.append([trips(dossier), row_id])
    db.conn.executemany("UPDATE dossiers SET trips = ? WHERE id = ?", updates)
