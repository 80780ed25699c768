"""Append-only, hash-chained event log (the source of truth; triggers forbid UPDATE/DELETE)."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.events import GENESIS_HASH, EventRecord, encode_header, event_hash, event_header
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


@dataclass(frozen=True)
class ChainRun:
    """The stored events of one device and epoch."""

    device_id: str
    epoch: int
    first_seq: int
    last_seq: int
    count: int


_E_COLUMNS = ", ".join("e." + c.strip() for c in _COLUMNS.split(","))


class EventLog:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        # Merged into every payload this connection writes (e.g. ``clock_suspect`` while the PC
        # clock is known to be wrong); set by the clock guard service.
        self.payload_marks: dict[str, Any] = {}

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
        device: DeviceIdentity | None = None,
    ) -> EventRecord:
        """Writes the next event of this PC's chain; must run inside a transaction (``device``: this
        PC's identity as the caller has just read it in the same transaction)."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("events are appended inside a transaction")
        if device is None:
            device = self.device()
        head = self.db.execute(
            "SELECT last_seq, last_hash FROM chain_heads WHERE device_id = ? AND epoch = ?",
            [device.device_id, device.epoch],
        ).fetchone()
        seq, prev_hash = (1, self._epoch_start_hash(device)) if head is None else (head[0] + 1, head[1])
        if self.payload_marks:
            payload = {**payload, **self.payload_marks}
        payload_json = canonical_json(payload)
        payload = json.loads(payload_json)  # exactly what is stored and hashed
        event_uuid = event_uuid or str(uuidlib.uuid4())
        header_json = encode_header(
            event_header(
                event_uuid,
                device.device_id,
                device.epoch,
                seq,
                kind,
                actor,
                iso(occurred_at),
                dossier_uuid,
                dossier_rev,
                prev_hash,
            )
        )
        event = EventRecord(
            uuid=event_uuid,
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
            hash=event_hash(header_json, payload_json),  # = compute_hash(event), without encoding the payload twice
        )
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
        """Every dossier-state event, grouped by dossier and in revision order (for rebuilds), with
        the leaders' resolutions of conflicts (first in their group)."""
        cursor = self.db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE dossier_rev IS NOT NULL OR kind = 'dossier.conflict_resolved' "
            "ORDER BY dossier_uuid, dossier_rev"
        )
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                return
            for row in rows:
                yield _record(row)

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM events").fetchone()[0])

    def of_kinds(self, kinds: tuple[str, ...], *, device_id: str) -> list[EventRecord]:
        """The events of these kinds written by ``device_id``, oldest first (epoch, then sequence)."""
        marks = ", ".join("?" * len(kinds))
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE device_id = ? AND kind IN ({marks}) ORDER BY epoch, seq",
            [device_id, *kinds],
        ).fetchall()
        return [_record(r) for r in rows]

    def own_head(self) -> ChainHead | None:
        """Head of this PC's chain in its current epoch (None before its first event)."""
        device = self.device()
        return self.head(device.device_id, device.epoch)

    def start_epoch(self, epoch: int) -> None:
        """Moves this PC to ``epoch`` (after a restore); its next event is seq 1 of that epoch,
        linked to the head of the latest earlier epoch. Must run inside a transaction."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("the epoch changes inside a transaction")
        if epoch <= self.device().epoch:
            raise ValueError(f"epoch {epoch} is not after the current one")
        self.db.execute("UPDATE device SET epoch = ? WHERE singleton = 1", [epoch])

    def latest_local_time(self, *, after: tuple[int, int] | None = None) -> datetime | None:
        """The latest time this PC has written on an event (its clock's high-water mark).

        Sign-in records (``auth.*``) are left out: a wrong password is recorded whatever the clock
        says, and must not make a clock set far ahead count as time that has passed. ``after``
        (epoch, seq) leaves out this PC's events up to a leader's confirmation of the real time.
        """
        sql = "SELECT max(occurred_at) FROM events WHERE imported = 0 AND kind NOT LIKE 'auth.%'"
        params: list[Any] = []
        if after is not None:
            sql += " AND (epoch > ? OR (epoch = ? AND seq > ?))"
            params += [after[0], after[0], after[1]]
        row = self.db.execute(sql, params).fetchone()
        return from_iso(row[0]) if row and row[0] else None

    def count_after(self, device_id: str, epoch: int, seq: int, *, except_prefix: str = "") -> int:
        """Events of one chain after ``seq`` (leaving out kinds starting with ``except_prefix``)."""
        sql = "SELECT count(*) FROM events WHERE device_id = ? AND epoch = ? AND seq > ?"
        params: list[Any] = [device_id, epoch, seq]
        if except_prefix:
            sql += " AND kind NOT LIKE ?"
            params.append(except_prefix.replace("%", "") + "%")
        return int(self.db.execute(sql, params).fetchone()[0])

    def runs(self) -> list[ChainRun]:
        """Every device and epoch with stored events, with its sequence range."""
        rows = self.db.execute(
            "SELECT device_id, epoch, min(seq), max(seq), count(*) FROM events GROUP BY device_id, epoch "
            "ORDER BY device_id, epoch"
        ).fetchall()
        return [ChainRun(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]

    def at(self, device_id: str, epoch: int, seq: int) -> EventRecord | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE device_id = ? AND epoch = ? AND seq = ?", [device_id, epoch, seq]
        ).fetchone()
        return _record(row) if row else None

    def find(
        self,
        *,
        actor: str | None = None,
        kind: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        dossier_uuid: str | None = None,
        limit: int = 500,
    ) -> list[tuple[EventRecord, str | None]]:
        """Events matching every given filter, newest first, each with its dossier's code.

        ``kind`` ending in ``.`` matches a family (``dossier.``); ``since`` is inclusive,
        ``until`` exclusive.
        """
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append("e.actor = ?")
            params.append(actor)
        if kind:
            if kind.endswith("."):
                where.append("e.kind LIKE ?")
                params.append(kind.replace("%", "") + "%")
            else:
                where.append("e.kind = ?")
                params.append(kind)
        if since is not None:
            where.append("e.occurred_at >= ?")
            params.append(iso(since))
        if until is not None:
            where.append("e.occurred_at < ?")
            params.append(iso(until))
        if dossier_uuid:
            where.append("e.dossier_uuid = ?")
            params.append(dossier_uuid)
        sql = f"SELECT {_E_COLUMNS}, d.code FROM events e LEFT JOIN dossiers d ON d.uuid = e.dossier_uuid"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?"
        params.append(limit)
        return [(_record(row), row[12]) for row in self.db.execute(sql, params).fetchall()]


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
