"""The ``dossiers`` projection table: one row per dossier, kept in step with the event log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import sqlite_utils

from motcua_desktop.domain.codes import BarcodeKey, compact_code, parse_code
from motcua_desktop.domain.dossier import Channel, Dossier, DossierSummary, Outcome
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.search import SearchPlan, fts_query
from motcua_desktop.domain.text import fold, vietnamese_sort_key
from motcua_desktop.domain.vntime import business_day, from_iso_or_none, iso, iso_or_none
from motcua_desktop.storage.report_rows import report_columns, satisfaction_rows

SUMMARY_COLUMNS = (
    "id",
    "uuid",
    "code",
    "status",
    "channel",
    "procedure_key",
    "procedure_code",
    "procedure_name",
    "field",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "representative_name",
    "address",
    "received_at",
    "received_by",
    "device_id",
    "due_at",
    "original_due_at",
    "result_at",
    "finished_at",
    "returned_at",
    "outcome",
    "supplement_count",
    "extended",
    "fee_amount",
    "fee_paid",
    "book_volume",
    "book_line",
    "file_location",
)
_SELECT = ", ".join(f"d.{c}" for c in SUMMARY_COLUMNS)
_SAME_APPLICANT_DAY = (
    f"SELECT {_SELECT} FROM dossiers d WHERE d.applicant_id_number = ? AND d.procedure_key = ? "
    "AND d.received_day = ? AND d.uuid != ? ORDER BY d.id"
)

# Names repeat a lot (a few thousand distinct full names cover most of a commune), and a projection
# rebuild or a bulk load computes these keys for every row.
_fold_names = lru_cache(maxsize=8192)(fold)
_name_sort_key = lru_cache(maxsize=8192)(vietnamese_sort_key)


def projection_row(d: Dossier) -> dict[str, Any]:
    parsed = parse_code(d.code) if d.code else None
    rep = d.representative
    names = d.applicant.full_name + (" " + rep.full_name if rep else "")
    return {
        "uuid": d.uuid,
        "code": d.code,
        "code_compact": compact_code(d.code) if d.code else None,
        "code_day": parsed.day.isoformat() if parsed else None,
        "code_seq": parsed.seq if parsed else None,
        "status": d.status.value,
        "national_status": d.status.national_code,
        "channel": d.channel.value,
        "procedure_key": d.procedure.key,
        "procedure_code": d.procedure.code,
        "procedure_name": d.procedure.name,
        "field": d.procedure.field,
        "applicant_name": d.applicant.full_name,
        "applicant_id_number": d.applicant.id_number,
        "applicant_phone": d.applicant.phone,
        "representative_name": rep.full_name if rep else "",
        "representative_id_number": rep.id_number if rep else "",
        "representative_phone": rep.phone if rep else "",
        "names_folded": _fold_names(names),
        "name_sort": _name_sort_key(d.applicant.full_name),
        "address": d.applicant.address.one_line(),
        "received_at": iso(d.received_at),
        "received_day": business_day(d.received_at).isoformat(),
        "received_by": d.received_by,
        "device_id": d.device_id,
        "due_at": iso_or_none(d.due_at),
        "original_due_at": iso_or_none(d.original_due_at),
        "result_at": iso_or_none(d.result_at),
        "finished_at": iso_or_none(d.finished_at),
        "returned_at": iso_or_none(d.return_record.returned_at if d.return_record else None),
        "outcome": d.outcome.value if d.outcome else None,
        "supplement_count": len(d.supplements),
        "extended": int(d.extension is not None),
        "fee_amount": d.fee_amount,
        "fee_paid": d.fee_paid,
        "book_volume": d.book_volume,
        "book_line": d.book_line,
        "file_location": d.file_location,
        "bundle_uuid": d.bundle.uuid if d.bundle else None,  # migration 8
        "rev": d.rev,
        "updated_at": iso_or_none(d.updated_at),
        **report_columns(d),
    }


# A dossier finished before outcomes were recorded under each rule carries no QĐ 766 outcome; the
# one worked out for its row (``services.dossiers.outcomes``) stays while it keeps the same finish (a later
# return, a correction, a file location). Parameters: the new value, then the new ``finished_at``;
# ``finished_at`` and ``outcome_qd`` on the right are the row's values before the update.
_SET = {"outcome_qd": "outcome_qd = coalesce(?, CASE WHEN finished_at IS ? THEN outcome_qd END)"}


def _summary(row: Any) -> DossierSummary:
    v = dict(zip(SUMMARY_COLUMNS, row, strict=True))
    return DossierSummary(
        row_id=int(v["id"]),
        uuid=v["uuid"],
        code=v["code"],
        status=Status(v["status"]),
        channel=Channel(v["channel"]),
        procedure_key=v["procedure_key"],
        procedure_code=v["procedure_code"],
        procedure_name=v["procedure_name"],
        field=v["field"],
        applicant_name=v["applicant_name"],
        applicant_id_number=v["applicant_id_number"],
        applicant_phone=v["applicant_phone"],
        representative_name=v["representative_name"],
        address=v["address"],
        received_at=_dt(v["received_at"]),
        received_by=v["received_by"],
        device_id=v["device_id"],
        due_at=from_iso_or_none(v["due_at"]),
        original_due_at=from_iso_or_none(v["original_due_at"]),
        result_at=from_iso_or_none(v["result_at"]),
        finished_at=from_iso_or_none(v["finished_at"]),
        returned_at=from_iso_or_none(v["returned_at"]),
        outcome=Outcome(v["outcome"]) if v["outcome"] else None,
        supplement_count=int(v["supplement_count"]),
        extended=bool(v["extended"]),
        fee_amount=int(v["fee_amount"]),
        fee_paid=int(v["fee_paid"]),
        book_volume=v["book_volume"],
        book_line=int(v["book_line"]),
        file_location=v["file_location"],
    )


def _dt(text: str) -> datetime:
    value = from_iso_or_none(text)
    assert value is not None
    return value


class DossierTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._insert_sql: str | None = None
        self._update_sql: str | None = None

    def save(self, dossier: Dossier) -> None:
        """Insert or update the projection row of ``dossier`` and its name-search entry
        (inside the caller's transaction)."""
        row = projection_row(dossier)
        old = self.db.execute("SELECT id, names_folded FROM dossiers WHERE uuid = ?", [dossier.uuid]).fetchone()
        if old is None:
            self._insert(dossier, row)
            return
        if self._update_sql is None:
            self._update_sql = f"UPDATE dossiers SET {', '.join(_SET.get(c, f'{c} = ?') for c in row)} WHERE id = ?"
        values = [v for c, v in row.items() for v in ((v, row["finished_at"]) if c in _SET else (v,))]
        self.db.execute(self._update_sql, [*values, old[0]])
        if old[1] != row["names_folded"]:
            self.db.execute(
                "INSERT INTO dossiers_fts (dossiers_fts, rowid, names_folded) VALUES ('delete', ?, ?)", [old[0], old[1]]
            )
            self._index_names(int(old[0]), row["names_folded"])
        self._save_ratings(dossier)

    def insert_new(self, dossier: Dossier) -> None:
        """Inserts the projection row of a dossier that has just been created (a fresh uuid: no row to
        look up first; a uuid already present fails on the UNIQUE constraint)."""
        self._insert(dossier, projection_row(dossier))

    def _insert(self, dossier: Dossier, row: dict[str, Any]) -> None:
        if self._insert_sql is None:
            self._insert_sql = f"INSERT INTO dossiers ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
        cursor = self.db.execute(self._insert_sql, list(row.values()))
        self._index_names(int(cursor.lastrowid or 0), row["names_folded"])
        self._save_ratings(dossier)

    def _save_ratings(self, dossier: Dossier) -> None:
        """The satisfaction ratings given when the result was returned (only returned dossiers have any)."""
        if dossier.return_record is None:
            return
        self.db.execute("DELETE FROM satisfaction_ratings WHERE dossier_uuid = ?", [dossier.uuid])
        insert_ratings(self.db, satisfaction_rows(dossier))

    def _index_names(self, rowid: int, names_folded: str) -> None:
        self.db.execute("INSERT INTO dossiers_fts (rowid, names_folded) VALUES (?, ?)", [rowid, names_folded])

    def rebuild_name_index(self) -> None:
        """Re-creates the whole name index from the table (after bulk loads)."""
        self.db.execute("INSERT INTO dossiers_fts (dossiers_fts) VALUES ('rebuild')")

    def rev(self, dossier_uuid: str) -> int | None:
        row = self.db.execute("SELECT rev FROM dossiers WHERE uuid = ?", [dossier_uuid]).fetchone()
        return None if row is None else int(row[0])

    def uuid_for_code(self, code: str) -> str | None:
        row = self.db.execute("SELECT uuid FROM dossiers WHERE code = ?", [code]).fetchone()
        if row is None:
            row = self.db.execute("SELECT uuid FROM dossiers WHERE code_compact = ?", [compact_code(code)]).fetchone()
        return None if row is None else str(row[0])

    def summary(self, dossier_uuid: str) -> DossierSummary | None:
        row = self.db.execute(f"SELECT {_SELECT} FROM dossiers d WHERE d.uuid = ?", [dossier_uuid]).fetchone()
        return None if row is None else _summary(row)

    def bundle_parts(self, bundle_uuid: str) -> list[DossierSummary]:
        """The dossiers received together as one linked group, in the order they were registered."""
        rows = self.db.execute(
            f"SELECT {_SELECT} FROM dossiers d WHERE d.bundle_uuid = ? ORDER BY d.id", [bundle_uuid]
        ).fetchall()
        return [_summary(r) for r in rows]

    def by_barcode(self, key: BarcodeKey) -> list[DossierSummary]:
        rows = self.db.execute(
            f"SELECT {_SELECT} FROM dossiers d WHERE d.code_day = ? AND d.code_seq = ?",
            [key.day.isoformat(), key.seq],
        ).fetchall()
        found = [_summary(r) for r in rows]
        return [s for s in found if s.code and key.matches(_parsed(s.code))]

    def search(self, plan: SearchPlan, *, limit: int = 50) -> list[DossierSummary]:
        """Dossiers matching any interpretation of the query, most recent first."""
        found: dict[str, DossierSummary] = {}

        def add(rows: Iterable[Any]) -> None:
            for row in rows:
                summary = _summary(row)
                found.setdefault(summary.uuid, summary)

        if plan.code:
            add(self.db.execute(f"SELECT {_SELECT} FROM dossiers d WHERE d.code = ?", [plan.code]))
        if plan.compact:
            add(self.db.execute(f"SELECT {_SELECT} FROM dossiers d WHERE d.code_compact = ?", [plan.compact]))
        if plan.barcode:
            for summary in self.by_barcode(plan.barcode):
                found.setdefault(summary.uuid, summary)
        for number in plan.id_numbers:
            add(
                self.db.execute(
                    f"SELECT {_SELECT} FROM dossiers d WHERE d.applicant_id_number = ? "
                    f"UNION SELECT {_SELECT} FROM dossiers d WHERE d.representative_id_number = ? LIMIT ?",
                    [number, number, limit],
                )
            )
        for phone in plan.phones:
            add(
                self.db.execute(
                    f"SELECT {_SELECT} FROM dossiers d WHERE d.applicant_phone = ? "
                    f"UNION SELECT {_SELECT} FROM dossiers d WHERE d.representative_phone = ? LIMIT ?",
                    [phone, phone, limit],
                )
            )
        if plan.name_words:
            add(
                self.db.execute(
                    f"SELECT {_SELECT} FROM dossiers_fts f JOIN dossiers d ON d.id = f.rowid "
                    "WHERE dossiers_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
                    [fts_query(plan), limit],
                )
            )
        results = sorted(found.values(), key=lambda s: s.received_at, reverse=True)
        if plan.name_words:
            phrase = " ".join(plan.name_words)
            results.sort(key=lambda s: phrase not in fold(s.applicant_name + " " + s.representative_name))
        return results[:limit]

    def iter_summaries(
        self, where: str = "1", params: Iterable[Any] = (), order: str = "d.id"
    ) -> Iterator[DossierSummary]:
        cursor = self.db.execute(f"SELECT {_SELECT} FROM dossiers d WHERE {where} ORDER BY {order}", list(params))
        for row in cursor:
            yield _summary(row)

    def same_applicant_day(
        self, id_number: str, procedure_key: str, day: date, except_uuid: str
    ) -> list[DossierSummary]:
        """Other dossiers of the same applicant ID number, procedure and reception day (the duplicate
        check after every registration: one prepared statement)."""
        rows = self.db.execute(_SAME_APPLICANT_DAY, [id_number, procedure_key, day.isoformat(), except_uuid])
        return [_summary(row) for row in rows]

    def count(self, where: str = "1", params: Iterable[Any] = ()) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM dossiers d WHERE {where}", list(params)).fetchone()[0])

    def remember_request(self, request_id: str, dossier_uuid: str) -> None:
        """Records which dossier a registration form produced (idempotency of double submits)."""
        self.db.execute(
            "INSERT INTO registration_requests (request_id, dossier_uuid) VALUES (?, ?)", [request_id, dossier_uuid]
        )

    def uuid_for_request(self, request_id: str) -> str | None:
        row = self.db.execute(
            "SELECT dossier_uuid FROM registration_requests WHERE request_id = ?", [request_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def recent_procedure_counts(self, window: int) -> dict[str, int]:
        """How many of the last ``window`` dossiers (by reception time) each procedure had."""
        rows = self.db.execute(
            "SELECT procedure_key, count(*) FROM "
            "(SELECT procedure_key FROM dossiers ORDER BY received_at DESC LIMIT ?) GROUP BY procedure_key",
            [window],
        )
        return {str(key): int(n) for key, n in rows}

    def all_uuids(self) -> list[str]:
        return [str(r[0]) for r in self.db.execute("SELECT uuid FROM dossiers ORDER BY id")]

    def clear(self) -> None:
        """Empties the projection (before a rebuild from the event log)."""
        self.db.execute("DELETE FROM report_counts")  # (the delete triggers then find nothing to subtract)
        self.db.execute("DELETE FROM report_groups")
        self.db.execute("DELETE FROM dossiers")
        self.db.execute("DELETE FROM satisfaction_ratings")
        self.db.execute("INSERT INTO dossiers_fts (dossiers_fts) VALUES ('delete-all')")


def insert_ratings(db: sqlite_utils.Database, rows: list[tuple[str, str, str, str, str, str]]) -> None:
    if rows:
        db.conn.executemany(
            "INSERT INTO satisfaction_ratings (dossier_uuid, criterion, rating, returned_day, field, procedure_key) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )


def _parsed(code: str):  # type: ignore[no-untyped-def]
    parsed = parse_code(code)
    assert parsed is not None
    return parsed
