"""A counter restored from a backup older than its last export: the office and upstream carry on.

The restored database carries over the export batches the replaced one had made (numbering and the
chain the office holds stay as exported), and its new epoch is exported as a chain of its own that
links to the restored head: no fork is reported, acknowledgements are accepted (also those for
events the restored log no longer holds) and the outbox empties.
"""

from __future__ import annotations

from pathlib import Path

from motcua_desktop.services.safety.backup import backup_now
from motcua_desktop.services.safety.restore import restore_backup
from motcua_desktop.services.sync import export as sync
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.services.sync.import_reports import sync_reports
from motcua_desktop.services.sync.import_results import APPLIED, REJECTED
from motcua_desktop.services.sync.imports import import_files
from tests.sync.helpers import Office, other_applicant


def acknowledge(office: Office, drive: Path, out: Path) -> list[Path]:
    result = sync_upstream.acknowledge(office.upstream, [drive], out, office.clock)
    assert result.gaps == ()
    return [Path(a.path) for a in result.acks]


def test_restore_from_before_the_last_export_keeps_the_office_and_upstream_in_step(
    office: Office, tmp_path: Path
) -> None:
    c1 = office.c1
    printed = {c1.register()}
    backup = backup_now(c1.admin).local.path  # before the export
    office.clock.advance(minutes=10)
    printed.add(c1.register(applicant=other_applicant()))
    c1.export(tmp_path / "day1")
    office.c2.register(applicant=other_applicant("038190005555", "phạm văn dũng"))
    office.c2.export(tmp_path / "c2-day1")
    first = office.leader.import_(tmp_path / "day1", tmp_path / "c2-day1")
    assert {o.status for o in first.outcomes} == {APPLIED}
    acks_before = acknowledge(office, tmp_path / "day1", tmp_path / "acks1")  # imported only after the restore
    old_epoch_head = c1.store.events.own_head()

    office.clock.advance(hours=1)
    result = restore_backup(c1.admin, backup)
    c1.store = c1.admin.store
    c1.contexts.clear()
    assert result.new_epoch == 2
    assert c1.store.dossiers.count() == 1  # the backup's content

    office.clock.advance(minutes=10)
    fresh = c1.register(applicant=other_applicant("038190007777", "đỗ thị én"))
    assert fresh not in printed
    exported = c1.export(tmp_path / "day2")
    assert [(b.epoch, b.batch) for b in exported.built] == [(2, 1)]  # epoch 1 is not packaged again

    report = office.leader.import_(tmp_path / "day2")
    assert REJECTED not in {o.status for o in report.outcomes}, [o.message for o in report.outcomes]
    assert [r for r in sync_reports(office.leader.leader) if r.kind == "fork"] == []
    leader = office.leader.store
    for code in [*printed, fresh]:
        assert leader.dossiers.uuid_for_code(code) is not None  # also the dossier lost by the restore
    assert leader.events.head(c1.device_id, 2) == c1.store.events.head(c1.device_id, 2)
    assert leader.events.head(c1.device_id, 1) == old_epoch_head  # the exported chain, as exported

    acks_after = acknowledge(office, tmp_path / "day2", tmp_path / "acks2")
    outcome = import_files(c1.clerk, [*acks_before, *acks_after])
    assert REJECTED not in {o.status for o in outcome.outcomes}, [o.message for o in outcome.outcomes]
    summary = sync.export_summary(c1.clerk)
    assert summary.packages_waiting == 0  # the outbox empties
    assert not any(sync.outbox_folder(c1.store).iterdir())
    resent = c1.export(tmp_path / "resend", since=office.clock.now().date().replace(day=16))
    assert (1, 1) not in [(b.epoch, b.batch) for b in resent.written]  # not rebuildable: the office has it

    office.clock.advance(hours=1)  # and the next day goes on as usual, for both counters
    c1.register(applicant=other_applicant("038190008888", "hồ văn phúc"))
    office.c2.register(applicant=other_applicant("038190009999", "lê văn cường"))
    c1.export(tmp_path / "day3")
    office.c2.export(tmp_path / "c2-day3")
    again = office.leader.import_(tmp_path / "day3", tmp_path / "c2-day3", tmp_path / "day2", tmp_path / "day1")
    assert REJECTED not in {o.status for o in again.outcomes}, [o.message for o in again.outcomes]
    assert [r for r in sync_reports(office.leader.leader) if r.kind == "fork"] == []
    assert leader.events.head(c1.device_id, 2) == c1.store.events.head(c1.device_id, 2)
    acknowledge(office, tmp_path / "day3", tmp_path / "acks3")
