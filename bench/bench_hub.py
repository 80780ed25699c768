"""The office hub on a real PostgreSQL server (started here in a temporary folder, TLS on).

Rows:

- **register at counter 1 → visible at counter 2**, p50 and p99 over ≥ 1,000 dossiers: counter 1
  registers (its replicator thread in the same process, as in the window), counter 2 is another
  process running only its replicator; the time is from ``register`` returning to the dossier being
  in counter 2's database (polled every 2 ms). Registrations come every ``INTERVAL_S``, far busier
  than a real counter. Floor: the bare stack's round trip on the same server — one ``INSERT`` of an
  event row on one connection, its ``NOTIFY`` received on another, the row read back.
- **hub ingest**: pushing a counter's events (read from SQLite, every hash and link checked, each
  signed, sent through row-level security and the chain trigger) into an empty hub, vs the floor:
  PostgreSQL's own ``COPY`` of the same rows into a bare table with the same keys.
- **registration with the hub connected vs without**: ``register`` at counter 1 while its replicator
  runs (connected, pushing every registration, pulling counter 2's pushes) vs with no replicator,
  in alternating blocks (a connected block starts once the catch-up after connecting is over);
  target ≤ 1.05×.

    python bench/bench_hub.py [--quick]
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import ROOT, BenchEnv, BenchRow, median, p99

INTERVAL_S = 0.1


def measure(env: BenchEnv) -> list[BenchRow]:
    from tests.helpers.pg_cluster import start_cluster

    cluster = start_cluster()
    try:
        return [*_latency(env, cluster), _ingest(env, cluster), _registration(env, cluster)]
    finally:
        cluster.destroy()


# --- helpers -----------------------------------------------------------------------------------------


def _office(cluster, name: str, counters: int = 2):  # type: ignore[no-untyped-def]
    from tests.factories import MONDAY_9AM, FakeClock
    from tests.hub.helpers import make_hub, make_hub_office

    hub = make_hub(cluster, name, counters=max(counters, 2))
    clock = FakeClock(MONDAY_9AM)
    return hub, make_hub_office(hub, Path(tempfile.mkdtemp(prefix="motcua-bench-hub-")), clock, counters), clock


class _Registrar:
    """Counter 1's clerk registering numbered applicants."""

    def __init__(self, pc, clock) -> None:  # type: ignore[no-untyped-def]
        from motcua_desktop.services.dossiers.registration import register
        from tests.factories import applicant, birth_registration
        from tests.hub.helpers import spelled

        self.pc, self.clock, self.n = pc, clock, 0
        self._register, self._applicant, self._request = register, applicant, birth_registration
        self._spelled = spelled

    def __call__(self) -> str:
        self.n += 1
        self.clock.advance(seconds=30)  # office hours, 960 a day: a counter's daily block has 999 codes
        if self.clock.current.hour >= 16:
            self.clock.current = (self.clock.current + timedelta(days=1)).replace(hour=8, minute=0)
        person = self._applicant(full_name=f"người nộp số {self._spelled(self.n)}", id_number=f"0381{self.n:08d}")
        code = self._register(self.pc.clerk, self._request(applicant=person)).dossier.code
        assert code is not None
        return code


def _peer(folder: Path, register_every: float = 0.0) -> subprocess.Popen[bytes]:
    """Counter 2 in a process of its own: its replicator, and a registration every ``register_every``
    seconds when given."""
    code = (
        "import sys, time; from pathlib import Path\n"
        "from motcua_desktop.services.hub.worker import Replicator\n"
        "from motcua_desktop.storage import open_store\n"
        "from tests.factories import MONDAY_9AM, FakeClock, applicant, birth_registration, context\n"
        "from motcua_desktop.services.dossiers.registration import register\n"
        "from tests.hub.helpers import spelled\n"
        "folder, every = Path(sys.argv[1]), float(sys.argv[2]); clock = FakeClock(MONDAY_9AM)\n"
        "r = Replicator(folder / 'motcua.db', clock=clock); r.start()\n"
        "store = open_store(folder / 'motcua.db'); clerk = context(store, clock); n = 0\n"
        "while not (folder / 'stop').exists():\n"
        "    time.sleep(every or 0.05)\n"
        "    if every:\n"
        "        n += 1; person = applicant(full_name=f'người ở quầy hai số {spelled(n)}', id_number=f'0382{n:08d}')\n"
        "        register(clerk, birth_registration(applicant=person))\n"
        "r.stop(); store.close()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, str(folder), str(register_every)], cwd=ROOT, env=env)


# --- register → visible ------------------------------------------------------------------------------


def _latency(env: BenchEnv, cluster) -> list[BenchRow]:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.hub.worker import Replicator

    hub, office, clock = _office(cluster, "bench_latency")
    c1, c2 = office.c1, office.c2
    c2.close()
    peer = _peer(c2.folder)
    replicator = Replicator(c1.store.path, clock=clock)
    replicator.start()
    register = _Registrar(c1, clock)
    count = env.repeat(1000, 60)
    samples: list[float] = []
    seen = sqlite3.connect(f"file:{c2.folder / 'motcua.db'}?mode=ro", uri=True, timeout=10)
    try:
        deadline = time.monotonic() + 60
        while not replicator.status.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        register()
        time.sleep(3)  # counter 2 enrols counter 1 from its card on the hub
        for _ in range(count):
            code = register()
            start = time.perf_counter()
            while seen.execute("SELECT 1 FROM dossiers WHERE code = ?", [code]).fetchone() is None:
                time.sleep(0.002)
                if time.perf_counter() - start > 30:
                    raise RuntimeError(f"{code} never reached counter 2")
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(max(0.0, INTERVAL_S - samples[-1] / 1000))
    finally:
        seen.close()
        (c2.folder / "stop").touch()
        replicator.stop()
        peer.wait(30)
        office.close()
    floor = _notify_round_trip(hub, count=min(count, 200))
    note = f"one registration every {INTERVAL_S * 1000:.0f} ms; counter 2 a separate process"
    return [
        BenchRow(
            "hub: registered at counter 1 → visible at counter 2, p50", median(samples), "ms", median(floor),
            max_value=2000, n=count, note=note, floor_name="bare INSERT → NOTIFY → SELECT on the same server",
        ),
        BenchRow(
            "hub: registered at counter 1 → visible at counter 2, p99", p99(samples), "ms", p99(floor),
            max_value=2000, n=count, note=f"max {max(samples):.0f} ms", floor_name="bare INSERT → NOTIFY → SELECT",
        ),
    ]  # fmt: skip


def _notify_round_trip(hub, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    import psycopg

    url = hub.cluster.superuser_url(hub.database)
    samples = []
    with psycopg.connect(url, autocommit=True) as writer, psycopg.connect(url, autocommit=True) as reader:
        writer.execute("CREATE TEMP TABLE IF NOT EXISTS floor_events (seq bigint PRIMARY KEY, line text)")
        reader.execute("LISTEN bench_floor")
        line = hub.sql("SELECT line FROM motcua.events ORDER BY length(line) DESC LIMIT 1")
        for i in range(count):
            start = time.perf_counter()
            with writer.transaction():
                writer.execute("INSERT INTO floor_events VALUES (%s, %s)", [i, line])
                writer.execute("SELECT pg_notify('bench_floor', %s)", [str(i)])
            for _ in reader.notifies(timeout=5, stop_after=1):
                pass
            reader.execute("SELECT %s::text", [line]).fetchone()
            samples.append((time.perf_counter() - start) * 1000)
    return samples


# --- ingest ------------------------------------------------------------------------------------------


def _ingest(env: BenchEnv, cluster) -> BenchRow:  # type: ignore[no-untyped-def]
    from motcua_desktop.hub.client import HubConnection
    from motcua_desktop.services.core.context import AppContext
    from motcua_desktop.services.hub.replicate import push
    from motcua_desktop.services.sync.keys import own_card, signing_key
    from tests.hub.helpers import make_hub

    _, office, clock = _office(cluster, "bench_ingest_0")
    c1 = office.c1
    register = _Registrar(c1, clock)
    for _ in range(env.repeat(2000, 100)):
        register()
    events = c1.store.events.count()
    key = signing_key(c1.store)
    ctx = AppContext(c1.store, clock=clock)
    card = own_card(ctx).data.decode("utf-8")
    ours: list[float] = []
    floor: list[float] = []
    runs = env.repeat(5, 2)
    for i in range(runs + 1):  # each run into a new, empty hub; the first pair warms up
        fresh = make_hub(cluster, f"bench_ingest_{i + 1}")
        with HubConnection.open(fresh.url(1)) as connection:
            connection.claim(card)
            start = time.perf_counter()
            sent = push(ctx, connection, key, [])
            elapsed = time.perf_counter() - start
        if sent != events:
            raise RuntimeError(f"pushed {sent} of {events} events")
        copy_elapsed = _copy_floor(fresh)
        if i:
            ours.append(elapsed * 1000)
            floor.append(copy_elapsed * 1000)
    office.close()
    return BenchRow(
        f"hub ingest: push {events:,} events (read, verify, sign, RLS, chain trigger)",
        median(ours),
        "ms",
        median(floor),
        n=runs,
        note=f"{events / (median(ours) / 1000):,.0f} events/s; COPY {events / (median(floor) / 1000):,.0f} rows/s",
        floor_name="COPY of the same rows into a bare table with the same keys",
    )


def _copy_floor(hub) -> float:  # type: ignore[no-untyped-def]
    """Seconds PostgreSQL's COPY takes to load the rows the push sent into a bare table."""
    import psycopg

    with psycopg.connect(hub.cluster.superuser_url(hub.database), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT agency_id, device_id, epoch, seq, uuid, prev_hash, hash, line, signature FROM motcua.events"
        ).fetchall()
        conn.execute(
            "CREATE TABLE bare (agency_id text, device_id text, epoch int, seq bigint, uuid text, prev_hash text, "
            "hash text, line text, signature text, received_at timestamptz DEFAULT now(), "
            "PRIMARY KEY (agency_id, device_id, epoch, seq), UNIQUE (agency_id, uuid))"
        )
        start = time.perf_counter()
        with (
            conn.cursor() as cursor,
            cursor.copy(
                "COPY bare (agency_id, device_id, epoch, seq, uuid, prev_hash, hash, line, signature) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return time.perf_counter() - start


# --- registration with and without the hub -------------------------------------------------------------


def _registration(env: BenchEnv, cluster) -> BenchRow:  # type: ignore[no-untyped-def]
    """Blocks of 25 registrations, A B B A (A: replicator running, B: none). Besides the wall-clock
    medians, the note gives two controls measured in the same run: the two B blocks of each quartet
    against each other (an A/A comparison: how far this machine moves between neighbouring blocks
    with nothing changed) and the processor time of ``register`` itself (``time.thread_time``: the
    counter's own work, without the waits for a core or the disk that counter 2 and the server cause
    on this shared machine)."""
    from motcua_desktop.services.hub.worker import Replicator

    _, office, clock = _office(cluster, "bench_register")
    c1, c2 = office.c1, office.c2
    register = _Registrar(c1, clock)
    for _ in range(30):
        register()
    c2.close()
    peer = _peer(c2.folder, register_every=0.5)  # counter 2 registers: counter 1 has pulls to do
    wall: dict[str, list[float]] = {"hub": [], "none": [], "none-1": [], "none-2": []}
    cpu: dict[str, list[float]] = {"hub": [], "none": []}
    blocks, size = env.repeat(16, 4), 25
    try:
        for block in range(blocks):
            connected = block % 4 in (0, 3)  # A B B A
            replicator = Replicator(c1.store.path, clock=clock) if connected else None
            if replicator is not None:
                replicator.start()
                # Steady state: the catch-up after connecting (this PC's registrations of the blocks without
                # a hub pushed, counter 2's pulled) is over before the block's first sample.
                deadline = time.monotonic() + 30
                while replicator.rounds < 2 and time.monotonic() < deadline:
                    time.sleep(0.05)
                time.sleep(0.5)
            arm = "hub" if connected else "none"
            for _ in range(size):
                start, start_cpu = time.perf_counter(), time.thread_time()
                register()
                wall[arm].append((time.perf_counter() - start) * 1000)
                cpu[arm].append((time.thread_time() - start_cpu) * 1000)
                if not connected:
                    wall[f"none-{block % 4}"].append(wall[arm][-1])
                time.sleep(0.05)
            if replicator is not None:
                replicator.stop()
    finally:
        (c2.folder / "stop").touch()
        peer.wait(30)
        office.close()
    control = median(wall["none-1"]) / median(wall["none-2"])
    return BenchRow(
        "register() at a counter with the hub connected",
        median(wall["hub"]),
        "ms",
        median(wall["none"]),
        max_ratio=1.05,
        n=len(wall["hub"]),
        note=(
            f"p99 {p99(wall['hub']):.1f} vs {p99(wall['none']):.1f} ms; A/A control (no hub vs no hub, neighbouring "
            f"blocks) {control:.2f}×; processor time of register() {median(cpu['hub']):.2f} vs "
            f"{median(cpu['none']):.2f} ms ({median(cpu['hub']) / median(cpu['none']):.2f}×); counter 2 registering "
            "every 0.5 s meanwhile"
        ),
        floor_name="the same register() with no hub",
    )


if __name__ == "__main__":
    from bench.run import table

    quick = "--quick" in sys.argv
    result = measure(BenchEnv(quick=quick))
    print("\n".join(table([("bench_hub", row) for row in result])))
