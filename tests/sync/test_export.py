"""Export to removable media: fault injection at every step, the outbox, re-export, summary, office files."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import PermissionDenied, ValidationError
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.services.dossiers.lifecycle import TransitionInput, transition
from motcua_desktop.services.dossiers.lookup import open_dossier
from motcua_desktop.services.sync import export as sync
from motcua_desktop.sync.media import MediaError
from motcua_desktop.sync.office_files import neutralise
from tests.factories import context
from tests.sync.faults import ERRORS, FaultyOps, LyingStick, acceptable_packages
from tests.sync.helpers import Office, make_pc, other_applicant, snapshot


def outbox_state(pc) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    folder = sync.outbox_folder(pc.store)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_failing_step_gives_a_clear_message_loses_nothing_and_a_retry_succeeds(
    office: Office, tmp_path: Path
) -> None:
    pc = office.c1
    pc.register()
    pc.register(applicant=other_applicant())
    sync.build_batches(pc.clerk)
    counting = FaultyOps()
    sync.export_to(pc.clerk, _fresh(tmp_path / "count"), ops=counting)
    steps = counting.calls
    assert (
        steps == 1 + 6 * 8
    )  # remove the old manifest, then 6 files × open/write/flush/fsync/close/rename/fsync-dir/read
    outbox = outbox_state(pc)
    db = snapshot(pc.store)
    seen_causes = set()
    for forever in (False, True):
        for error in ERRORS:
            for k in range(1, steps + 1):
                drive = _fresh(tmp_path / f"usb-{forever}-{error}-{k}")
                with pytest.raises(MediaError) as caught:
                    sync.export_to(pc.clerk, drive, ops=FaultyOps(k, error, forever=forever))
                message = caught.value.message
                assert "Không mất dữ liệu" in message and "xuất lại" in message, message
                seen_causes.add(caught.value.cause)
                assert outbox_state(pc) == outbox, f"outbox changed at step {k} ({error})"
                after = snapshot(pc.store)
                assert after["events"] == db["events"] and [r[:12] for r in after["sync_batches"]] == [
                    r[:12] for r in db["sync_batches"]
                ]
                accepted = acceptable_packages(drive)
                if not forever:
                    assert accepted == [], f"step {k} ({counting.steps[k - 1]}, {error}) left {accepted}"
                for name in accepted:  # the stick died after the manifest landed: it is complete and identical
                    assert all((drive / f).read_bytes() == outbox[f] for f in outbox)
                    assert name in outbox
                sync.export_to(pc.clerk, drive, ops=FaultyOps())  # the stick works again
                assert acceptable_packages(drive) == [n for n in outbox if n.endswith(".manifest.json")]
                assert {f: (drive / f).read_bytes() for f in outbox} == outbox
                assert not list(drive.glob("*.partial"))
    assert seen_causes == {"removed", "full", "readonly"}


def test_a_stick_that_reads_back_other_bytes_is_refused(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    drive = _fresh(tmp_path / "fake")
    with pytest.raises(MediaError, match="không khớp với dữ liệu vừa ghi") as caught:
        sync.export_to(office.c1.clerk, drive, ops=LyingStick(".manifest.json"))
    assert caught.value.cause == "mismatch"
    assert acceptable_packages(drive) == []
    assert sync.export_summary(office.c1.clerk).last_export_at is None


def test_export_messages_for_pulled_full_and_locked_sticks(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    messages = {}
    for error in ERRORS:
        with pytest.raises(MediaError) as caught:
            sync.export_to(office.c1.clerk, _fresh(tmp_path / error), ops=FaultyOps(3, error))
        messages[error] = caught.value.message
    assert "USB đã bị rút ra" in messages["pulled"]
    assert "USB đã đầy" in messages["full"]
    assert "chỉ đọc" in messages["readonly"]
    assert all(".sealed" in m for m in messages.values())  # names the file


def test_re_export_writes_the_same_package_until_acknowledged(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    first = office.c1.export(tmp_path / "monday")
    office.clock.advance(days=1)
    office.c1.register(applicant=other_applicant())
    second = office.c1.export(tmp_path / "tuesday")
    assert len(first.built) == 1 and len(second.built) == 1
    assert [b.batch for b in second.written] == [1, 2]
    for name in first.files:
        assert (tmp_path / "monday" / name).read_bytes() == (tmp_path / "tuesday" / name).read_bytes()
    assert second.built[0].first_seq == first.built[0].last_seq + 1  # contiguous batches


def test_nothing_new_writes_the_waiting_packages_only(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    office.c1.export(tmp_path / "a")
    result = office.c1.export(tmp_path / "b")
    assert result.built == () and len(result.written) == 1
    assert "không có gói mới" in result.message


def test_viewing_a_dossier_does_not_make_it_unexported(office: Office, tmp_path: Path) -> None:
    """Issue 15.8: opening an exported dossier's detail writes an audit event (exported with the
    chain) but gives the office nothing new: the status bar's count stays at zero."""
    ctx = office.c1.clerk
    code = office.c1.register()
    office.c1.export(tmp_path / "usb")
    open_dossier(ctx, code, purpose="xem chi tiết tại trang Hồ sơ")
    open_dossier(ctx, code, purpose="trả kết quả")
    summary = sync.export_summary(ctx)
    assert summary.dossiers_unexported == 0 and summary.events_unexported == 2
    assert summary.dossiers_unacked == 1  # the registration still waits for the office's acknowledgement
    transition(ctx, code, TransitionInput(Action.RESULT_READY))
    assert sync.export_summary(ctx).dossiers_unexported == 1  # a change counts again


def test_export_summary_for_the_status_bar(office: Office, tmp_path: Path) -> None:
    ctx = office.c1.clerk
    assert sync.export_summary(ctx).text.startswith("0 hồ sơ, ")
    office.c1.register()
    office.c1.register(applicant=other_applicant())
    summary = sync.export_summary(ctx)
    assert summary.dossiers_unexported == 2 and summary.events_unexported > 2
    assert summary.text.startswith("2 hồ sơ, ") and "lần xuất trước: chưa xuất lần nào" in summary.text
    office.clock.advance(hours=8)
    office.c1.export(tmp_path / "usb")
    summary = sync.export_summary(ctx)
    assert (summary.dossiers_unexported, summary.events_unexported) == (0, 0)
    assert summary.dossiers_unacked == 2 and summary.packages_waiting == 1
    assert re.search(r"lần xuất trước: 16/11/2026 17:00; 2 hồ sơ chưa được cấp trên xác nhận", summary.text)


def test_without_the_upstream_key_nothing_is_exported(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    pc = make_pc(tmp_path, "new", 1, clock)
    pc.register()
    before = snapshot(pc.store)
    with pytest.raises(ValidationError, match="Khóa của cơ quan cấp trên"):
        pc.export(tmp_path / "usb")
    assert snapshot(pc.store) == before
    assert list((tmp_path / "usb").iterdir()) == []
    pc.close()


def test_a_missing_destination_is_refused(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    with pytest.raises(ValidationError, match="không tìm thấy thư mục"):
        sync.export_to(office.c1.clerk, tmp_path / "nowhere")
    assert sync.export_summary(office.c1.clerk).packages_waiting == 0


def test_only_roles_that_may_export_can(office: Office) -> None:
    ctx = context(office.c1.store, office.clock, Role.CLERK)
    ctx.session = None
    with pytest.raises(PermissionDenied):
        sync.export_to(ctx, ".")


def test_package_files_have_ascii_names_and_no_personal_data_in_clear(office: Office, tmp_path: Path) -> None:
    # A formula in a name is refused at input (``domain.fields.person_name``); a leading hyphen is a
    # formula trigger a name may still start with.
    office.c1.register(applicant=other_applicant("038190001234", "-an nguyễn"), summary="+1 khai sinh")
    result = office.c1.export(tmp_path / "usb")
    drive = tmp_path / "usb"
    for name in result.files:
        assert name.isascii() and re.fullmatch(r"[A-Za-z0-9._-]+", name)
        data = (drive / name).read_bytes()
        for secret in ("038190001234", "0987654321", "0987 654 321", "Phú Lâm", "Trần Thị"):
            assert secret.encode() not in data, (name, secret)
    csv_file = next(drive.glob("*.csv")).read_bytes()
    assert csv_file.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(csv_file.decode("utf-8-sig"))))
    assert rows[0][1] == "Mã hồ sơ" and len(rows) == 2
    assert rows[1][15].startswith("'-")  # initials of a hostile name, neutralised
    book = openpyxl.load_workbook(next(drive.glob("*.xlsx")), read_only=True)
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    book.close()


@pytest.mark.parametrize("text", ["=1+2", "+84", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Nguyễn " + text) == "Nguyễn " + text


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder
