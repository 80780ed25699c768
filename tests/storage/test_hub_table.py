"""The office hub's bookkeeping in SQLite (migration 6) and the relaxed commits of pulled events."""

from __future__ import annotations

from motcua_desktop.storage import Store
from motcua_desktop.storage.hub_table import HubPeer, HubState
from tests.factories import FakeClock


def test_state_and_peers_round_trip_and_clear(office_store: Store, clock: FakeClock) -> None:
    hub = office_store.sync.hub
    assert hub.state() == HubState()
    now = clock.now()
    with office_store.transaction():
        hub.save_state(HubState(connected_at=now, last_push_at=now, last_pull_at=now), at=now)
        hub.save_peer(HubPeer("MC-2", 2, now, now, 3, ""))
        hub.save_peer(HubPeer("MC-2", 2, now, None, 0, "khóa khác"))
    state = hub.state()
    assert (state.connected_at, state.lost_at, state.updated_at) == (now, None, now)
    assert hub.peers() == [HubPeer("MC-2", 2, now, None, 0, "khóa khác")]
    with office_store.transaction():
        hub.clear()
    assert hub.state() == HubState() and hub.peers() == []


def test_chain_times_give_each_devices_newest_event(office_store: Store) -> None:
    times = office_store.sync.hub.chain_times()
    own = office_store.events.own_head()
    assert own is not None
    assert [(t.device_id, t.events) for t in times] == [(own.device_id, own.last_seq)]


def test_replayable_transactions_skip_their_own_fsync_and_restore_it(office_store: Store) -> None:
    def synchronous() -> int:
        return int(office_store.db.execute("PRAGMA synchronous").fetchone()[0])

    assert synchronous() == 2  # FULL
    with office_store.replayable():
        assert synchronous() == 1  # NORMAL
    assert synchronous() == 2
