"""The register of complaints and suggestions (``complaints``, migration 9)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.complaints import Channel, Complaint
from motcua_desktop.domain.vntime import from_iso, from_iso_or_none, iso

_COLUMNS = (
    "uuid, code, received_at, channel, sender, contact, content, dossier_code, assignee, due_at, recorded_by,"
    " answer, answered_at, answered_by"
)


def _complaint(row: Any) -> Complaint:
    return Complaint(
        uuid=row[0],
        code=row[1],
        received_at=from_iso(row[2]),
        channel=Channel(row[3]),
        sender=row[4],
        contact=row[5],
        content=row[6],
        dossier_code=row[7],
        assignee=row[8],
        due_at=from_iso(row[9]),
        recorded_by=row[10],
        answer=row[11],
        answered_at=from_iso_or_none(row[12]),
        answered_by=row[13],
    )


class ComplaintsTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def next_number(self, year: int) -> int:
        row = self.db.execute("SELECT MAX(number) FROM complaints WHERE year = ?", [year]).fetchone()
        return int(row[0] or 0) + 1

    def insert(self, complaint: Complaint, *, year: int, number: int) -> None:
        c = complaint
        self.db.execute(
            f"INSERT INTO complaints ({_COLUMNS}, year, number) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                c.uuid,
                c.code,
                iso(c.received_at),
                c.channel.value,
                c.sender,
                c.contact,
                c.content,
                c.dossier_code,
                c.assignee,
                iso(c.due_at),
                c.recorded_by,
                c.answer,
                None if c.answered_at is None else iso(c.answered_at),
                c.answered_by,
                year,
                number,
            ],
        )

    def assign(self, code: str, assignee: str) -> None:
        self.db.execute("UPDATE complaints SET assignee = ? WHERE code = ?", [assignee, code])

    def answer(self, code: str, answer: str, answered_at: datetime, answered_by: str) -> None:
        self.db.execute(
            "UPDATE complaints SET answer = ?, answered_at = ?, answered_by = ? WHERE code = ?",
            [answer, iso(answered_at), answered_by, code],
        )

    def get(self, code: str) -> Complaint | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM complaints WHERE code = ?", [code]).fetchone()
        return None if row is None else _complaint(row)

    def listing(self, *, open_only: bool = False, limit: int = 500) -> list[Complaint]:
        """Newest first; ``open_only``: those not answered yet, the earliest due first."""
        if open_only:
            sql = f"SELECT {_COLUMNS} FROM complaints WHERE answered_at IS NULL ORDER BY due_at, code LIMIT ?"
        else:
            sql = f"SELECT {_COLUMNS} FROM complaints ORDER BY received_at DESC, code DESC LIMIT ?"
        return [_complaint(r) for r in self.db.execute(sql, [limit]).fetchall()]

    def touching(self, start: date, end: date) -> list[Complaint]:
        """Every complaint the report of ``start``–``end`` may count: received up to the end of ``end`` and
        not answered before ``start``."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM complaints WHERE substr(received_at, 1, 10) <= ?"
            " AND (answered_at IS NULL OR substr(answered_at, 1, 10) >= ?)",
            [end.isoformat(), start.isoformat()],
        ).fetchall()
        return [_complaint(r) for r in rows]
