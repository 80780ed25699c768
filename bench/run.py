"""Runs every benchmark module and prints one table: each figure next to its floor, measured in
the same run.

    python -m bench                 # every bench/bench_*.py that follows the contract
    python -m bench -k search -k register
    python -m bench --quick         # few repetitions: checks that the benches run, figures not kept

The table (Markdown) and the rows (JSON) are also written to bench/out/. Modules that do not define
``measure(env)`` are listed as skipped (standalone scripts not converted yet) and are not imported.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
import time
import traceback
from dataclasses import asdict
from pathlib import Path

from bench.contract import BENCH_DIR, ROOT, BenchEnv, BenchRow, machine_description


def discover(selected: list[str]) -> list[str]:
    names = sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))
    if selected:
        names = [n for n in names if any(k in n for k in selected)]
    return names


def follows_contract(name: str) -> bool:
    """Whether ``bench/<name>.py`` defines ``measure(env)`` at top level (read, not imported)."""
    return re.search(r"^def measure\(", (BENCH_DIR / f"{name}.py").read_text(encoding="utf-8"), re.M) is not None


COUNT_UNITS = frozenset({"keys", "rows"})  # whole numbers


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in COUNT_UNITS:
        return f"{value:,.0f} {unit}"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    if abs(value) >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def table(rows: list[tuple[str, BenchRow]]) -> list[str]:
    lines = [
        "| benchmark | app | floor (same run) | ratio | target | met | n | floor is | notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for _, row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[row.met]
        lines.append(
            f"| {row.name} | {format_value(row.value, row.unit)} | {format_value(row.floor, row.unit)} | {ratio} "
            f"| {row.target_text()} | {met} | {row.n or ''} | {row.floor_name} | {row.note} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("-k", action="append", default=[], metavar="WORD", help="only modules whose name has WORD")
    parser.add_argument("--quick", action="store_true", help="few repetitions (checks the benches run)")
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="size of the demo database (default 1M)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    env = BenchEnv(quick=args.quick, dossiers=args.dossiers)
    env.out.mkdir(parents=True, exist_ok=True)
    header = machine_description()
    for line in header:
        env.log(line)
    rows: list[tuple[str, BenchRow]] = []
    skipped: list[str] = []
    failed: list[str] = []
    started = time.perf_counter()
    for name in discover(args.k):
        if not follows_contract(name):  # not imported: a standalone script may do its work at import
            skipped.append(name)
            continue
        measure = importlib.import_module(f"bench.{name}").measure
        env.log(f"— {name}")
        try:
            for row in measure(env):
                rows.append((name, row))
                env.log("  " + table([(name, row)])[-1])
        except Exception:
            failed.append(name)
            env.log(traceback.format_exc())
    if hasattr(os, "getloadavg"):
        header.append("load average at end (1/5/15 min): " + " / ".join(f"{x:.2f}" for x in os.getloadavg()))
    header.append(f"total bench time: {time.perf_counter() - started:.0f} s{' (quick run)' if args.quick else ''}")
    info = _demo_info(env)
    if info:
        header.append(info)
    lines = [f"- {line}" for line in header] + [""] + table(rows)
    if skipped:
        lines += ["", "Not following the contract (run them on their own): " + ", ".join(skipped)]
    if failed:
        lines += ["", "**Failed:** " + ", ".join(failed)]
    text = "\n".join(lines)
    print(text)
    (env.out / "results.md").write_text(text + "\n", encoding="utf-8")
    (env.out / "results.json").write_text(
        json.dumps(
            {
                "machine": header,
                "rows": [{"module": m, **asdict(r), "ratio": r.ratio, "met": r.met} for m, r in rows],
                "skipped": skipped,
                "failed": failed,
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return 1 if failed else 0


def _demo_info(env: BenchEnv) -> str:
    from bench.fixture import build_info

    info = build_info(env.dossiers)
    if not info:
        return ""
    db = Path(env.out / f"demo-{env.dossiers}" / "motcua.db")
    size = db.stat().st_size if db.exists() else info["bytes"]
    return (
        f"demo database: {env.dossiers:,} dossiers, {int(size) / 2**20:,.0f} MiB, generated by `motcua demo` in "
        f"{info['seconds']} s wall / {info['cpu_seconds']} s CPU (load average then: {info.get('load_average')})"
    )
