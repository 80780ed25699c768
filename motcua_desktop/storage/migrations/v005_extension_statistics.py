"""Extended dossiers are judged against the due date without the extension (``rules.md`` §4.2).

Before this version the date-part rule compared an extended dossier's result with the date the
apology letter gave, so a late dossier with a letter counted as on time. Each extended dossier is
replayed from its events and its report columns written again: its due timeline (which now marks
the due date an extension gave) and its date-part outcome. The daily report counts follow through
their triggers.
"""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.domain.projection import replay
from motcua_desktop.storage.event_log import EventLog
from motcua_desktop.storage.report_queries import report_columns


def apply(db: sqlite_utils.Database) -> None:
    log = EventLog(db)
    updates = []
    for row_id, uuid in db.execute("SELECT id, uuid FROM dossiers WHERE extended = 1").fetchall():
        dossier = replay(e for e in log.for_dossier(uuid) if e.dossier_rev is not None)
        if dossier is None:
            continue
        columns = report_columns(dossier)
        updates.append([columns["due_timeline"], columns["outcome_dp"], row_id])
    db.conn.executemany("UPDATE dossiers SET due_timeline = ?, outcome_dp = ? WHERE id = ?", updates)
