"""Sync outbox: the export batches this PC wrote (and rewrote), and the upstream office's
acknowledgements that take them out of the outbox."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.vntime import from_iso, from_iso_or_none, iso


@dataclass(frozen=True)
class BatchRow:
    device_id: str
    epoch: int
    batch: int
    first_seq: int
    last_seq: int
    prev_head: str
    head: str
    event_count: int
    dossier_count: int
    stem: str
    files: tuple[dict[str, Any], ...]
    created_at: datetime
    exported_at: datetime | None = None
    verified_at: datetime | None = None
    export_count: int = 0
    destination: str = ""
    acked_at: datetime | None = None


@dataclass(frozen=True)
class AckRow:
    device_id: str
    epoch: int
    acked_seq: int
    head: str
    acked_at: datetime
    issuer: str


_BATCH_COLUMNS = (
    "device_id, epoch, batch, first_seq, last_seq, prev_head, head, event_count, dossier_count, stem, files, "
    "created_at, exported_at, verified_at, export_count, destination, acked_at"
)
_BATCH_MARKS = ",".join("?" * len(_BATCH_COLUMNS.split(",")))


def _batch(row: Any) -> BatchRow:
    return BatchRow(
        device_id=row[0],
        epoch=int(row[1]),
        batch=int(row[2]),
        first_seq=int(row[3]),
        last_seq=int(row[4]),
        prev_head=row[5],
        head=row[6],
        event_count=int(row[7]),
        dossier_count=int(row[8]),
        stem=row[9],
        files=tuple(json.loads(row[10])),
        created_at=from_iso(row[11]),
        exported_at=from_iso_or_none(row[12]),
        verified_at=from_iso_or_none(row[13]),
        export_count=int(row[14]),
        destination=row[15],
        acked_at=from_iso_or_none(row[16]),
    )


class OutboxTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # --- export batches (outbox) -------------------------------------------------------------

    def add_batch(self, row: BatchRow) -> None:
        """A batch just made: not yet written, verified, exported or acknowledged."""
        fresh = dataclasses.replace(
            row, exported_at=None, verified_at=None, export_count=0, destination="", acked_at=None
        )
        self.db.execute(f"INSERT INTO sync_batches ({_BATCH_COLUMNS}) VALUES ({_BATCH_MARKS})", _batch_values(fresh))

    def batches(self, *, device_id: str | None = None, unacked: bool = False) -> list[BatchRow]:
        where: list[str] = ["1"]
        params: list[Any] = []
        if device_id is not None:
            where.append("device_id = ?")
            params.append(device_id)
        if unacked:
            where.append("acked_at IS NULL")
        rows = self.db.execute(
            f"SELECT {_BATCH_COLUMNS} FROM sync_batches WHERE {' AND '.join(where)} ORDER BY device_id, epoch, batch",
            params,
        ).fetchall()
        return [_batch(r) for r in rows]

    def last_batch(self, device_id: str, epoch: int) -> BatchRow | None:
        row = self.db.execute(
            f"SELECT {_BATCH_COLUMNS} FROM sync_batches WHERE device_id = ? AND epoch = ? ORDER BY batch DESC LIMIT 1",
            [device_id, epoch],
        ).fetchone()
        return None if row is None else _batch(row)

    def carry_over(self, batches: Iterable[BatchRow], acks: Iterable[AckRow]) -> int:
        """After a restore: the batches (and acknowledgements) the replaced database had made and this
        one does not know, kept as they were, so that batch numbers are never given twice and what
        was exported stays the chain the office holds. Returns how many batches were added."""
        added = 0
        for row in batches:
            cursor = self.db.execute(
                f"INSERT OR IGNORE INTO sync_batches ({_BATCH_COLUMNS}) VALUES ({_BATCH_MARKS})", _batch_values(row)
            )
            added += cursor.rowcount
        for ack in acks:
            current = self.ack(ack.device_id, ack.epoch)
            if current is None or current.acked_seq < ack.acked_seq:
                self.set_ack(ack)
                self.mark_acked(ack.device_id, ack.epoch, ack.acked_seq, at=ack.acked_at)
        return added

    def batch_with_head(self, device_id: str, epoch: int, last_seq: int, head: str) -> BatchRow | None:
        """The batch ending at ``last_seq`` with chain head ``head`` (also one carried over a restore
        whose events this database no longer holds)."""
        row = self.db.execute(
            f"SELECT {_BATCH_COLUMNS} FROM sync_batches WHERE device_id = ? AND epoch = ? AND last_seq = ? AND head = ?",
            [device_id, epoch, last_seq, head],
        ).fetchone()
        return None if row is None else _batch(row)

    def mark_written(self, row: BatchRow, *, at: datetime, destination: str) -> None:
        """The batch's files were written to removable media and read back identical."""
        self.db.execute(
            "UPDATE sync_batches SET exported_at = ?, verified_at = ?, export_count = export_count + 1, "
            "destination = ? WHERE device_id = ? AND epoch = ? AND batch = ?",
            [iso(at), iso(at), destination, row.device_id, row.epoch, row.batch],
        )

    def mark_acked(self, device_id: str, epoch: int, upto_seq: int, *, at: datetime) -> list[BatchRow]:
        """Batches now fully acknowledged (they leave the outbox)."""
        rows = self.db.execute(
            f"SELECT {_BATCH_COLUMNS} FROM sync_batches WHERE device_id = ? AND epoch = ? AND last_seq <= ? "
            "AND acked_at IS NULL ORDER BY batch",
            [device_id, epoch, upto_seq],
        ).fetchall()
        self.db.execute(
            "UPDATE sync_batches SET acked_at = ? WHERE device_id = ? AND epoch = ? AND last_seq <= ? AND acked_at IS NULL",
            [iso(at), device_id, epoch, upto_seq],
        )
        return [_batch(r) for r in rows]

    def exported_upto(self, device_id: str, epoch: int) -> int:
        """Last sequence of the chain written to removable media (batches are written in order)."""
        row = self.db.execute(
            "SELECT max(last_seq) FROM sync_batches WHERE device_id = ? AND epoch = ? AND verified_at IS NOT NULL",
            [device_id, epoch],
        ).fetchone()
        return int(row[0] or 0)

    def last_written_at(self) -> datetime | None:
        row = self.db.execute("SELECT max(verified_at) FROM sync_batches").fetchone()
        return from_iso_or_none(row[0])

    def update_batch_files(self, row: BatchRow, files: Iterable[dict[str, Any]]) -> None:
        """After the outbox copy of a batch was rebuilt (same events, new sealing)."""
        self.db.execute(
            "UPDATE sync_batches SET files = ? WHERE device_id = ? AND epoch = ? AND batch = ?",
            [canonical_json(list(files)), row.device_id, row.epoch, row.batch],
        )

    # --- acknowledgements ----------------------------------------------------------------------

    def ack(self, device_id: str, epoch: int) -> AckRow | None:
        row = self.db.execute(
            "SELECT device_id, epoch, acked_seq, head, acked_at, issuer FROM sync_acks WHERE device_id = ? AND epoch = ?",
            [device_id, epoch],
        ).fetchone()
        return None if row is None else AckRow(row[0], int(row[1]), int(row[2]), row[3], from_iso(row[4]), row[5])

    def acks(self) -> list[AckRow]:
        rows = self.db.execute(
            "SELECT device_id, epoch, acked_seq, head, acked_at, issuer FROM sync_acks ORDER BY device_id, epoch"
        ).fetchall()
        return [AckRow(r[0], int(r[1]), int(r[2]), r[3], from_iso(r[4]), r[5]) for r in rows]

    def set_ack(self, row: AckRow) -> None:
        self.db.execute(
            "INSERT INTO sync_acks (device_id, epoch, acked_seq, head, acked_at, issuer) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (device_id, epoch) DO UPDATE SET acked_seq = excluded.acked_seq, head = excluded.head, "
            "acked_at = excluded.acked_at, issuer = excluded.issuer",
            [row.device_id, row.epoch, row.acked_seq, row.head, iso(row.acked_at), row.issuer],
        )


def _batch_values(row: BatchRow) -> list[Any]:
    """``row`` in the order of ``_BATCH_COLUMNS``."""
    return [
        row.device_id,
        row.epoch,
        row.batch,
        row.first_seq,
        row.last_seq,
        row.prev_head,
        row.head,
        row.event_count,
        row.dossier_count,
        row.stem,
        canonical_json(list(row.files)),
        iso(row.created_at),
        iso(row.exported_at) if row.exported_at else None,
        iso(row.verified_at) if row.verified_at else None,
        row.export_count,
        row.destination,
        iso(row.acked_at) if row.acked_at else None,
    ]
