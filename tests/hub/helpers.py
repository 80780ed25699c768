"""Hub test set-up: a hub database initialised like ``motcua hub init``, counters connected to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.transitions import input_for
from motcua_desktop.hub.admin import HubInit
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier
from motcua_desktop.services.hub import setup as hub_setup
from motcua_desktop.services.hub.status import RoundResult, sync_now
from tests.factories import FakeClock, make_office
from tests.helpers.pg_cluster import Cluster
from tests.sync.helpers import Pc, make_pc

AGENCY = make_office(1).agency_id
DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def spelled(n: int) -> str:
    """``n`` digit by digit in words ("một không hai"): unique applicants' names of letters only, as
    a name field accepts (``domain.fields``)."""
    return " ".join(DIGIT_WORDS[int(d)] for d in str(n))


@dataclass
class Hub:
    cluster: Cluster
    database: str
    init: HubInit

    def url(self, counter_no: int) -> str:
        return self.init.counters[counter_no - 1].url

    def sql(self, statement: str) -> str:
        """As the server's superuser (the IT officer, or an attacker with the server)."""
        return self.cluster.psql(statement, self.database)

    def drop(self) -> None:
        self.cluster.psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{self.database}'")
        self.cluster.psql(f'DROP DATABASE IF EXISTS "{self.database}"')


def make_hub(cluster: Cluster, database: str, counters: int = 4) -> Hub:
    cluster.psql(f'CREATE DATABASE "{database}"')
    init = hub_setup.initialise(
        cluster.superuser_url(database), agency_id=AGENCY, counters=counters, host="127.0.0.1", port=cluster.port
    )
    return Hub(cluster, database, init)


@dataclass
class HubOffice:
    hub: Hub
    clock: FakeClock
    pcs: list[Pc]

    @property
    def c1(self) -> Pc:
        return self.pcs[0]

    @property
    def c2(self) -> Pc:
        return self.pcs[1]

    @property
    def c3(self) -> Pc:
        return self.pcs[2]

    def close(self) -> None:
        for pc in self.pcs:
            pc.close()


def make_hub_office(hub: Hub, root: Path, clock: FakeClock, counters: int = 3) -> HubOffice:
    pcs = [make_pc(root, f"c{n}", n, clock) for n in range(1, counters + 1)]
    for pc in pcs:
        hub_setup.connect(pc.admin, hub.url(pc.counter_no))
    return HubOffice(hub, clock, pcs)


def sync(pc: Pc) -> RoundResult:
    return sync_now(pc.clerk)


def act(pc: Pc, code: str, action: Action) -> None:
    transition(pc.clerk, find_dossier(pc.clerk, code), input_for(action, {}))


def event_set(pc: Pc) -> set[tuple[str, str]]:
    return {(str(r[0]), str(r[1])) for r in pc.store.db.execute("SELECT uuid, hash FROM events")}


def exchange_usb_keys(pcs: list[Pc], root: Path) -> Path:
    """Every PC seals its packages to an upstream office and to every other PC, and accepts theirs:
    the USB route beside the hub. Returns the upstream office's home folder."""
    from motcua_desktop.services.sync import keys as sync_keys
    from motcua_desktop.services.sync import upstream as sync_upstream

    home = root / "upstream"
    sync_upstream.keygen(home, "Sở Nội vụ tỉnh Thanh Hóa", pcs[0].clock)
    upstream_card = (home / sync_upstream.CARD_FILE).read_bytes()
    for pc in pcs:
        sync_keys.add_recipient(pc.admin, upstream_card, sync_upstream.CARD_FILE)
        for other in pcs:
            if other is not pc:
                sync_keys.add_recipient(pc.admin, other.card().data, "other.card.json")
                sync_keys.enrol_device(pc.admin, other.card().data, "other.card.json")
    return home


def clone_pc(pc: Pc, root: Path, name: str) -> Pc:
    """A byte copy of ``pc``'s data folder (database and keys) opened as another PC: what a careless
    copy of a counter's folder to a second machine makes (same device, same keys, same epoch)."""
    import shutil
    import sqlite3

    from motcua_desktop.storage import open_store

    folder = root / name
    shutil.copytree(pc.folder / "keys", folder / "keys")
    target = sqlite3.connect(folder / "motcua.db")
    pc.store.db.conn.backup(target)
    target.close()
    return Pc(folder, open_store(folder / "motcua.db"), pc.clock, pc.counter_no)
