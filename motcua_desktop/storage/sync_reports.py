"""Situations an import leaves for a person to decide (gaps, forks, dossier conflicts, possible
duplicates): each recorded once by its key, open until resolved."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.vntime import from_iso, from_iso_or_none, iso


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


class SyncReportsTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

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
