"""The practices' reports: dossiers resolved on the spot (Ngày không hẹn), ratings by channel."""

from __future__ import annotations

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.practices import (
    RatingChannelsReport,
    SameDayReport,
    build_rating_channels,
    build_same_day,
)
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.reports.build import report_header


def same_day_report(ctx: AppContext, period: Period) -> SameDayReport:
    """Dossiers received and resolved at the counter on a «Ngày không hẹn», per month and per procedure."""
    ctx.require(Permission.REPORTS)
    counts = ctx.store.practices.same_day_counts(period.start, period.end)
    names = ctx.store.reports.procedure_names({key for _, key, _, _ in counts})
    return build_same_day(report_header(ctx), period, counts, names)


def rating_channels_report(ctx: AppContext, period: Period) -> RatingChannelsReport:
    """Ratings received / dossiers returned, and the satisfied share per criterion, at the counter and on paper."""
    ctx.require(Permission.REPORTS)
    returned = sum(g.count for g in ctx.store.reports.returned(period.start, period.end))
    ratings = ctx.store.practices.ratings_by_channel(period.start, period.end)
    return build_rating_channels(report_header(ctx), period, returned, ratings)
