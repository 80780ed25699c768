"""The report columns a dossier's projection row carries, and its satisfaction rows.

Computed from the dossier whenever its row is written (``DossierTable.save``, the bulk loader,
``rebuild_projection``): the finish day, the outcome under each rule, and the span class that bounds the
"pending at the end of a day" search of ``storage.report_queries``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from motcua_desktop.domain.dossier import Dossier, Outcome
from motcua_desktop.domain.lifecycle import FINISHED
from motcua_desktop.domain.serde import canonical_json, to_plain
from motcua_desktop.domain.timeliness import TimelinessRule, due_timeline, outcome_date_part
from motcua_desktop.domain.trips import trips
from motcua_desktop.domain.vntime import business_day

# How long after reception a dossier finished: 0 within SHORT_SPAN_DAYS, 1 within LONG_SPAN_DAYS,
# 2 later or still open. "Pending at the end of day D" then only searches dossiers finished in
# (D, D + span] for classes 0 and 1, instead of everything finished after D.
SHORT_SPAN_DAYS = 31
LONG_SPAN_DAYS = 366
OPEN_SPAN = 2

RULE_COLUMNS = {TimelinessRule.DATE_PART: "outcome_dp", TimelinessRule.QD766: "outcome_qd"}
OVERALL = ""  # the ``criterion`` of the overall rating in ``satisfaction_ratings``


def span_class(received: date, finished: date | None) -> int:
    if finished is None:
        return OPEN_SPAN
    days = (finished - received).days
    return 0 if days <= SHORT_SPAN_DAYS else 1 if days <= LONG_SPAN_DAYS else OPEN_SPAN


def finished_day(dossier: Dossier) -> date | None:
    """The day the dossier counts as resolved ("đã giải quyết"); never before its reception day."""
    if dossier.status not in FINISHED or dossier.finished_at is None:
        return None
    return max(business_day(dossier.received_at), business_day(dossier.finished_at))


def report_columns(dossier: Dossier) -> dict[str, Any]:
    """The projection columns the reports read (migration 5)."""
    received = business_day(dossier.received_at)
    finished = finished_day(dossier)
    timeline = due_timeline(dossier)
    outcome_dp: Outcome | None = None
    outcome_qd: Outcome | None = None
    if finished is not None:
        # Dossiers finished before outcomes were recorded per rule: the date-part rule needs only
        # the dossier's own dates; the QĐ 766 one needs the working calendar, so it is worked out
        # by ``services.dossiers.outcomes`` (and kept by ``DossierTable.save`` while the finish is the same).
        # An extended dossier is judged against the due date without the extension (rules.md §4.2);
        # versions before schema 5 recorded it against the extended date, so it is judged again here.
        recorded = None if dossier.extension is not None else dossier.outcome_date_part
        outcome_dp = recorded or outcome_date_part(dossier) or Outcome.ON_TIME
        outcome_qd = dossier.outcome_qd766
    record = dossier.return_record
    return {
        "finished_day": finished.isoformat() if finished else None,
        "span_class": span_class(received, finished),
        "due_day": business_day(dossier.due_at).isoformat() if dossier.due_at else None,
        "due_timeline": canonical_json(to_plain(timeline)) if timeline else None,
        "outcome_dp": outcome_dp.value if outcome_dp else None,
        "outcome_qd": outcome_qd.value if outcome_qd else None,
        "returned_by": record.returned_by if record else None,
        "trips": trips(dossier),  # migration 7
    }


def satisfaction_rows(dossier: Dossier) -> list[tuple[str, str, str, str, str, str]]:
    """(dossier, criterion, rating, returned day, field, procedure) for each rating of the dossier."""
    record = dossier.return_record
    if record is None or record.satisfaction is None:
        return []
    day = business_day(record.returned_at).isoformat()
    key, field = dossier.procedure.key, dossier.procedure.field
    ratings = [(OVERALL, record.satisfaction.overall), *record.satisfaction.criteria.items()]
    return [(dossier.uuid, criterion, rating.value, day, field, key) for criterion, rating in ratings]
