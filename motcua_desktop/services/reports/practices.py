"""The reports of two practices of the best counters (``docs/practices.md``): complaints answered on
time, and the waiting queue's times; their figures come from the wings that keep them."""

from __future__ import annotations

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.complaints import months_between, total_period
from motcua_desktop.reports.complaints import ComplaintsReport
from motcua_desktop.reports.period import Period
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
