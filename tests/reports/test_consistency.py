"""Every report figure agrees with the others and with the lists it summarises, on a generated
office of three years (``services.demo.generate``), under both timeliness rules."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain.dossier_filter import DossierFilter
from motcua_desktop.domain.statistics_readings import SupplementReading
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.reports.ii06a import Counts
from motcua_desktop.reports.period import Period, month_period, quarter_period, year_period
from motcua_desktop.services.dossiers.lists import count_dossiers, list_dossiers
from motcua_desktop.services.printing.forms import tracking_book_lines
from motcua_desktop.services.reports.build import ii06a_report, satisfaction_report, tracking_book
from motcua_desktop.services.reports.dashboard import dashboard
from motcua_desktop.services.reports.options import SUPPLEMENT_READING_KEY
from tests.reports.helpers import Demo, open_demo, reference_ii06a

RULES = list(TimelinessRule)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    demo = open_demo(tmp_path_factory.mktemp("demo"))
    yield demo
    demo.store.close()


def months(demo: Demo) -> list[Period]:
    first = min(d.received_at for d in demo.dossiers).date()
    today = demo.clock.now().date()
    out, year, month = [], first.year, first.month
    while date(year, month, 1) <= today:
        out.append(month_period(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def test_the_demo_exercises_every_case(demo: Demo) -> None:
    statuses = {d.status.value for d in demo.dossiers}
    assert {"DA_TRA_KET_QUA", "DA_CO_KET_QUA", "RUT_HO_SO", "DUNG_XU_LY", "DONG_HO_SO"} <= statuses
    assert any(len(d.supplements) for d in demo.dossiers) and any(d.extension for d in demo.dossiers)
    assert len(demo.dossiers) > 2500


@pytest.mark.parametrize("rule", RULES)
def test_identities_hold_for_every_row_and_period(demo: Demo, rule: TimelinessRule) -> None:
    periods = months(demo)
    periods += [
        quarter_period(y, q)
        for y in (2024, 2025, 2026)
        for q in (1, 2, 3, 4)
        if date(y, 3 * q - 2, 1) <= demo.clock.now().date()
    ]
    periods += [year_period(y) for y in (2024, 2025, 2026)]
    for period in periods:
        report = ii06a_report(demo.leader, period, rule)
        total = Counts()
        for row in report.rows:
            c = row.counts
            assert c.total_received == c.online + c.direct_postal + c.carried_over == c.resolved + c.pending, (
                period,
                row,
            )
            assert c.resolved == c.early + c.on_time + c.late and c.pending == c.in_time + c.overdue
            if row.level == "procedure":
                total += c
        assert total == report.total, period
        fields = [r.counts for r in report.rows if r.level == "field"]
        assert sum(fields, Counts()) == report.total


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("reading", list(SupplementReading))
def test_carried_over_is_the_previous_periods_pending(demo: Demo, rule: TimelinessRule, reading) -> None:  # type: ignore[no-untyped-def]
    """(6) is the previous period's (11), plus, when dossiers waiting for a supplement count as resolved,
    those the previous period counted in (9) for that reason."""
    demo.store.settings.set(SUPPLEMENT_READING_KEY, reading.value)
    try:
        chain = months(demo)[1:]
        previous = ii06a_report(demo.leader, chain[0].previous(), rule)
        moved = reading is SupplementReading.RESOLVED
        for period in chain:
            report = ii06a_report(demo.leader, period, rule)
            before = {
                (r.field, r.procedure_key): r.counts.pending + (r.counts.waiting if moved else 0)
                for r in previous.rows
                if r.level == "procedure"
            }
            now = {(r.field, r.procedure_key): r.counts.carried_over for r in report.rows if r.level == "procedure"}
            assert report.total.carried_over == previous.total.pending + (previous.total.waiting if moved else 0)
            assert {k: v for k, v in now.items() if v} == {k: v for k, v in before.items() if v}, period
            previous = report
    finally:
        demo.store.settings.set(SUPPLEMENT_READING_KEY, SupplementReading.RESOLVED.value)


def test_a_year_is_the_sum_of_its_months(demo: Demo) -> None:
    year = ii06a_report(demo.leader, year_period(2025))
    parts = [ii06a_report(demo.leader, month_period(2025, m)) for m in range(1, 13)]
    assert year.total.carried_over == parts[0].total.carried_over
    assert year.total.pending == parts[-1].total.pending and year.total.overdue == parts[-1].total.overdue
    for key in ("online", "direct_postal", "early", "late"):
        assert getattr(year.total, key) == sum(getattr(p.total, key) for p in parts), key
    # a dossier waiting for a supplement at a month's end counts in that month's (9) only at the year's end
    months_on_time = sum(p.total.on_time - p.total.waiting for p in parts) + parts[-1].total.waiting
    assert year.total.on_time == months_on_time and year.total.waiting == parts[-1].total.waiting


@pytest.mark.parametrize("rule", RULES)
def test_figures_match_a_dossier_by_dossier_reference(demo: Demo, rule: TimelinessRule) -> None:
    """The indexed queries and the stored due histories give what replaying each dossier gives."""
    calendar = demo.leader.calendar()
    for period in [
        month_period(2025, 1),
        month_period(2025, 7),
        quarter_period(2026, 2),
        year_period(2024),
        month_period(2026, 11),
    ]:
        report = ii06a_report(demo.leader, period, rule)
        expected = reference_ii06a(demo.store, demo.dossiers, period.start, period.end, report.as_of, rule, calendar)
        got = {
            (r.field, r.procedure_key): {
                k: v for k, v in r.counts.figures().items() if k in Counts.__dataclass_fields__ and k != "waiting" and v
            }
            for r in report.rows
            if r.level == "procedure"
        }
        assert got == {k: {c: n for c, n in v.items() if n} for k, v in expected.items()}, period


@pytest.mark.parametrize("rule", RULES)
def test_ii06a_figures_are_the_counts_of_their_lists(demo: Demo, rule: TimelinessRule) -> None:
    period = quarter_period(2026, 1)
    report = ii06a_report(demo.leader, period, rule)
    rows = [
        report.rows[0],
        *[r for r in report.rows if r.level == "field"][:2],
        *[r for r in report.rows if r.level == "procedure"][:3],
    ]
    for row in rows:
        figures = row.counts.figures()
        for key, f in report.filters(row).items():
            assert count_dossiers(demo.leader, f) == figures[key], (row.label, key)
    finished = DossierFilter(finished_from=period.start, finished_to=period.end)
    total_list = list_dossiers(demo.leader, finished, limit=100_000)
    # (7) = the dossiers finished in the period, plus those waiting for a supplement at its end
    assert len(total_list) + report.total.waiting == report.total.resolved


def test_received_in_a_period_is_the_tracking_book(demo: Demo) -> None:
    period = month_period(2026, 3)
    report = ii06a_report(demo.leader, period)
    book = tracking_book(demo.leader, period)
    assert (
        report.total.received_in_period
        == len(book.rows)
        == len(tracking_book_lines(demo.leader, period.start, period.end))
    )
    f = DossierFilter(with_code_only=True, received_from=period.start, received_to=period.end)
    assert count_dossiers(demo.leader, f) == len(book.rows)


def test_dashboard_numbers_are_the_counts_and_lengths_of_their_lists(demo: Demo) -> None:
    data = dashboard(demo.leader)
    items = [*data.items, *data.outcomes, *data.received_by_day]
    assert len(items) == 6 + 3 + 14
    for item in items:
        assert item.count == count_dossiers(demo.leader, item.filter), item.key
        assert len(list_dossiers(demo.leader, item.filter, limit=100_000)) == item.count, item.key
    assert sum(i.count for i in data.outcomes) > 0 and data.item("pending").count > 0


def test_dashboard_month_matches_the_ii06a_of_the_month_so_far(demo: Demo) -> None:
    data = dashboard(demo.leader)
    report = ii06a_report(demo.leader, data.month, data.rule)
    # the dashboard counts dossiers finished this month; the report's (9) also holds those waiting for a
    # supplement at the end (rules.md §6.1), which the dashboard shows as "Chờ bổ sung"
    finished_on_time = report.total.on_time - report.total.waiting
    assert [i.count for i in data.outcomes] == [report.total.early, finished_on_time, report.total.late]
    assert (
        data.item("received_today").count
        == ii06a_report(demo.leader, Period(data.today, data.today)).total.received_in_period
    )


def test_satisfaction_counts_ratings_of_returned_dossiers(demo: Demo) -> None:
    period = year_period(2025)
    report = satisfaction_report(demo.leader, period)
    returned = [d for d in demo.dossiers if d.return_record and period.contains(d.return_record.returned_at.date())]
    rated = [d for d in returned if d.return_record and d.return_record.satisfaction]
    assert report.returned == len(returned) == sum(p.returned for p in report.procedures)
    assert report.overall.rated == len(rated) == sum(p.overall.rated for p in report.procedures)
    for p in report.procedures:
        assert p.overall.rated <= p.returned
    levels = {"rat_hai_long": 0, "hai_long": 0, "khong_hai_long": 0}
    for d in rated:
        levels[d.return_record.satisfaction.overall.value] += 1  # type: ignore[union-attr]
    o = report.overall
    assert (o.very_satisfied, o.satisfied, o.dissatisfied) == tuple(levels.values())


def test_periods_before_any_dossier_are_empty(demo: Demo) -> None:
    report = ii06a_report(demo.leader, year_period(2020))
    assert report.total == Counts() and [r.level for r in report.rows] == ["total"]
    assert report.as_of == date(2020, 12, 31)
