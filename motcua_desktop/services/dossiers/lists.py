"""Dossier lists for the Hồ sơ screen, the dashboard and the reports (same filters, same counts)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.dossier import DossierSummary
from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter, SortOrder
from motcua_desktop.domain.settings import NEAR_DUE_HOURS
from motcua_desktop.domain.timeliness import due_soon_threshold
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import mask_for
from motcua_desktop.storage import dossier_query


def near_due_hours(ctx: AppContext) -> Decimal:
    return ctx.store.settings.value(NEAR_DUE_HOURS)


def _threshold(ctx: AppContext, f: DossierFilter):  # type: ignore[no-untyped-def]
    if f.due is not DueFilter.NEAR_DUE:
        return None
    return due_soon_threshold(ctx.calendar(), ctx.clock.now(), near_due_hours(ctx))


def count_dossiers(ctx: AppContext, f: DossierFilter) -> int:
    ctx.require(Permission.SEARCH)
    return dossier_query.count(ctx.store.db, f, now=ctx.clock.now(), near_due_before=_threshold(ctx, f))


def list_dossiers(
    ctx: AppContext,
    f: DossierFilter,
    order: SortOrder | None = None,
    *,
    limit: int = 200,
    after: tuple[Any, int] | None = None,
) -> list[DossierSummary]:
    """One page (``limit`` rows) after the row key ``after`` — see ``next_key``."""
    ctx.require(Permission.SEARCH)
    rows = dossier_query.page(
        ctx.store.db,
        f,
        order or SortOrder(),
        now=ctx.clock.now(),
        limit=limit,
        after=after,
        near_due_before=_threshold(ctx, f),
    )
    return mask_for(ctx, rows)


def next_key(last: DossierSummary, order: SortOrder | None = None) -> tuple[Any, int]:
    """The ``after`` argument that continues a list after ``last``."""
    return dossier_query.sort_value(last, order or SortOrder()), last.row_id


def near_due_before(ctx: AppContext) -> datetime:
    """Pending dossiers due before this moment (and not yet overdue) are "near due" (colour in lists)."""
    return due_soon_threshold(ctx.calendar(), ctx.clock.now(), near_due_hours(ctx))


def dossier_summary(ctx: AppContext, dossier_uuid: str) -> DossierSummary | None:
    """One list line (after a change made from the detail panel)."""
    ctx.require(Permission.SEARCH)
    found = ctx.store.dossiers.summary(dossier_uuid)
    return None if found is None else mask_for(ctx, [found])[0]
