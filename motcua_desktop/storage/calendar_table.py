"""Calendar rows stored in the database (imported files, administrator decisions) and due-date flags."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlite_utils

from motcua_desktop.domain.serde import canonical_json, load, to_plain
from motcua_desktop.domain.vntime import from_iso, iso

if TYPE_CHECKING:  # the calendar rules are imported when calendar rows are used, not when the database opens
    from motcua_desktop.domain.calendar import CalendarDay


@dataclass(frozen=True)
class DueFlag:
    dossier_uuid: str
    printed_due: datetime
    recomputed_due: datetime
    flagged_at: datetime
    reason: str


class CalendarTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def rows(self) -> list[CalendarDay]:
        """Stored rows in the order they were added (later rows win among equals)."""
        from motcua_desktop.domain.calendar import CalendarDay

        return [
            load(CalendarDay, json.loads(r[0])) for r in self.db.execute("SELECT data FROM calendar_days ORDER BY id")
        ]

    def replace_imported_years(
        self, years: Iterable[int], rows: Iterable[CalendarDay], *, at: datetime, by: str, source_file: str
    ) -> int:
        """An imported file replaces the earlier imported rows of the years it covers."""
        from motcua_desktop.domain.calendar import DayOrigin

        for year in years:
            self.db.execute(
                "DELETE FROM calendar_days WHERE origin = ? AND substr(day, 1, 4) = ?",
                [DayOrigin.IMPORTED.value, f"{year:04d}"],
            )
        count = 0
        for row in rows:
            self._insert(row, at=at, by=by, source_file=source_file)
            count += 1
        return count

    def add(self, row: CalendarDay, *, at: datetime, by: str) -> None:
        self._insert(row, at=at, by=by, source_file="")

    def _insert(self, row: CalendarDay, *, at: datetime, by: str, source_file: str) -> None:
        self.db.execute(
            "INSERT INTO calendar_days (day, origin, data, added_at, added_by, source_file) VALUES (?,?,?,?,?,?)",
            [row.day.isoformat(), row.origin.value, canonical_json(to_plain(row)), iso(at), by, source_file],
        )

    def flag(self, flag: DueFlag) -> None:
        self.db.execute(
            "INSERT INTO due_date_flags (dossier_uuid, printed_due, recomputed_due, flagged_at, reason) VALUES (?,?,?,?,?) "
            "ON CONFLICT (dossier_uuid) DO UPDATE SET recomputed_due = excluded.recomputed_due, "
            "flagged_at = excluded.flagged_at, reason = excluded.reason",
            [flag.dossier_uuid, iso(flag.printed_due), iso(flag.recomputed_due), iso(flag.flagged_at), flag.reason],
        )

    def unflag(self, dossier_uuid: str) -> None:
        self.db.execute("DELETE FROM due_date_flags WHERE dossier_uuid = ?", [dossier_uuid])

    def flags(self) -> list[DueFlag]:
        rows = self.db.execute(
            "SELECT dossier_uuid, printed_due, recomputed_due, flagged_at, reason FROM due_date_flags ORDER BY printed_due"
        ).fetchall()
        return [DueFlag(r[0], from_iso(r[1]), from_iso(r[2]), from_iso(r[3]), r[4]) for r in rows]
