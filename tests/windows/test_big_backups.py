"""Backups of a large database on a 4 GB PC, and on FAT32 sticks (finding 12).

The copy to the second location was sealed in one piece (the whole database in memory twice) and
a sealed restore opened it the same way; FAT32 cannot hold a file of 4 GiB or more. Now both go
through chunks, and a FAT32 destination too small for the file is refused with a message before
anything is written.
"""

from __future__ import annotations

import io
import os
import tracemalloc
from pathlib import Path

import pytest

from motcua_desktop import volumes
from motcua_desktop.crypto import envelope
from motcua_desktop.crypto.keys import new_encryption_key, parse_x25519_private
from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.safety.backup import (
    SEALED_CONTEXT,
    backup_now,
    new_recovery_key,
    plain_backup,
    set_offsite_folder,
    set_recovery_key,
)
from motcua_desktop.storage.backup_files import verify_copy
from tests.helpers.safety import signed_in

PADDING_MB = 24


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(envelope, "STREAM_CHUNK", 1024)
    return 1024


@pytest.mark.parametrize("size", [0, 1, 1024, 2048, 3000])
def test_chunked_sealing_round_trips(size: int, small_chunks: int) -> None:
    key = new_encryption_key()
    data = os.urandom(size)
    sealed = io.BytesIO()
    assert envelope.seal_stream(io.BytesIO(data), sealed, key.public_key(), b"ctx") == size
    opened = io.BytesIO()
    assert envelope.open_stream(io.BytesIO(sealed.getvalue()), opened, key, b"ctx") == size
    assert opened.getvalue() == data


def test_a_cut_reordered_or_extended_sealed_file_does_not_open(small_chunks: int) -> None:
    key = new_encryption_key()
    sealed = io.BytesIO()
    envelope.seal_stream(io.BytesIO(os.urandom(3 * small_chunks + 10)), sealed, key.public_key(), b"ctx")
    blob = sealed.getvalue()
    header = len(blob) - (3 * (small_chunks + 16) + 10 + 16)
    chunk = small_chunks + 16
    body = [blob[header + i * chunk : header + (i + 1) * chunk] for i in range(4)]
    variants = {
        "cut at a chunk boundary": blob[: header + 3 * chunk],
        "cut inside a chunk": blob[:-5],
        "chunks swapped": blob[:header] + body[1] + body[0] + b"".join(body[2:]),
        "a chunk appended": blob + body[0],
    }
    for name, variant in variants.items():
        with pytest.raises(envelope.EnvelopeError):
            envelope.open_stream(io.BytesIO(variant), io.BytesIO(), key, b"ctx")
        assert name
    with pytest.raises(envelope.EnvelopeError):
        envelope.open_stream(io.BytesIO(blob), io.BytesIO(), key, b"another context")


def padded(office_store) -> int:  # type: ignore[no-untyped-def]
    """Makes the database about PADDING_MB larger (what years of dossiers look like to a file copy)."""
    db = office_store.db
    db.execute("CREATE TABLE padding (data BLOB)")
    with office_store.transaction():
        for _ in range(PADDING_MB):
            db.execute("INSERT INTO padding VALUES (randomblob(1048576))")
    return office_store.path.stat().st_size


def test_the_second_location_copy_and_a_sealed_restore_stream(office_store, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    stick = tmp_path / "USB sao lưu"
    stick.mkdir()
    set_offsite_folder(admin, str(stick))
    public, private = new_recovery_key()
    set_recovery_key(admin, public)
    size = padded(office_store)
    tracemalloc.start()
    try:
        result = backup_now(admin)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.offsite is not None and result.offsite.size > size
    assert peak < size / 4, f"{peak / 2**20:.1f} MiB held for a {size / 2**20:.0f} MiB database"
    tracemalloc.start()
    try:
        with plain_backup(office_store.path, result.offsite.path, private) as (plain, sealed):
            _current, peak = tracemalloc.get_traced_memory()
            assert sealed and verify_copy(plain) == []
            assert plain.read_bytes() == result.local.path.read_bytes()
    finally:
        tracemalloc.stop()
    assert peak < size / 4


def test_an_older_single_piece_sealed_backup_still_opens(office_store, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = backup_now(signed_in(office_store, clock, Role.ADMIN))
    _public, private = new_recovery_key()
    key = parse_x25519_private(private)
    old = tmp_path / (result.local.path.stem + ".sealed")
    old.write_bytes(envelope.seal(result.local.path.read_bytes(), key.public_key(), SEALED_CONTEXT))
    with plain_backup(office_store.path, old, private) as (plain, sealed):
        assert sealed and plain.read_bytes() == result.local.path.read_bytes()


def test_a_fat32_stick_too_small_for_the_file_is_refused_before_writing(
    office_store, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    admin = signed_in(office_store, clock, Role.ADMIN)
    stick = tmp_path / "USB"
    stick.mkdir()
    set_offsite_folder(admin, str(stick))
    set_recovery_key(admin, new_recovery_key()[0])
    monkeypatch.setattr(volumes, "FAT32_MAX_FILE", 1024)  # a "4 GiB" this small database exceeds
    monkeypatch.setattr(volumes, "filesystem_type", lambda _path: "FAT32")
    result = backup_now(admin)
    assert result.offsite is None and "FAT32" in result.warnings[0] and "exFAT" in result.warnings[0]
    assert list(stick.iterdir()) == []  # nothing half-written on the stick
    monkeypatch.setattr(volumes, "filesystem_type", lambda _path: "exFAT")
    clock.advance(minutes=1)
    assert backup_now(admin).offsite is not None


def test_the_file_system_of_a_mounted_stick(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /media/lan/USB\\040KINGSTON vfat rw 0 0\n", encoding="utf-8")
    assert volumes._mount_type("/media/lan/USB KINGSTON/SaoLuu", str(mounts)) == "vfat"
    assert volumes._mount_type("/home/lan", str(mounts)) == "ext4"
    assert volumes.is_fat("vfat") and volumes.is_fat("FAT32") and not volumes.is_fat("exFAT")
