"""SQL of the periodic reports: grouped counts over the ``dossiers`` projection and the ratings.

Received and finished dossiers are counted from daily counts that triggers keep beside the
``dossiers`` table (migration 5); the other queries read covering indexes (``EXPLAIN QUERY PLAN``
in ``docs/reports.md`` and ``tests/reports/test_query_plans.py``), so a year report over a
million dossiers costs a few tens of milliseconds. The report columns a row carries (finish day, outcome under each rule, the
span class that bounds the "pending at the end of a day" search) are computed here from the
dossier when the projection row is written, so ``rebuild_projection`` recomputes them too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlite_utils

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.dossier import Outcome
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.timeliness import (
    DueChange,
    DueTimeline,
    Pause,
    TimelinessRule,
)
from motcua_desktop.domain.vntime import VN_TZ, from_iso, from_iso_or_none, iso
from motcua_desktop.storage.report_rows import LONG_SPAN_DAYS, OPEN_SPAN, RULE_COLUMNS, SHORT_SPAN_DAYS


def _timeline(text: str | None) -> DueTimeline | None:
    """The ``due_timeline`` column (``to_plain`` of a DueTimeline), read without the generic loader."""
    if not text:
        return None
    data = json.loads(text)
    return DueTimeline(
        tuple(
            DueChange(from_iso(c["at"]), from_iso(c["due_at"]), bool(c.get("extension", False)))
            for c in data.get("dues", ())
        ),
        tuple(
            Pause(from_iso(p["start"]), from_iso(p["end"]) if p.get("end") else None) for p in data.get("pauses", ())
        ),
    )


def _start(day: date) -> str:
    return iso(datetime.combine(day, time(0), tzinfo=VN_TZ))


@dataclass(frozen=True)
class GroupCount:
    """Dossiers of one (field, procedure) group in one category (a channel, an outcome, a rating)."""

    field: str
    procedure_key: str
    category: str | None
    count: int


@dataclass(frozen=True)
class PendingGroup:
    """Dossiers pending at the end of a day that share a group, a due day and a due history."""

    field: str
    procedure_key: str
    due_day: date | None
    timeline: DueTimeline | None
    count: int


@dataclass(frozen=True)
class FinishedRow:
    """A finished dossier as the projection keeps it: enough to work out its outcome under either
    rule without its history (``domain.timeliness.stored_outcome_qd766``)."""

    row_id: int
    field: str
    procedure_key: str
    status: Status
    result_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    original_due_at: datetime | None
    due_at: datetime | None
    timeline: DueTimeline | None


_FINISHED_ROW = (
    "id, field, procedure_key, status, result_at, finished_at, returned_at, original_due_at, due_at, due_timeline"
)


def _finished_row(row: Any) -> FinishedRow:
    return FinishedRow(
        int(row[0]),
        str(row[1]),
        str(row[2]),
        Status(row[3]),
        result_at=from_iso_or_none(row[4]),
        finished_at=from_iso_or_none(row[5]),
        returned_at=from_iso_or_none(row[6]),
        original_due_at=from_iso_or_none(row[7]),
        due_at=from_iso_or_none(row[8]),
        timeline=_timeline(row[9]),
    )


@dataclass(frozen=True)
class RatingCount:
    field: str
    procedure_key: str
    criterion: str
    rating: str
    count: int


@dataclass(frozen=True)
class ClerkEntry:
    """One thing a clerk did to a dossier on a day: registered it, returned its result, took a fee."""

    at: datetime
    action: str  # "register" or an ``Action`` value
    dossier_uuid: str
    status_after: str
    code: str | None
    procedure_name: str
    applicant_name: str
    collector_name: str
    fee_amount: int  # fee due (registration)
    amount: int  # money taken by this action
    due_at: datetime | None = None  # the appointment given at registration


_CLERK_COLUMNS = (
    "occurred_at",
    "kind",
    "uuid",
    "action",
    "to",
    "reg_status",
    "reg_code",
    "paid",
    "collected",
    "collector",
    "reg_due",
    "code",
    "procedure_name",
    "applicant_name",
    "fee_amount",
)


class ReportQueries:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # ----- SQL texts (executed, and explained by ``query_plans``) ------------------------

    @staticmethod
    def counts_sql(measure: str, start: date, end: date) -> tuple[str, list[Any]]:
        """Per group of ``measure`` (kept by triggers, migration 5), the dossiers counted between two days."""
        return (
            "SELECT g.field, g.procedure_key, g.category, (SELECT sum(c.n) FROM report_counts c "
            "WHERE c.grp = g.id AND c.day >= ? AND c.day <= ?) FROM report_groups g WHERE g.measure = ?",
            [start.isoformat(), end.isoformat(), measure],
        )

    @staticmethod
    def pending_sql(day: date, *, due: bool = True) -> tuple[str, list[Any]]:
        """Received by the end of ``day`` and not finished by then, in four index ranges; with the due
        day and history when ``due`` (to judge them), else just counted (covering index).

        Dossiers that finished (classes 0 and 1) all have a code; open ones may be pre-reception
        records, hence the code condition on class 2 only."""
        d = day.isoformat()
        short = (day + timedelta(days=SHORT_SPAN_DAYS)).isoformat()
        long = (day + timedelta(days=LONG_SPAN_DAYS)).isoformat()
        columns = "field, procedure_key, due_day, due_timeline" if due else "field, procedure_key"
        select = f"SELECT {columns} FROM dossiers INDEXED BY reports_pending WHERE span_class = ? AND "
        parts = [
            (select + "finished_day > ? AND finished_day <= ? AND received_day <= ?", [0, d, short, d]),
            (select + "finished_day > ? AND finished_day <= ? AND received_day <= ?", [1, d, long, d]),
            (select + "finished_day IS NULL AND received_day <= ? AND code IS NOT NULL", [OPEN_SPAN, d]),
            (select + "finished_day > ? AND received_day <= ? AND code IS NOT NULL", [OPEN_SPAN, d, d]),
        ]
        sql = " UNION ALL ".join(p for p, _ in parts)
        return (
            f"SELECT {columns}, count(*) FROM ({sql}) GROUP BY {columns}",
            [v for _, values in parts for v in values],
        )

    # ----- queries --------------------------------------------------------------------

    def received(self, start: date, end: date) -> list[GroupCount]:
        """Dossiers received (with a code) between two days, by group and channel."""
        return self._counts("received", start, end)

    def finished(self, start: date, end: date, rule: TimelinessRule) -> list[GroupCount]:
        """Dossiers finished between two days, by group and outcome under ``rule`` (None: not recorded)."""
        return [
            GroupCount(g.field, g.procedure_key, g.category or None, g.count)
            for g in self._counts(rule.value, start, end)
        ]

    def _counts(self, measure: str, start: date, end: date) -> list[GroupCount]:
        rows = self.db.execute(*self.counts_sql(measure, start, end))
        return [GroupCount(str(f), str(k), str(c), int(n)) for f, k, c, n in rows if n]

    def returned(self, start: date, end: date) -> list[GroupCount]:
        """Dossiers whose result was returned between two days, by group."""
        return [GroupCount(g.field, g.procedure_key, None, g.count) for g in self._counts("returned", start, end)]

    def pending(self, day: date) -> list[PendingGroup]:
        """Dossiers received by the end of ``day`` and not finished then, with their due dates."""
        sql, params = self.pending_sql(day)
        return [
            PendingGroup(str(f), str(k), date.fromisoformat(due) if due else None, _timeline(timeline), int(n))
            for f, k, due, timeline, n in self.db.execute(sql, params)
        ]

    def pending_counts(self, day: date) -> list[GroupCount]:
        """How many dossiers of each group were pending at the end of ``day`` (carried over)."""
        sql, params = self.pending_sql(day, due=False)
        return [GroupCount(str(f), str(k), None, int(n)) for f, k, n in self.db.execute(sql, params)]

    def finished_without_outcome(self, start: date, end: date, rule: TimelinessRule) -> list[FinishedRow]:
        """Dossiers finished between two days whose outcome under ``rule`` is not stored (finished
        before this version recorded it), in one query: the services work it out from these rows."""
        column = RULE_COLUMNS[rule]
        rows = self.db.execute(
            f"SELECT {_FINISHED_ROW} FROM dossiers INDEXED BY reports_finished WHERE finished_day >= ? "
            f"AND finished_day <= ? AND {column} IS NULL",
            [start.isoformat(), end.isoformat()],
        )
        return [_finished_row(r) for r in rows]

    def days_without_outcome(self, rule: TimelinessRule) -> list[tuple[date, int]]:
        """(finish day, dossiers) of the finished dossiers whose outcome under ``rule`` is not stored,
        from the daily counts: nothing to read once they are all filled (``set_outcomes``)."""
        rows = self.db.execute(
            "SELECT c.day, sum(c.n) FROM report_groups g JOIN report_counts c ON c.grp = g.id "
            "WHERE g.measure = ? AND g.category = '' AND c.n > 0 GROUP BY c.day ORDER BY c.day",
            [rule.value],
        )
        return [(date.fromisoformat(day), int(n)) for day, n in rows]

    def set_outcomes(self, rule: TimelinessRule, outcomes: Iterable[tuple[int, Outcome]]) -> int:
        """Stores worked-out outcomes under ``rule`` of (row id, outcome) where none is stored yet;
        returns how many rows changed (inside the caller's transaction). The daily counts follow
        (triggers); their emptied "not recorded" rows are removed, so ``days_without_outcome`` stays free."""
        column = RULE_COLUMNS[rule]
        cursor = self.db.conn.executemany(
            f"UPDATE dossiers SET {column} = ? WHERE id = ? AND {column} IS NULL",
            [(outcome.value, row_id) for row_id, outcome in outcomes],
        )
        self.db.execute(
            "DELETE FROM report_counts WHERE n = 0 AND grp IN "
            "(SELECT id FROM report_groups WHERE measure = ? AND category = '')",
            [rule.value],
        )
        return int(cursor.rowcount)

    def finished_of(
        self, start: date, end: date, keys: Iterable[str], rule: TimelinessRule
    ) -> list[tuple[str, str, str, str | None]]:
        """(uuid, field, procedure key, stored outcome under ``rule``) of the dossiers of ``keys``
        finished between two days (statistics against the statutory time re-judge these)."""
        wanted = sorted(set(keys))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.db.execute(
            f"SELECT uuid, field, procedure_key, {RULE_COLUMNS[rule]} FROM dossiers WHERE finished_day >= ? "
            f"AND finished_day <= ? AND procedure_key IN ({marks})",
            [start.isoformat(), end.isoformat(), *wanted],
        )
        return [(str(u), str(f), str(k), o) for u, f, k, o in rows]

    def pending_of(self, day: date, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        """(uuid, field, procedure key) of the dossiers of ``keys`` received by the end of ``day`` and
        not finished then."""
        wanted = sorted(set(keys))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.db.execute(
            f"SELECT uuid, field, procedure_key FROM dossiers WHERE procedure_key IN ({marks}) AND code IS NOT NULL "
            "AND received_day <= ? AND (finished_day IS NULL OR finished_day > ?)",
            [*wanted, day.isoformat(), day.isoformat()],
        )
        return [(str(u), str(f), str(k)) for u, f, k in rows]

    def ratings(self, start: date, end: date) -> list[RatingCount]:
        """Satisfaction ratings given when results were returned between two days (criterion "" = overall)."""
        out = []
        for g in self._counts("rating", start, end):
            criterion, _, rating = (g.category or "").rpartition("\x1f")
            out.append(RatingCount(g.field, g.procedure_key, criterion, rating, g.count))
        return out

    def trips(self, start: date, end: date) -> list[tuple[str, str, int, int]]:
        """(field, procedure key, trips, dossiers) of the dossiers whose result was returned between two
        days (``domain.trips``: a dossier's trips are final once it is returned)."""
        rows = self.db.execute(
            "SELECT field, procedure_key, trips, count(*) FROM dossiers WHERE returned_at IS NOT NULL "
            "AND returned_at >= ? AND returned_at < ? GROUP BY field, procedure_key, trips",
            [start.isoformat(), (end + timedelta(days=1)).isoformat()],
        )
        return [(str(f), str(k), int(t), int(n)) for f, k, t, n in rows]

    def procedure_names(self, keys: Iterable[str]) -> dict[str, tuple[str, str]]:
        """(national code, name) of each procedure: the catalogue's current version, else the
        latest dossier received for it."""
        wanted = set(keys)
        found: dict[str, tuple[str, str]] = {}
        for key, code, name in self.db.execute("SELECT key, code, name FROM procedures WHERE is_current = 1"):
            if key in wanted:
                found[str(key)] = (str(code), str(name))
        for key in sorted(wanted - set(found)):
            row = self.db.execute(
                "SELECT procedure_code, procedure_name FROM dossiers WHERE procedure_key = ? "
                "ORDER BY received_at DESC LIMIT 1",
                [key],
            ).fetchone()
            found[key] = (str(row[0]), str(row[1])) if row else ("", key)
        return found

    def clerk_day(self, clerk: str, day: date) -> list[ClerkEntry]:
        """What ``clerk`` recorded on ``day``: registrations, returns and fee payments, in order."""
        rows = self.db.execute(
            "SELECT e.occurred_at, e.kind, e.dossier_uuid, "
            "json_extract(e.payload, '$.action'), json_extract(e.payload, '$.to'), "
            "json_extract(e.payload, '$.dossier.status'), json_extract(e.payload, '$.dossier.code'), "
            "json_extract(e.payload, '$.details.amount'), "
            "json_extract(e.payload, '$.details.return_record.fee_collected'), "
            "json_extract(e.payload, '$.details.return_record.collector_name'), "
            "json_extract(e.payload, '$.dossier.due_at'), d.code, d.procedure_name, d.applicant_name, d.fee_amount "
            "FROM events e LEFT JOIN dossiers d ON d.uuid = e.dossier_uuid "
            "WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.actor = ? AND e.kind IN (?, ?) "
            "ORDER BY e.occurred_at, e.id",
            [
                _start(day),
                _start(day + timedelta(days=1)),
                clerk,
                ev.DOSSIER_REGISTERED,
                ev.DOSSIER_TRANSITIONED,
            ],
        )
        wanted = {Action.RETURN.value, Action.PAY_FEES.value}
        out = []
        for row in rows:
            v = dict(zip(_CLERK_COLUMNS, row, strict=True))
            if v["kind"] == ev.DOSSIER_REGISTERED:
                what, status, code, amount = "register", v["reg_status"], v["reg_code"], 0
                due = from_iso(str(v["reg_due"])) if v["reg_due"] else None
            elif v["action"] in wanted:
                what, status, code, due = str(v["action"]), v["to"], v["code"], None
                paid = v["collected"] if what == Action.RETURN.value else v["paid"]
                amount = int(paid or 0)
            else:
                continue
            out.append(
                ClerkEntry(
                    from_iso(str(v["occurred_at"])),
                    what,
                    str(v["uuid"]),
                    str(status or Status.RECEIVED.value),
                    code,
                    str(v["procedure_name"] or ""),
                    str(v["applicant_name"] or ""),
                    str(v["collector"] or ""),
                    int(v["fee_amount"] or 0),
                    amount,
                    due,
                )
            )
        return out

    def query_plans(self, start: date, end: date, rule: TimelinessRule) -> dict[str, list[str]]:
        """``EXPLAIN QUERY PLAN`` of each report query (for the docs and the tests)."""
        queries = {
            "received": self.counts_sql("received", start, end),
            "finished": self.counts_sql(rule.value, start, end),
            "carried_over": self.pending_sql(start - timedelta(days=1), due=False),
            "pending": self.pending_sql(end),
            "returned": self.counts_sql("returned", start, end),
            "ratings": self.counts_sql("rating", start, end),
        }
        return {
            name: [str(row[3]) for row in self.db.execute("EXPLAIN QUERY PLAN " + sql, params)]
            for name, (sql, params) in queries.items()
        }
