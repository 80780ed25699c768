"""The benchmark contract: what a ``bench/bench_*.py`` module gives the runner, and shared helpers.

A module takes part by defining ``measure(env: BenchEnv) -> list[BenchRow]``. Each row is one
figure of the app next to its floor — the same work done by the bare stack (Qt, SQLite, reportlab)
with no application code — measured in the same run, interleaved, on the same data. See
``bench/README.md``.
"""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT = BENCH_DIR / "out"


@dataclass
class BenchRow:
    """One figure of the app and its floor, in the same unit.

    ``max_ratio`` (value / floor) or ``max_value`` (absolute, in ``unit``) is the target; ``target`` is
    its text for the table (filled in from them when left empty).
    """

    name: str
    value: float
    unit: str
    floor: float | None = None
    max_ratio: float | None = None
    max_value: float | None = None
    target: str = ""
    n: int = 0
    note: str = ""
    floor_name: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def met(self) -> bool | None:
        checks = []
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        if self.max_value is not None:
            checks.append(self.value <= self.max_value)
        return all(checks) if checks else None

    def target_text(self) -> str:
        if self.target:
            return self.target
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}× floor")
        if self.max_value is not None:
            parts.append(f"≤ {self.max_value:g} {self.unit}")
        return ", ".join(parts)


@dataclass
class BenchEnv:
    """What the runner hands every ``measure``: options, the output folder, the cached big database."""

    quick: bool = False  # fewer repetitions (a smoke run of the benches, not figures to keep)
    dossiers: int = 1_000_000
    out: Path = OUT
    log: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr, flush=True))

    def repeat(self, full: int, quick: int | None = None) -> int:
        return (quick if quick is not None else max(3, full // 10)) if self.quick else full

    def demo_folder(self) -> Path:
        """Data folder of the cached demo database (built on first use with ``motcua demo``)."""
        from bench.fixture import ensure_demo_db

        return ensure_demo_db(self.dossiers, log=self.log)

    def demo_db(self) -> Path:
        return self.demo_folder() / "motcua.db"

    def scratch_folder(self, name: str) -> Path:
        """A data folder with a copy of the demo database that the benchmark may write to (made once
        per demo build and kept; ``name`` keeps writers apart)."""
        from bench.fixture import scratch_copy

        return scratch_copy(name, self.dossiers, log=self.log)


# --- statistics ------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p99(values: Sequence[float]) -> float:
    """Nearest-rank 99th percentile (with few samples, close to the maximum)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def interleaved(
    runs: int, ours: Callable[[], Any], floor: Callable[[], Any], *, warmup: int = 3
) -> tuple[list[float], list[float]]:
    """Milliseconds of ``ours`` and ``floor``, alternating A B / B A so drift hits both alike."""
    for _ in range(warmup):
        ours()
        floor()
    a: list[float] = []
    b: list[float] = []
    for i in range(runs):
        pair = ((ours, a), (floor, b)) if i % 2 == 0 else ((floor, b), (ours, a))
        for fn, samples in pair:
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
    return a, b


@dataclass(frozen=True)
class ProcessRun:
    seconds: float  # wall, from outside
    cpu_seconds: float  # user + system of the child
    stdout: str


def run_process(argv: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 120) -> ProcessRun:
    """Runs a whole process and times it from outside (start to exit), with its CPU time."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(
        list(argv),
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
        cwd=str(ROOT),
    )
    seconds = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise RuntimeError(f"{argv} exited {done.returncode}: {done.stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return ProcessRun(seconds, cpu, done.stdout)


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB, macOS bytes; Windows: the
    peak working set, there is no ``resource`` module)."""
    try:
        import resource
    except ImportError:
        return windows_peak_working_set() / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def windows_peak_working_set() -> int:
    """``PeakWorkingSetSize`` of this process in bytes (``GetProcessMemoryInfo``)."""
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    psapi = ctypes.WinDLL("psapi")  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    psapi.GetProcessMemoryInfo(kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb)
    return int(counters.PeakWorkingSetSize)


# --- the machine -----------------------------------------------------------------------------------


def machine_description() -> list[str]:
    import sqlite3

    lines = []
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kib / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    lines.append(f"CPU: {cpu}, {os.cpu_count()} logical cores{memory}")
    lines.append(f"OS: {platform.platform()}")
    disk = _disk(OUT)
    if disk:
        lines.append(disk)
    lines.append(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {_versions()}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        lines.append("PYTHONDONTWRITEBYTECODE is set here; the timed child processes run without it (cached bytecode)")
    if hasattr(os, "getloadavg"):
        lines.append("load average at start (1/5/15 min): " + " / ".join(f"{x:.2f}" for x in os.getloadavg()))
    return lines


def _disk(path: Path) -> str:
    """File system and device under ``path`` (Linux), e.g. ``disk: ext4 on /dev/vda, 252 GiB``."""
    import shutil

    try:
        target = str(path.resolve() if path.exists() else path.parent.resolve())
        best = ("", "", "")
        for line in Path("/proc/mounts").read_text().splitlines():
            device, mount, fstype = line.split()[:3]
            if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) > len(best[1]):
                best = (device, mount, fstype)
        if not best[0]:
            return ""
        size = shutil.disk_usage(best[1]).total / 2**30
        text = f"disk: {best[2]} on {best[0]}, {size:,.0f} GiB"
        rotational = Path(f"/sys/block/{Path(best[0]).name}/queue/rotational")
        if rotational.exists():
            text += f" (the kernel reports rotational={rotational.read_text().strip()})"
        return text
    except (OSError, ValueError):
        return ""


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("PySide6-Essentials", "reportlab", "sqlite-utils", "XlsxWriter", "argon2-cffi"):
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{name} {version(name)}")
    return ", ".join(out)
