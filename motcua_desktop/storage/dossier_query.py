"""SQL for dossier lists: filters, counts and keyset pages that stay fast at a million rows."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from motcua_desktop.domain.dossier import DossierSummary
from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter, SortOrder
from motcua_desktop.domain.lifecycle import PENDING, Status
from motcua_desktop.domain.vntime import VN_TZ, business_day, iso
from motcua_desktop.storage.dossier_table import _SELECT, _summary
from motcua_desktop.storage.report_rows import RULE_COLUMNS

_PENDING = sorted(s.value for s in PENDING)
_RUNNING = sorted(s.value for s in PENDING if s is not Status.AWAITING_SUPPLEMENT)  # a deadline is running


def where_clause(f: DossierFilter, *, now: datetime, near_due_before: datetime | None = None) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        parts.append(sql)
        params.extend(values)

    def statuses(values: list[str]) -> None:
        add(f"d.status IN ({','.join('?' * len(values))})", *values)

    if f.statuses:
        statuses(sorted(s.value for s in f.statuses))
    if f.pending_only:
        statuses(_PENDING)
    if f.awaiting_supplement:
        add("d.status = ?", Status.AWAITING_SUPPLEMENT.value)
    if f.with_code_only:
        parts.append("d.code IS NOT NULL")
    if f.due is not None:
        statuses(_RUNNING)
        if f.due is DueFilter.OVERDUE:
            add("d.due_at < ?", iso(now))
        elif f.due is DueFilter.IN_TIME:
            add("d.due_at >= ?", iso(now))
        elif f.due is DueFilter.DUE_TODAY:
            start = datetime.combine(business_day(now), datetime.min.time(), tzinfo=VN_TZ)
            add("d.due_at >= ? AND d.due_at < ?", iso(start), iso(start + timedelta(days=1)))
        elif f.due is DueFilter.NEAR_DUE:
            add("d.due_at >= ? AND d.due_at <= ?", iso(now), iso(near_due_before or now))
    if f.received_from is not None:
        add("d.received_day >= ?", f.received_from.isoformat())
    if f.received_to is not None:
        add("d.received_day <= ?", f.received_to.isoformat())
    if f.returned_on is not None:
        start = datetime.combine(f.returned_on, datetime.min.time(), tzinfo=VN_TZ)
        add("d.returned_at >= ? AND d.returned_at < ?", iso(start), iso(start + timedelta(days=1)))
    if f.procedure_key:
        add("d.procedure_key = ?", f.procedure_key)
    if f.field:
        add("d.field = ?", f.field)
    if f.received_by:
        add("d.received_by = ?", f.received_by)
    if f.channel is not None:
        add("d.channel = ?", f.channel.value)
    if f.outcome is not None:
        column = "outcome" if f.outcome_rule is None else RULE_COLUMNS[f.outcome_rule]
        add(f"d.{column} = ?", f.outcome.value)
    if f.finished_from is not None:  # (only received dossiers, which have a code, ever finish)
        add("d.finished_day >= ?", f.finished_from.isoformat())
    if f.finished_to is not None:
        add("d.finished_day <= ?", f.finished_to.isoformat())
    if f.pending_on is not None:  # received (with a code) by the end of that day and not finished by then
        day = f.pending_on.isoformat()
        add("d.code IS NOT NULL AND d.received_day <= ? AND (d.finished_day IS NULL OR d.finished_day > ?)", day, day)
    if f.returned_by:
        add("d.returned_by = ?", f.returned_by)
    return (" AND ".join(parts) or "1"), params


def count(
    db: sqlite_utils.Database, f: DossierFilter, *, now: datetime, near_due_before: datetime | None = None
) -> int:
    where, params = where_clause(f, now=now, near_due_before=near_due_before)
    return int(db.execute(f"SELECT count(*) FROM dossiers d WHERE {where}", params).fetchone()[0])


def page(
    db: sqlite_utils.Database,
    f: DossierFilter,
    order: SortOrder,
    *,
    now: datetime,
    limit: int,
    after: tuple[Any, int] | None = None,
    near_due_before: datetime | None = None,
) -> list[DossierSummary]:
    """One page of rows in ``order``; ``after`` is (sort value, row id) of the last row already shown.

    Keyset pagination: each page costs the same whether it is the first or the ten-thousandth.
    """
    where, params = where_clause(f, now=now, near_due_before=near_due_before)
    column = f"d.{order.column.value}"
    direction = "DESC" if order.descending else "ASC"
    if after is not None:
        value, row_id = after
        if value is None:  # the previous page ended inside the NULL group
            if order.descending:  # NULLS LAST: only NULLs remain
                where += f" AND {column} IS NULL AND d.id < ?"
            else:  # NULLS FIRST: the rest of the NULLs, then every non-NULL value
                where += f" AND (({column} IS NULL AND d.id > ?) OR {column} IS NOT NULL)"
            params.append(row_id)
        elif order.descending:
            where += f" AND ({column} < ? OR ({column} = ? AND d.id < ?) OR {column} IS NULL)"
            params.extend([value, value, row_id])
        else:
            where += f" AND ({column} > ? OR ({column} = ? AND d.id > ?))"
            params.extend([value, value, row_id])
    nulls = "NULLS LAST" if order.descending else "NULLS FIRST"
    sql = f"SELECT {_SELECT} FROM dossiers d WHERE {where} ORDER BY {column} {direction} {nulls}, d.id {direction} LIMIT ?"
    return [_summary(row) for row in db.execute(sql, [*params, limit])]


def sort_value(summary: DossierSummary, order: SortOrder) -> Any:
    """The value of the sort column for a row already fetched (for the next page's ``after``)."""
    from motcua_desktop.domain.text import vietnamese_sort_key

    value = {
        "received_at": summary.received_at,
        "due_at": summary.due_at,
        "code": summary.code,
        "name_sort": vietnamese_sort_key(summary.applicant_name),
        "status": summary.status.value,
    }[order.column.value]
    return iso(value) if isinstance(value, datetime) else value
