"""The reports of the practices of the best counters (``docs/practices.md``): dossiers resolved on the
spot (Ngày không hẹn), ratings by channel, complaints answered on time, and the waiting queue's
times; their figures come from the wings that keep them."""

from __future__ import annotations

from datetime import date, timedelta

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.complaints import months_between, total_period
from motcua_desktop.reports.complaints import ComplaintsReport
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.practices import (
    RatingChannelsReport,
    SameDayReport,
    build_rating_channels,
    build_same_day,
)
from motcua_desktop.reports.waiting_queue import QueueReport
from motcua_desktop.services.complaints.register import complaint_report
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.queue.tickets import queue_report
from motcua_desktop.services.reports.build import report_header


def complaints_report(ctx: AppContext, period: Period) -> ComplaintsReport:
    """One row per month of ``period`` and the period's total."""
    ctx.require(Permission.REPORTS)
    months = months_between(period.start, period.end)
    rows = complaint_report(ctx, [*months, total_period(period.start, period.end)])
    return ComplaintsReport(report_header(ctx), period, tuple(rows[:-1]), rows[-1])


def waiting_queue_report(ctx: AppContext, period: Period) -> QueueReport:
    ctx.require(Permission.REPORTS)
    return QueueReport(report_header(ctx), period, queue_report(ctx, period.start, period.end))


def same_day_report(ctx: AppContext, period: Period) -> SameDayReport:
    """Dossiers received and resolved at the counter on a «Ngày không hẹn», per month and per procedure."""
    ctx.require(Permission.REPORTS)
    resolved = {(m, k): n for m, k, n in ctx.store.practices.same_day_counts(period.start, period.end)}
    received: dict[tuple[str, str], int] = {}
    for start, end in _months(period.start, period.end):  # the daily counts the other reports read
        month = f"{start:%Y-%m}"
        for group in ctx.store.reports.received(start, end):
            received[(month, group.procedure_key)] = received.get((month, group.procedure_key), 0) + group.count
    counts = [(m, k, n, resolved.get((m, k), 0)) for (m, k), n in sorted(received.items())]
    names = ctx.store.reports.procedure_names({key for _, key, _, _ in counts})
    return build_same_day(report_header(ctx), period, counts, names)


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months the period touches, each cut to the period."""
    out: list[tuple[date, date]] = []
    first = start
    while first <= end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        out.append((first, min(end, following - timedelta(days=1))))
        first = following
    return out


def rating_channels_report(ctx: AppContext, period: Period) -> RatingChannelsReport:
    """Ratings received / dossiers returned, and the satisfied share per criterion, at the counter and on paper."""
    ctx.require(Permission.REPORTS)
    returned = sum(g.count for g in ctx.store.reports.returned(period.start, period.end))
    ratings = ctx.store.practices.ratings_by_channel(period.start, period.end)
    return build_rating_channels(report_header(ctx), period, returned, ratings)
