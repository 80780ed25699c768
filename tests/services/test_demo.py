"""Demo data: valid hash-chained events that replay to the stored projection, whatever the speed-ups."""

from __future__ import annotations

import random
import uuid as uuidlib
from datetime import datetime, timedelta

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.events import GENESIS_HASH, verify_chain
from motcua_desktop.domain.settings import BULK_PENDING_INDEXES
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.vntime import VN_TZ
from motcua_desktop.services.core.calendar import build_calendar
from motcua_desktop.services.demo.day import _uuid4
from motcua_desktop.services.demo.generate import DemoRefused, generate_demo
from motcua_desktop.services.demo.lifecycle import LifePlanner
from motcua_desktop.services.dossiers.lookup import rebuild_projection, search_dossiers
from motcua_desktop.storage import Store, open_store
from motcua_desktop.storage.bulk import BulkWriter
from tests.factories import context, set_up_office


def _projection(store: Store) -> dict[str, tuple[object, ...]]:
    """Every projection row by dossier uuid, without the row id (a rebuild inserts in another order)."""
    cursor = store.db.execute("SELECT * FROM dossiers")
    columns = [c[0] for c in cursor.description]
    rows = {}
    for row in cursor:
        values = dict(zip(columns, row, strict=True))
        values.pop("id")
        rows[values["uuid"]] = tuple(values.items())
    return rows


def _indexes(store: Store) -> set[tuple[str, str]]:
    return {
        (r[0], r[1])
        for r in store.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    }


def _events(store: Store) -> list[tuple[object, ...]]:
    """The chain's content, without what depends on the device (id, hashes)."""
    return store.db.execute(
        "SELECT uuid, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev, payload FROM events "
        "WHERE dossier_uuid IS NOT NULL ORDER BY seq"
    ).fetchall()


@pytest.fixture
def demo_store(office_store, clock) -> Store:  # type: ignore[no-untyped-def]
    indexes = _indexes(office_store)
    ctx = context(office_store, clock, role=Role.ADMIN, username="admin")
    summary = generate_demo(ctx, 400, seed=7, workers=0)
    assert summary.dossiers == 400
    assert _indexes(office_store) == indexes  # the bulk load put back every index it dropped
    return office_store


def test_demo_events_form_one_valid_chain(demo_store: Store) -> None:
    device = demo_store.events.device()
    events = list(demo_store.events.chain(device.device_id, device.epoch))
    assert len(events) == demo_store.events.count() > 1000
    assert verify_chain(events, start_prev=GENESIS_HASH) is None
    head = demo_store.events.head(device.device_id, device.epoch)
    assert head is not None and (head.last_seq, head.last_hash) == (events[-1].seq, events[-1].hash)
    times = [e.occurred_at for e in events if e.dossier_uuid]
    assert times == sorted(times)  # the log is written in the order things happened


def test_demo_projection_is_the_replay_of_its_events(demo_store: Store) -> None:
    stored = _projection(demo_store)
    statuses = {dict(row)["status"] for row in stored.values()}
    assert len(statuses) >= 5  # received, in processing, result ready, returned, withdrawn…
    assert rebuild_projection(demo_store) == 400
    assert _projection(demo_store) == stored


def test_demo_sequences_and_name_search(demo_store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    db = demo_store.db
    per_day = dict(db.execute("SELECT code_day, max(code_seq) FROM dossiers GROUP BY code_day").fetchall())
    issued = dict(db.execute("SELECT day, last_seq FROM code_sequences").fetchall())
    assert per_day and all(issued[day] == last for day, last in per_day.items())
    lines = db.execute("SELECT book_volume, max(book_line), count(*) FROM dossiers GROUP BY book_volume").fetchall()
    books = dict(db.execute("SELECT volume, last_line FROM book_sequences").fetchall())
    assert all(books[volume] == last == n for volume, last, n in lines)  # lines 1..n, no gaps
    name = db.execute("SELECT applicant_name FROM dossiers ORDER BY id DESC LIMIT 1").fetchone()[0]
    found = search_dossiers(context(demo_store, clock, role=Role.ADMIN, username="admin"), name)
    assert name in [s.applicant_name for s in found]
    assert demo_store.settings.get(BULK_PENDING_INDEXES.key) is None


def test_demo_data_does_not_depend_on_worker_processes(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    produced = []
    for workers in (0, 2):
        store = open_store(tmp_path / f"w{workers}.db")
        set_up_office(store, clock)
        generate_demo(context(store, clock, role=Role.ADMIN, username="admin"), 150, seed=3, workers=workers)
        device = store.events.device().device_id  # a new database is a new PC: the one expected difference
        content = repr((_events(store), sorted(_projection(store).values())))
        produced.append(content.replace(device, "MC-DEVICE"))
        store.close()
    assert produced[0] == produced[1]


def test_demo_refuses_a_database_with_real_dossiers(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.dossiers.registration import register
    from tests.factories import birth_registration

    register(context(office_store, clock), birth_registration())
    with pytest.raises(DemoRefused):
        generate_demo(context(office_store, clock, role=Role.ADMIN, username="admin"), 10, workers=0)


def test_interrupted_bulk_load_gets_its_indexes_back(office_store: Store) -> None:
    before = _indexes(office_store)
    BulkWriter(office_store).start()  # drops the indexes, then "crashes"
    assert _indexes(office_store) < before
    BulkWriter(office_store)  # the next writer restores them
    assert _indexes(office_store) == before


def test_fast_uuid_text_is_uuid4() -> None:
    for seed in range(200):
        a, b = random.Random(seed), random.Random(seed)
        assert _uuid4(a) == str(uuidlib.UUID(int=b.getrandbits(128), version=4))


def test_demo_staff_act_in_office_hours(demo_store: Store) -> None:
    calendar = build_calendar(demo_store)
    rows = demo_store.db.execute(
        "SELECT kind, occurred_at FROM events WHERE dossier_uuid IS NOT NULL AND kind != 'dossier.registered'"
    ).fetchall()
    assert len(rows) > 1000
    outside = [(kind, at) for kind, at in rows if not calendar.is_working_moment(datetime.fromisoformat(at))]
    assert outside == []  # no hand-over at 2 a.m., no return on a Sunday


def test_each_dossier_s_steps_stay_in_order_once_moved_into_office_hours(office_store: Store) -> None:
    calendar = build_calendar(office_store)
    now = datetime(2026, 11, 20, 17, 0, tzinfo=VN_TZ)
    planner = LifePlanner(office=None, calendar=calendar, rule=TimelinessRule.DATE_PART, now=now)
    rng = random.Random(3)
    planned = 0
    for _ in range(3000):
        received = calendar.next_working_moment(
            datetime(2025, 1, 2, 7, 30, tzinfo=VN_TZ) + timedelta(hours=rng.randint(0, 14_000))
        )
        due = received + timedelta(days=rng.choice((0, 3, 5, 12)), hours=rng.randint(0, 8))
        steps = planner.plan(rng, received, due, "demo.lan")
        moments = [received] + [moment for moment, *_ in steps]
        assert moments == sorted(moments)  # a hand-over never comes before the supplement it follows
        assert all(calendar.is_working_moment(m) for m in moments[1:])
        planned += len(steps)
    assert planned > 6000


def test_a_bulk_load_leaves_statistics_for_the_query_planner(demo_store: Store) -> None:
    tables = {r[0] for r in demo_store.db.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"dossiers", "events"} <= tables  # without them the report queries choose worse indexes
