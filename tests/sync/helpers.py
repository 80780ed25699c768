"""Two counter PCs and a consolidation PC of one office, and an upstream office's home folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.registration import RegistrationRequest
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.sync import export as sync
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.services.sync.import_results import ImportReport
from motcua_desktop.services.sync.imports import import_files
from motcua_desktop.storage import Store, open_store
from tests.factories import FakeClock, applicant, birth_registration, context, set_up_office


@dataclass
class Pc:
    folder: Path
    store: Store
    clock: FakeClock
    counter_no: int
    contexts: dict[str, AppContext] = field(default_factory=dict)

    @property
    def clerk(self) -> AppContext:
        return self._ctx("lan.nguyen", Role.CLERK)

    @property
    def leader(self) -> AppContext:
        return self._ctx("lanh.dao", Role.LEADER)

    @property
    def admin(self) -> AppContext:
        return self._ctx("admin", Role.ADMIN)

    def _ctx(self, username: str, role: Role) -> AppContext:
        if username not in self.contexts:
            self.contexts[username] = context(self.store, self.clock, role, username)
        return self.contexts[username]

    @property
    def device_id(self) -> str:
        return self.store.events.device().device_id

    def card(self) -> sync_keys.CardFile:
        return sync_keys.this_pc_card(self.admin)

    def register(self, **overrides: object) -> str:
        request: RegistrationRequest = birth_registration(**overrides)
        code = register(self.clerk, request).dossier.code
        assert code is not None
        return code

    def export(self, drive: Path, **kwargs: object) -> sync.ExportResult:
        drive.mkdir(parents=True, exist_ok=True)
        return sync.export_to(self.clerk, drive, **kwargs)  # type: ignore[arg-type]

    def import_(self, *paths: Path) -> ImportReport:
        return import_files(self.leader, list(paths))

    def close(self) -> None:
        self.store.close()


def make_pc(root: Path, name: str, counter_no: int, clock: FakeClock) -> Pc:
    folder = root / name
    store = open_store(folder / "motcua.db")
    set_up_office(store, clock, counter_no=counter_no)
    return Pc(folder, store, clock, counter_no)


@dataclass
class Office:
    root: Path
    clock: FakeClock
    c1: Pc
    c2: Pc
    leader: Pc
    upstream: Path

    @property
    def pcs(self) -> tuple[Pc, Pc, Pc]:
        return (self.c1, self.c2, self.leader)

    def close(self) -> None:
        for pc in self.pcs:
            pc.close()


def make_office(root: Path, clock: FakeClock) -> Office:
    """Counters 1 and 2 seal to the upstream office and the leader's PC (counter 1 also to counter 2,
    so counter 2 can take over counter 1's dossiers); everyone enrols everyone it imports from."""
    upstream = root / "upstream"
    sync_upstream.keygen(upstream, "Sở Nội vụ tỉnh Thanh Hóa", clock)
    upstream_card = (upstream / sync_upstream.CARD_FILE).read_bytes()
    c1, c2, leader = make_pc(root, "c1", 1, clock), make_pc(root, "c2", 2, clock), make_pc(root, "leader", 3, clock)
    for pc in (c1, c2, leader):
        sync_keys.add_recipient(pc.admin, upstream_card, sync_upstream.CARD_FILE)
    for pc in (c1, c2):
        sync_keys.add_recipient(pc.admin, leader.card().data, "leader.card.json")
        sync_keys.enrol_device(leader.admin, pc.card().data, "pc.card.json")
        sync_upstream.enrol(upstream, pc.card().data, "pc.card.json")
    sync_keys.add_recipient(c1.admin, c2.card().data, "c2.card.json")
    sync_keys.enrol_device(c2.admin, c1.card().data, "c1.card.json")
    sync_upstream.enrol(upstream, leader.card().data, "leader.card.json")
    return Office(root, clock, c1, c2, leader, upstream)


def other_applicant(number: str = "038190001234", name: str = "trần thị bình"):  # type: ignore[no-untyped-def]
    return applicant(full_name=name, id_number=number, sex="nu", birth_date="02/02/1990", phone="0987 654 321")


SNAPSHOT_TABLES = (
    "events",
    "chain_heads",
    "dossiers",
    "sync_batches",
    "sync_acks",
    "sync_imports",
    "sync_pending",
    "sync_reports",
    "sync_devices",
    "sync_recipients",
)


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables an import or export may touch (to prove nothing changed)."""
    return {
        table: [tuple(r) for r in store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")]
        for table in SNAPSHOT_TABLES
    }


def projection(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.db.execute("SELECT * FROM dossiers ORDER BY uuid")]


def projection_without_ids(store: Store) -> list[tuple[object, ...]]:
    columns = [r[1] for r in store.db.execute("PRAGMA table_info(dossiers)") if r[1] != "id"]
    return [tuple(r) for r in store.db.execute(f"SELECT {', '.join(columns)} FROM dossiers ORDER BY uuid")]
