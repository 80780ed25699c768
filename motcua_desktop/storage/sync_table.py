"""Sync bookkeeping: export batches (outbox), acknowledgements, recipients, enrolled devices,
imported and pending packages, reports. Also the raw event rows an export reads."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.dossier import DossierSummary
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.vntime import from_iso, from_iso_or_none, iso
from motcua_desktop.storage.dossier_table import _SELECT as SUMMARY_SELECT
from motcua_desktop.storage.dossier_table import _summary


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


@dataclass(frozen=True)
class RecipientRow:
    fingerprint: str
    role: str  # "upstream" | "consolidation"
    name: str
    encryption_key: str
    signing_key: str
    device_id: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class DeviceRow:
    device_id: str
    agency_id: str
    counter_no: int
    name: str
    signing_key: str
    fingerprint: str
    enrolled_at: datetime
    enrolled_by: str


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


@dataclass(frozen=True)
class ReportRow:
    id: int
    kind: str
    key: str
    device_id: str
    dossier_uuid: str
    other_uuid: str
    message: str
    details: dict[str, Any]
    created_at: datetime
    resolved_at: datetime | None


_BATCH_COLUMNS = (
    "device_id, epoch, batch, first_seq, last_seq, prev_head, head, event_count, dossier_count, stem, files, "
    "created_at, exported_at, verified_at, export_count, destination, acked_at"
)
_IMPORT_COLUMNS = "device_id, epoch, batch, first_seq, last_seq, prev_head, head, file_name, imported_at, imported_by"
_RAW_EVENT_COLUMNS = (
    "uuid, device_id, epoch, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev, payload, prev_hash, hash"
)


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


def _chains_where(chains: Iterable[tuple[str, int, int]]) -> tuple[str, list[Any]]:
    """``(device_id = ? AND epoch = ? AND seq > ?) OR …`` for (device, epoch, after_seq) triples."""
    parts: list[str] = []
    params: list[Any] = []
    for device_id, epoch, after in chains:
        parts.append("(device_id = ? AND epoch = ? AND seq > ?)")
        params += [device_id, epoch, after]
    return (" OR ".join(parts) or "0"), params


class SyncTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # --- export batches (outbox) -------------------------------------------------------------

    def add_batch(self, row: BatchRow) -> None:
        self.db.execute(
            f"INSERT INTO sync_batches ({_BATCH_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
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
                None,
                None,
                0,
                "",
                None,
            ],
        )

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

    # --- acknowledgements ----------------------------------------------------------------------

    def ack(self, device_id: str, epoch: int) -> AckRow | None:
        row = self.db.execute(
            "SELECT device_id, epoch, acked_seq, head, acked_at, issuer FROM sync_acks WHERE device_id = ? AND epoch = ?",
            [device_id, epoch],
        ).fetchone()
        return None if row is None else AckRow(row[0], int(row[1]), int(row[2]), row[3], from_iso(row[4]), row[5])

    def set_ack(self, row: AckRow) -> None:
        self.db.execute(
            "INSERT INTO sync_acks (device_id, epoch, acked_seq, head, acked_at, issuer) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (device_id, epoch) DO UPDATE SET acked_seq = excluded.acked_seq, head = excluded.head, "
            "acked_at = excluded.acked_at, issuer = excluded.issuer",
            [row.device_id, row.epoch, row.acked_seq, row.head, iso(row.acked_at), row.issuer],
        )

    # --- recipients and enrolled devices -------------------------------------------------------

    def recipients(self) -> list[RecipientRow]:
        rows = self.db.execute(
            "SELECT fingerprint, role, name, encryption_key, signing_key, device_id, added_at, added_by "
            "FROM sync_recipients ORDER BY role DESC, added_at, fingerprint"
        ).fetchall()
        return [RecipientRow(r[0], r[1], r[2], r[3], r[4], r[5], from_iso(r[6]), r[7]) for r in rows]

    def add_recipient(self, row: RecipientRow) -> None:
        self.db.execute(
            "INSERT INTO sync_recipients (fingerprint, role, name, encryption_key, signing_key, device_id, added_at, "
            "added_by) VALUES (?,?,?,?,?,?,?,?)",
            [
                row.fingerprint,
                row.role,
                row.name,
                row.encryption_key,
                row.signing_key,
                row.device_id,
                iso(row.added_at),
                row.added_by,
            ],
        )

    def remove_recipient(self, fingerprint: str) -> bool:
        cursor = self.db.execute("DELETE FROM sync_recipients WHERE fingerprint = ?", [fingerprint])
        return bool(cursor.rowcount)

    def devices(self) -> list[DeviceRow]:
        rows = self.db.execute(
            "SELECT device_id, agency_id, counter_no, name, signing_key, fingerprint, enrolled_at, enrolled_by "
            "FROM sync_devices ORDER BY counter_no, device_id"
        ).fetchall()
        return [DeviceRow(r[0], r[1], int(r[2]), r[3], r[4], r[5], from_iso(r[6]), r[7]) for r in rows]

    def device(self, device_id: str) -> DeviceRow | None:
        return next((d for d in self.devices() if d.device_id == device_id), None)

    def enrol(self, row: DeviceRow) -> None:
        self.db.execute(
            "INSERT INTO sync_devices (device_id, agency_id, counter_no, name, signing_key, fingerprint, enrolled_at, "
            "enrolled_by) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (device_id) DO UPDATE SET agency_id = excluded.agency_id, "
            "counter_no = excluded.counter_no, name = excluded.name, signing_key = excluded.signing_key, "
            "fingerprint = excluded.fingerprint, enrolled_at = excluded.enrolled_at, enrolled_by = excluded.enrolled_by",
            [
                row.device_id,
                row.agency_id,
                row.counter_no,
                row.name,
                row.signing_key,
                row.fingerprint,
                iso(row.enrolled_at),
                row.enrolled_by,
            ],
        )

    # --- imported and pending packages ---------------------------------------------------------

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

    # --- reports -------------------------------------------------------------------------------

    def report(
        self,
        *,
        kind: str,
        key: str,
        message: str,
        at: datetime,
        device_id: str = "",
        dossier_uuid: str = "",
        other_uuid: str = "",
        details: dict[str, Any] | None = None,
    ) -> bool:
        """Records a situation once (by ``key``); True when it is new or was resolved before."""
        existing = self.db.execute("SELECT resolved_at FROM sync_reports WHERE key = ?", [key]).fetchone()
        if existing is not None and existing[0] is None:
            return False
        if existing is not None:
            self.db.execute(
                "UPDATE sync_reports SET resolved_at = NULL, message = ?, details = ?, created_at = ? WHERE key = ?",
                [message, canonical_json(details or {}), iso(at), key],
            )
            return True
        self.db.execute(
            "INSERT INTO sync_reports (kind, key, device_id, dossier_uuid, other_uuid, message, details, created_at) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [kind, key, device_id, dossier_uuid, other_uuid, message, canonical_json(details or {}), iso(at)],
        )
        return True

    def resolve_reports(self, keys: Iterable[str], *, at: datetime) -> int:
        count = 0
        for key in keys:
            cursor = self.db.execute(
                "UPDATE sync_reports SET resolved_at = ? WHERE key = ? AND resolved_at IS NULL", [iso(at), key]
            )
            count += cursor.rowcount
        return count

    def open_report_keys(self, kind: str, prefix: str) -> list[str]:
        rows = self.db.execute(
            "SELECT key FROM sync_reports WHERE kind = ? AND resolved_at IS NULL AND substr(key, 1, ?) = ?",
            [kind, len(prefix), prefix],
        ).fetchall()
        return [str(r[0]) for r in rows]

    def reports(self, *, open_only: bool = True) -> list[ReportRow]:
        where = "resolved_at IS NULL" if open_only else "1"
        rows = self.db.execute(
            "SELECT id, kind, key, device_id, dossier_uuid, other_uuid, message, details, created_at, resolved_at "
            f"FROM sync_reports WHERE {where} ORDER BY id"
        ).fetchall()
        return [
            ReportRow(
                int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), from_iso(r[8]), from_iso_or_none(r[9])
            )
            for r in rows
        ]

    # --- events, as an export and an import need them -----------------------------------------

    def raw_events(self, device_id: str, epoch: int, *, after_seq: int, upto_seq: int) -> Iterator[tuple[Any, ...]]:
        """Rows ``(uuid, device_id, epoch, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev,
        payload_json, prev_hash, hash)`` in sequence order, the payload left as its stored canonical JSON
        (an export copies it into the package without parsing it)."""
        cursor = self.db.execute(
            f"SELECT {_RAW_EVENT_COLUMNS} FROM events WHERE device_id = ? AND epoch = ? AND seq > ? AND seq <= ? "
            "ORDER BY seq",
            [device_id, epoch, after_seq, upto_seq],
        )
        while True:
            rows = cursor.fetchmany(2000)
            if not rows:
                return
            yield from (tuple(r) for r in rows)

    def event_hash(self, device_id: str, epoch: int, seq: int) -> str | None:
        row = self.db.execute(
            "SELECT hash FROM events WHERE device_id = ? AND epoch = ? AND seq = ?", [device_id, epoch, seq]
        ).fetchone()
        return None if row is None else str(row[0])

    def event_hashes(self, device_id: str, epoch: int, first_seq: int, last_seq: int) -> dict[int, str]:
        rows = self.db.execute(
            "SELECT seq, hash FROM events WHERE device_id = ? AND epoch = ? AND seq BETWEEN ? AND ?",
            [device_id, epoch, first_seq, last_seq],
        ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}

    def hashes_by_uuid(self, uuids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            rows = self.db.execute(
                f"SELECT uuid, hash FROM events WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk
            ).fetchall()
            found.update((str(r[0]), str(r[1])) for r in rows)
        return found

    def device_has_hash(self, device_id: str, hash_: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM events WHERE device_id = ? AND hash = ? LIMIT 1", [device_id, hash_]
        ).fetchone()
        return row is not None

    def count_after(self, chains: Iterable[tuple[str, int, int]]) -> tuple[int, int]:
        """(events, distinct dossiers) after the given sequence of each (device, epoch) chain."""
        where, params = _chains_where(chains)
        row = self.db.execute(
            f"SELECT count(*), count(DISTINCT dossier_uuid) FROM events WHERE {where}", params
        ).fetchone()
        return int(row[0]), int(row[1])

    def summaries_in_range(self, device_id: str, epoch: int, first_seq: int, last_seq: int) -> list[DossierSummary]:
        """Projection rows of the dossiers a run of events touches, in reception order."""
        rows = self.db.execute(
            f"SELECT {SUMMARY_SELECT} FROM dossiers d WHERE d.uuid IN (SELECT dossier_uuid FROM events "
            "WHERE device_id = ? AND epoch = ? AND seq BETWEEN ? AND ? AND dossier_uuid IS NOT NULL) "
            "ORDER BY d.received_at, d.id",
            [device_id, epoch, first_seq, last_seq],
        ).fetchall()
        return [_summary(r) for r in rows]

    def possible_duplicates(self, dossier_uuid: str) -> list[tuple[str, str | None, str]]:
        """(uuid, code, device) of dossiers from another PC with the same applicant ID number,
        procedure and reception day."""
        rows = self.db.execute(
            "SELECT o.uuid, o.code, o.device_id FROM dossiers d JOIN dossiers o "
            "ON o.applicant_id_number = d.applicant_id_number AND o.procedure_key = d.procedure_key "
            "AND o.received_day = d.received_day AND o.uuid != d.uuid AND o.device_id != d.device_id "
            "WHERE d.uuid = ? AND d.applicant_id_number != '' ORDER BY o.received_at",
            [dossier_uuid],
        ).fetchall()
        return [(str(r[0]), r[1], str(r[2])) for r in rows]

    def update_batch_files(self, row: BatchRow, files: Iterable[dict[str, Any]]) -> None:
        """After the outbox copy of a batch was rebuilt (same events, new sealing)."""
        self.db.execute(
            "UPDATE sync_batches SET files = ? WHERE device_id = ? AND epoch = ? AND batch = ?",
            [canonical_json(list(files)), row.device_id, row.epoch, row.batch],
        )


def _import(row: Any) -> ImportRow:
    return ImportRow(
        row[0], int(row[1]), int(row[2]), int(row[3]), int(row[4]), row[5], row[6], row[7], from_iso(row[8]), row[9]
    )
