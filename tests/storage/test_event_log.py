from __future__ import annotations

import sqlite3

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.events import GENESIS_HASH, verify_chain
from motcua_desktop.domain.vntime import vn_datetime

T = vn_datetime(2026, 11, 16, 9)


def append(store, n: int) -> list[ev.EventRecord]:  # type: ignore[no-untyped-def]
    out = []
    with store.transaction():
        for i in range(n):
            out.append(store.events.append(kind=ev.SETTINGS_CHANGED, actor="admin", occurred_at=T, payload={"i": i}))
    return out


def test_sequence_is_gap_free_and_chained(store) -> None:  # type: ignore[no-untyped-def]
    written = append(store, 5)
    assert [e.seq for e in written] == [1, 2, 3, 4, 5]
    assert written[0].prev_hash == GENESIS_HASH
    device = store.events.device()
    stored = list(store.events.chain(device.device_id, device.epoch))
    assert stored == written
    assert verify_chain(stored, start_prev=GENESIS_HASH) is None
    assert store.events.head(device.device_id, device.epoch).last_hash == written[-1].hash


def test_events_cannot_be_updated_or_deleted(store) -> None:  # type: ignore[no-untyped-def]
    append(store, 1)
    for statement in ("UPDATE events SET actor = 'x'", "DELETE FROM events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.db.execute(statement)
    assert store.events.count() == 1


def test_append_outside_a_transaction_is_a_bug(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError):
        store.events.append(kind=ev.SETTINGS_CHANGED, actor="a", occurred_at=T, payload={})


def test_failed_transaction_leaves_no_event_and_no_gap(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError), store.transaction():
        store.events.append(kind=ev.SETTINGS_CHANGED, actor="a", occurred_at=T, payload={})
        raise ValueError
    assert [e.seq for e in append(store, 1)] == [1]
