"""Report timings over a generated database (default 1,000,000 dossiers over 8 years).

The database is built once with ``services.demo.generate_demo`` (clock fixed at 31/12/2026 16:00,
seed 2026) and cached as ``bench/out/reports-<N>.db``; building 1M takes about half an hour.
Each figure is the whole service call (queries, due-history judgement, names, report object),
warm, ``--runs`` times, interleaved; the target is the II.06a year report under 100 ms.

    python bench/bench_reports.py [--dossiers 1000000] [--runs 15] [--plans]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argon2 import PasswordHasher

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.reports.period import month_period, quarter_period, year_period
from motcua_desktop.services import auth
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.dashboard import dashboard
from motcua_desktop.services.demo import generate_demo
from motcua_desktop.services.reports import closing_sheet, ii06a_report, satisfaction_report
from motcua_desktop.storage import open_store
from tests.factories import FakeClock, context, set_up_office

OUT = Path(__file__).resolve().parent / "out"
NOW = vn_datetime(2026, 12, 31, 16, 0)
TARGET_MS = 100.0


def build(path: Path, count: int) -> None:
    auth.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    partial = path.with_suffix(".partial")
    for leftover in OUT.glob(partial.name + "*"):
        leftover.unlink()
    store = open_store(partial)
    clock = FakeClock(NOW)
    set_up_office(store, clock)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done == total or done % 50_000 < 700:
            print(f"\r  {done:,}/{total:,} hồ sơ, {time.perf_counter() - started:,.0f} s", end="", flush=True)

    generate_demo(context(store, clock, Role.ADMIN, "admin"), count, progress=progress)
    store.db.execute("ANALYZE")
    store.close()
    print()
    partial.rename(path)


def leader(path: Path) -> AppContext:
    store = open_store(path)
    clock = FakeClock(NOW)
    if store.users.get("bench.leader") is None:
        auth.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return context(store, clock, Role.LEADER, "bench.leader")


def measure(cases: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    for call in cases.values():  # warm: pages in the cache, calendar built
        call()
    for _ in range(runs):
        for name, call in cases.items():
            started = time.perf_counter()
            call()
            times[name].append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN of the report queries")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"reports-{args.dossiers}.db"
    if not path.exists():
        print(f"Building {path} ({args.dossiers:,} dossiers)…")
        build(path, args.dossiers)
    ctx = leader(path)
    db = ctx.store.db
    rows = db.execute("SELECT count(*), min(received_day), max(received_day) FROM dossiers").fetchone()
    size = path.stat().st_size / 2**20
    print(f"{rows[0]:,} dossiers received {rows[1]} – {rows[2]}, {size:,.0f} MiB")
    year = year_period(2026)
    in_2026 = db.execute(
        "SELECT count(*) FROM dossiers WHERE received_day BETWEEN '2026-01-01' AND '2026-12-31'"
    ).fetchone()[0]
    print(f"{in_2026:,} received in 2026")
    dp, qd = TimelinessRule.DATE_PART, TimelinessRule.QD766
    cases: dict[str, Callable[[], object]] = {
        "II.06a year 2026, date-part rule": lambda: ii06a_report(ctx, year, dp),
        "II.06a year 2026, QĐ 766": lambda: ii06a_report(ctx, year, qd),
        "II.06a year 2020 (old year)": lambda: ii06a_report(ctx, year_period(2020), dp),
        "II.06a quarter IV/2026": lambda: ii06a_report(ctx, quarter_period(2026, 4), dp),
        "II.06a month 11/2026": lambda: ii06a_report(ctx, month_period(2026, 11), dp),
        "satisfaction year 2026": lambda: satisfaction_report(ctx, year),
        "dashboard (23 counts)": lambda: dashboard(ctx),
        "closing sheet of one clerk-day": lambda: closing_sheet(ctx, date(2026, 12, 30), "demo.lan"),
    }
    times = measure(cases, args.runs)
    print(f"\n{'case':<36} {'median ms':>10} {'p95 ms':>8} {'min ms':>8} {'max ms':>8}")
    for name, values in times.items():
        values.sort()
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        print(f"{name:<36} {statistics.median(values):>10.1f} {p95:>8.1f} {values[0]:>8.1f} {values[-1]:>8.1f}")
    report = ii06a_report(ctx, year, dp)
    t = report.total
    print(
        f"\n2026: received {t.received_in_period:,} + carried over {t.carried_over:,}; resolved {t.resolved:,} "
        f"(early {t.early:,}, on time {t.on_time:,}, late {t.late:,}); pending {t.pending:,}"
    )
    if args.plans:
        for name, steps in ctx.store.reports.query_plans(year.start, year.end, dp).items():
            print(f"\n{name}:\n  " + "\n  ".join(steps))
    median = statistics.median(times["II.06a year 2026, date-part rule"])
    print(f"\nII.06a year report: {median:.1f} ms (target < {TARGET_MS:.0f} ms)")
    ctx.store.close()
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
