"""Read-only queries an export and an import need: raw event rows and hashes of a PC's chain,
counts after a point of each chain, and the dossiers a run of events touches."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Any

import sqlite_utils

from motcua_desktop.domain.dossier import DossierSummary
from motcua_desktop.storage.dossier_table import _SELECT as SUMMARY_SELECT
from motcua_desktop.storage.dossier_table import _summary

_RAW_EVENT_COLUMNS = (
    "uuid, device_id, epoch, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev, payload, prev_hash, hash"
)


def _chains_where(chains: Iterable[tuple[str, int, int]]) -> tuple[str, list[Any]]:
    """``(device_id = ? AND epoch = ? AND seq > ?) OR …`` for (device, epoch, after_seq) triples."""
    parts: list[str] = []
    params: list[Any] = []
    for device_id, epoch, after in chains:
        parts.append("(device_id = ? AND epoch = ? AND seq > ?)")
        params += [device_id, epoch, after]
    return (" OR ".join(parts) or "0"), params


class SyncQueries:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

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

    def count_after(
        self, chains: Iterable[tuple[str, int, int]], *, dossiers_except: Collection[str] = ()
    ) -> tuple[int, int]:
        """(events, distinct dossiers) after the given sequence of each (device, epoch) chain; a
        dossier whose only events there are of the kinds ``dossiers_except`` is not counted."""
        where, params = _chains_where(chains)
        skipped = sorted(dossiers_except)
        dossier = (
            f"CASE WHEN kind NOT IN ({', '.join('?' * len(skipped))}) THEN dossier_uuid END"
            if skipped
            else "dossier_uuid"
        )
        row = self.db.execute(
            f"SELECT count(*), count(DISTINCT {dossier}) FROM events WHERE {where}", [*skipped, *params]
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
