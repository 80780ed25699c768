"""The audit trail: views, changes and security events recorded; filters; the chain proven intact,
and a tampered file named down to the first broken link."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import NotFound, ValidationError
from motcua_desktop.domain.events import compute_hash
from motcua_desktop.domain.registration import PersonInput
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.services.dossiers.lookup import correct, open_dossier
from motcua_desktop.services.safety.audit import AuditQuery, list_audit, verify_chains, verify_log
from motcua_desktop.services.safety.backup import backup_now
from motcua_desktop.services.safety.restore import restore_backup
from motcua_desktop.storage import open_store
from tests.factories import applicant
from tests.helpers.safety import register_many, signed_in


@pytest.fixture
def trail(office_store, clock):  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    first, second = register_many(clerk, 2)
    clock.advance(days=1)
    open_dossier(clerk, first.code, purpose="khách hỏi kết quả")
    correct(
        clerk,
        first.ref,
        reason="Gõ nhầm số điện thoại",
        applicant=PersonInput(**{**vars(applicant(id_number=first.applicant.id_number)), "phone": "0987 654 321"}),
    )
    leader = signed_in(office_store, clock, Role.LEADER)
    return leader, first, second


def test_views_changes_and_sign_ins_are_listed_newest_first(trail, office_store) -> None:  # type: ignore[no-untyped-def]
    leader, first, _second = trail
    entries = list_audit(leader, AuditQuery(dossier=str(first.code)))
    assert [(e.kind, e.actor) for e in entries] == [
        (ev.DOSSIER_CORRECTED, "lan.nguyen"),
        (ev.DOSSIER_VIEWED, "lan.nguyen"),
        (ev.DOSSIER_REGISTERED, "lan.nguyen"),
    ]
    assert entries[0].detail.startswith("Sửa: người nộp.") and "Gõ nhầm" in entries[0].detail
    assert entries[1].detail == "khách hỏi kết quả"
    assert all(e.dossier_code == first.code for e in entries)
    assert entries[0].at > entries[-1].at


def test_filters(trail, clock) -> None:  # type: ignore[no-untyped-def]
    leader, first, second = trail
    today = clock.now().date()
    assert {e.dossier_code for e in list_audit(leader, AuditQuery(kind=ev.DOSSIER_REGISTERED))} == {
        first.code,
        second.code,
    }
    assert [e.kind for e in list_audit(leader, AuditQuery(date_from=today, kind="dossier."))] == [
        ev.DOSSIER_CORRECTED,
        ev.DOSSIER_VIEWED,
    ]
    yesterday = today - timedelta(days=1)
    assert len(list_audit(leader, AuditQuery(date_to=yesterday, kind="dossier."))) == 2
    assert list_audit(leader, AuditQuery(user="admin", kind="dossier.")) == []
    assert {e.actor for e in list_audit(leader, AuditQuery(user="LAN.NGUYEN"))} == {"lan.nguyen"}
    with pytest.raises(ValidationError, match="ngày bắt đầu sau ngày kết thúc"):
        list_audit(leader, AuditQuery(date_from=today, date_to=yesterday))
    with pytest.raises(NotFound):
        list_audit(leader, AuditQuery(dossier="000.00.12.H56-991231-0001"))
    assert list_audit(leader, AuditQuery(date_from=date(2030, 1, 1))) == []


def test_the_trail_shows_no_personal_data(trail) -> None:  # type: ignore[no-untyped-def]
    leader, first, second = trail
    text = json.dumps([vars(e) for e in list_audit(leader, AuditQuery())], default=str, ensure_ascii=False)
    for dossier in (first, second):
        assert dossier.applicant.id_number not in text
        assert dossier.applicant.full_name not in text
    assert "0987" not in text and "654 321" not in text


def test_intact_chain_is_proven(trail) -> None:  # type: ignore[no-untyped-def]
    leader, *_ = trail
    report = verify_log(leader)
    assert report.ok and "nguyên vẹn" in report.message()
    assert [c.own for c in report.chains] == [True]


# --- tampering with the file itself (raw sqlite3 on a copy with the triggers dropped) -----------


def tampered_copy(store, tmp_path: Path, sql: str, params=()) -> Path:  # type: ignore[no-untyped-def]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "tampered.db"
    shutil.copyfile(store.path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute(sql, params)
    conn.commit()
    conn.close()
    return copy


def first_break(path: Path):  # type: ignore[no-untyped-def]
    store = open_store(path)
    try:
        return verify_chains(store).first_break
    finally:
        store.close()


def test_edited_payload_is_named(trail, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    device = office_store.events.device().device_id
    registered = office_store.events.find(kind=ev.DOSSIER_REGISTERED)[-1][0]  # the first registration
    copy = tampered_copy(
        office_store,
        tmp_path,
        "UPDATE events SET payload = replace(payload, 'Nguyễn', 'Nguyen') WHERE seq = ?",
        [registered.seq],
    )
    broken = first_break(copy)
    assert (broken.device_id, broken.epoch, broken.seq) == (device, 1, registered.seq)
    assert "không khớp mã băm" in broken.problem


def test_deleted_event_is_named(trail, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    device = office_store.events.device().device_id
    broken = first_break(tampered_copy(office_store, tmp_path, "DELETE FROM events WHERE seq = 4"))
    assert (broken.device_id, broken.epoch, broken.seq, broken.problem) == (device, 1, 5, "thiếu sự kiện số 4")


def test_deleted_tail_is_named(trail, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    last = office_store.events.own_head().last_seq
    broken = first_break(tampered_copy(office_store, tmp_path, "DELETE FROM events WHERE seq >= ?", [last - 1]))
    assert broken.seq == last - 1 and f"đến {last} ở cuối chuỗi" in broken.problem


def test_recomputed_hashes_break_the_next_link(trail, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A forger who also recomputes the edited event's hash breaks the link of the next one."""
    device = office_store.events.device().device_id
    event = office_store.events.at(device, 1, 5)
    forged = replace(event, actor="nguoi.khac")
    forged = replace(forged, hash=compute_hash(forged))
    copy = tampered_copy(
        office_store, tmp_path, "UPDATE events SET actor = ?, hash = ? WHERE seq = 5", [forged.actor, forged.hash]
    )
    broken = first_break(copy)
    assert (broken.seq, broken.problem) == (6, "không nối với sự kiện liền trước (đã bị sửa, xóa hoặc chèn)")


def test_epoch_link_is_checked(trail, office_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """After a restore, epoch 2 must link to the restored head; a forged epoch (all hashes
    recomputed, but linked to an event that is not there) is named at its first event."""
    admin = signed_in(office_store, clock, Role.ADMIN)
    made = backup_now(admin)
    result = restore_backup(admin, made.local.path)
    store = admin.store
    register_many(signed_in(store, clock, Role.CLERK), 2, first=10)
    assert verify_chains(store).ok
    device = store.events.device().device_id
    chain = list(store.events.chain(device, result.new_epoch))
    bogus = "f" * 64
    rewritten, prev = [], bogus
    for event in chain:
        payload = event.payload
        if event.seq == 1:
            payload = {**payload, "restored_head": {**payload["restored_head"], "hash": bogus}}
        new = replace(event, payload=payload, prev_hash=prev)
        new = replace(new, hash=compute_hash(new))
        rewritten.append(new)
        prev = new.hash
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "forged.db"
    shutil.copyfile(store.path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TRIGGER events_no_update")
    for new in rewritten:
        conn.execute(
            "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE device_id = ? AND epoch = ? AND seq = ?",
            [canonical_json(new.payload), new.prev_hash, new.hash, device, new.epoch, new.seq],
        )
    conn.execute(
        "UPDATE chain_heads SET last_hash = ? WHERE device_id = ? AND epoch = ?", [prev, device, result.new_epoch]
    )
    conn.commit()
    conn.close()
    broken = first_break(copy)
    assert (broken.device_id, broken.epoch, broken.seq) == (device, result.new_epoch, 1)
    assert "kỷ nguyên mới nối vào sự kiện số" in broken.problem
