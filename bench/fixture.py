"""The shared 1,000,000-dossier database of the benchmarks, built once with ``motcua demo`` and cached.

    python -m bench.fixture [--dossiers 1000000]   # build (or report) the cached database

It lives in ``bench/out/demo-<N>/`` (git-ignored): a data folder set up like a commune office
(counter 1, starter catalogue) and filled by the demo generator. ``build.json`` beside it records
how long the generation took and the file size; a folder without it is incomplete and is rebuilt.
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
    "UBND xã Đông Tiến",
    "--unit",
    "Trung tâm Phục vụ hành chính công xã Đông Tiến",
    "--agency-id",
    "000.00.12.H56",
    "--province",
    "Thanh Hóa",
    "--commune",
    "Xã Đông Tiến",
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
    env = {**os.environ, "MOTCUA_ADMIN_PASSWORD": ADMIN_PASSWORD, "MOTCUA_PASSWORD": ADMIN_PASSWORD}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=BIG)
    args = parser.parse_args()
    folder = ensure_demo_db(args.dossiers)
    print(json.dumps({"folder": str(folder), **(build_info(args.dossiers) or {})}, indent=2))


if __name__ == "__main__":
    main()
