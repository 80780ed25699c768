"""A dossier written by two counters is no longer frozen for good (issue 14 item 13): a leader keeps
one version, recorded as an event; the next export carries the decision, and every PC that imports
it folds the dossier the same way; the command line lists and resolves conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motcua_desktop.cli import main
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.services.dossiers.lifecycle import TransitionInput, transition
from motcua_desktop.services.dossiers.lookup import load_dossier, rebuild_projection
from motcua_desktop.services.sync.conflicts import dossier_conflict, list_conflicts, resolve_conflict
from motcua_desktop.services.sync.import_reports import sync_reports
from motcua_desktop.services.sync.imports import import_files
from tests.factories import CLERK_PASSWORD
from tests.helpers.safety import seen_today
from tests.sync.helpers import Office, projection_without_ids


def two_versions(office: Office, tmp_path: Path) -> str:
    """Counter 1 withdraws the dossier while counter 2 hands it over and then records the result."""
    code = office.c1.register()
    office.c1.export(tmp_path / "day1")
    import_files(office.c2.leader, [tmp_path / "day1"])
    office.clock.advance(hours=1)
    transition(office.c1.clerk, code, TransitionInput(Action.WITHDRAW))
    transition(office.c2.clerk, code, TransitionInput(Action.HAND_OVER))
    office.clock.advance(minutes=5)
    transition(office.c2.clerk, code, TransitionInput(Action.RESULT_READY))
    office.c1.export(tmp_path / "c1")
    office.c2.export(tmp_path / "c2")
    office.leader.import_(tmp_path / "c1", tmp_path / "c2")
    return code


def test_a_leader_keeps_one_version_and_the_dossier_moves_again(office: Office, tmp_path: Path) -> None:
    code = two_versions(office, tmp_path)
    leader = office.leader.leader
    [conflict] = list_conflicts(leader)
    assert (conflict.code, conflict.rev) == (code, 2)
    by_counter = {v.counter: v for v in conflict.versions}
    assert by_counter["quầy 1"].action == "công dân rút hồ sơ" and by_counter["quầy 2"].following == 1
    with pytest.raises(ConflictError, match="chưa thống nhất"):
        load_dossier(office.leader.store, conflict.dossier_uuid)
    with pytest.raises(ValidationError, match="Lý do chọn"):
        resolve_conflict(leader, code, by_counter["quầy 2"].number, "  ")
    with pytest.raises(ValidationError, match="Phiên bản giữ lại"):
        resolve_conflict(leader, code, 7, "Quầy 2 đã xử lý xong")
    with pytest.raises(PermissionDenied):
        resolve_conflict(office.leader.clerk, code, 1, "Không có quyền")

    assert resolve_conflict(leader, code, by_counter["quầy 2"].number, "Quầy 2 đã có kết quả") is None

    store = office.leader.store
    dossier = load_dossier(store, conflict.dossier_uuid)
    assert (dossier.status, dossier.rev) == (Status.RESULT_READY, 3)  # counter 2's version, with what followed
    decision = store.events.find(kind=ev.DOSSIER_CONFLICT_RESOLVED)[0][0]
    assert decision.actor == leader.actor and decision.payload["kept"] == by_counter["quầy 2"].event_uuid
    assert by_counter["quầy 1"].event_uuid in decision.payload["set_aside"]
    assert not [r for r in sync_reports(leader) if r.kind == "dossier_conflict"]
    before = projection_without_ids(store)
    rebuild_projection(store)  # the rebuild folds the decision in the same way
    assert projection_without_ids(store) == before
    transition(office.leader.clerk, code, TransitionInput(Action.RETURN))  # no longer frozen


def test_the_decision_travels_with_the_next_export(office: Office, tmp_path: Path) -> None:
    code = two_versions(office, tmp_path)
    import_files(office.c2.leader, [tmp_path / "c1"])  # counter 2 sees the conflict too
    uuid = office.c2.store.dossiers.uuid_for_code(code)
    assert uuid is not None
    with pytest.raises(ConflictError):
        load_dossier(office.c2.store, uuid)
    kept = next(v for v in dossier_conflict(office.c2.leader, code).versions if v.counter == "quầy 1")
    resolve_conflict(office.c2.leader, code, kept.number, "Công dân đã rút hồ sơ tại quầy 1")
    assert load_dossier(office.c2.store, uuid).status is Status.WITHDRAWN

    office.c2.export(tmp_path / "c2-next")
    report = office.leader.import_(tmp_path / "c2-next")
    assert report.outcomes
    leader_copy = load_dossier(office.leader.store, uuid)
    assert (leader_copy.status, leader_copy.rev) == (Status.WITHDRAWN, 2)
    assert not list_conflicts(office.leader.leader)


def test_command_line_lists_and_resolves(office: Office, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code = two_versions(office, tmp_path)
    office.leader.leader  # noqa: B018 - the leader's account exists on the consolidation PC
    seen_today(office.leader.store)
    data_dir = office.leader.folder
    office.leader.store.close()
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    monkeypatch.setenv("MOTCUA_USER", "lanh.dao")
    assert main(["sync", "conflicts", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert code in out and "quầy 1: công dân rút hồ sơ" in out and "sync resolve" in out
    assert main(["sync", "conflicts", "--data-dir", str(data_dir), "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    keep = str(next(v["number"] for v in listed["versions"] if v["counter"] == "quầy 1"))
    assert main(["sync", "resolve", code, "--keep", keep, "--reason", "", "--data-dir", str(data_dir)]) == 2
    assert "Lý do chọn" in capsys.readouterr().err
    assert (
        main(["sync", "resolve", code, "--keep", keep, "--reason", "Đã rút", "--data-dir", str(data_dir), "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["still_in_conflict"] is None
    assert main(["sync", "conflicts", "--data-dir", str(data_dir)]) == 0
    assert "Không có hồ sơ nào" in capsys.readouterr().out
    from motcua_desktop.storage import open_store

    office.leader.store = open_store(data_dir / "motcua.db")
