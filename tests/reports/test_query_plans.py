"""Report and dashboard queries read indexes, never the whole table (plans shown in docs/reports.md)."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.services.reports.dashboard import dashboard
from motcua_desktop.storage import dossier_query
from tests.factories import context
from tests.reports.helpers import LEADER, small_office


@pytest.mark.parametrize("rule", list(TimelinessRule))
def test_report_queries_search_covering_indexes(store, clock, rule) -> None:  # type: ignore[no-untyped-def]
    small_office(store, clock)
    store.db.execute("ANALYZE")
    plans = store.reports.query_plans(date(2026, 1, 1), date(2026, 12, 31), rule)
    assert set(plans) == {"received", "finished", "carried_over", "pending", "returned", "ratings"}
    for name, steps in plans.items():
        reads = [s for s in steps if s.startswith(("SCAN", "SEARCH")) and "subquery" not in s]
        assert reads and all(s.startswith("SEARCH") and (" INDEX " in s or "PRIMARY KEY" in s) for s in reads), (
            name,
            steps,
        )
    for name in ("received", "finished", "returned", "ratings"):  # daily counts: a few thousand rows
        assert plans[name] == [
            "SEARCH g USING COVERING INDEX sqlite_autoindex_report_groups_1 (measure=?)",
            "CORRELATED SCALAR SUBQUERY 1",
            "SEARCH c USING PRIMARY KEY (grp=? AND day>? AND day<?)",
        ]
    assert sum("reports_pending" in s for s in plans["pending"]) == 4
    assert sum("COVERING INDEX reports_pending" in s for s in plans["carried_over"]) == 2  # finished: no lookups


def test_every_dashboard_count_searches_an_index(store, clock) -> None:  # type: ignore[no-untyped-def]
    small_office(store, clock)
    leader = context(store, clock, Role.LEADER, LEADER)
    data = dashboard(leader)
    for item in (*data.items, *data.outcomes, *data.received_by_day):
        where, params = dossier_query.where_clause(item.filter, now=clock.now())
        steps = [
            r[3] for r in store.db.execute(f"EXPLAIN QUERY PLAN SELECT count(*) FROM dossiers d WHERE {where}", params)
        ]
        assert all(s.startswith("SEARCH") and "COVERING INDEX" in s for s in steps), (item.key, steps)
