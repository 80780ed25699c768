"""Two PCs with the same counter number (issue 14 item 5): the consolidation PC refuses to enrol the
second "quầy 1", and an import that meets a dossier code already held is reported, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_desktop.domain.errors import FileProblem
from motcua_desktop.services.office.setup import update_office
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.services.sync.import_reports import sync_reports
from motcua_desktop.services.sync.import_results import APPLIED
from tests.factories import make_office
from tests.sync.helpers import Office, make_pc, other_applicant, snapshot


def test_a_second_counter_1_is_not_enrolled(office: Office, tmp_path: Path) -> None:
    twin = make_pc(tmp_path, "twin", 1, office.clock)  # set up with the same counter number as c1
    before = snapshot(office.leader.store)
    with pytest.raises(FileProblem, match="cùng số quầy 1") as refused:
        sync_keys.enrol_device(office.leader.admin, twin.card().data, "twin.card.json")
    assert "số quầy riêng" in refused.value.message
    own = make_pc(tmp_path, "own", 3, office.clock)  # the consolidation PC itself is counter 3
    with pytest.raises(FileProblem, match="cùng số quầy 3 với máy này"):
        sync_keys.enrol_device(office.leader.admin, own.card().data, "own.card.json")
    assert snapshot(office.leader.store) == before
    twin.close()
    own.close()


def test_an_import_meeting_a_code_already_held_reports_it(office: Office, tmp_path: Path) -> None:
    twin = make_pc(tmp_path, "twin", 4, office.clock)
    upstream_card = (office.upstream / sync_upstream.CARD_FILE).read_bytes()
    sync_keys.add_recipient(twin.admin, upstream_card, sync_upstream.CARD_FILE)
    sync_keys.add_recipient(twin.admin, office.leader.card().data, "leader.card.json")
    sync_keys.enrol_device(office.leader.admin, twin.card().data, "twin.card.json")
    update_office(twin.admin, make_office(1))  # enrolled as counter 4, then set to 1 by mistake
    code = office.c1.register()
    twin_code = twin.register(applicant=other_applicant())
    assert twin_code == code  # the same block of numbers: the same code on two citizens' receipts
    office.c1.export(tmp_path / "c1")
    twin.export(tmp_path / "twin")

    report = office.leader.import_(tmp_path / "c1", tmp_path / "twin")

    assert [o.status for o in report.outcomes] == [APPLIED, APPLIED]
    clash = [r for r in sync_reports(office.leader.leader) if r.key.startswith("code_clash:")]
    assert len(clash) == 1 and code in clash[0].message and "hai lần" in clash[0].message
    assert any(code in message and "hai lần" in message for message in report.new_reports)
    leader = office.leader.store
    first = leader.dossiers.uuid_for_code(code)
    holder = leader.dossiers.summary(first) if first else None
    assert holder is not None and holder.applicant_name in ("Nguyễn Văn An", "Trần Thị Bình")
    assert "Nguyễn Văn An" in clash[0].message and "Trần Thị Bình" in clash[0].message  # both receipts' holders
    assert leader.dossiers.count() == 1  # the second is in the event log, not in the lists
    again = office.leader.import_(tmp_path / "twin")  # importing again is calm
    assert len([r for r in sync_reports(office.leader.leader) if r.key.startswith("code_clash:")]) == 1
    assert again.outcomes
    twin.close()
