"""The safety commands end to end: user, audit, backup, restore, check, clock."""

from __future__ import annotations

import json
import sqlite3

import pytest

from motcua_desktop.cli import main
from motcua_desktop.domain.accounts import Role
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD, CLERK_PASSWORD, set_up_office
from tests.helpers.safety import register_many, seen_today, signed_in


@pytest.fixture
def folder(data_dir, clock, monkeypatch):  # type: ignore[no-untyped-def]
    store = open_store(data_dir / "motcua.db")
    set_up_office(store, clock)
    register_many(signed_in(store, clock, Role.CLERK), 2)
    seen_today(store)
    store.close()
    monkeypatch.setenv("MOTCUA_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("MOTCUA_USER", raising=False)
    return data_dir


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_user_lock_unlock_reset(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "user", "lock", "lan.nguyen", "--reason", "Nghỉ phép", "--user", "admin")[0] == 0
    code, out, _ = run(capsys, "user", "list", "--user", "admin")
    assert code == 0 and "lan.nguyen" in out and "đã khóa" in out
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    code, _, err = run(capsys, "search", "nguyen", "--user", "lan.nguyen")
    assert code == 2 and "đã bị khóa" in err
    monkeypatch.setenv("MOTCUA_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, "user", "unlock", "lan.nguyen", "--user", "admin")[0] == 0
    code, out, _ = run(capsys, "user", "reset", "lan.nguyen", "--user", "admin", "--json")
    one_time = json.loads(out)["one_time_password"]
    monkeypatch.setenv("MOTCUA_PASSWORD", one_time)
    code, _, err = run(capsys, "search", "nguyen", "--user", "lan.nguyen")
    assert code == 2 and "phải đổi mật khẩu ban đầu" in err
    monkeypatch.setenv("MOTCUA_NEW_PASSWORD", "mat-khau-moi-cua-lan")
    assert run(capsys, "user", "passwd", "--user", "lan.nguyen")[0] == 0


def test_audit_list_filters_by_user_and_kind(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_USER", "admin")
    code, out, _ = run(capsys, "audit", "list", "--user", "lan.nguyen", "--kind", "dossier.", "--json")
    entries = json.loads(out)
    assert code == 0 and len(entries) == 2
    assert {e["actor"] for e in entries} == {"lan.nguyen"} and {e["kind"] for e in entries} == {"dossier.registered"}
    code, out, _ = run(capsys, "--user", "admin", "audit", "list", "--from", "16/11/2026", "--to", "16/11/2026")
    assert code == 0 and "Tiếp nhận hồ sơ" in out
    code, _, err = run(capsys, "audit", "list", "--from", "32/11/2026")
    assert code == 2 and "--from" in err


def test_audit_verify_and_check_name_the_broken_link(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_USER", "admin")
    code, out, _ = run(capsys, "audit", "verify")
    assert code == 0 and "nguyên vẹn" in out
    code, out, _ = run(capsys, "check", "--full")
    assert code == 0 and "không có lỗi" in out
    db = folder / "motcua.db"
    conn = sqlite3.connect(db)
    device, seq = conn.execute("SELECT device_id, max(seq) FROM events WHERE kind = 'dossier.registered'").fetchone()
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET actor = 'nguoi.khac' WHERE seq = ?", [seq])
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "check")
    assert code == 3
    assert f"máy {device}, kỷ nguyên 1, sự kiện số {seq}: nội dung không khớp mã băm" in out


def test_backup_and_restore(folder, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "backup", "--user", "admin", "--json")
    made = json.loads(out)
    assert code == 0 and made["seq"] > 0
    key_file = tmp_path / "khoa-khoi-phuc.txt"
    code, out, _ = run(capsys, "backup", "keygen", "--private-out", str(key_file), "--json")
    public = json.loads(out)["public_key"]
    assert key_file.read_text().startswith("x25519-private:")
    code, _, err = run(capsys, "backup", "keygen", "--private-out", str(key_file))
    assert code == 2 and "không ghi đè" in err
    stick = tmp_path / "usb"
    stick.mkdir()
    assert run(capsys, "backup", "offsite", str(stick), "--user", "admin")[0] == 0
    assert run(capsys, "backup", "key", public, "--user", "admin")[0] == 0
    code, out, _ = run(capsys, "backup", "--user", "admin", "--json")
    sealed = json.loads(out)["offsite"]
    assert sealed and sealed.endswith(".sealed")
    code, _, err = run(capsys, "restore", sealed, "--user", "admin")
    assert code == 2 and "Khóa bí mật khôi phục" in err
    code, _, err = run(capsys, "restore", sealed, "--user", "admin", "--key-file", str(key_file))
    assert code == 2 and "--yes" in err and "2 hồ sơ" in err  # the preview, then a refusal to go on unasked
    code, out, _ = run(capsys, "restore", sealed, "--user", "admin", "--key-file", str(key_file), "--yes")
    assert code == 0 and "kỷ nguyên 2" in out
    code, out, _ = run(capsys, "backup", "list", "--user", "admin")
    assert "kỷ nguyên 1" in out and str(stick) in out


def test_clock_status(folder, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "clock", "status", "--user", "admin", "--json")
    assert code in (0, 3) and json.loads(out)["verdict"] in ("ok", "jumped")


def test_lockout_survives_restarting_the_program(folder, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each command is a fresh start of the program (new process state, database reopened)."""
    monkeypatch.setenv("MOTCUA_PASSWORD", "doan-bua")
    for _ in range(5):
        code, _, err = run(capsys, "search", "nguyen", "--user", "lan.nguyen")
        assert code == 2 and "không đúng" in err
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    code, _, err = run(capsys, "search", "nguyen", "--user", "lan.nguyen")
    assert code == 2 and "tạm khóa" in err and "Traceback" not in err
    monkeypatch.setenv("MOTCUA_PASSWORD", ADMIN_PASSWORD)
    code, out, _ = run(capsys, "--user", "admin", "audit", "list", "--user", "lan.nguyen", "--kind", "auth.", "--json")
    kinds = [e["kind"] for e in json.loads(out)]
    assert kinds[:2] == ["auth.failed", "auth.locked_out"] and kinds.count("auth.failed") == 5
