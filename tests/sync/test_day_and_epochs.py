"""A full synthetic day, a new device epoch, and re-sending acknowledged packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_desktop.services.demo.generate import generate_demo
from motcua_desktop.services.dossiers.lookup import rebuild_projection
from motcua_desktop.services.sync import export as sync
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.services.sync.import_results import APPLIED
from motcua_desktop.services.sync.imports import import_files
from tests.sync.helpers import Office, other_applicant, projection_without_ids


@pytest.mark.parametrize("dossiers", [300, pytest.param(2000, marks=pytest.mark.slow)])
def test_a_synthetic_day_consolidates_to_the_same_projection(office: Office, tmp_path: Path, dossiers: int) -> None:
    summary = generate_demo(office.c1.admin, dossiers, years=1)
    assert summary.dossiers >= dossiers - 10 and summary.events > 3 * summary.dossiers
    result = office.c1.export(tmp_path / "usb")
    assert result.built[0].event_count == office.c1.store.events.count()

    report = office.leader.import_(tmp_path / "usb")

    assert [o.status for o in report.outcomes] == [APPLIED]
    leader = office.leader.store
    assert leader.dossiers.count() == office.c1.store.dossiers.count() == summary.dossiers
    assert projection_without_ids(leader) == projection_without_ids(office.c1.store)
    rebuild_projection(leader)
    assert projection_without_ids(leader) == projection_without_ids(office.c1.store)


def test_a_new_epoch_is_exported_as_its_own_chain_and_links_to_the_previous_one(office: Office, tmp_path: Path) -> None:
    pc = office.c1
    pc.register()
    pc.export(tmp_path / "e1")
    with pc.store.transaction():  # what a restore from backup does to the device identity
        pc.store.db.execute("UPDATE device SET epoch = 2")
    office.clock.advance(hours=1)
    pc.register(applicant=other_applicant())
    result = pc.export(tmp_path / "e2")
    assert [(b.epoch, b.batch, b.first_seq) for b in result.built] == [(2, 1, 1)]

    # The leader sees epoch 2 before epoch 1: it waits for the event it links to.
    e2 = next((tmp_path / "e2").glob("*_e2_b000001.manifest.json"))
    first = office.leader.import_(e2)
    assert first.outcomes[0].status == "pending" and "kỷ nguyên trước" in first.new_reports[0]
    office.leader.import_(tmp_path / "e1")
    assert office.leader.store.dossiers.count() == 2
    assert office.leader.store.sync.inbox.pending() == []
    assert office.leader.store.events.head(pc.device_id, 2) == pc.store.events.head(pc.device_id, 2)


def test_since_writes_acknowledged_packages_again_rebuilt_from_the_log(office: Office, tmp_path: Path) -> None:
    pc = office.c1
    pc.register()
    first = pc.export(tmp_path / "day")
    acks = sync_upstream.acknowledge(office.upstream, [tmp_path / "day"], tmp_path / "acks", office.clock)
    import_files(pc.clerk, [Path(acks.acks[0].path)])
    assert not any(sync.outbox_folder(pc.store).iterdir())
    office.clock.advance(days=1)

    again = pc.export(tmp_path / "resend", since=office.clock.now().date().replace(day=16))

    assert [b.batch for b in again.written] == [1, 2]  # batch 2 carries the acknowledgement's audit event
    old = next((tmp_path / "day").glob("*_b000001.manifest.json"))
    new = tmp_path / "resend" / old.name
    assert new.exists() and new.read_bytes() != old.read_bytes()  # sealed anew…
    report = office.leader.import_(tmp_path / "day")
    assert report.outcomes[0].status == APPLIED
    report = office.leader.import_(new)
    assert report.outcomes[0].status == "already"  # …but the same batch: same range, same chain head
    assert first.built[0].event_count == 7
