"""Append-only, hash-chained event log (the source of truth; triggers forbid UPDATE/DELETE)."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.events import GENESIS_HASH, EventRecord, compute_hash
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.vntime import from_iso, iso

_COLUMNS = "uuid, device_id, epoch, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev, payload, prev_hash, hash"


@dataclass(frozen=True)
class ChainHead:
    device_id: str
    epoch: int
    last_seq: int
    last_hash: str


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    epoch: int


class EventLog:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def device(self) -> DeviceIdentity:
        row = self.db.execute("SELECT device_id, epoch FROM device WHERE singleton = 1").fetchone()
        if row is None:
            raise RuntimeError("database has no device identity")
        return DeviceIdentity(row[0], int(row[1]))

    def append(
        self,
        *,
        kind: str,
        actor: str,
        occurred_at: datetime,
        payload: dict[str, Any],
        dossier_uuid: str | None = None,
        dossier_rev: int | None = None,
        event_uuid: str | None = None,
    ) -> EventRecord:
        """Writes the next event of this PC's chain; must run inside a transaction."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("events are appended inside a transaction")
        device = self.device()
        head = self.db.execute(
            "SELECT last_seq, last_hash FROM chain_heads WHERE device_id = ? AND epoch = ?",
            [device.device_id, device.epoch],
        ).fetchone()
        seq, prev_hash = (1, self._epoch_start_hash(device)) if head is None else (head[0] + 1, head[1])
        payload_json = canonical_json(payload)
        payload = json.loads(payload_json)  # exactly what is stored and hashed
        event = EventRecord(
            uuid=event_uuid or str(uuidlib.uuid4()),
            device_id=device.device_id,
            epoch=device.epoch,
            seq=seq,
            kind=kind,
            actor=actor,
            occurred_at=occurred_at,
            payload=payload,
            dossier_uuid=dossier_uuid,
            dossier_rev=dossier_rev,
            prev_hash=prev_hash,
        )
        event = replace(event, hash=compute_hash(event, payload_json))
        self._insert(event, imported=False, payload_json=payload_json)
        self._set_head(event)
        return event

    def _epoch_start_hash(self, device: DeviceIdentity) -> str:
        """A new epoch links to the last event of the previous one (the fork point after a restore)."""
        row = self.db.execute(
            "SELECT last_hash FROM chain_heads WHERE device_id = ? AND epoch < ? ORDER BY epoch DESC LIMIT 1",
            [device.device_id, device.epoch],
        ).fetchone()
        return row[0] if row else GENESIS_HASH

    def insert_foreign(self, event: EventRecord) -> None:
        """Stores an event written by another PC (consolidation); the importer has verified it."""
        self._insert(event, imported=True)
        head = self.head(event.device_id, event.epoch)
        if head is None or event.seq > head.last_seq:
            self._set_head(event)

    def _insert(self, event: EventRecord, *, imported: bool, payload_json: str | None = None) -> None:
        self.db.execute(
            f"INSERT INTO events ({_COLUMNS}, imported) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                event.uuid,
                event.device_id,
                event.epoch,
                event.seq,
                event.kind,
                event.actor,
                iso(event.occurred_at),
                event.dossier_uuid,
                event.dossier_rev,
                payload_json if payload_json is not None else canonical_json(event.payload),
                event.prev_hash,
                event.hash,
                int(imported),
            ],
        )

    def _set_head(self, event: EventRecord) -> None:
        self.db.execute(
            "INSERT INTO chain_heads (device_id, epoch, last_seq, last_hash) VALUES (?,?,?,?) "
            "ON CONFLICT (device_id, epoch) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash",
            [event.device_id, event.epoch, event.seq, event.hash],
        )

    def head(self, device_id: str, epoch: int) -> ChainHead | None:
        row = self.db.execute(
            "SELECT device_id, epoch, last_seq, last_hash FROM chain_heads WHERE device_id = ? AND epoch = ?",
            [device_id, epoch],
        ).fetchone()
        return ChainHead(row[0], int(row[1]), int(row[2]), row[3]) if row else None

    def heads(self) -> list[ChainHead]:
        rows = self.db.execute(
            "SELECT device_id, epoch, last_seq, last_hash FROM chain_heads ORDER BY device_id, epoch"
        ).fetchall()
        return [ChainHead(r[0], int(r[1]), int(r[2]), r[3]) for r in rows]

    def get(self, event_uuid: str) -> EventRecord | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM events WHERE uuid = ?", [event_uuid]).fetchone()
        return _record(row) if row else None

    def for_dossier(self, dossier_uuid: str) -> list[EventRecord]:
        """All events of one dossier: state events in revision order, the others by time."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE dossier_uuid = ? ORDER BY occurred_at, id",
            [dossier_uuid],
        ).fetchall()
        return [_record(r) for r in rows]

    def chain(
        self, device_id: str, epoch: int, *, after_seq: int = 0, upto_seq: int | None = None, batch: int = 2000
    ) -> Iterator[EventRecord]:
        """One device+epoch run of events in sequence order, read in batches."""
        last = after_seq
        while True:
            params: list[Any] = [device_id, epoch, last]
            where = "device_id = ? AND epoch = ? AND seq > ?"
            if upto_seq is not None:
                where += " AND seq <= ?"
                params.append(upto_seq)
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM events WHERE {where} ORDER BY seq LIMIT {batch}", params
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _record(row)
            last = int(rows[-1][3])

    def iter_state_events(self, batch: int = 5000) -> Iterator[EventRecord]:
        """Every dossier-state event, grouped by dossier and in revision order (for rebuilds)."""
        cursor = self.db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE dossier_rev IS NOT NULL ORDER BY dossier_uuid, dossier_rev"
        )
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                return
            for row in rows:
                yield _record(row)

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM events").fetchone()[0])


def _record(row: Any) -> EventRecord:
    return EventRecord(
        uuid=row[0],
        device_id=row[1],
        epoch=int(row[2]),
        seq=int(row[3]),
        kind=row[4],
        actor=row[5],
        occurred_at=from_iso(row[6]),
        dossier_uuid=row[7],
        dossier_rev=row[8],
        payload=json.loads(row[9]),
        prev_hash=row[10],
        hash=row[11],
    )
