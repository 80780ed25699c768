"""A hub restored from an old backup is refilled by the counters; a fork, a conflicting change of one
dossier, are reported by the hub pull exactly as by a USB package import."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_desktop.domain.errors import ConflictError
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.hub.errors import HubRefused
from motcua_desktop.services.dossiers.lookup import load_dossier
from motcua_desktop.services.sync.conflicts import list_conflicts, resolve_conflict
from motcua_desktop.services.sync.import_results import REJECTED
from tests.hub.helpers import HubOffice, act, clone_pc, event_set, exchange_usb_keys, sync
from tests.sync.helpers import other_applicant, projection_without_ids


def open_reports(pc, kind: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(r.key, r.message) for r in pc.store.sync.reports.reports() if r.kind == kind]


def test_a_hub_restored_from_an_old_backup_is_refilled_by_the_counters(hub_office: HubOffice, tmp_path: Path) -> None:
    c1, c2, c3 = hub_office.pcs
    hub = hub_office.hub
    c1.register()
    sync(c1)
    hub.cluster.dump(hub.database, tmp_path / "hub.dump")
    later = [c1.register(applicant=other_applicant(f"03819000{n}888", "trịnh văn bình")) for n in range(3)]
    c2.register()
    for pc in (c1, c2):
        sync(pc)

    hub.cluster.restore(hub.database, tmp_path / "hub.dump")
    assert int(hub.sql("SELECT count(*) FROM motcua.events WHERE line LIKE '%Trịnh Văn Bình%'")) == 0

    sync(c3)  # only what the backup had
    assert all(c3.store.dossiers.uuid_for_code(code) is None for code in later)
    for pc in (c1, c2, c3, c1, c2, c3):  # each counter sends again what the hub lost of its own events
        sync(pc)
    union = event_set(c1) | event_set(c2) | event_set(c3)
    assert event_set(c1) == event_set(c2) == event_set(c3) == union
    assert all(c3.store.dossiers.uuid_for_code(code) is not None for code in later)


def test_a_fork_is_reported_by_the_hub_pull_as_by_the_package_import(hub_office: HubOffice, tmp_path: Path) -> None:
    c1, c2, c3 = hub_office.pcs
    hub = hub_office.hub
    exchange_usb_keys(hub_office.pcs, tmp_path)
    c1.register()
    sync(c1)
    hub.cluster.dump(hub.database, tmp_path / "before.dump")
    twin = clone_pc(c1, tmp_path, "twin")  # counter 1's folder copied to a second PC
    c1.register(applicant=other_applicant("038190001212", "lý thị thu"))
    sync(c1)
    sync(c3)  # counter 3 holds counter 1's events through the hub
    c1.export(tmp_path / "usb-c1")
    assert c2.import_(tmp_path / "usb-c1").rejected == ()  # counter 2 holds them through USB
    twin.register(applicant=other_applicant("038190003434", "mạc văn tư"))
    hub.cluster.restore(hub.database, tmp_path / "before.dump")  # and the hub lost them
    sync(twin)  # the twin's different history reaches the hub
    twin.export(tmp_path / "usb-twin")

    with pytest.raises(HubRefused, match="khác với dữ liệu"):
        sync(c1)  # the real counter 1 sees that the hub holds another history of its chain
    pulled = sync(c2).pulled  # hub: different events under sequence numbers counter 2 holds
    imported = c3.import_(tmp_path / "usb-twin")  # USB: the same situation at counter 3

    assert [o.status for o in imported.outcomes] == [REJECTED]
    by_hub, by_usb = open_reports(c2, "fork"), open_reports(c3, "fork")
    assert [key for key, _ in by_hub] == [key for key, _ in by_usb] != []
    assert by_hub[0][1] == by_usb[0][1].replace("gói 1", "dữ liệu từ máy chủ văn phòng").replace(
        "Không nhập gói này", "Không nhập dữ liệu này"
    )
    assert pulled.new_reports == [by_hub[0][1]]
    twin.close()


def test_two_counters_changing_one_dossier_is_a_conflict_resolved_like_a_packages(hub_office: HubOffice) -> None:
    c1, c2, c3 = hub_office.pcs
    code = c1.register()
    for pc in (c1, c2, c3):
        sync(pc)
    act(c2, code, Action.HAND_OVER)
    act(c3, code, Action.HAND_OVER)
    for pc in (c2, c3, c1, c2, c3):
        sync(pc)

    for pc in (c1, c2, c3):
        reports = open_reports(pc, "dossier_conflict")
        assert len(reports) == 1 and "hai quầy cùng cập nhật phiên bản 2" in reports[0][1]
        with pytest.raises(ConflictError):
            act(pc, code, Action.RESULT_READY)
    dossier_uuid = c1.store.dossiers.uuid_for_code(code)
    assert dossier_uuid is not None
    with pytest.raises(ConflictError):
        load_dossier(c1.store, dossier_uuid)

    # A leader at counter 1 keeps counter 3's version, the same resolution as after a package import;
    # the decision is an event of counter 1, so the hub carries it and every counter folds it alike.
    [conflict] = list_conflicts(c1.leader)
    kept = next(v for v in conflict.versions if v.counter == "quầy 3")
    assert resolve_conflict(c1.leader, code, kept.number, "Quầy 3 đã chuyển hồ sơ") is None
    for pc in (c1, c2, c3):
        sync(pc)
    for pc in (c1, c2, c3):
        assert not open_reports(pc, "dossier_conflict") and not list_conflicts(pc.leader)
        assert load_dossier(pc.store, dossier_uuid).status is Status.IN_PROCESSING
    assert projection_without_ids(c1.store) == projection_without_ids(c2.store) == projection_without_ids(c3.store)
    act(c2, code, Action.RESULT_READY)  # no longer frozen


def test_a_counter_restored_from_an_old_backup_carries_on_through_the_hub(hub_office: HubOffice) -> None:
    from motcua_desktop.services.safety.backup import backup_now
    from motcua_desktop.services.safety.restore import restore_backup

    c1, _, c3 = hub_office.pcs
    printed = {c1.register()}
    backup = backup_now(c1.admin).local.path
    printed.add(c1.register(applicant=other_applicant("038190001515", "vũ thị hạnh")))
    sync(c1)  # the hub holds more of epoch 1 than the backup

    restore_backup(c1.admin, backup)
    c1.store = c1.admin.store
    c1.contexts.clear()
    fresh = c1.register(applicant=other_applicant("038190001616", "đinh văn khoa"))
    assert fresh not in printed
    sync(c1)  # no "the hub holds other data" refusal: epoch 1 is closed, epoch 2 goes up
    sync(c3)
    for code in [*printed, fresh]:
        assert c3.store.dossiers.uuid_for_code(code) is not None
    assert c3.store.events.head(c1.device_id, 2) == c1.store.events.head(c1.device_id, 2)
    assert open_reports(c3, "fork") == []
