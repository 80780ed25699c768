"""The background replicator: woken by PostgreSQL's NOTIFY, never in the clerk's way, catching up
by itself after the hub was stopped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua_desktop.services.dossiers.lookup import search_dossiers
from motcua_desktop.services.hub.worker import LinkStatus, Replicator
from tests.helpers.pg_cluster import wait_until
from tests.hub.helpers import HubOffice
from tests.sync.helpers import Pc, other_applicant


@pytest.fixture
def replicators(hub_office: HubOffice) -> Iterator[dict[int, Replicator]]:
    # A fallback pull every minute: within these tests, only a notification can bring a dossier quickly.
    running = {}
    for pc in hub_office.pcs[:2]:
        replicator = Replicator(pc.store.path, clock=hub_office.clock, pull_every=60.0)
        replicator.start()
        running[pc.counter_no] = replicator
    yield running
    for replicator in running.values():
        replicator.stop()


def found(pc: Pc, name: str) -> list[str]:
    return [s.code or "" for s in search_dossiers(pc.clerk, name)]


def test_a_notification_brings_counter_1s_dossier_to_counter_2(
    hub_office: HubOffice, replicators: dict[int, Replicator]
) -> None:
    c1, c2 = hub_office.c1, hub_office.c2
    assert wait_until(lambda: replicators[1].status.connected and replicators[2].status.connected)
    code = c1.register(applicant=other_applicant("038190004444", "đỗ thị mai"))

    assert wait_until(lambda: found(c2, "do thi mai") == [code], timeout=20)
    assert replicators[2].status.text == "Máy chủ văn phòng: đã kết nối"


def test_with_the_hub_stopped_counters_keep_registering_and_catch_up_when_it_returns(
    hub_office: HubOffice, replicators: dict[int, Replicator]
) -> None:
    c1, c2, cluster = hub_office.c1, hub_office.c2, hub_office.hub.cluster
    assert wait_until(lambda: replicators[1].status.connected and replicators[2].status.connected)
    cluster.stop()
    assert wait_until(lambda: not replicators[1].status.connected, timeout=20)
    lost: LinkStatus = replicators[1].status
    assert lost.text == f"Máy chủ văn phòng: mất kết nối từ {hub_office.clock.now():%H:%M}"
    assert "không trả lời" in lost.error

    codes = [c1.register(applicant=other_applicant(f"03819000{n}555", "vũ văn nam")) for n in range(3)]

    cluster.start()
    assert wait_until(lambda: sorted(found(c2, "vu van nam")) == sorted(codes), timeout=30)
    assert replicators[1].status.connected
    state = c1.store.sync.hub.state()
    assert state.lost_at is None and state.connected_at is not None
