"""Where the cold start's time goes: the profile behind the two cold-start rows of ``bench_startup``.

    python -m bench.startup_breakdown [--runs 9] [--folder DATA_FOLDER]

Starts ``bench/_start_app.py`` (modes ``floor``, ``login``, ``app``) ``--runs`` times each, in turn,
and prints Markdown tables of medians:

1. **phases**: the driver's marks (import PySide6, QApplication, the app's imports, fonts and
   translation, open the workspace, sign-in, main window, first paint), in-process;
2. **imports** by owner (``-X importtime``, separate runs: it slows imports a little): each module's
   own time goes to the app package that imported it (``motcua_desktop.<sub>``), or to the
   third-party package through which it came in (click, pluggy and dateutil count for
   sqlite_utils), or to the standard library;
3. **class building**: time spent making dataclasses, the app's enum classes, and Qt's enums
   (shiboken creates each Python enum on first use), counted by wrapping the builders;
4. one ``sqlite_utils.Database(conn)`` (its plugin scan, which the app skips) and one Argon2id check, in a fresh process.

Not part of ``python -m bench`` (no ``measure``): it explains a row, it is not a figure.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_startup import DRIVER, child_env
from bench.contract import ROOT

MODES = ("floor", "login", "app")
# Packages that came in only because another third-party package needs them.
VIA = {"click": "sqlite_utils", "pluggy": "sqlite_utils", "dateutil": "sqlite_utils", "tabulate": "sqlite_utils"}


def run(mode: str, folder: Path, *, importtime: bool = False, count: bool = False) -> tuple[str, str]:
    env = child_env()
    if count:
        env["BENCH_STARTUP_COUNT"] = "1"
    argv = [sys.executable, *(["-X", "importtime"] if importtime else []), DRIVER, mode, str(folder)]
    done = subprocess.run(
        argv, env=env, capture_output=True, text=True, encoding="utf-8", check=True, cwd=str(ROOT), timeout=120
    )
    return done.stdout, done.stderr


def phases(stdout: str) -> dict[str, float]:
    marks = re.search(r"^marks=(.*)$", stdout, re.M)
    assert marks, stdout
    out: dict[str, float] = {}
    previous = 0.0
    for item in marks[1].split(";"):
        phase, ms = item.rsplit("=", 1)
        out[phase] = float(ms) - previous
        previous = float(ms)
    out["total to first paint"] = previous
    return out


def counts(stdout: str) -> dict[str, tuple[float, float]]:
    found = re.search(r"^counts=(.*)$", stdout, re.M)
    assert found, stdout
    out = {}
    for item in found[1].split(";"):
        kind, value = item.rsplit("=", 1)
        n, ms = value.split(":")
        out[kind] = (float(n), float(ms))
    return out


def import_groups(stderr: str) -> dict[str, float]:
    """Milliseconds of import per owner (see the module doc) from ``-X importtime`` output."""
    entries = []  # (depth, module, self_us)
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            entries.append((len(m[3]) // 2, m[4], int(m[1])))
    # The output is post-order (children first): rebuild each module's parent.
    parent: dict[int, int | None] = {}
    pending: list[int] = []
    for i, (depth, _, _) in enumerate(entries):
        while pending and entries[pending[-1]][0] > depth:
            parent[pending.pop()] = i
        pending.append(i)
    for i in pending:
        parent[i] = None
    stdlib = sys.stdlib_module_names
    groups: dict[str, float] = defaultdict(float)
    for i, (_, module, self_us) in enumerate(entries):
        path = [i]
        while parent[path[-1]] is not None:
            path.append(parent[path[-1]])  # type: ignore[arg-type]
        path.reverse()  # root … this module
        top = module.split(".")[0]
        if top == "motcua_desktop":
            parts = module.split(".")
            group = "app: " + ".".join(parts[:2])
        else:
            # the outermost module on the path after the last app module
            app_at = [k for k, j in enumerate(path) if entries[j][1].startswith("motcua_desktop")]
            owner = entries[path[app_at[-1] + 1 if app_at else 0]][1].split(".")[0]
            owner = VIA.get(owner, owner)
            if owner in stdlib or owner.startswith("_") or owner in ("encodings", "site"):
                owner = "standard library"
            elif owner in ("PySide6", "shiboken6"):
                owner = "PySide6 + shiboken6"
            group = owner if app_at else f"{owner} (imported by the driver)"
            if owner == "standard library" and not app_at:
                group = "standard library (interpreter start, driver)"
        groups[group] += self_us / 1000
    return groups


def fresh_process_costs() -> dict[str, float]:
    code = (
        "import time, sqlite3, sqlite_utils\n"
        "from motcua_desktop.services.accounts.auth import PASSWORD_HASHER as H\n"
        "a = time.perf_counter(); sqlite_utils.Database(sqlite3.connect(':memory:')); b = time.perf_counter()\n"
        "h = H.hash('x' * 16); c = time.perf_counter(); H.verify(h, 'x' * 16); d = time.perf_counter()\n"
        "print((b - a) * 1000, (d - c) * 1000)\n"
    )
    samples = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code], env=child_env(), capture_output=True, text=True, encoding="utf-8", check=True
        )
        samples.append([float(x) for x in out.stdout.split()])
    names = (
        "sqlite_utils.Database(conn): its plugin scan (the app skips it: execute_plugins=False)",
        "Argon2id check (46 MiB, t=1, p=1)",
    )
    return {name: statistics.median(s[k] for s in samples) for k, name in enumerate(names)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--folder", type=Path, default=None, help="data folder (default: bench_startup's copy of the 1M demo)"
    )
    args = parser.parse_args()
    if args.folder is None:  # the starts sign in (recorded): never on the shared demo database
        from bench.fixture import scratch_copy

        args.folder = scratch_copy("startup")
    import compileall

    compileall.compile_dir(ROOT / "motcua_desktop", quiet=1)
    for mode in MODES:  # warm
        run(mode, args.folder)
    marks: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
    imports: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
    built: dict[str, list[dict[str, tuple[float, float]]]] = {m: [] for m in MODES}
    for i in range(args.runs):
        order = MODES if i % 2 == 0 else MODES[::-1]
        for mode in order:
            marks[mode].append(phases(run(mode, args.folder)[0]))
            imports[mode].append(import_groups(run(mode, args.folder, importtime=True)[1]))
            built[mode].append(counts(run(mode, args.folder, count=True)[0]))

    def med(samples: list[dict[str, float]], key: str) -> float:
        return statistics.median(s.get(key, 0.0) for s in samples)

    print(f"### Phases, in-process (median of {args.runs} starts each, ms)\n")
    for mode in MODES:
        print(f"**{mode}**\n\n| phase | ms |\n|---|---|")
        for phase in marks[mode][0]:
            print(f"| {phase} | {med(marks[mode], phase):.0f} |")
        print()
    print(f"### Imports by owner (`-X importtime`, median of {args.runs}, ms)\n")
    keys = sorted({k for m in MODES for s in imports[m] for k in s}, key=lambda k: -med(imports["app"], k))
    print("| imported by / through | floor | login | app |\n|---|---|---|---|")
    for key in keys:
        values = [med(imports[m], key) for m in MODES]
        if max(values) >= 2:
            print(f"| {key} | " + " | ".join(f"{v:.0f}" for v in values) + " |")
    totals = [statistics.median(sum(s.values()) for s in imports[m]) for m in MODES]
    print("| **all imports** | " + " | ".join(f"**{v:.0f}**" for v in totals) + " |\n")
    print(f"### Classes built during the start (median of {args.runs}; count, ms)\n")
    print("| kind | floor | login | app |\n|---|---|---|---|")
    for kind in built["app"][0]:
        cells = []
        for m in MODES:
            n = statistics.median(s[kind][0] for s in built[m])
            ms = statistics.median(s[kind][1] for s in built[m])
            cells.append(f"{n:.0f}: {ms:.0f} ms")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print("\n### In a fresh process (median of 5, ms)\n\n| step | ms |\n|---|---|")
    for name, ms in fresh_process_costs().items():
        print(f"| {name} | {ms:.1f} |")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"\nload average at the end: {load}")


if __name__ == "__main__":
    main()
