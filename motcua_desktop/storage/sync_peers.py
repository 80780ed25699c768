"""Who this PC exchanges packages with: the recipients its exports are sealed for (upstream office,
consolidation PC) and the counter PCs enrolled here, whose packages it accepts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from motcua_desktop.domain.vntime import from_iso, iso

UPSTREAM_ROLE = "upstream"  # a recipient's role: the upstream office (``services.sync.keys``)
CONSOLIDATION_ROLE = "consolidation"  # the office's consolidation PC


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


class PeersTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

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
