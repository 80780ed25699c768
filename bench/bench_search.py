"""Name search at 1,000,000 dossiers: the search service vs a raw FTS5 query on the same data.

Queries are 400 full names sampled from the database and typed without diacritics (``nguyen thi
lan``), so common names dominate as at a real counter. The app figure is
``services.dossiers.lookup.search_dossiers`` (query planning, FTS5 over the folded names, the 50 newest,
rows to ``DossierSummary``, ID numbers masked for a clerk). The floor is the bare query on the same
connection: ``dossiers_fts MATCH`` joined to the same columns, newest 50, ``fetchall``.
Interleaved; target p99 ≤ 2× the floor's p99.

    python bench/bench_search.py [--quick]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import BenchEnv, BenchRow, interleaved, median, p99


def measure(env: BenchEnv) -> list[BenchRow]:
    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.search import fts_query, plan_search
    from motcua_desktop.domain.text import fold
    from motcua_desktop.services.core.context import AppContext, Session
    from motcua_desktop.services.dossiers.lookup import search_dossiers
    from motcua_desktop.storage import open_store
    from motcua_desktop.storage.dossier_table import SUMMARY_COLUMNS

    store = open_store(env.demo_db())
    db = store.db
    ctx = AppContext(store, session=Session("bench.clerk", "Cán Bộ Đo", Role.CLERK))
    top = int(db.execute("SELECT max(id) FROM dossiers").fetchone()[0])
    rng = random.Random(2026)
    names = []
    for _ in range(400):
        row = db.execute("SELECT applicant_name FROM dossiers WHERE id >= ? LIMIT 1", [rng.randint(1, top)]).fetchone()
        names.append(fold(row[0]))
    columns = ", ".join(f"d.{c}" for c in SUMMARY_COLUMNS)
    raw_sql = (
        f"SELECT {columns} FROM dossiers_fts f JOIN dossiers d ON d.id = f.rowid "
        "WHERE dossiers_fts MATCH ? ORDER BY f.rowid DESC LIMIT 50"
    )
    matches = [fts_query(plan_search(name)) for name in names]
    i = [0, 0]

    def ours() -> None:
        results = search_dossiers(ctx, names[i[0] % len(names)])
        assert results
        i[0] += 1

    def floor() -> None:
        rows = db.execute(raw_sql, [matches[i[1] % len(matches)]]).fetchall()
        assert rows
        i[1] += 1

    runs = env.repeat(1200, 100)
    a, b = interleaved(runs, ours, floor, warmup=20)
    store.close()
    return [
        BenchRow(
            "name search p99, 50 newest (1M DB)",
            p99(a),
            "ms",
            p99(b),
            max_ratio=2.0,
            n=len(a),
            floor_name="raw FTS5 MATCH + join, fetchall",
            note=f"p50 {median(a):.2f} vs {median(b):.2f} ms ({median(a) / median(b):.2f}×)",
        ),
        BenchRow(
            "name search p50, 50 newest (1M DB)",
            median(a),
            "ms",
            median(b),
            max_value=10.0,
            n=len(a),
            floor_name="raw FTS5 MATCH + join, fetchall",
            note="target from performance-floor.md §9 (≤ 10 ms p50)",
        ),
    ]


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    from bench.run import table

    print("\n".join(table([("bench_search", r) for r in measure(BenchEnv(quick=args.quick))])))


if __name__ == "__main__":
    main()
