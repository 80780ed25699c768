"""The shared 1,000,000-dossier database of the benchmarks, built once with ``motcua demo`` and cached.

    python -m bench.fixture [--dossiers 1000000]   # build (or report) the cached database

It lives in ``bench/out/demo-<N>/`` (git-ignored): a data folder set up like a commune office
(counter 1, starter catalogue) and filled by the demo generator. ``build.json`` beside it records
how long the generation took and the file size; a folder without it is incomplete and is rebuilt.
Benchmarks only read it; those that write (registrations, sign-ins) work on a copy made once by
``scratch_copy`` (``bench/out/<name>-<N>/``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
BIG = 1_000_000
ADMIN_PASSWORD = "bench-admin-2026"
SETUP_ARGS = [
    "--superior",
    "UBND phường Đông Tiến",
    "--unit",
    "Trung tâm Phục vụ hành chính công phường Đông Tiến",
    "--agency-id",
    "000.00.12.H56",
    "--province",
    "Thanh Hóa",
    "--commune",
    "Phường Đông Tiến",
    "--counter",
    "1",
    "--admin-user",
    "admin",
    "--admin-name",
    "Nguyễn Văn Quản",
]


def demo_folder(dossiers: int = BIG) -> Path:
    return OUT / f"demo-{dossiers}"


def build_info(dossiers: int = BIG) -> dict[str, object] | None:
    marker = demo_folder(dossiers) / "build.json"
    return json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else None


def ensure_demo_db(dossiers: int = BIG, *, log=print) -> Path:  # type: ignore[no-untyped-def]
    """The data folder of the cached demo database with ``dossiers`` dossiers, built if missing."""
    folder = demo_folder(dossiers)
    if build_info(dossiers) is not None:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = {**os.environ, "MOTCUA_PASSWORD": ADMIN_PASSWORD}
    cli = [sys.executable, "-m", "motcua_desktop", "--data-dir", str(folder)]
    subprocess.run([*cli, "setup", *SETUP_ARGS], env=env, check=True, stdout=subprocess.DEVNULL)
    log(f"building the {dossiers:,}-dossier demo database in {folder} (a few minutes)…")
    started = time.perf_counter()
    cpu_before = os.times()
    subprocess.run(
        [*cli, "demo", "--dossiers", str(dossiers), "--user", "admin", "--json"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    cpu_after = os.times()
    seconds = time.perf_counter() - started
    db = folder / "motcua.db"
    info = {
        "dossiers": dossiers,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(
            (cpu_after.children_user - cpu_before.children_user)
            + (cpu_after.children_system - cpu_before.children_system),
            1,
        ),
        "bytes": db.stat().st_size,
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    (folder / "build.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    log(f"built in {seconds:.0f} s, {info['bytes'] / 2**20:,.0f} MiB")
    return folder


def scratch_copy(name: str, dossiers: int = BIG, *, log=print) -> Path:  # type: ignore[no-untyped-def]
    """A data folder ``bench/out/<name>-<N>/`` holding a copy of the demo database that a benchmark
    may change (registrations, sign-ins). Made once per build of the demo database, then kept."""
    source = ensure_demo_db(dossiers, log=log) / "motcua.db"
    wal = source.with_name(source.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RuntimeError(f"{wal} is not empty: something wrote to the shared demo database; rebuild it")
    folder = OUT / f"{name}-{dossiers}"
    target = folder / "motcua.db"
    stamp = folder / "source.json"
    marker = json.dumps(build_info(dossiers), sort_keys=True)
    if not target.exists() or not stamp.exists() or stamp.read_text(encoding="utf-8") != marker:
        log(f"copying the demo database to {target} (once per demo build)…")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        partial = target.with_suffix(".partial")
        shutil.copyfile(source, partial)
        partial.rename(target)
        stamp.write_text(marker, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=BIG)
    args = parser.parse_args()
    folder = ensure_demo_db(args.dossiers)
    print(json.dumps({"folder": str(folder), **(build_info(args.dossiers) or {})}, indent=2))


if __name__ == "__main__":
    main()
