"""Cold start and peak memory of the whole app process on the 1M-dossier database.

Three kinds of process, started in turn (the order rotates every round, so drift hits all alike),
each timed from the moment the bench starts it to its first paint of the window (the child reports
the ``CLOCK_MONOTONIC`` time of that paint; offscreen, warm page cache, bytecode compiled — as an
installed or frozen build runs). The time to exit and the CPU time are in the notes:

- **login**: the launcher's first screen, ``ui.launcher._run`` step by step — logging, the prepared
  application (style, bundled fonts, Vietnamese strings), the instance lock and the start-up
  integrity check, the database, the context — up to the sign-in dialog painted;
- **app**: the same path signed in in code as the bench admin (the Argon2id check and the recorded
  sign-in included), then the main window painted (its dashboard and lists filled), with the
  background end of the integrity check started as the launcher starts it;
- **floor**: a bare PySide6 process showing a QMainWindow with a 200-row QTableView read from the
  same file.

Targets ≤ 1.5× the floor for both. Peak memory: the app process left 1 s after its first paint (the
dossier list fetches its first page), peak RSS (VmHWM); target ≤ 150 MiB.

    python bench/bench_startup.py [--quick]
"""

from __future__ import annotations

import compileall
import itertools
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import BENCH_DIR, ROOT, BenchEnv, BenchRow, median, p99, run_process

DRIVER = str(BENCH_DIR / "_start_app.py")
FLOOR = "bare PySide6 window + 200-row table"
MODES = ("app", "login", "floor")


def child_env() -> dict[str, str]:
    """The children's environment: bytecode caching on. With ``PYTHONDONTWRITEBYTECODE`` set (as on
    the standard machine) every start would compile the app's ~200 modules from source, which no
    installed or frozen build does (pip and PyInstaller ship compiled bytecode); the floor's modules
    (PySide6, the standard library) are compiled at install time."""
    from bench.fixture import ADMIN_PASSWORD

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["MOTCUA_BENCH_PASSWORD"] = ADMIN_PASSWORD
    return env


@dataclass(frozen=True)
class Start:
    painted_ms: float  # from starting the process to its first paint (CLOCK_MONOTONIC in both)
    exit_ms: float  # from starting the process to its exit
    cpu_ms: float  # the child's user + system time
    peak_mib: float  # the child's peak RSS (VmHWM)


def _start(mode: str, folder: Path, settle: int = 0) -> Start:
    argv = [sys.executable, DRIVER, mode, str(folder), "--settle", str(settle)]
    spawned = time.clock_gettime(time.CLOCK_MONOTONIC)
    done = run_process(argv, env=child_env(), timeout=120)
    painted = re.search(r"painted_at=([\d.]+)", done.stdout)
    peak = re.search(r"peak_rss_mib=([\d.]+)", done.stdout)
    if painted is None or peak is None:
        raise RuntimeError(f"{mode}: no measurement in {done.stdout!r}")
    return Start((float(painted[1]) - spawned) * 1000, done.seconds * 1000, done.cpu_seconds * 1000, float(peak[1]))


def argon2_check_ms() -> float:
    """Median of one sign-in's password check with the app's Argon2id profile (for the note)."""
    from motcua_desktop.services.accounts.auth import PASSWORD_HASHER

    digest = PASSWORD_HASHER.hash("bench-admin-2026")
    samples = []
    for _ in range(7):
        started = time.perf_counter()
        PASSWORD_HASHER.verify(digest, "bench-admin-2026")
        samples.append((time.perf_counter() - started) * 1000)
    return median(samples)


def measure(env: BenchEnv) -> list[BenchRow]:
    folder = env.scratch_folder("startup")  # the app's start records a sign-in and the clock it saw
    compileall.compile_dir(ROOT / "motcua_desktop", quiet=1)  # what pip install / PyInstaller do
    for _ in range(2):  # warm the page cache for all three
        for mode in MODES:
            _start(mode, folder)
    runs = env.repeat(20, 3)
    starts: dict[str, list[Start]] = {mode: [] for mode in MODES}
    orders = itertools.cycle(itertools.permutations(MODES))
    for _ in range(runs):
        for mode in next(orders):
            starts[mode].append(_start(mode, folder))
    app_rss = [_start("app", folder, settle=1000).peak_mib for _ in range(env.repeat(3, 1))]
    floor_rss = [_start("floor", folder, settle=1000).peak_mib for _ in range(env.repeat(3, 1))]
    argon2 = argon2_check_ms()
    painted = {mode: [s.painted_ms for s in starts[mode]] for mode in MODES}
    floor = median(painted["floor"])

    def note(mode: str) -> str:
        exit_ms = [median([s.exit_ms for s in starts[m]]) for m in (mode, "floor")]
        cpu_ms = [median([s.cpu_ms for s in starts[m]]) for m in (mode, "floor")]
        return (
            f"p99 {p99(painted[mode]):.0f} vs {p99(painted['floor']):.0f} ms; to exit {exit_ms[0]:.0f} vs "
            f"{exit_ms[1]:.0f} ms; CPU to exit {cpu_ms[0]:.0f} vs {cpu_ms[1]:.0f} ms; offscreen"
        )

    return [
        BenchRow(
            "cold start → sign-in screen painted (1M DB)",
            median(painted["login"]),
            "ms",
            floor,
            max_ratio=1.5,
            n=runs,
            floor_name=FLOOR,
            note=note("login"),
        ),
        BenchRow(
            "cold start → main window painted, signed in in code (1M DB)",
            median(painted["app"]),
            "ms",
            floor,
            max_ratio=1.5,
            n=runs,
            floor_name=FLOOR,
            note=note("app") + f"; includes one Argon2id check ({argon2:.0f} ms in-process)",
        ),
        BenchRow(
            "peak memory, main window on the 1M DB",
            max(app_rss),
            "MiB",
            max(floor_rss),
            max_value=150,
            n=len(app_rss),
            floor_name=FLOOR,
            note="peak RSS (VmHWM) 1 s after the first paint",
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
