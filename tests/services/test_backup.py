"""Backups: verified, named by what they hold, taken when due, copied encrypted to a second place,
thinned; restore keeps the old database and starts a new epoch."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from motcua_desktop.crypto.envelope import STREAM_MAGIC, EnvelopeError, open_stream
from motcua_desktop.crypto.keys import parse_x25519_private
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.backups import parse_backup_name
from motcua_desktop.domain.codes import parse_code
from motcua_desktop.domain.errors import ConflictError
from motcua_desktop.services.core.context import AppContext, ReauthenticationRequired
from motcua_desktop.services.safety.backup import (
    SEALED_CONTEXT,
    backup_if_due,
    backup_now,
    backup_settings,
    list_backups,
    new_recovery_key,
    set_offsite_folder,
    set_recovery_key,
)
from motcua_desktop.services.safety.restore import (
    CODE_MARGIN,
    EPOCH_MARGIN,
    preview_backup,
    restore_backup,
    restore_over,
)
from motcua_desktop.storage import open_store
from motcua_desktop.storage.backup_files import BackupFailed, describe_file, verify_copy
from tests.helpers.safety import register_many, signed_in


@pytest.fixture
def clerk(office_store, clock) -> AppContext:  # type: ignore[no-untyped-def]
    return signed_in(office_store, clock, Role.CLERK)


@pytest.fixture
def admin(office_store, clock) -> AppContext:  # type: ignore[no-untyped-def]
    return signed_in(office_store, clock, Role.ADMIN)


def test_a_backup_is_verified_and_named_by_what_it_holds(clerk, office_store) -> None:  # type: ignore[no-untyped-def]
    register_many(clerk, 3)
    result = backup_now(clerk)
    path = result.local.path
    device = office_store.events.device()
    head = office_store.events.own_head()
    name = parse_backup_name(path.name)
    assert name is not None and (name.device_id, name.epoch, name.seq) == (device.device_id, 1, head.last_seq)
    assert path.parent == office_store.path.parent / "backups"
    assert verify_copy(path) == []
    info = describe_file(path)
    assert (info.seq, info.dossiers, info.events) == (head.last_seq, 3, office_store.events.count())
    assert not Path(str(path) + "-wal").exists()  # a single self-contained file
    copy = sqlite3.connect(path)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()
    assert list(path.parent.glob("*.partial")) == []


def test_backup_if_due(clerk, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(office_store, clock=clock)  # automatic: no one signed in
    first = backup_if_due(ctx)
    assert first is not None
    assert backup_if_due(ctx) is None  # nothing changed
    assert backup_if_due(ctx, closing=True) is None  # nothing changed, even when closing
    register_many(clerk, 1)
    assert backup_if_due(ctx) is None  # changed, but today's backup exists
    closing = backup_if_due(ctx, closing=True)
    assert closing is not None and closing.local.name.seq > first.local.name.seq
    register_many(clerk, 1)
    clock.advance(days=1)
    assert backup_if_due(ctx) is not None  # a new day with changes


def test_the_second_location_gets_an_encrypted_copy(admin, clerk, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    register_many(clerk, 2)
    offsite = tmp_path / "usb-sao-luu"
    offsite.mkdir()
    set_offsite_folder(admin, str(offsite))
    no_key = backup_now(admin)
    assert no_key.offsite is None and "Chưa có khóa công khai khôi phục" in no_key.warnings[0]
    assert list(offsite.iterdir()) == []  # nothing left the PC unencrypted
    public, private = new_recovery_key()
    fingerprint = set_recovery_key(admin, public)
    assert backup_settings(admin).recovery_fingerprint == fingerprint
    result = backup_now(admin)
    assert result.offsite is not None and result.offsite.path.parent == offsite
    sealed = result.offsite.path.read_bytes()
    assert sealed.startswith(STREAM_MAGIC) and b"SQLite format 3" not in sealed and "Nguyễn".encode() not in sealed
    plain = io.BytesIO()
    open_stream(io.BytesIO(sealed), plain, parse_x25519_private(private), SEALED_CONTEXT)
    assert plain.getvalue() == result.local.path.read_bytes()
    event = office_store.events.find(kind=ev.BACKUP_OFFSITE)[0][0]
    assert (event.actor, event.payload["file"], event.payload["key"]) == (
        "admin",
        result.offsite.path.name,
        fingerprint,
    )
    assert (
        backup_if_due(AppContext(office_store, clock=admin.clock), closing=True) is None
    )  # the audit event is no change
    assert {b.offsite for b in list_backups(admin)} == {True, False}


def test_missing_second_location_is_a_warning_not_a_failure(admin, clerk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "usb"
    stick.mkdir()
    set_offsite_folder(admin, str(stick))
    set_recovery_key(admin, new_recovery_key()[0])
    stick.rmdir()  # the stick was pulled out
    register_many(clerk, 1)
    result = backup_now(admin)
    assert result.offsite is None and verify_copy(result.local.path) == []
    assert "Không chép được bản sao lưu sang" in result.warnings[0]


def test_thinning_keeps_the_newest(clerk) -> None:  # type: ignore[no-untyped-def]
    made = []
    for i in range(5):
        register_many(clerk, 1, first=i)
        made.append(backup_now(clerk))
    remaining = {b.path.name for b in list_backups(clerk)}
    assert made[-1].local.path.name in remaining
    assert len(remaining) == 3  # same day: the three most recent
    assert {r for m in made for r in m.removed} == {m.local.path.name for m in made[:2]}


def test_restore_starts_a_new_epoch_and_never_reissues(admin, clerk, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    before = register_many(clerk, 3)
    backup = backup_now(admin).local.path
    after = register_many(clerk, 2, first=3)
    issued = {d.code for d in before + after}
    preview = preview_backup(admin, backup)
    assert (preview.dossiers, preview.epoch) == (3, 1)
    result = restore_backup(admin, backup)
    store = admin.store
    assert store is not office_store and store.events.device().epoch == result.new_epoch == 2
    assert store.dossiers.count() == 3  # the backup's content
    kept = result.kept_copy[0]
    assert kept.exists() and describe_file(kept).dossiers == 5  # the replaced database is kept
    fresh = register_many(signed_in(store, clock, Role.CLERK), 1, first=20)[0]
    assert fresh.code not in issued
    assert parse_code(fresh.code).seq == 5 + CODE_MARGIN + 1  # type: ignore[union-attr]
    started = store.events.chain(store.events.device().device_id, 2)
    first = next(started)
    assert (first.kind, first.actor, first.seq) == (ev.DEVICE_EPOCH_STARTED, "admin", 1)
    assert first.payload["restored_head"]["seq"] == preview.seq
    assert first.prev_hash == first.payload["restored_head"]["hash"]


def test_restore_needs_a_fresh_password_and_a_sound_backup_of_this_pc(admin, clerk, office_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    register_many(clerk, 1)
    backup = backup_now(admin).local.path
    admin.forget_authentication()
    with pytest.raises(ReauthenticationRequired):
        restore_backup(admin, backup)
    admin.mark_authenticated()
    damaged = tmp_path / backup.name
    data = bytearray(backup.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupFailed, match="không đạt kiểm tra"):
        restore_backup(admin, damaged)
    other = tmp_path / "other.db"
    open_store(other).close()
    with pytest.raises(ConflictError, match="không phải máy này"):
        restore_backup(admin, other)
    assert admin.store is office_store and office_store.dossiers.count() == 1  # untouched, still open
    register_many(clerk, 1, first=5)


def test_restore_of_an_encrypted_copy(admin, clerk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    register_many(clerk, 2)
    stick = tmp_path / "usb"
    stick.mkdir()
    set_offsite_folder(admin, str(stick))
    public, private = new_recovery_key()
    set_recovery_key(admin, public)
    sealed = backup_now(admin).offsite.path
    with pytest.raises(EnvelopeError):
        preview_backup(admin, sealed, key_text=new_recovery_key()[1])
    assert preview_backup(admin, sealed, key_text=private).sealed
    result = restore_backup(admin, sealed, key_text=private)
    assert result.preview.dossiers == 2 and admin.store.dossiers.count() == 2
    assert not list((admin.store.path.parent / "backups").glob(".tmp-*"))  # the decrypted copy is gone


def test_unreadable_previous_database_gets_the_margins(admin, clerk, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    register_many(clerk, 2)
    backup = backup_now(admin).local.path
    result = restore_over(admin, office_store.path, backup, None)
    assert result.new_epoch == 1 + EPOCH_MARGIN
    assert any("sổ theo dõi" in m.what and m.after == 2 + CODE_MARGIN for m in result.moves)
    assert "Không đọc được đầy đủ" in result.warnings[0]
