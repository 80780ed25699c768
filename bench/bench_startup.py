"""Cold start and peak memory of the whole app process on the 1M-dossier database.

- **cold start**: process start → main window painted → exit (offscreen, warm page cache), through the
  real launcher (``ui.launcher.run_gui``) on the demo database, vs a bare PySide6 process showing a
  QMainWindow with a 200-row QTableView read from the same file. Interleaved runs; target ≤ 1.5×.
- **peak memory**: the same app process left 1 s after its first paint (the dossier list fetches its
  first page), peak RSS, vs the bare window's. Target ≤ 150 MiB.

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import BENCH_DIR, BenchEnv, BenchRow, median, p99, run_process

DRIVER = str(BENCH_DIR / "_start_app.py")


def _start(mode: str, folder: Path, settle: int = 0) -> tuple[float, float, float]:
    """(wall ms from outside, peak RSS MiB reported by the process, CPU ms)."""
    done = run_process([sys.executable, DRIVER, mode, str(folder), "--settle", str(settle)], timeout=120)
    match = re.search(r"peak_rss_mib=([\d.]+)", done.stdout)
    if match is None:
        raise RuntimeError(f"{mode}: no measurement in {done.stdout!r}")
    return done.seconds * 1000, float(match[1]), done.cpu_seconds * 1000


def measure(env: BenchEnv) -> list[BenchRow]:
    folder = env.demo_folder()
    runs = env.repeat(15, 3)
    for _ in range(2):  # warm the page cache and Python's bytecode cache for both
        _start("app", folder)
        _start("floor", folder)
    app_ms: list[float] = []
    floor_ms: list[float] = []
    cpu: dict[str, list[float]] = {"app": [], "floor": []}
    for i in range(runs):
        order = ("app", "floor") if i % 2 == 0 else ("floor", "app")
        for mode in order:
            wall, _, cpu_ms = _start(mode, folder)
            (app_ms if mode == "app" else floor_ms).append(wall)
            cpu[mode].append(cpu_ms)
    app_rss = [_start("app", folder, settle=1000)[1] for _ in range(env.repeat(3, 1))]
    floor_rss = [_start("floor", folder, settle=1000)[1] for _ in range(env.repeat(3, 1))]
    return [
        BenchRow(
            "cold start to painted main window (1M DB)",
            median(app_ms),
            "ms",
            median(floor_ms),
            max_ratio=1.5,
            n=len(app_ms),
            floor_name="bare PySide6 window + 200-row table",
            note=f"p99 {p99(app_ms):.0f} vs {p99(floor_ms):.0f} ms; CPU {median(cpu['app']):.0f} vs "
            f"{median(cpu['floor']):.0f} ms; whole process, offscreen",
        ),
        BenchRow(
            "peak memory, main window on the 1M DB",
            max(app_rss),
            "MiB",
            max(floor_rss),
            max_value=150,
            n=len(app_rss),
            floor_name="bare PySide6 window + 200-row table",
            note="peak RSS 1 s after the first paint",
        ),
    ]


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    from bench.run import table

    print("\n".join(table([("bench_startup", r) for r in measure(BenchEnv(quick=args.quick))])))


if __name__ == "__main__":
    main()
