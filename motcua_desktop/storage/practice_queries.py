"""SQL of the practices' figures (``reports.practices``): dossiers resolved on the spot, ratings by channel."""

from __future__ import annotations

from datetime import date

import sqlite_utils


class PracticeQueries:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def same_day_counts(self, start: date, end: date) -> list[tuple[str, str, int, int]]:
        """(month "YYYY-MM", procedure key, dossiers received, of which resolved on the spot) for the
        dossiers received (with a code) between two days."""
        rows = self.db.execute(
            "SELECT substr(received_day, 1, 7), procedure_key, count(*), sum(same_day) FROM dossiers "
            "WHERE received_day BETWEEN ? AND ? AND code IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
            [start.isoformat(), end.isoformat()],
        )
        return [(str(m), str(k), int(n), int(s or 0)) for m, k, n, s in rows]

    def ratings_by_channel(self, start: date, end: date) -> list[tuple[str, str, str, int]]:
        """(channel, criterion, rating, count) of the ratings of dossiers returned between two days."""
        rows = self.db.execute(
            "SELECT channel, criterion, rating, count(*) FROM satisfaction_ratings "
            "WHERE returned_day BETWEEN ? AND ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            [start.isoformat(), end.isoformat()],
        )
        return [(str(c), str(k), str(r), int(n)) for c, k, r, n in rows]
