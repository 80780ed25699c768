"""Fast loading of many dossiers at once (synthetic demo data, benchmarks).

Events keep the same chain (sequence, previous hash) as ``EventLog.append``; rows are written
with ``executemany`` in large transactions and the name index is built once at the end.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.events import GENESIS_HASH, EventRecord, compute_hash
from motcua_desktop.domain.serde import canonical_json, evolve
from motcua_desktop.domain.vntime import iso
from motcua_desktop.storage.dossier_table import insert_ratings, projection_row
from motcua_desktop.storage.event_log import _COLUMNS as EVENT_COLUMNS
from motcua_desktop.storage.report_queries import satisfaction_rows
from motcua_desktop.storage.store import Store


class BulkWriter:
    def __init__(self, store: Store, *, batch: int = 20_000) -> None:
        self.store = store
        self.batch = batch
        device = store.events.device()
        self.device_id, self.epoch = device.device_id, device.epoch
        head = store.events.head(self.device_id, self.epoch)
        self.seq, self.prev_hash = (0, GENESIS_HASH) if head is None else (head.last_seq, head.last_hash)
        self._events: list[tuple[Any, ...]] = []
        self._dossiers: list[dict[str, Any]] = []
        self._ratings: list[tuple[str, str, str, str, str, str]] = []
        self.code_sequences: dict[tuple[str, date], tuple[int, int, int]] = {}
        self.book_lines: dict[str, int] = {}
        self.events_written = 0
        self.dossiers_written = 0

    def event(
        self,
        *,
        uuid: str,
        kind: str,
        actor: str,
        occurred_at: Any,
        payload: dict[str, Any],
        dossier_uuid: str | None = None,
        dossier_rev: int | None = None,
    ) -> EventRecord:
        self.seq += 1
        record = EventRecord(
            uuid,
            self.device_id,
            self.epoch,
            self.seq,
            kind,
            actor,
            occurred_at,
            payload,
            dossier_uuid,
            dossier_rev,
            self.prev_hash,
        )
        payload_json = canonical_json(payload)
        record = evolve(record, hash=compute_hash(record, payload_json))
        self.prev_hash = record.hash
        self._events.append(
            (
                record.uuid,
                record.device_id,
                record.epoch,
                record.seq,
                record.kind,
                record.actor,
                iso(record.occurred_at),
                record.dossier_uuid,
                record.dossier_rev,
                payload_json,
                record.prev_hash,
                record.hash,
                0,
            )
        )
        if len(self._events) >= self.batch:
            self.flush()
        return record

    def dossier(self, dossier: Dossier) -> None:
        self._dossiers.append(projection_row(dossier))
        self._ratings.extend(satisfaction_rows(dossier))
        if len(self._dossiers) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self._events and not self._dossiers:
            return
        db = self.store.db
        with self.store.transaction():
            if self._events:
                db.conn.executemany(
                    f"INSERT INTO events ({EVENT_COLUMNS}, imported) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self._events
                )
                db.execute(
                    "INSERT INTO chain_heads (device_id, epoch, last_seq, last_hash) VALUES (?,?,?,?) "
                    "ON CONFLICT (device_id, epoch) DO UPDATE SET last_seq = excluded.last_seq, "
                    "last_hash = excluded.last_hash",
                    [self.device_id, self.epoch, self.seq, self.prev_hash],
                )
            if self._dossiers:
                columns = list(self._dossiers[0])
                db.conn.executemany(
                    f"INSERT INTO dossiers ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [list(row.values()) for row in self._dossiers],
                )
                insert_ratings(db, self._ratings)
        self.events_written += len(self._events)
        self.dossiers_written += len(self._dossiers)
        self._events.clear()
        self._dossiers.clear()
        self._ratings.clear()

    def finish(self) -> None:
        """Writes what is buffered, the sequences issued, and builds the name index."""
        self.flush()
        db = self.store.db
        with self.store.transaction():
            for (agency, day), (last, first, final) in self.code_sequences.items():
                db.execute(
                    "INSERT INTO code_sequences (agency_id, day, last_seq, block_first, block_last) VALUES (?,?,?,?,?) "
                    "ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                    [agency, day.isoformat(), last, first, final],
                )
            for volume, line in self.book_lines.items():
                db.execute(
                    "INSERT INTO book_sequences (volume, last_line) VALUES (?, ?) "
                    "ON CONFLICT (volume) DO UPDATE SET last_line = max(last_line, excluded.last_line)",
                    [volume, line],
                )
            self.store.dossiers.rebuild_name_index()
        db.execute("PRAGMA optimize")
