"""Files on Windows: binary mode for binary data, and files that an antivirus holds for a moment.

Findings 1 and 7 of the Windows review: key files written through a text-mode descriptor (every
LF stored as CR LF, the key "damaged" for ever), and ``os.replace`` refused with a sharing
violation while a scanner or the indexer has the new file open.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from motcua_desktop import fileio
from motcua_desktop.crypto.keystore import (
    PLAIN_MAGIC,
    KeyStoreError,
    load_or_create_signing_key,
    load_secret,
    store_secret,
)
from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.dossiers.drafts import DraftUnavailable, discard_draft, load_draft, save_draft
from motcua_desktop.services.safety.backup import backup_now
from motcua_desktop.storage import open_store
from motcua_desktop.storage.backup_files import verify_copy
from motcua_desktop.sync.media import MediaError, RealFileOps, write_verified
from tests.factories import context
from tests.helpers.safety import signed_in
from tests.windows.imitate import held_for, names, text_mode_descriptors, windows_error

PACKAGE = Path(__file__).resolve().parents[2] / "motcua_desktop"
SECRET_WITH_NEWLINES = b"\n\r\n" + bytes(range(256)) + b"\n\n"


# --- 1. binary files in binary mode ----------------------------------------------------------------


def test_key_files_survive_a_text_mode_descriptor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = tmp_path / "Dữ liệu xã" / "keys" / "device.key"
    secret_file = key_file.with_name("receive.key")
    with text_mode_descriptors(monkeypatch) as descriptors:
        key = load_or_create_signing_key(key_file)
        store_secret(secret_file, SECRET_WITH_NEWLINES)
        assert load_or_create_signing_key(key_file).public_key() == key.public_key()
        assert load_secret(secret_file) == SECRET_WITH_NEWLINES
    assert descriptors.translated == []  # nothing was written through a text-mode descriptor
    stored = secret_file.read_bytes()
    assert stored.startswith(PLAIN_MAGIC) and stored.endswith(SECRET_WITH_NEWLINES)


def test_a_key_file_damaged_by_text_mode_is_repaired(tmp_path: Path) -> None:
    """Files written by the old code on Windows: CR inserted before every LF; translated back."""
    secret_file = tmp_path / "receive.key"
    secret_file.write_bytes((PLAIN_MAGIC + SECRET_WITH_NEWLINES).replace(b"\n", b"\r\n"))
    assert load_secret(secret_file) == SECRET_WITH_NEWLINES
    assert secret_file.read_bytes() == PLAIN_MAGIC + SECRET_WITH_NEWLINES  # rewritten correctly
    secret_file.write_bytes(b"DPAPI?\r\n" + SECRET_WITH_NEWLINES)
    with pytest.raises(KeyStoreError):
        load_secret(secret_file)


def test_no_descriptor_level_writes_outside_fileio() -> None:
    """``os.open``/``os.write``/``os.fdopen`` open text-mode descriptors on Windows unless told
    otherwise: only ``fileio`` may use them (it always adds ``O_BINARY``)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "fileio.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
                and node.attr in ("open", "write", "fdopen")
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} os.{node.attr}")
    assert offenders == []


def test_text_files_opened_for_writing_name_their_encoding() -> None:
    """``open(..., "w")`` without ``encoding`` writes in the ANSI code page on Windows (cp1252 cannot
    store Vietnamese); binary data must use a ``b`` mode."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open"):
                continue
            mode = (
                node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            )
            text = mode.value if isinstance(mode, ast.Constant) and isinstance(mode.value, str) else "r"
            if "b" not in text and not any(k.arg == "encoding" for k in node.keywords):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} open(..., {text!r})")
    assert offenders == []


# --- 7. files held by an antivirus or the indexer --------------------------------------------------


def test_replace_waits_for_a_held_file_then_says_the_truth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:
    target = tmp_path / "tệp.bin"
    target.write_bytes(b"old")
    held = held_for(monkeypatch, 3)
    fileio.write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n" and len(held.refused) == 3 and len(no_waiting) == 3
    assert names(tmp_path) == ["tệp.bin"]
    held_for(monkeypatch, -1)
    with pytest.raises(fileio.FileInUse) as raised:
        fileio.write_atomic(target, b"newer")
    assert "đang bị một chương trình khác giữ" in raised.value.message and "tệp.bin" in raised.value.message
    assert sum(no_waiting[3:]) == pytest.approx(sum(fileio.RETRY_DELAYS))  # about two seconds in all
    assert target.read_bytes() == b"new\n" and names(tmp_path) == ["tệp.bin"]  # old file intact, no litter


def test_other_errors_are_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]) -> None:
    def full(*_args: object) -> None:
        raise windows_error(112, "There is not enough space on the disk")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError) as raised:
        fileio.write_atomic(tmp_path / "a.bin", b"x")
    assert not isinstance(raised.value, fileio.FileInUse) and no_waiting == []


def test_a_draft_survives_a_held_file(
    office_store, clock, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:  # type: ignore[no-untyped-def]
    lan = context(office_store, clock)
    save_draft(lan, "reception", {"full_name": "Nguyễn Văn Ân"})
    held_for(monkeypatch, 2)
    save_draft(lan, "reception", {"full_name": "Nguyễn Văn Ấn"})  # replaced 400 ms after an edit: waits
    assert load_draft(lan, "reception").data == {"full_name": "Nguyễn Văn Ấn"}  # type: ignore[union-attr]
    held_for(monkeypatch, -1)
    with pytest.raises(DraftUnavailable):
        save_draft(lan, "reception", {"full_name": "Nguyễn"})
    monkeypatch.undo()
    draft_file = office_store.path.parent / "drafts" / "reception.lan.nguyen.json"
    real_open = open

    def scanner_holds_it(file: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(file) == str(draft_file):
            raise windows_error(32, path=str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", scanner_holds_it)
    with pytest.raises(DraftUnavailable):
        load_draft(lan, "reception")
    monkeypatch.undo()
    assert draft_file.exists()  # a temporary lock never deletes the draft
    assert load_draft(lan, "reception").data == {"full_name": "Nguyễn Văn Ấn"}  # type: ignore[union-attr]
    held_for(monkeypatch, -1, call="unlink")
    with pytest.raises(DraftUnavailable):
        discard_draft(lan, "reception")


def test_key_store_backups_and_migration_copies_wait_for_held_files(
    office_store, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:  # type: ignore[no-untyped-def]
    held = held_for(monkeypatch, 2)
    store_secret(tmp_path / "keys" / "x.key", b"secret")
    assert load_secret(tmp_path / "keys" / "x.key") == b"secret" and len(held.refused) == 2
    held = held_for(monkeypatch, 2)
    admin = signed_in(office_store, clock, Role.ADMIN)
    result = backup_now(admin)
    assert len(held.refused) == 2 and verify_copy(result.local.path) == []
    held_for(monkeypatch, -1)
    with pytest.raises(KeyStoreError, match="chương trình khác giữ"):
        store_secret(tmp_path / "keys" / "x.key", b"other")
    assert load_secret(tmp_path / "keys" / "x.key") == b"secret"


def test_pre_migration_copy_waits_for_a_held_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:
    from motcua_desktop.storage.store import backup_before_migration

    store = open_store(tmp_path / "motcua.db")
    try:
        held = held_for(monkeypatch, 2)
        copy = backup_before_migration(store.db, store.path, 99, None)
        assert copy.exists() and len(held.refused) == 2
    finally:
        monkeypatch.undo()
        store.close()


def test_usb_writer_waits_for_a_held_file_and_does_not_blame_the_stick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:
    stick = tmp_path / "USB"
    stick.mkdir()
    held = held_for(monkeypatch, 3)
    written = write_verified(RealFileOps(), stick, "goi.manifest.json", b"{}\n")
    assert written.size == 3 and len(held.refused) == 3 and names(stick) == ["goi.manifest.json"]
    held_for(monkeypatch, -1)
    with pytest.raises(MediaError) as raised:
        write_verified(RealFileOps(), stick, "goi2.manifest.json", b"{}\n")
    assert raised.value.cause == "busy"
    assert "chỉ đọc" not in raised.value.message and "chương trình khác giữ" in raised.value.message
    assert "Không mất dữ liệu" in raised.value.message


def test_files_written_for_the_user_wait_for_a_viewer_holding_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:
    """A receipt PDF saved over one still open in a PDF viewer (which opens without FILE_SHARE_DELETE)."""
    from motcua_desktop.domain.errors import FileProblem
    from motcua_desktop.outfiles import write_file

    target = tmp_path / "phiếu tiếp nhận.pdf"
    target.write_bytes(b"old")
    held = held_for(monkeypatch, 2)
    write_file(target, b"%PDF-1.4\n")
    assert target.read_bytes() == b"%PDF-1.4\n" and len(held.refused) == 2
    held_for(monkeypatch, -1)
    with pytest.raises(FileProblem, match="chương trình khác giữ"):
        write_file(target, b"%PDF-1.5\n")
    assert target.read_bytes() == b"%PDF-1.4\n"
