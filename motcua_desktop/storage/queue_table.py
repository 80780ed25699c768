"""The waiting queue's tickets (``queue_tickets``, migration 9)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.vntime import from_iso, from_iso_or_none, iso
from motcua_desktop.domain.waiting_queue import Ticket

_COLUMNS = "uuid, day, field, number, taken_at, called_at, counter, called_by, finished_at, absent"


def _ticket(row: Any) -> Ticket:
    return Ticket(
        uuid=row[0],
        day=date.fromisoformat(row[1]),
        field_code=row[2],
        number=int(row[3]),
        taken_at=from_iso(row[4]),
        called_at=from_iso_or_none(row[5]),
        counter=None if row[6] is None else int(row[6]),
        called_by=row[7],
        finished_at=from_iso_or_none(row[8]),
        absent=bool(row[9]),
    )


class QueueTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def next_number(self, day: date, field: str) -> int:
        row = self.db.execute(
            "SELECT MAX(number) FROM queue_tickets WHERE day = ? AND field = ?", [day.isoformat(), field]
        ).fetchone()
        return int(row[0] or 0) + 1

    def insert(self, ticket: Ticket) -> None:
        self.db.execute(
            f"INSERT INTO queue_tickets ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                ticket.uuid,
                ticket.day.isoformat(),
                ticket.field_code,
                ticket.number,
                iso(ticket.taken_at),
                None,
                None,
                "",
                None,
                0,
            ],
        )

    def call(self, uuid: str, called_at: datetime, counter: int, called_by: str) -> None:
        self.db.execute(
            "UPDATE queue_tickets SET called_at = ?, counter = ?, called_by = ? WHERE uuid = ?",
            [iso(called_at), counter, called_by, uuid],
        )

    def finish(self, uuid: str, finished_at: datetime, *, absent: bool) -> None:
        self.db.execute(
            "UPDATE queue_tickets SET finished_at = ?, absent = ? WHERE uuid = ?",
            [iso(finished_at), int(absent), uuid],
        )

    def get(self, uuid: str) -> Ticket | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM queue_tickets WHERE uuid = ?", [uuid]).fetchone()
        return None if row is None else _ticket(row)

    def find(self, day: date, field: str, number: int) -> Ticket | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM queue_tickets WHERE day = ? AND field = ? AND number = ?",
            [day.isoformat(), field, number],
        ).fetchone()
        return None if row is None else _ticket(row)

    def of_day(self, day: date) -> list[Ticket]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM queue_tickets WHERE day = ? ORDER BY taken_at, rowid", [day.isoformat()]
        ).fetchall()
        return [_ticket(r) for r in rows]

    def between(self, start: date, end: date) -> list[Ticket]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM queue_tickets WHERE day BETWEEN ? AND ? ORDER BY taken_at, rowid",
            [start.isoformat(), end.isoformat()],
        ).fetchall()
        return [_ticket(r) for r in rows]

    def serving(self, day: date, counter: int) -> Ticket | None:
        """The ticket this counter called last and has not finished."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM queue_tickets WHERE day = ? AND counter = ? AND finished_at IS NULL"
            " ORDER BY called_at DESC LIMIT 1",
            [day.isoformat(), counter],
        ).fetchone()
        return None if row is None else _ticket(row)

    def last_calls(self, day: date, limit: int = 6) -> list[Ticket]:
        """The latest calls of the day, newest first (what the waiting-room screen shows)."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM queue_tickets WHERE day = ? AND called_at IS NOT NULL"
            " ORDER BY called_at DESC, rowid DESC LIMIT ?",
            [day.isoformat(), limit],
        ).fetchall()
        return [_ticket(r) for r in rows]
