"""Sync inbox: the packages of other counters already imported, and those received but waiting for
a missing earlier package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.vntime import from_iso, iso


@dataclass(frozen=True)
class ImportRow:
    device_id: str
    epoch: int
    batch: int
    first_seq: int
    last_seq: int
    prev_head: str
    head: str
    file_name: str
    imported_at: datetime
    imported_by: str


@dataclass(frozen=True)
class PendingRow:
    device_id: str
    epoch: int
    batch: int
    first_seq: int
    last_seq: int
    prev_head: str
    head: str
    file_name: str
    events: bytes
    received_at: datetime


_IMPORT_COLUMNS = "device_id, epoch, batch, first_seq, last_seq, prev_head, head, file_name, imported_at, imported_by"


class InboxTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def imported(self, device_id: str, epoch: int, batch: int) -> ImportRow | None:
        row = self.db.execute(
            f"SELECT {_IMPORT_COLUMNS} FROM sync_imports WHERE device_id = ? AND epoch = ? AND batch = ?",
            [device_id, epoch, batch],
        ).fetchone()
        return None if row is None else _import(row)

    def last_import(self, device_id: str, epoch: int) -> ImportRow | None:
        row = self.db.execute(
            f"SELECT {_IMPORT_COLUMNS} FROM sync_imports WHERE device_id = ? AND epoch = ? ORDER BY batch DESC LIMIT 1",
            [device_id, epoch],
        ).fetchone()
        return None if row is None else _import(row)

    def add_import(self, row: ImportRow) -> None:
        self.db.execute(
            f"INSERT INTO sync_imports ({_IMPORT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                row.device_id,
                row.epoch,
                row.batch,
                row.first_seq,
                row.last_seq,
                row.prev_head,
                row.head,
                row.file_name,
                iso(row.imported_at),
                row.imported_by,
            ],
        )

    def add_pending(self, row: PendingRow) -> None:
        self.db.execute(
            "INSERT INTO sync_pending (device_id, epoch, batch, first_seq, last_seq, prev_head, head, file_name, "
            "events, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                row.device_id,
                row.epoch,
                row.batch,
                row.first_seq,
                row.last_seq,
                row.prev_head,
                row.head,
                row.file_name,
                row.events,
                iso(row.received_at),
            ],
        )

    def pending(self, device_id: str | None = None, epoch: int | None = None) -> list[PendingRow]:
        where: list[str] = ["1"]
        params: list[Any] = []
        if device_id is not None:
            where.append("device_id = ?")
            params.append(device_id)
        if epoch is not None:
            where.append("epoch = ?")
            params.append(epoch)
        rows = self.db.execute(
            "SELECT device_id, epoch, batch, first_seq, last_seq, prev_head, head, file_name, events, received_at "
            f"FROM sync_pending WHERE {' AND '.join(where)} ORDER BY device_id, epoch, batch",
            params,
        ).fetchall()
        return [
            PendingRow(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4]), r[5], r[6], r[7], bytes(r[8]), from_iso(r[9]))
            for r in rows
        ]

    def remove_pending(self, device_id: str, epoch: int, batch: int) -> None:
        self.db.execute(
            "DELETE FROM sync_pending WHERE device_id = ? AND epoch = ? AND batch = ?", [device_id, epoch, batch]
        )


def _import(row: Any) -> ImportRow:
    return ImportRow(
        row[0], int(row[1]), int(row[2]), int(row[3]), int(row[4]), row[5], row[6], row[7], from_iso(row[8]), row[9]
    )
