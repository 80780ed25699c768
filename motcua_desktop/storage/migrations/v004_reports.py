"""Reports: the columns and covering indexes of the periodic reports, and the satisfaction ratings.

New ``dossiers`` columns (written by ``projection_row`` from then on):

- ``finished_day``: the day the dossier counts as resolved; ``span_class``: 0/1/2 as it finished
  within 31 days, 366 days, later or not yet (bounds the "pending at the end of a day" search);
- ``due_day``: the current due day; ``due_timeline``: JSON of the due dates and supplement rounds
  when there was more than one due date or a supplement (judging past period ends exactly);
- ``outcome_dp`` / ``outcome_qd``: early / on time / late under the date-part rule and under QĐ 766,
  recorded when the dossier finished;
- ``returned_by``: the clerk who returned the result.

Existing rows are filled here: the date-part outcome from their dates, the due history by
replaying the events of dossiers that had one; the QĐ 766 outcome of dossiers finished before
this version depends on the working calendar, so ``services.dossiers.outcomes`` works it out from these
columns and stores it when the data folder is next opened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlite_utils

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.dossier import Outcome
from motcua_desktop.domain.lifecycle import FINISHED, Action, Status
from motcua_desktop.domain.projection import replay
from motcua_desktop.domain.serde import canonical_json, to_plain
from motcua_desktop.domain.timeliness import date_part_outcome, due_timeline
from motcua_desktop.domain.vntime import from_iso_or_none
from motcua_desktop.storage.event_log import EventLog
from motcua_desktop.storage.report_rows import span_class
from motcua_desktop.storage.sqlscript import run_script

COLUMNS = """
ALTER TABLE dossiers ADD COLUMN finished_day TEXT;
ALTER TABLE dossiers ADD COLUMN span_class INTEGER NOT NULL DEFAULT 2;
ALTER TABLE dossiers ADD COLUMN due_day TEXT;
ALTER TABLE dossiers ADD COLUMN due_timeline TEXT;
ALTER TABLE dossiers ADD COLUMN outcome_dp TEXT;
ALTER TABLE dossiers ADD COLUMN outcome_qd TEXT;
ALTER TABLE dossiers ADD COLUMN returned_by TEXT;

-- One row per rating given when a result was returned: the overall rating (criterion '') and
-- one per criterion of Decree 118 Art. 33(1). Kept by storage with the dossier row; no person.
CREATE TABLE satisfaction_ratings (
    dossier_uuid TEXT NOT NULL,
    criterion TEXT NOT NULL,
    rating TEXT NOT NULL,
    returned_day TEXT NOT NULL,
    field TEXT NOT NULL,
    procedure_key TEXT NOT NULL,
    PRIMARY KEY (dossier_uuid, criterion)
) WITHOUT ROWID;
"""

INDEXES = """
-- Covering indexes of the report queries (storage/report_queries.py); the first two also serve
-- the lists' "received on", "finished between … with outcome …" filters.
-- (``code`` is in reports_received so that the "has a code" condition is read from the index too;
-- only received dossiers ever finish, so reports_finished needs no such condition.)
CREATE INDEX reports_received ON dossiers (received_day, field, procedure_key, channel, code) WHERE code IS NOT NULL;
CREATE INDEX reports_finished ON dossiers (finished_day, field, procedure_key, outcome_dp, outcome_qd)
    WHERE finished_day IS NOT NULL;
CREATE INDEX reports_pending ON dossiers (span_class, finished_day, received_day, field, procedure_key);
CREATE INDEX reports_returned ON dossiers (returned_at, returned_by, field, procedure_key)
    WHERE returned_at IS NOT NULL;
"""

# The daily counts of the reports: per (measure, field, procedure, category) group and day, how
# many dossiers were received (category: channel), finished (category: outcome under each rule, ''
# when not recorded), returned, and how many ratings were given (category: criterion, char(31),
# level). Triggers keep them equal to the ``dossiers`` and ``satisfaction_ratings`` rows on every
# insert, update and delete, so a year report sums a few thousand counts instead of grouping a
# hundred thousand rows.
COUNTS = """
CREATE TABLE report_groups (
    id INTEGER PRIMARY KEY,
    measure TEXT NOT NULL,          -- received | date_part | qd766 | returned | rating
    field TEXT NOT NULL,
    procedure_key TEXT NOT NULL,
    category TEXT NOT NULL,
    UNIQUE (measure, field, procedure_key, category)
);
CREATE TABLE report_counts (
    grp INTEGER NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (grp, day)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Measure:
    """What one measure counts, as SQL over a row ``{r}`` (NEW, OLD, or an alias)."""

    table: str
    day: str
    category: str
    condition: str


MEASURES = {
    "received": Measure("dossiers", "{r}.received_day", "{r}.channel", "{r}.code IS NOT NULL"),
    "date_part": Measure(
        "dossiers", "{r}.finished_day", "coalesce({r}.outcome_dp, '')", "{r}.finished_day IS NOT NULL"
    ),
    "qd766": Measure("dossiers", "{r}.finished_day", "coalesce({r}.outcome_qd, '')", "{r}.finished_day IS NOT NULL"),
    "returned": Measure("dossiers", "substr({r}.returned_at, 1, 10)", "''", "{r}.returned_at IS NOT NULL"),
    "rating": Measure("satisfaction_ratings", "{r}.returned_day", "{r}.criterion || char(31) || {r}.rating", "1"),
}
WATCHED = (
    "code",
    "field",
    "procedure_key",
    "channel",
    "received_day",
    "finished_day",
    "outcome_dp",
    "outcome_qd",
    "returned_at",
)


def _group(name: str, r: str) -> str:
    m = MEASURES[name]
    return (
        f"g.measure = '{name}' AND g.field = {r}.field AND g.procedure_key = {r}.procedure_key "
        f"AND g.category = {m.category.format(r=r)}"
    )


def _add(table: str, r: str = "NEW") -> str:
    out = []
    for name, m in MEASURES.items():
        if m.table != table:
            continue
        cond = m.condition.format(r=r)
        out.append(
            f"INSERT OR IGNORE INTO report_groups (measure, field, procedure_key, category) "
            f"SELECT '{name}', {r}.field, {r}.procedure_key, {m.category.format(r=r)} WHERE {cond};"
        )
        out.append(
            f"INSERT INTO report_counts (grp, day, n) SELECT g.id, {m.day.format(r=r)}, 1 FROM report_groups g "
            f"WHERE {cond} AND {_group(name, r)} ON CONFLICT (grp, day) DO UPDATE SET n = n + 1;"
        )
    return "\n    ".join(out)


def _subtract(table: str, r: str = "OLD") -> str:
    return "\n    ".join(
        f"UPDATE report_counts SET n = n - 1 WHERE {m.condition.format(r=r)} AND day = {m.day.format(r=r)} "
        f"AND grp = (SELECT g.id FROM report_groups g WHERE {_group(name, r)});"
        for name, m in MEASURES.items()
        if m.table == table
    )


def triggers() -> str:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
    return f"""
CREATE TRIGGER report_counts_insert AFTER INSERT ON dossiers BEGIN
    {_add("dossiers")}
END;
CREATE TRIGGER report_counts_update AFTER UPDATE ON dossiers WHEN {changed} BEGIN
    {_subtract("dossiers")}
    {_add("dossiers")}
END;
CREATE TRIGGER report_counts_delete AFTER DELETE ON dossiers BEGIN
    {_subtract("dossiers")}
END;
CREATE TRIGGER report_counts_rating_insert AFTER INSERT ON satisfaction_ratings BEGIN
    {_add("satisfaction_ratings")}
END;
CREATE TRIGGER report_counts_rating_delete AFTER DELETE ON satisfaction_ratings BEGIN
    {_subtract("satisfaction_ratings")}
END;
"""


def _fill_counts(db: sqlite_utils.Database) -> None:
    for name, m in MEASURES.items():
        category, condition, day = m.category.format(r="d"), m.condition.format(r="d"), m.day.format(r="d")
        db.execute(
            f"INSERT OR IGNORE INTO report_groups (measure, field, procedure_key, category) "
            f"SELECT DISTINCT '{name}', d.field, d.procedure_key, {category} FROM {m.table} d WHERE {condition}"
        )
        db.execute(
            f"INSERT INTO report_counts (grp, day, n) SELECT g.id, {day}, count(*) FROM {m.table} d "
            f"JOIN report_groups g ON {_group(name, 'd')} WHERE {condition} GROUP BY g.id, {day}"
        )


_RETURNS = f"""
SELECT e.dossier_uuid, e.actor, e.payload FROM events e
WHERE e.kind = '{ev.DOSSIER_TRANSITIONED}' AND json_extract(e.payload, '$.action') = '{Action.RETURN.value}'
"""


def apply(db: sqlite_utils.Database) -> None:
    run_script(db, COLUMNS)
    run_script(db, COUNTS)
    _fill_columns(db)
    _fill_returns(db)
    _fill_counts(db)
    run_script(db, INDEXES)
    run_script(db, triggers())


def _fill_columns(db: sqlite_utils.Database) -> None:
    finished = [s.value for s in FINISHED]
    rows = db.execute(
        "SELECT id, uuid, status, received_day, finished_at, result_at, returned_at, due_at, supplement_count, extended "
        "FROM dossiers WHERE code IS NOT NULL"
    ).fetchall()
    log = EventLog(db)
    updates: list[list[Any]] = []
    for row_id, uuid, status, received_day, finished_at, result_at, returned_at, due_at, supplements, extended in rows:
        finished_day: str | None = None
        outcome: str | None = None
        if status in finished and finished_at:
            finished_day = max(received_day, finished_at[:10])
            done = from_iso_or_none(result_at) or from_iso_or_none(returned_at)
            found = date_part_outcome(Status(status), done, from_iso_or_none(due_at))
            outcome = (found or Outcome.ON_TIME).value
        timeline = None
        if supplements or extended:
            dossier = replay(e for e in log.for_dossier(uuid) if e.dossier_rev is not None)
            found_timeline = due_timeline(dossier) if dossier else None
            timeline = canonical_json(to_plain(found_timeline)) if found_timeline else None
        span = span_class(date.fromisoformat(received_day), date.fromisoformat(finished_day) if finished_day else None)
        updates.append([finished_day, span, due_at[:10] if due_at else None, timeline, outcome, row_id])
    db.conn.executemany(
        "UPDATE dossiers SET finished_day = ?, span_class = ?, due_day = ?, due_timeline = ?, outcome_dp = ? "
        "WHERE id = ?",
        updates,
    )


def _fill_returns(db: sqlite_utils.Database) -> None:
    """Who returned each result, and the ratings given then, from the return events."""
    by: list[list[Any]] = []
    ratings: list[list[Any]] = []
    for uuid, actor, payload in db.execute(_RETURNS).fetchall():
        by.append([actor, uuid])
        record = json.loads(payload)["details"]["return_record"]
        satisfaction = record.get("satisfaction")
        if not satisfaction:
            continue
        day = record["returned_at"][:10]
        pairs = [("", satisfaction["overall"]), *satisfaction.get("criteria", {}).items()]
        ratings.extend([uuid, criterion, rating, day] for criterion, rating in pairs)
    db.conn.executemany("UPDATE dossiers SET returned_by = ? WHERE uuid = ?", by)
    db.conn.executemany(
        "INSERT OR REPLACE INTO satisfaction_ratings (dossier_uuid, criterion, rating, returned_day, field, "
        "procedure_key) SELECT ?, ?, ?, ?, field, procedure_key FROM dossiers WHERE uuid = ?",
        [[*r, r[0]] for r in ratings],
    )
