"""End-of-day export of a 2,000-dossier day: the signed, encrypted event package against plainly
dumping the same events to JSON Lines, and the whole export including the office's XLSX/CSV.

The day is built in a temporary folder (not the shared 1M database): ``generate_demo`` with 2,000
dossiers (their whole lives: reception, hand-over, results, returns…) plus one receipt print per
dossier, ≈ 10,000 events, all in one batch (the first export).

- **package** (app): the events read raw, each hash recomputed and each link checked, canonical
  lines, gzip, HPKE-sealed to two recipients, a signed manifest — the event part of
  ``build_batches`` — written to a folder. **Floor**: the same rows read with one bare ``SELECT`` and
  written one ``json.dumps(row)`` a line (the payload kept as its stored JSON text, as the package
  keeps it). Interleaved; target ≤ 2×.
- **whole export** (app): ``export_to`` on a fresh copy of the day's database: builds the batch
  (package + XLSX + CSV) into the outbox with fsync, writes every file to the destination folder and
  reads each back. **Floor**: the bare stack doing the same kinds of work — the JSON Lines dump above,
  the batch's dossiers read with one ``SELECT`` and written as CSV (BOM) and as an XlsxWriter
  workbook, each file written with fsync, renamed and read back. Alternated run by run; target < 2 s.
  The destination is a local folder, so a stick's own write speed is not measured.

    python bench/bench_export.py [--quick] [--dossiers 2000] [--profile]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import csv
import io
import json
import os
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import BenchEnv, BenchRow, interleaved, median, p99

DOSSIERS = 2000
EVENT_COLUMNS = (
    "uuid, device_id, epoch, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev, payload, prev_hash, hash"
)
# The batch's dossier list for the office, as raw columns (the app writes 17, some derived).
DOSSIER_COLUMNS = (
    "code, book_volume, book_line, procedure_code, procedure_name, field, channel, status, received_at, due_at, "
    "result_at, returned_at, outcome, received_by, applicant_name, device_id"
)


class Clock:
    def __init__(self) -> None:
        from motcua_desktop.domain.vntime import vn_datetime

        self.current = vn_datetime(2026, 6, 15, 17, 0)

    def now(self):  # type: ignore[no-untyped-def]
        return self.current


def office(counter: int):  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.office import make_office_settings

    return make_office_settings(
        superior_name="UBND phường Đông Tiến",
        unit_name="Trung tâm Phục vụ hành chính công phường Đông Tiến",
        agency_id="000.00.12.H56",
        province="Thanh Hóa",
        commune="Phường Đông Tiến",
        counter_no=counter,
    )


def admin_context(store, clock):  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.services.core.context import AppContext, Session

    ctx = AppContext(store, clock=clock, session=Session("admin", "Quản Trị", Role.ADMIN))
    ctx.mark_authenticated()  # the admin has just typed the password (key set-up and export ask for it)
    return ctx


def make_pc(folder: Path, counter: int, clock: Clock):  # type: ignore[no-untyped-def]
    from motcua_desktop.services.office.setup import first_run_setup
    from motcua_desktop.storage import open_store

    store = open_store(folder / "motcua.db")
    first_run_setup(
        store, clock, office(counter), admin_username="admin", admin_full_name="Quản Trị", admin_password="x" * 12
    )
    return admin_context(store, clock)


def prepare(root: Path, dossiers: int, clock: Clock):  # type: ignore[no-untyped-def]
    """(counter PC, leader PC): the counter with one day of ``dossiers`` dossiers, keys exchanged."""
    from motcua_desktop.domain import events as ev
    from motcua_desktop.services.demo.generate import generate_demo
    from motcua_desktop.services.sync import keys as sync_keys
    from motcua_desktop.services.sync import upstream as sync_upstream

    upstream = root / "upstream"
    sync_upstream.keygen(upstream, "Sở Nội vụ", clock)
    counter = make_pc(root / "counter", 1, clock)
    leader = make_pc(root / "leader", 3, clock)
    sync_keys.add_recipient(counter, (upstream / sync_upstream.CARD_FILE).read_bytes(), sync_upstream.CARD_FILE)
    sync_keys.add_recipient(counter, sync_keys.this_pc_card(leader).data, "leader.card.json")
    sync_keys.enrol_device(leader, sync_keys.this_pc_card(counter).data, "counter.card.json")
    generate_demo(counter, dossiers, years=1)
    store = counter.store
    with store.transaction():  # every receipt is printed once
        for dossier_uuid in store.dossiers.all_uuids():
            store.events.append(
                kind=ev.DOSSIER_PRINTED,
                actor="demo.lan",
                occurred_at=clock.now(),
                payload={"form": "01", "layout": "a4x2", "reprint": False},
                dossier_uuid=dossier_uuid,
            )
    return counter, leader


# --- the app ------------------------------------------------------------------------------------


def package(ctx, out: Path) -> int:  # type: ignore[no-untyped-def]
    """The event part of ``build_batches``: verified canonical lines, sealed and signed; bytes written."""
    from motcua_desktop import __version__
    from motcua_desktop.services.sync import keys as sync_keys
    from motcua_desktop.sync.package import BatchIdentity, EventLines, Recipient, build_package

    store = ctx.store
    device = store.events.device()
    head = store.events.head(device.device_id, device.epoch)
    assert head is not None
    lines = EventLines.start("0" * 64, 1)
    for row in store.sync.queries.raw_events(device.device_id, device.epoch, after_seq=0, upto_seq=head.last_seq):
        lines.add(row)
    identity = BatchIdentity(
        "000.00.12.H56", device.device_id, device.epoch, 1, 1, lines.last_seq, lines.prev_head, lines.head
    )
    recipients = [Recipient(r.role, r.name, r.encryption_key) for r in store.sync.peers.recipients()]
    built = build_package(
        identity,
        lines,
        unit_name="Trung tâm",
        counter_no=1,
        recipients=recipients,
        signing_key=sync_keys.signing_key(store),
        report_files=[],
        created_at=ctx.clock.now(),
        app_version=__version__,
    )
    size = 0
    for name, data in built.files:
        (out / name).write_bytes(data)
        size += len(data)
    return size


@contextlib.contextmanager
def fresh_copy(template: Path, scratch: Path, clock: Clock) -> Iterator[Any]:
    """An admin context on a fresh copy of the day's data folder (nothing exported yet)."""
    from motcua_desktop.storage import open_store

    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(template, scratch / "pc")
    (scratch / "drive").mkdir()
    store = open_store(scratch / "pc" / "motcua.db")
    try:
        yield admin_context(store, clock)
    finally:
        store.close()


def whole_export(ctx, drive: Path):  # type: ignore[no-untyped-def]
    from motcua_desktop.services.sync import export as sync

    return sync.export_to(ctx, drive)


# --- the floors ---------------------------------------------------------------------------------


def plain_dump(conn: sqlite3.Connection, out: Path) -> int:
    """The day's events, one bare ``SELECT``, one ``json.dumps`` of the row a line; bytes written."""
    columns = [c.strip() for c in EVENT_COLUMNS.split(",")]
    with open(out, "w", encoding="utf-8") as handle:
        for row in conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY device_id, epoch, seq"):
            handle.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
    return out.stat().st_size


def _write_synced(folder: Path, name: str, data: bytes) -> None:
    partial = folder / (name + ".partial")
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, folder / name)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    if (folder / name).read_bytes() != data:
        raise OSError(f"{name}: read back differs")


def bare_export(conn: sqlite3.Connection, scratch: Path, drive: Path) -> int:
    """The bare stack's export: JSON Lines of the events, CSV and XLSX of the dossiers, each file
    fsync'd, renamed and read back; bytes written."""
    import xlsxwriter

    events = scratch / "events.jsonl"
    plain_dump(conn, events)
    rows = conn.execute(f"SELECT {DOSSIER_COLUMNS} FROM dossiers ORDER BY received_at, id").fetchall()
    header = [c.strip() for c in DOSSIER_COLUMNS.split(",")]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Ho so")
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    book.close()
    files = {
        "events.jsonl": events.read_bytes(),
        "ho-so.csv": ("\ufeff" + text.getvalue()).encode("utf-8"),
        "ho-so.xlsx": buffer.getvalue(),
    }
    for name, data in files.items():
        _write_synced(drive, name, data)
    return sum(len(data) for data in files.values())


# --- measure --------------------------------------------------------------------------------------


def measure(env: BenchEnv, *, dossiers: int = DOSSIERS) -> list[BenchRow]:
    clock = Clock()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        root = Path(tmp)
        env.log(f"  building a {dossiers:,}-dossier day in {root}…")
        counter, leader = prepare(root, dossiers, clock)
        leader.store.close()
        store = counter.store
        events = store.events.count()
        conn = sqlite3.connect(store.path)
        (root / "pkg").mkdir()
        sizes = {"package": 0, "plain": 0}

        def ours() -> None:
            sizes["package"] = package(counter, root / "pkg")

        def floor() -> None:
            sizes["plain"] = plain_dump(conn, root / "plain.jsonl")

        app_ms, floor_ms = interleaved(env.repeat(15, 3), ours, floor, warmup=1)
        store.close()
        template = root / "counter"
        export_ms: list[float] = []
        bare_ms: list[float] = []
        written = {"app": 0, "bare": 0}
        for i in range(env.repeat(9, 2) + 1):  # the first pair warms both
            for which in ("app", "bare") if i % 2 == 0 else ("bare", "app"):
                scratch = root / f"run-{which}"
                with fresh_copy(template, scratch, clock) as ctx:
                    started = time.perf_counter()
                    if which == "app":
                        written["app"] = whole_export(ctx, scratch / "drive").bytes_written
                    else:
                        written["bare"] = bare_export(conn, scratch, scratch / "drive")
                    ms = (time.perf_counter() - started) * 1000
                if i:
                    (export_ms if which == "app" else bare_ms).append(ms)
        conn.close()
    return [
        BenchRow(
            f"event package of a {dossiers:,}-dossier day (signed, sealed)",
            median(app_ms),
            "ms",
            median(floor_ms),
            max_ratio=2.0,
            n=len(app_ms),
            floor_name="bare SELECT + json.dumps per event (JSON Lines)",
            note=f"p99 {p99(app_ms):.0f} vs {p99(floor_ms):.0f} ms; {events:,} events; "
            f"{sizes['package'] / 2**20:.1f} vs {sizes['plain'] / 2**20:.1f} MiB",
        ),
        BenchRow(
            "whole export of the day (package + XLSX + CSV, verified)",
            median(export_ms),
            "ms",
            median(bare_ms),
            max_value=2000,
            n=len(export_ms),
            floor_name="bare JSONL + CSV + XlsxWriter, fsync'd, read back",
            note=f"p99 {p99(export_ms):.0f} vs {p99(bare_ms):.0f} ms; "
            f"{written['app'] / 2**20:.1f} vs {written['bare'] / 2**20:.1f} MiB written; local folder",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--dossiers", type=int, default=DOSSIERS)
    parser.add_argument("--profile", action="store_true", help="cProfile one whole export and print the top calls")
    args = parser.parse_args()
    if args.profile:
        clock = Clock()
        with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
            root = Path(tmp)
            counter, leader = prepare(root, args.dossiers, clock)
            counter.store.close()
            leader.store.close()
            with fresh_copy(root / "counter", root / "profile", clock) as ctx:
                profiler = cProfile.Profile()
                profiler.enable()
                whole_export(ctx, root / "profile" / "drive")
                profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
        return
    from bench.run import table

    rows = measure(BenchEnv(quick=args.quick), dossiers=args.dossiers)
    print("\n".join(table([("bench_export", r) for r in rows])))


if __name__ == "__main__":
    main()
