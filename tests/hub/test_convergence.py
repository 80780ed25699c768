"""Three counters in three processes register 500 dossiers each, with supplements and returns, while
the hub is stopped and started at random moments and one counter's LAN is cut: at the end every
counter holds exactly the union, nothing lost, nothing twice, and each counter's USB package still
brings the same dossiers to a fourth PC. The seed is printed (MOTCUA_HUB_SEED=… replays it)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua_desktop.services.hub import setup as hub_setup
from motcua_desktop.storage import open_store
from tests.factories import FakeClock
from tests.helpers.pg_cluster import wait_until
from tests.hub.helpers import Hub, exchange_usb_keys
from tests.hub.proxy import CuttableProxy
from tests.sync.helpers import make_pc, projection_without_ids

ROOT = Path(__file__).resolve().parents[2]
DOSSIERS = int(os.environ.get("MOTCUA_HUB_DOSSIERS", "500"))


def heads(db: Path) -> set[tuple[str, int, int]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return {
            (r[0], int(r[1]), int(r[2])) for r in conn.execute("SELECT device_id, epoch, last_seq FROM chain_heads")
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_three_counters_converge_through_hub_outages_and_a_cut_lan(
    hub: Hub, tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("MOTCUA_HUB_SEED", str(random.randrange(1_000_000))))
    rng = random.Random(seed)
    with capsys.disabled():
        print(f"\nhub convergence: seed {seed}")
    proxy = CuttableProxy(hub.cluster.port)
    pcs = [make_pc(tmp_path, f"c{n}", n, clock) for n in (1, 2, 3)]
    fourth = make_pc(tmp_path, "fourth", 4, clock)
    exchange_usb_keys([*pcs, fourth], tmp_path)
    for pc in pcs:
        url = hub.url(pc.counter_no)
        if pc.counter_no == 3:  # counter 3 reaches the hub through a cable that can be pulled
            url = url.replace(f":{hub.cluster.port}/", f":{proxy.port}/")
        hub_setup.connect(pc.admin, url)
        pc.close()
    started = time.monotonic()
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.hub.counter_run",
                str(pc.folder),
                str(pc.counter_no),
                str(DOSSIERS),
                str(seed),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for pc in pcs
    ]
    outages = {"hub": 0, "lan": 0}
    last_outage_end = started
    try:
        while not all((pc.folder / "done.json").exists() for pc in pcs) or not all(outages.values()):
            assert all(c.poll() is None for c in children), "a counter process died"
            time.sleep(rng.uniform(0.5, 3.0))
            kind = rng.choice(["hub", "lan"])
            if kind == "hub":
                hub.cluster.stop()
            else:
                proxy.cut()
            time.sleep(rng.uniform(0.5, 3.0))
            if kind == "hub":
                hub.cluster.start()
            else:
                proxy.open()
            outages[kind] += 1
            last_outage_end = time.monotonic()
        registering_s = time.monotonic() - started
        converged = wait_until(lambda: len({frozenset(heads(pc.folder / "motcua.db")) for pc in pcs}) == 1, 180, 0.2)
        converge_s = time.monotonic() - last_outage_end
    finally:
        for pc in pcs:
            (pc.folder / "stop").touch()
        for child in children:
            child.wait(60)
        proxy.cut()
    assert converged and [c.returncode for c in children] == [0, 0, 0]

    stores = [open_store(pc.folder / "motcua.db") for pc in pcs]
    for pc, store in zip(pcs, stores, strict=True):
        pc.store = store
    events = [{(r[0], r[1]) for r in s.db.execute("SELECT uuid, hash FROM events")} for s in stores]
    union = set().union(*events)
    own = {r for s in stores for r in s.db.execute("SELECT uuid, hash FROM events WHERE imported = 0")}
    codes = [{r[0] for r in s.db.execute("SELECT code FROM dossiers")} for s in stores]
    lost = len(union - own) + sum(len(union - e) for e in events)
    duplicated = sum(s.events.count() - len(e) for s, e in zip(stores, events, strict=True)) + int(
        hub.sql("SELECT count(*) - count(DISTINCT uuid) FROM motcua.events")
    )
    registered = sum(json.loads((pc.folder / "done.json").read_text())["registered"] for pc in pcs)
    assert events[0] == events[1] == events[2] == union
    assert codes[0] == codes[1] == codes[2] and len(codes[0]) == registered == 3 * DOSSIERS
    assert projection_without_ids(stores[0]) == projection_without_ids(stores[1]) == projection_without_ids(stores[2])
    assert lost == 0 and duplicated == 0
    assert all(not s.sync.reports.reports() for s in stores)

    for pc in pcs:  # the USB route still works beside the hub
        pc.export(tmp_path / f"usb-{pc.counter_no}")
    report = fourth.import_(*(tmp_path / f"usb-{pc.counter_no}" for pc in pcs))
    assert report.rejected == ()
    assert {r[0] for r in fourth.store.db.execute("SELECT code FROM dossiers")} == codes[0]
    assert projection_without_ids(fourth.store) == projection_without_ids(stores[0])
    with capsys.disabled():
        print(
            f"hub convergence: counters 3, dossiers {registered}, outages {sum(outages.values())} (hub stopped "
            f"{outages['hub']}×, counter 3's LAN cut {outages['lan']}×), lost {lost}, duplicated {duplicated}, "
            f"converged {converge_s:.1f} s after the last outage (registering took {registering_s:.0f} s on this machine's "
            f"{os.cpu_count()} cores shared by the 3 counters and the server), "
            f"seed {seed}"
        )
    for store in stores:
        store.close()
    fourth.close()
