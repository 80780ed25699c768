"""SQL of the practices' figures (``reports.practices``): dossiers resolved on the spot, ratings by channel."""

from __future__ import annotations

from datetime import date

import sqlite_utils


class PracticeQueries:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def same_day_counts(self, start: date, end: date) -> list[tuple[str, str, int]]:
        """(month "YYYY-MM", procedure key, dossiers resolved on the spot) received between two days
        (from the partial index ``dossiers_same_day``: only those dossiers are read)."""
        rows = self.db.execute(
            "SELECT substr(received_day, 1, 7), procedure_key, count(*) FROM dossiers INDEXED BY dossiers_same_day "
            "WHERE same_day = 1 AND received_day BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY 1, 2",
            [start.isoformat(), end.isoformat()],
        )
        return [(str(m), str(k), int(n)) for m, k, n in rows]

    def ratings_by_channel(self, start: date, end: date) -> list[tuple[str, str, str, int]]:
        """(channel, criterion, rating, count) of the ratings of dossiers returned between two days."""
        rows = self.db.execute(
            "SELECT channel, criterion, rating, count(*) FROM satisfaction_ratings "
            "WHERE returned_day BETWEEN ? AND ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            [start.isoformat(), end.isoformat()],
        )
        return [(str(c), str(k), str(r), int(n)) for c, k, r, n in rows]
