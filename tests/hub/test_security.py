"""What a counter's database role may do on the hub, enforced by PostgreSQL itself; TLS; and what a
counter does with rows it did not get from a trustworthy writer (signatures checked on every pull)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from motcua_desktop.hub.client import HubConnection
from motcua_desktop.hub.errors import HubRefused
from motcua_desktop.services.hub import setup as hub_setup
from tests.factories import FakeClock
from tests.hub.helpers import Hub, HubOffice, event_set, sync
from tests.sync.helpers import make_pc, other_applicant


def as_counter(hub: Hub, counter_no: int, statement: str) -> None:
    with psycopg.connect(hub.url(counter_no), autocommit=True) as conn:
        conn.execute(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE motcua.events SET line = line",
        "DELETE FROM motcua.events",
        "TRUNCATE motcua.events",
        "UPDATE motcua.chains SET last_seq = 0",
        "DELETE FROM motcua.devices",
        "SELECT * FROM motcua.counter_roles",
        "UPDATE motcua.counter_roles SET device_id = NULL",
        "CREATE TABLE motcua.mine (x int)",
        "CREATE TEMP TABLE mine (x int)",
    ],
)
def test_a_counter_role_can_only_append_and_read(hub_office: HubOffice, statement: str) -> None:
    sync(hub_office.c1)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_counter(hub_office.hub, 1, statement)


def test_a_counter_role_cannot_append_another_counters_events(hub_office: HubOffice) -> None:
    c1, c2 = hub_office.c1, hub_office.c2
    c1.register()
    sync(c1)
    row = hub_office.hub.sql("SELECT device_id FROM motcua.events LIMIT 1")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        as_counter(
            hub_office.hub,
            2,
            "INSERT INTO motcua.events (agency_id, device_id, epoch, seq, uuid, prev_hash, hash, line, signature) "
            f"VALUES (motcua.my_agency(), '{row}', 2, 1, 'x', repeat('0', 64), repeat('1', 64), '{{}}', 'x')",
        )
    assert c2.device_id != row


def test_the_hub_refuses_a_gap_or_a_different_link_even_from_the_right_counter(hub_office: HubOffice) -> None:
    sync(hub_office.c1)
    insert = (
        "INSERT INTO motcua.events (agency_id, device_id, epoch, seq, uuid, prev_hash, hash, line, signature) "
        "VALUES (motcua.my_agency(), motcua.my_device(), 1, {seq}, 'x', repeat('{prev}', 64), repeat('2', 64), '', 'x')"
    )
    held = int(hub_office.hub.sql("SELECT max(seq) FROM motcua.events"))
    with pytest.raises(psycopg.errors.CheckViolation, match="do not continue"):
        as_counter(hub_office.hub, 1, insert.format(seq=held + 2, prev="3"))
    with pytest.raises(psycopg.errors.CheckViolation, match="does not link"):
        as_counter(hub_office.hub, 1, insert.format(seq=held + 1, prev="3"))


def test_a_counters_role_claims_only_its_own_counter_and_only_one_pc(
    hub: Hub, hub_office: HubOffice, tmp_path: Path, clock: FakeClock
) -> None:
    intruder = make_pc(tmp_path, "other-pc", 1, clock)  # another PC set up as counter 1
    with pytest.raises(HubRefused, match="đã gắn với một máy khác"):
        hub_setup.connect(intruder.admin, hub.url(1))
    with pytest.raises(HubRefused, match="dành cho quầy 2"):
        hub_setup.connect(intruder.admin, hub.url(2))
    intruder.close()


def test_only_encrypted_connections(hub: Hub) -> None:
    plain = hub.url(1).replace("sslmode=require", "sslmode=disable")
    with pytest.raises(HubRefused, match="phải được mã hóa"):
        HubConnection.open(plain)
    with pytest.raises(psycopg.OperationalError, match=r"pg_hba\.conf rejects"):  # the server refuses it too
        psycopg.connect(plain).close()
    with HubConnection.open(hub.url(1)) as connection, connection._conn.cursor() as cur:
        cur.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        assert cur.fetchone() == (True,)


def test_the_servers_certificate_is_verified_when_given(hub: Hub, tmp_path: Path) -> None:
    with HubConnection.open(hub.url(1), hub.cluster.certificate) as connection:
        assert connection.counter_no == 1
    from tests.helpers.pg_cluster import make_certificate

    other_folder = tmp_path / "other"
    other_folder.mkdir()
    impostor, _ = make_certificate(other_folder)  # the right server, but not the certificate given
    with pytest.raises(HubRefused, match=r"TLS|chứng chỉ"):
        HubConnection.open(hub.url(1), impostor)


def test_an_event_edited_on_the_hub_is_refused_and_the_other_counters_still_come(hub_office: HubOffice) -> None:
    c1, c2, c3 = hub_office.pcs
    c1.register(applicant=other_applicant("038190007777", "hoàng văn an"))
    c3.register()
    sync(c1)
    sync(c3)
    hub_office.hub.sql(
        "ALTER TABLE motcua.events DISABLE TRIGGER events_append_only; "
        "UPDATE motcua.events SET line = replace(line, 'Hoàng Văn An', 'Hoàng Văn Ân') "
        "WHERE line LIKE '%Hoàng Văn An%'; ALTER TABLE motcua.events ENABLE TRIGGER events_append_only"
    )

    pulled = sync(c2).pulled

    assert c1.device_id in pulled.problems and "băm" in pulled.problems[c1.device_id]
    assert c2.store.events.head(c1.device_id, 1) is None  # nothing of counter 1 taken
    assert c2.store.events.head(c3.device_id, 1) is not None
    peers = {p.device_id: p for p in c2.store.sync.hub.peers()}
    assert peers[c1.device_id].problem and not peers[c3.device_id].problem


def test_events_forged_under_another_counters_name_are_refused(hub_office: HubOffice) -> None:
    """Someone with the server copies counter 3's signed rows under counter 1's device: the hashes
    and links could be recomputed, the signatures by counter 1's key cannot."""
    c1, c2, c3 = hub_office.pcs
    sync(c1)
    sync(c2)  # counter 2 enrols counter 1's key from its card
    c3.register()
    sync(c3)
    held = int(hub_office.hub.sql(f"SELECT max(seq) FROM motcua.events WHERE device_id = '{c1.device_id}'"))
    head = hub_office.hub.sql(f"SELECT hash FROM motcua.events WHERE device_id = '{c1.device_id}' AND seq = {held}")
    forged = hub_office.hub.sql(f"SELECT signature FROM motcua.events WHERE device_id = '{c3.device_id}' LIMIT 1")
    hub_office.hub.sql(
        "INSERT INTO motcua.events (agency_id, device_id, epoch, seq, uuid, prev_hash, hash, line, signature) "
        f"SELECT agency_id, '{c1.device_id}', 1, {held + 1}, 'forged', '{head}', repeat('9', 64), line, '{forged}' "
        f"FROM motcua.events WHERE device_id = '{c3.device_id}' LIMIT 1"
    )
    before = event_set(c2)

    pulled = sync(c2).pulled

    assert c1.device_id in pulled.problems
    assert {uuid for uuid, _ in event_set(c2) - before}.isdisjoint({"forged"})


@pytest.mark.parametrize(
    "message",
    [
        "consuming input failed: SSL connection has been closed unexpectedly",
        "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally",
        "terminating connection due to administrator command",
    ],
)
def test_a_connection_cut_over_tls_is_the_hub_not_answering_never_a_certificate_problem(message: str) -> None:
    """A stopped server cuts a TLS connection with words that name SSL: the counter must keep retrying
    (HubUnavailable), not tell the clerk to check certificates and give up (HubRefused)."""
    import psycopg

    from motcua_desktop.hub.errors import HubUnavailable, translate

    error = translate(psycopg.OperationalError(message), "127.0.0.1:5432/hub")
    assert isinstance(error, HubUnavailable) and "không trả lời" in error.message


def test_a_server_without_tls_is_still_refused() -> None:
    import psycopg

    from motcua_desktop.hub.errors import translate

    error = translate(psycopg.OperationalError("server does not support SSL, but SSL was required"), "h")
    assert isinstance(error, HubRefused) and "TLS" in error.message
