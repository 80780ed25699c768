"""The dashboard shown on opening the app: today's counters and this month's timeliness.

The figures are those of this PC's database: with the office hub connected, every counter's dossiers
arrive there within seconds, so they cover the whole centre; ``coverage`` says which counters they
include and up to when this PC holds each one's work.

Every number is ``count_dossiers`` of the exact filter the dashboard opens when it is clicked,
so a number and its list always agree. Kept apart from the report renderers (reportlab,
XlsxWriter), which the first screen does not need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.dossier import Outcome
from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.vntime import business_day, fmt_date
from motcua_desktop.reports.period import Period, month_period
from motcua_desktop.services.core.calendar import calendar_notice, timeliness_rule
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lists import count_dossiers
from motcua_desktop.services.hub.coverage import coverage

CHART_DAYS = 14  # days of the dashboard's "received per day" chart


@dataclass(frozen=True)
class DashboardItem:
    key: str
    label: str
    count: int
    filter: DossierFilter  # the list this number counts


@dataclass(frozen=True)
class Dashboard:
    today: date
    month: Period
    rule: TimelinessRule
    items: tuple[DashboardItem, ...]  # today's figures
    outcomes: tuple[DashboardItem, ...]  # this month's early / on time / late (finished this month)
    received_by_day: tuple[DashboardItem, ...]  # last CHART_DAYS days, oldest first
    calendar_notice: str = ""  # from 1 November: next year has no official days off yet
    due_flags: int = 0  # printed appointments a calendar change would move (for the clerk to settle)
    coverage: str = ""  # which counters the figures include and how fresh each is (the office hub, USB)

    def item(self, key: str) -> DashboardItem:
        return next(i for i in (*self.items, *self.outcomes, *self.received_by_day) if i.key == key)

    def share(self, outcome: Outcome) -> float | None:
        total = sum(i.count for i in self.outcomes)
        return self.item(outcome.value).count / total if total else None


def dashboard(ctx: AppContext) -> Dashboard:
    """Today's counters and this month's timeliness; every number is ``count_dossiers`` of its filter."""
    ctx.require(Permission.SEARCH)
    today = business_day(ctx.clock.now())
    rule = timeliness_rule(ctx.store)
    month = month_period(today.year, today.month)
    wanted = [
        (
            "received_today",
            "Tiếp nhận hôm nay",
            DossierFilter(with_code_only=True, received_from=today, received_to=today),
        ),
        ("returned_today", "Trả kết quả hôm nay", DossierFilter(returned_on=today)),
        ("due_today", "Đến hạn hôm nay", DossierFilter(due=DueFilter.DUE_TODAY)),
        ("overdue", "Quá hạn", DossierFilter(due=DueFilter.OVERDUE)),
        ("awaiting_supplement", "Chờ bổ sung", DossierFilter(awaiting_supplement=True)),
        ("pending", "Đang giải quyết", DossierFilter(pending_only=True)),
    ]
    items = tuple(DashboardItem(key, label, count_dossiers(ctx, f), f) for key, label, f in wanted)
    month_filters = [
        (o, DossierFilter(finished_from=month.start, finished_to=today, outcome=o, outcome_rule=rule)) for o in Outcome
    ]
    outcomes = tuple(DashboardItem(o.value, o.label, count_dossiers(ctx, f), f) for o, f in month_filters)
    days = []
    for i in range(CHART_DAYS - 1, -1, -1):
        day = today - timedelta(days=i)
        f = DossierFilter(with_code_only=True, received_from=day, received_to=day)
        days.append(DashboardItem(f"received_{day.isoformat()}", fmt_date(day)[:5], count_dossiers(ctx, f), f))
    notice = calendar_notice(ctx.store, today)
    flags = len(ctx.store.calendar.flags())
    return Dashboard(today, month, rule, items, outcomes, tuple(days), notice, flags, coverage(ctx).text)
