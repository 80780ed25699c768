"""End-of-day export of a 2,000-dossier day: the signed, encrypted event package against plainly
dumping the same events to JSON Lines, and the whole export including the office's XLSX/CSV.

The day: ``generate_demo`` with 2,000 dossiers (their whole lives: reception, hand-over, results,
returns…) plus one receipt print per dossier, ≈ 10,000 events, all in one batch (the first export).

- **plain JSON Lines**: the events read through ``EventLog.chain`` and written one
  ``json.dumps(event.to_plain(), ensure_ascii=False)`` a line — the floor a hand-written dump costs;
- **package**: the same events read raw, each hash recomputed and each link checked, canonical
  lines, gzip, HPKE-sealed to two recipients, a signed manifest — the event part of ``build_batches``;
- **whole export**: ``export_to`` on a fresh copy of the database: builds the batch (package + XLSX +
  CSV) into the outbox with fsync, writes every file to the destination folder, reads each back.
  The destination is a local folder, so the stick's own write speed is not measured.

Plain and package run interleaved so drift hits both alike. Targets: package / plain ≤ 2 (medians),
whole export < 2 s.

    python bench/bench_export.py [--runs 7] [--dossiers 2000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from motcua_desktop import __version__
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.office import make_office_settings
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.services import sync, sync_keys, sync_upstream
from motcua_desktop.services.context import AppContext, Session
from motcua_desktop.services.demo import generate_demo
from motcua_desktop.services.setup import first_run_setup
from motcua_desktop.services.sync_import import import_files
from motcua_desktop.storage import Store, open_store
from motcua_desktop.sync.package import BatchIdentity, EventLines, Recipient, build_package


class Clock:
    def __init__(self) -> None:
        self.current = vn_datetime(2026, 6, 15, 17, 0)

    def now(self):  # type: ignore[no-untyped-def]
        return self.current


def office(counter: int):  # type: ignore[no-untyped-def]
    return make_office_settings(
        superior_name="UBND xã Đông Tiến",
        unit_name="Trung tâm Phục vụ hành chính công xã Đông Tiến",
        agency_id="000.00.12.H56",
        province="Thanh Hóa",
        commune="Xã Đông Tiến",
        counter_no=counter,
    )


def make_pc(folder: Path, counter: int, clock: Clock) -> AppContext:
    store = open_store(folder / "motcua.db")
    first_run_setup(
        store, clock, office(counter), admin_username="admin", admin_full_name="Quản Trị", admin_password="x" * 12
    )
    return AppContext(store, clock=clock, session=Session("admin", "Quản Trị", Role.ADMIN))


def prepare(root: Path, dossiers: int, clock: Clock) -> tuple[AppContext, AppContext, Path]:
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
    return counter, leader, upstream


def plain_dump(store: Store, out: Path) -> int:
    device = store.events.device()
    with open(out, "w", encoding="utf-8") as handle:
        for event in store.events.chain(device.device_id, device.epoch):
            handle.write(json.dumps(event.to_plain(), ensure_ascii=False) + "\n")
    return out.stat().st_size


def package(ctx: AppContext, out: Path) -> int:
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
        (out.parent / name).write_bytes(data)
        size += len(data)
    return size


def whole_export(template: Path, scratch: Path, clock: Clock) -> tuple[float, sync.ExportResult]:
    folder = scratch / "pc"
    shutil.copytree(template, folder)
    drive = scratch / "drive"
    drive.mkdir()
    store = open_store(folder / "motcua.db")
    try:
        ctx = AppContext(store, clock=clock, session=Session("admin", "Quản Trị", Role.ADMIN))
        started = time.perf_counter()
        result = sync.export_to(ctx, drive)
        return time.perf_counter() - started, result
    finally:
        store.close()


def stats(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"{statistics.median(values) * 1000:9.1f} {p99 * 1000:9.1f} {ordered[0] * 1000:9.1f} {ordered[-1] * 1000:9.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dossiers", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="profile one whole export and print the top calls")
    args = parser.parse_args()
    clock = Clock()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        root = Path(tmp)
        counter, leader, _ = prepare(root, args.dossiers, clock)
        store = counter.store
        events = store.events.count()
        print(f"Day: {store.dossiers.count()} dossiers, {events} events (one batch).")
        # Warm-up, then interleaved runs.
        (root / "pkg").mkdir()
        plain_dump(store, root / "plain.jsonl")
        package(counter, root / "pkg" / "x")
        plain_times, package_times = [], []
        plain_size = package_size = 0
        for _ in range(args.runs):
            t = time.perf_counter()
            plain_size = plain_dump(store, root / "plain.jsonl")
            plain_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            package_size = package(counter, root / "pkg" / "x")
            package_times.append(time.perf_counter() - t)
        store.close()
        template = root / "counter"
        export_times = []
        result = None
        for run in range(args.runs):
            scratch = root / f"run{run}"
            scratch.mkdir()
            seconds, result = whole_export(template, scratch, clock)
            export_times.append(seconds)
            shutil.rmtree(scratch / "pc")
        assert result is not None
        print()
        print(f"{'':44} {'median ms':>9} {'p99 ms':>9} {'min ms':>9} {'max ms':>9} {'bytes':>11}")
        print(f"{'plain JSON Lines (EventLog.chain + dumps)':44} {stats(plain_times)} {plain_size:11,}")
        print(f"{'signed + encrypted package (2 recipients)':44} {stats(package_times)} {package_size:11,}")
        print(f"{'whole export (package + XLSX + CSV, verified)':44} {stats(export_times)} {result.bytes_written:11,}")
        ratio = statistics.median(package_times) / statistics.median(plain_times)
        total = statistics.median(export_times)
        print()
        print(f"package / plain = {ratio:.2f} (target ≤ 2): {'OK' if ratio <= 2 else 'MISSED'}")
        print(f"whole export = {total:.2f} s (target < 2 s): {'OK' if total < 2 else 'MISSED'}")
        imported = root / f"run{args.runs - 1}" / "drive"
        t = time.perf_counter()
        import_files(AppContext(leader.store, clock=clock, session=leader.session), [imported])
        print(f"(for information) consolidation import of the day at the leader's PC: {time.perf_counter() - t:.2f} s")
        if args.profile:
            scratch = root / "profile"
            scratch.mkdir()
            profiler = cProfile.Profile()
            profiler.enable()
            whole_export(template, scratch, clock)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
        leader.store.close()


if __name__ == "__main__":
    main()
