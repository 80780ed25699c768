"""Two counters register offline, export, and a third PC consolidates them."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_desktop.domain.errors import ConflictError, PermissionDenied
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.transitions import INPUTS, HandOverInput, ReturnInput, WithdrawInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, rebuild_projection
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.services.sync.import_reports import sync_reports
from motcua_desktop.services.sync.import_results import ALREADY, APPLIED, PENDING, REJECTED
from motcua_desktop.services.sync.imports import import_files
from tests.sync.helpers import Office, make_pc, other_applicant, projection, projection_without_ids, snapshot


def own_event_uuids(pc) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(r[0]) for r in pc.store.db.execute("SELECT uuid FROM events WHERE imported = 0")}


def test_leader_holds_exactly_the_union_and_the_same_projection_as_a_rebuild(office: Office, tmp_path: Path) -> None:
    codes1 = [office.c1.register(), office.c1.register(applicant=other_applicant())]
    office.clock.advance(minutes=5)
    codes2 = [office.c2.register(applicant=other_applicant("038190009999", "lê văn cường"))]
    office.c1.export(tmp_path / "usb1")
    office.c2.export(tmp_path / "usb2")

    report = office.leader.import_(tmp_path / "usb1", tmp_path / "usb2")

    assert [o.status for o in report.outcomes] == [APPLIED, APPLIED]
    leader = office.leader.store
    expected = own_event_uuids(office.leader) | own_event_uuids(office.c1) | own_event_uuids(office.c2)
    # The leader's own audit events of the two imports are the only events it added.
    held = {str(r[0]) for r in leader.db.execute("SELECT uuid FROM events")}
    assert held == expected
    assert leader.events.count() == len(expected)  # no duplicates
    for code in codes1 + codes2:
        assert leader.dossiers.uuid_for_code(code) is not None
    assert leader.dossiers.count() == 3
    before = projection_without_ids(leader)
    assert rebuild_projection(leader) == 3
    assert projection_without_ids(leader) == before
    for pc in (office.c1, office.c2):
        head = pc.store.events.head(pc.device_id, 1)
        assert leader.events.head(pc.device_id, 1) == head  # the whole chain, up to the batch-created event


def test_importing_again_changes_nothing(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    office.c1.export(tmp_path / "usb")
    office.leader.import_(tmp_path / "usb")
    before = snapshot(office.leader.store)

    report = office.leader.import_(tmp_path / "usb")

    assert [o.status for o in report.outcomes] == [ALREADY]
    assert "không có gì thay đổi" in report.outcomes[0].message
    assert snapshot(office.leader.store) == before


def test_a_dossier_received_at_counter_1_is_returned_at_counter_2_and_consolidates(
    office: Office, tmp_path: Path
) -> None:
    code = office.c1.register()
    office.c1.export(tmp_path / "day1")
    assert [o.status for o in import_files(office.c2.leader, [tmp_path / "day1"]).outcomes] == [APPLIED]
    ctx2 = office.c2.clerk
    for action in (Action.HAND_OVER, Action.RESULT_READY):
        office.clock.advance(hours=1)
        transition(ctx2, find_dossier(ctx2, code), INPUTS[action]())
    office.clock.advance(hours=1)
    returned = transition(ctx2, find_dossier(ctx2, code), ReturnInput()).dossier
    assert returned.status is Status.RETURNED and returned.rev == 4
    office.c2.export(tmp_path / "day2")

    # The leader gets counter 2's package first: the dossier's later revisions wait for revision 1.
    first = office.leader.import_(tmp_path / "day2")
    assert [o.status for o in first.outcomes] == [APPLIED]
    assert office.leader.store.dossiers.uuid_for_code(code) is None
    office.leader.import_(tmp_path / "day1")

    leader = office.leader.store
    uuid = leader.dossiers.uuid_for_code(code)
    assert uuid is not None
    dossier = load_dossier(leader, uuid)
    assert dossier.status is Status.RETURNED and dossier.rev == 4
    assert dossier.device_id == office.c1.device_id and dossier.return_record.returned_by == "lan.nguyen"
    before = projection_without_ids(leader)
    rebuild_projection(leader)
    assert projection_without_ids(leader) == before
    assert sync_reports(office.leader.leader) == []


def test_a_later_package_waits_for_the_missing_one_and_is_applied_when_it_arrives(
    office: Office, tmp_path: Path
) -> None:
    office.c1.register()
    office.c1.export(tmp_path / "b1")
    office.clock.advance(hours=1)
    office.c1.register(applicant=other_applicant())
    office.c1.export(tmp_path / "b2")  # writes batches 1 and 2 (1 is not acknowledged yet)
    batch2 = next((tmp_path / "b2").glob("*_b000002.manifest.json"))

    report = office.leader.import_(batch2)

    assert [o.status for o in report.outcomes] == [PENDING]
    assert report.new_reports and report.new_reports[0].startswith("Thiếu gói 1 của quầy 1")
    assert office.leader.store.dossiers.count() == 0
    again = office.leader.import_(batch2)
    assert [o.status for o in again.outcomes] == [PENDING] and again.new_reports == ()
    gaps = [r for r in sync_reports(office.leader.leader) if r.kind == "gap"]
    assert len(gaps) == 1 and "thiếu gói 1 của quầy 1" in gaps[0].message.lower()

    filled = office.leader.import_(next((tmp_path / "b1").glob("*.manifest.json")))

    assert [o.status for o in filled.outcomes] == [APPLIED]
    assert office.leader.store.dossiers.count() == 2
    assert office.leader.store.sync.inbox.pending() == []
    assert [r for r in sync_reports(office.leader.leader) if r.kind == "gap"] == []
    assert office.leader.store.events.head(office.c1.device_id, 1) == office.c1.store.events.head(
        office.c1.device_id, 1
    )


def test_a_fork_is_reported_and_nothing_is_imported(office: Office, tmp_path: Path) -> None:
    """Counter 1 is restored from a copy taken before its export, then keeps working: the same
    sequence numbers now hold different events (the normal restore path starts a new epoch)."""
    backup = tmp_path / "backup.db"
    office.c1.store.db.conn.execute(f"VACUUM INTO '{backup}'")
    office.c1.register()
    office.c1.export(tmp_path / "first")
    office.leader.import_(tmp_path / "first")
    office.c1.close()
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "motcua.db").write_bytes(backup.read_bytes())
    for name in ("keys",):
        (restored / name).mkdir()
        for key_file in (office.c1.folder / name).iterdir():
            (restored / name / key_file.name).write_bytes(key_file.read_bytes())
    from motcua_desktop.storage import open_store

    office.c1.store = open_store(restored / "motcua.db")
    office.c1.contexts.clear()
    office.c1.folder = restored
    office.clock.advance(hours=1)
    office.c1.register(applicant=other_applicant())
    office.c1.export(tmp_path / "forked")
    before = snapshot(office.leader.store)

    report = office.leader.import_(tmp_path / "forked")

    assert [o.status for o in report.outcomes] == [REJECTED]
    assert "hai gói số 1" in report.outcomes[0].message and "khác nội dung" in report.outcomes[0].message
    forks = [r for r in sync_reports(office.leader.leader) if r.kind == "fork"]
    assert len(forks) == 1 and forks[0].device_id == office.c1.device_id
    after = snapshot(office.leader.store)
    assert after["dossiers"] == before["dossiers"] and after["sync_imports"] == before["sync_imports"]
    assert len(after["events"]) == len(before["events"]) + 1  # only the leader's audit event of the rejection


def test_two_counters_writing_the_same_revision_is_a_conflict_for_a_person(office: Office, tmp_path: Path) -> None:
    code = office.c1.register()
    office.c1.export(tmp_path / "day1")
    import_files(office.c2.leader, [tmp_path / "day1"])
    office.clock.advance(hours=1)
    transition(office.c1.clerk, find_dossier(office.c1.clerk, code), WithdrawInput())  # revision 2 at counter 1
    transition(office.c2.clerk, find_dossier(office.c2.clerk, code), HandOverInput())  # revision 2 at counter 2
    office.c1.export(tmp_path / "c1")
    office.c2.export(tmp_path / "c2")

    report = office.leader.import_(tmp_path / "c1", tmp_path / "c2")

    assert {o.status for o in report.outcomes} == {APPLIED}
    conflicts = [r for r in sync_reports(office.leader.leader) if r.kind == "dossier_conflict"]
    assert len(conflicts) == 1
    assert code in conflicts[0].message and "phiên bản 2" in conflicts[0].message
    assert "quầy 1" in conflicts[0].message and "quầy 2" in conflicts[0].message
    leader = office.leader.store
    uuid = leader.dossiers.uuid_for_code(code)
    assert leader.dossiers.rev(uuid) == 1  # neither branch applied: never merged silently
    with pytest.raises(ConflictError, match="chưa thống nhất"):
        load_dossier(leader, uuid)
    before = projection_without_ids(leader)
    rebuild_projection(leader)
    assert projection_without_ids(leader) == before


def test_same_citizen_procedure_and_day_at_two_counters_is_a_possible_duplicate(office: Office, tmp_path: Path) -> None:
    code1 = office.c1.register()
    code2 = office.c2.register()  # same applicant ID number, same procedure, same day
    office.c1.export(tmp_path / "c1")
    office.c2.export(tmp_path / "c2")

    report = office.leader.import_(tmp_path / "c1", tmp_path / "c2")

    duplicates = [r for r in sync_reports(office.leader.leader) if r.kind == "duplicate"]
    assert len(duplicates) == 1
    assert code1 in duplicates[0].message and code2 in duplicates[0].message
    assert any("Có thể trùng hồ sơ" in m for m in report.new_reports)
    assert office.leader.store.dossiers.count() == 2  # both kept


def test_an_unknown_device_is_rejected_by_name(office: Office, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    stranger = make_pc(tmp_path, "c9", 9, clock)
    from tests.sync.helpers import sync_upstream

    sync_keys.add_recipient(stranger.admin, (office.upstream / sync_upstream.CARD_FILE).read_bytes(), "u.card.json")
    sync_keys.add_recipient(stranger.admin, office.leader.card().data, "leader.card.json")
    stranger.register()
    stranger.export(tmp_path / "usb")
    before = snapshot(office.leader.store)

    report = office.leader.import_(tmp_path / "usb")

    assert [o.status for o in report.outcomes] == [REJECTED]
    assert f"máy {stranger.device_id} chưa được đăng ký" in report.outcomes[0].message
    assert snapshot(office.leader.store) == before
    stranger.close()


def test_a_clerk_cannot_consolidate(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    office.c1.export(tmp_path / "usb")
    with pytest.raises(PermissionDenied):
        import_files(office.c2.clerk, [tmp_path / "usb"])


def test_a_package_not_sealed_to_this_pc_says_so(office: Office, tmp_path: Path) -> None:
    office.c2.register()
    office.c2.export(tmp_path / "usb")  # counter 2 seals to the upstream office and the leader only
    report = import_files(office.c1.leader, [tmp_path / "usb"])
    assert "chưa được đăng ký tại máy này" in report.outcomes[0].message
    sync_keys.enrol_device(office.c1.admin, office.c2.card().data, "c2.card.json")
    report = import_files(office.c1.leader, [tmp_path / "usb"])
    assert [o.status for o in report.outcomes] == [REJECTED]
    assert "không được mã hóa cho máy này" in report.outcomes[0].message


def test_projection_after_import_matches_a_rebuild_on_each_pc(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    office.c1.export(tmp_path / "usb")
    import_files(office.c2.leader, [tmp_path / "usb"])
    for pc in office.pcs:
        before = projection(pc.store)
        rebuild_projection(pc.store)
        assert [r[1:] for r in projection(pc.store)] == [r[1:] for r in before]


def test_this_pcs_own_package_is_skipped(office: Office, tmp_path: Path) -> None:
    office.leader.register()
    office.leader.export(tmp_path / "usb")
    before = snapshot(office.leader.store)
    report = office.leader.import_(tmp_path / "usb")
    assert [o.status for o in report.outcomes] == [ALREADY] and "chính máy này" in report.outcomes[0].message
    assert snapshot(office.leader.store) == before
