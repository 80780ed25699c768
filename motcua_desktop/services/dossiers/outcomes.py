"""QĐ 766 outcomes of dossiers that finished before the program recorded one (``docs/reports.md``).

A finishing event records the outcome under each timeliness rule (``domain.timeliness.finish_details``)
and the projection stores both (``outcome_dp``, ``outcome_qd``). Events written before that (a
database migrated from schema 3, a package from a counter still on an older version, a restored
old backup) carry only the office rule's outcome: the date-part one is worked out by the projection
from the dossier's own dates, the QĐ 766 one needs the working calendar, so it is worked out here,
with the calendar in force, from the columns the projection keeps (no history read), and stored
once: reports, lists and the dashboard then read the column.

``fill_missing_outcomes`` runs where such rows can appear: when a data folder is opened for use (the
command line; the window once signed in: ``fill_on_opening``), after ``rebuild_projection``, after a sync import, after a restore. When there is
nothing to fill it costs one small query on the daily counts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from motcua_desktop.domain.dossier import Outcome
from motcua_desktop.domain.timeliness import (
    TimelinessRule,
    date_part_outcome,
    stored_outcome_qd766,
    stored_statistics_due,
)
from motcua_desktop.storage import Store
from motcua_desktop.storage.errors import StorageError
from motcua_desktop.storage.report_queries import FinishedRow

log = logging.getLogger("motcua.outcomes")

BATCH = 20_000  # dossiers per query and per transaction


def worked_out(
    rows: Iterable[FinishedRow], rule: TimelinessRule, calendar: Any
) -> Iterator[tuple[FinishedRow, Outcome]]:
    """The outcome under ``rule`` of each finished row (on time when it has no due date, as when
    recorded; ``calendar`` is needed for QĐ 766)."""
    for row in rows:
        if rule is TimelinessRule.DATE_PART:
            due = stored_statistics_due(row.due_at, row.timeline)
            outcome = date_part_outcome(row.status, row.result_at or row.returned_at, due)
        else:
            outcome = stored_outcome_qd766(
                calendar,
                row.status,
                result_at=row.result_at,
                finished_at=row.finished_at,
                returned_at=row.returned_at,
                original_due_at=row.original_due_at,
                due_at=row.due_at,
                timeline=row.timeline,
            )
        yield row, outcome or Outcome.ON_TIME


def fill_missing_outcomes(store: Store, calendar: Any = None, *, batch: int = BATCH) -> int:
    """Works out and stores the QĐ 766 outcome of every finished dossier that has none; returns
    how many. One query and one transaction per ``batch`` dossiers (joined to the caller's
    transaction if there is one). Does nothing on a read-only store."""
    if store.readonly:
        return 0
    days = store.reports.days_without_outcome(TimelinessRule.QD766)
    if not days:
        return 0
    if calendar is None:
        from motcua_desktop.services.core.calendar import build_calendar

        calendar = build_calendar(store)
    filled = 0
    for first, last in _chunks(days, batch):
        with store.transaction():
            rows = store.reports.finished_without_outcome(first, last, TimelinessRule.QD766)
            pairs = [(row.row_id, outcome) for row, outcome in worked_out(rows, TimelinessRule.QD766, calendar)]
            filled += store.reports.set_outcomes(TimelinessRule.QD766, pairs)
    log.info("QĐ 766 outcomes worked out for %d dossiers finished before they were recorded", filled)
    return filled


def fill_on_opening(store: Store) -> int:
    """``fill_missing_outcomes`` when a data folder is opened. A storage failure (disk full, busy)
    does not stop the opening: it is logged, reports work these outcomes out meanwhile, and the
    next opening tries again."""
    try:
        return fill_missing_outcomes(store)
    except StorageError as exc:
        log.warning("QĐ 766 outcomes not filled at opening: %s", exc)
        return 0


def _chunks(days: list[tuple[date, int]], size: int) -> Iterator[tuple[date, date]]:
    """Runs of consecutive finish days holding about ``size`` dossiers (at least one day each)."""
    start, count = days[0][0], 0
    previous = start
    for day, n in days:
        if count and count + n > size:
            yield start, previous
            start, count = day, 0
        count += n
        previous = day
    yield start, previous
