"""Reports over the shared 1,000,000-dossier database (8 years, 01/11/2018–20/11/2026).

Each app figure is the whole service call as a leader runs it (queries, the judgement of pending
dossiers against their due history, procedure names, the report object), warm. Its floor is the
same SQL with no application code: every ``SELECT`` the call ran, captured once from SQLite's trace
(parameters expanded), replayed on the same connection with ``fetchall``. App and floor interleaved.
Target: the II.06a year report under 100 ms (the issue's); the other rows have no target of their
own and show their ratio to the floor.

The clock is fixed at 20/11/2026 17:00, the last working day in the database. Nothing is written:
a database generated before QĐ 766 outcomes were recorded (schema 3, migrated) keeps ``outcome_qd``
empty, and its QĐ 766 row then measures the report working them out (seconds, ``docs/reports.md``);
rebuild the demo database, or let the app open a copy once (``services.dossiers.outcomes``), to measure the
stored column.

    python bench/bench_reports.py [--quick] [--plans]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import BenchEnv, BenchRow, interleaved, median, p99

TARGET_MS = 100.0
FLOOR = "the call's SELECTs replayed raw (fetchall)"


class FixedClock:
    def __init__(self) -> None:
        from motcua_desktop.domain.vntime import vn_datetime

        self.current = vn_datetime(2026, 11, 20, 17, 0)

    def now(self):  # type: ignore[no-untyped-def]
        return self.current


def leader_context(store):  # type: ignore[no-untyped-def]
    """A leader's session on the store, without writing a user (the shared database stays as built)."""
    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.services.core.context import AppContext, Session

    return AppContext(store, clock=FixedClock(), session=Session("bench.leader", "Lãnh Đạo Đo", Role.LEADER))


def cases(ctx) -> dict[str, tuple[Callable[[], object], float | None]]:  # type: ignore[no-untyped-def]
    """{row name: (call, absolute target ms or None)}."""
    from motcua_desktop.domain.timeliness import TimelinessRule
    from motcua_desktop.reports.period import month_period, quarter_period, year_period
    from motcua_desktop.services.reports.build import closing_sheet, ii06a_report, satisfaction_report
    from motcua_desktop.services.reports.dashboard import dashboard

    dp, qd = TimelinessRule.DATE_PART, TimelinessRule.QD766
    return {
        "II.06a year 2026 (to 20/11), date-part rule": (lambda: ii06a_report(ctx, year_period(2026), dp), TARGET_MS),
        "II.06a year 2026 (to 20/11), QĐ 766 rule": (lambda: ii06a_report(ctx, year_period(2026), qd), TARGET_MS),
        "II.06a year 2025 (a closed year)": (lambda: ii06a_report(ctx, year_period(2025), dp), TARGET_MS),
        "II.06a quarter IV/2026": (lambda: ii06a_report(ctx, quarter_period(2026, 4), dp), None),
        "II.06a month 11/2026": (lambda: ii06a_report(ctx, month_period(2026, 11), dp), None),
        "satisfaction report, year 2026": (lambda: satisfaction_report(ctx, year_period(2026)), None),
        "dashboard (today's counters, month's timeliness)": (lambda: dashboard(ctx), None),
        "closing sheet of one clerk-day": (lambda: closing_sheet(ctx, date(2026, 11, 20), "demo.lan"), None),
    }


def captured_selects(conn: Any, call: Callable[[], object]) -> list[str]:
    """The SELECT statements ``call`` runs, parameters expanded, in order."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def measure(env: BenchEnv) -> list[BenchRow]:
    from motcua_desktop.storage import open_store

    store = open_store(env.demo_db())
    ctx = leader_context(store)
    conn = store.db.conn
    rows = []
    try:
        for name, (call, target) in cases(ctx).items():
            started = time.perf_counter()
            statements = captured_selects(conn, call)  # also warms: pages in the cache, calendar built
            slow = time.perf_counter() - started > 1.0  # a miss by far: a few runs show it well enough

            def floor(statements: list[str] = statements) -> None:
                for sql in statements:
                    conn.execute(sql).fetchall()

            runs = 3 if slow else env.repeat(21, 3)
            a, b = interleaved(runs, call, floor, warmup=0 if slow else 2)
            rows.append(
                BenchRow(
                    name,
                    median(a),
                    "ms",
                    median(b),
                    max_value=target,
                    n=len(a),
                    floor_name=FLOOR,
                    note=f"p99 {p99(a):.1f} vs {p99(b):.1f} ms; {len(statements):,} statements",
                )
            )
    finally:
        store.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN of the report queries")
    args = parser.parse_args()
    env = BenchEnv(quick=args.quick)
    if args.plans:
        from motcua_desktop.domain.timeliness import TimelinessRule
        from motcua_desktop.reports.period import year_period
        from motcua_desktop.storage import open_store

        store = open_store(env.demo_db())
        year = year_period(2026)
        for name, steps in store.reports.query_plans(year.start, year.end, TimelinessRule.DATE_PART).items():
            print(f"{name}:\n  " + "\n  ".join(steps))
        store.close()
        return
    from bench.run import table

    print("\n".join(table([("bench_reports", r) for r in measure(env)])))


if __name__ == "__main__":
    main()
