"""Files that Notepad saved: a UTF-8 byte-order mark at the start, sometimes CR LF at the end.

Templates edited by the province, key files copied from a paper, key cards opened "to look" and
saved, CSV files: each must read as if the mark were not there (``utf-8-sig``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from motcua_desktop.crypto.keys import fingerprint
from motcua_desktop.domain.accounts import Role
from motcua_desktop.importers.text_decoding import decode_text
from motcua_desktop.printing.template_load import load_template, template_file
from motcua_desktop.services.safety.backup import new_recovery_key
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.sync.cards import read_card
from tests.cli.test_cli import office, run
from tests.helpers.safety import signed_in

__all__ = ["office"]
BOM = b"\xef\xbb\xbf"


def test_a_province_template_saved_by_notepad(tmp_path: Path) -> None:
    shipped = template_file("01")
    (tmp_path / shipped.name).write_bytes(BOM + shipped.read_bytes().replace(b"\n", b"\r\n"))
    edited, shipped_template = load_template("01", tmp_path), load_template("01")
    assert edited.path != shipped_template.path
    assert dataclasses.replace(edited, path=shipped_template.path) == shipped_template


def test_a_recovery_key_file_saved_by_notepad(
    office: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    public, _private = new_recovery_key()
    key_file = tmp_path / "khóa khôi phục.txt"
    key_file.write_bytes(BOM + public.encode("ascii") + b"\r\n")
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    code, out, err = run(capsys, "backup", "key", "--file", str(key_file), "--user", "admin")
    assert code == 0, err
    assert fingerprint(public) in out


def test_a_key_card_opened_and_saved_in_notepad(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    card = sync_keys.this_pc_card(signed_in(office_store, clock, Role.ADMIN))
    resaved = BOM + card.data.rstrip(b"\n") + b"\r\n"
    assert read_card(resaved, "quay-1.card.json") == read_card(card.data, "quay-1.card.json")


def test_a_csv_saved_by_notepad_or_excel() -> None:
    assert decode_text(BOM + "Mã,Tên\r\n1.001193,Đăng ký khai sinh\r\n".encode(), "danh-muc.csv").startswith("Mã,")
