"""``motcua check --full`` sees what someone with an SQLite tool can do to the file behind the program's
back, one regression test per blind spot the adversarial review found; and a corrupted header leads to
safe mode with a message, never a traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from motcua_desktop.cli import main
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.clock_guard import ClockOverride
from motcua_desktop.domain.settings import CLOCK_OVERRIDE, CLOCK_REBASED
from motcua_desktop.services.accounts.users import add_user
from motcua_desktop.services.safety.audit import verify_chains
from motcua_desktop.services.safety.integrity import check_database, open_workspace
from motcua_desktop.storage import open_store
from tests.factories import CLERK_PASSWORD, set_up_office
from tests.helpers.safety import register_many, seen_today, signed_in


@pytest.fixture
def folder(tmp_path, clock) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    store = open_store(data / "motcua.db")
    set_up_office(store, clock)
    admin = signed_in(store, clock, Role.ADMIN)
    add_user(admin, username="hoa.le", full_name="Lê Thị Hoa", role=Role.LEADER, password=CLERK_PASSWORD)
    add_user(admin, username="lan.nguyen", full_name="Nguyễn Thị Lan", role=Role.CLERK, password=CLERK_PASSWORD)
    register_many(signed_in(store, clock, Role.CLERK), 4)
    seen_today(store)
    store.close()
    assert check_database(data, full=True).ok
    return data


def sql(folder: Path) -> sqlite3.Connection:
    """The file opened with a plain SQLite tool (as an attacker would)."""
    return sqlite3.connect(folder / "motcua.db", isolation_level=None)


def problems(folder: Path) -> str:
    report = check_database(folder, full=True)
    assert not report.ok
    return "\n".join(report.problems)


def test_deleted_last_events_with_rewritten_chain_heads(folder) -> None:  # type: ignore[no-untyped-def]
    conn = sql(folder)
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events_no_delete'").fetchone()[0]
    device, _epoch, last = conn.execute("SELECT device_id, epoch, max(seq) FROM events").fetchone()
    uuid, kind = conn.execute("SELECT dossier_uuid, kind FROM events WHERE seq = ?", [last]).fetchone()
    assert kind == "dossier.registered"
    previous = conn.execute("SELECT hash FROM events WHERE seq = ?", [last - 1]).fetchone()[0]
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events WHERE seq = ?", [last])
    conn.execute("DELETE FROM dossiers WHERE uuid = ?", [uuid])
    conn.execute("UPDATE chain_heads SET last_seq = ?, last_hash = ? WHERE device_id = ?", [last - 1, previous, device])
    conn.execute(trigger)  # put back exactly as it was
    conn.close()
    store = open_store(folder / "motcua.db", readonly=True)
    assert verify_chains(store).ok  # the chain alone cannot tell
    store.close()
    found = problems(folder)
    assert "bộ đếm mã hồ sơ" in found and "đến số 4" in found and "chỉ có hồ sơ đến số 3" in found
    assert "sổ theo dõi" in found


def test_events_beyond_what_left_the_pc(folder, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.safety.backup import backup_now

    store = open_store(folder / "motcua.db")
    backup = backup_now(signed_in(store, clock, Role.ADMIN)).local.path
    store.close()
    conn = sql(folder)
    last = conn.execute("SELECT max(seq) FROM events").fetchone()[0]
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events WHERE seq = ?", [last])
    previous = conn.execute("SELECT hash FROM events WHERE seq = ?", [last - 1]).fetchone()[0]
    conn.execute("UPDATE chain_heads SET last_seq = ?, last_hash = ?", [last - 1, previous])
    conn.close()
    assert backup.name in problems(folder)


@pytest.mark.parametrize("trigger", ["events_no_update", "events_no_delete"])
def test_dropped_append_only_triggers(folder, trigger) -> None:  # type: ignore[no-untyped-def]
    conn = sql(folder)
    conn.execute(f"DROP TRIGGER {trigger}")
    conn.close()
    assert f"thiếu trigger «{trigger}»" in problems(folder)


def test_a_weakened_trigger(folder) -> None:  # type: ignore[no-untyped-def]
    conn = sql(folder)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events WHEN 0 BEGIN SELECT 1; END")
    conn.close()
    assert "trigger «events_no_update» đã bị sửa" in problems(folder)


def test_dossiers_table_edited_directly(folder) -> None:  # type: ignore[no-untyped-def]
    conn = sql(folder)
    code = conn.execute("SELECT code FROM dossiers ORDER BY code LIMIT 1").fetchone()[0]
    conn.execute("UPDATE dossiers SET status = 'returned', applicant_name = 'Người Khác' WHERE code = ?", [code])
    conn.close()
    found = problems(folder)
    assert f"hồ sơ {code}: bảng hồ sơ khác với nhật ký" in found and "applicant_name" in found and "status" in found


def test_a_dossier_row_without_events(folder) -> None:  # type: ignore[no-untyped-def]
    conn = sql(folder)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(dossiers)") if r[1] != "id"]
    names = ", ".join(columns)
    fake = {"uuid": "'00000000-0000-4000-8000-000000000000'", "code": "NULL", "code_compact": "NULL"}
    values = ", ".join(fake.get(c, c) for c in columns)
    conn.execute(f"INSERT INTO dossiers ({names}) SELECT {values} FROM dossiers LIMIT 1")
    conn.close()
    assert "không có sự kiện nào trong nhật ký" in problems(folder)


def test_role_raised_to_administrator_without_an_audit_event(folder) -> None:  # type: ignore[no-untyped-def]
    conn = sql(folder)
    conn.execute("UPDATE users SET role = 'quan_tri' WHERE username = 'lan.nguyen'")
    conn.execute(
        "INSERT INTO users (username, full_name, role, password_hash, must_change_password, created_at) "
        "SELECT 'ke.gian', 'Kẻ Gian', 'quan_tri', password_hash, 0, created_at FROM users WHERE username = 'admin'"
    )
    conn.close()
    found = problems(folder)
    assert "tài khoản «lan.nguyen» có vai trò «Quản trị viên» nhưng nhật ký ghi «Cán bộ" in found
    assert "tài khoản «ke.gian» (Quản trị viên) không có sự kiện tạo tài khoản" in found


def test_an_unlocked_account_that_was_locked(folder, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.accounts.users import lock_user

    store = open_store(folder / "motcua.db")
    lock_user(signed_in(store, clock, Role.ADMIN), "lan.nguyen", "Nghỉ việc")
    store.close()
    assert check_database(folder, full=True).ok
    conn = sql(folder)
    conn.execute("UPDATE users SET disabled = 0 WHERE username = 'lan.nguyen'")
    conn.close()
    assert "tài khoản «lan.nguyen» đang mở nhưng nhật ký ghi ngược lại" in problems(folder)


def test_clock_settings_rewritten(folder, clock) -> None:  # type: ignore[no-untyped-def]
    store = open_store(folder / "motcua.db")
    fake = ClockOverride(pc_time=clock.now(), confirmed_time=clock.now() + timedelta(days=30), by="hoa.le")
    with store.transaction():  # written as a tool would, without the leader's confirmation event
        store.settings.put(CLOCK_OVERRIDE, fake)
        store.settings.put(CLOCK_REBASED, (1, 2))
    store.close()
    found = problems(folder)
    assert "giờ đúng do lãnh đạo xác nhận không khớp" in found and "mốc thời gian tính lại" in found


def test_a_leader_s_real_confirmation_passes(folder, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.vntime import VN_TZ
    from motcua_desktop.services.core.clock_guard import confirm_correct_time

    store = open_store(folder / "motcua.db")
    try:  # the PC clock (the test's clock) is weeks behind the time the program last saw
        confirm_correct_time(signed_in(store, clock, Role.LEADER), datetime.now(VN_TZ), "Đồng hồ máy chậm")
        assert store.settings.value(CLOCK_OVERRIDE) is not None
    finally:
        store.close()
    assert check_database(folder, full=True).ok


# --- corrupted pages: safe mode with a message, never a traceback ---------------------------------------


def flip(path: Path, offset: int, value: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] = value
    path.write_bytes(bytes(data))


@pytest.fixture
def corrupted(folder, monkeypatch) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(folder))
    monkeypatch.setenv("MOTCUA_USER", "lan.nguyen")
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_flipped_schema_version_byte_is_safe_mode(corrupted, capsys) -> None:  # type: ignore[no-untyped-def]
    db = corrupted / "motcua.db"
    flip(db, 63, 1)  # user_version: the migrations would run again ("table settings already exists")
    before = db.read_bytes()
    workspace = open_workspace(corrupted)
    try:
        assert workspace.safe_mode is not None and "phần đầu tệp" in workspace.safe_mode.message()
    finally:
        workspace.close()
    code, _, err = run(capsys, "register", "--procedure", "1.001193", "--name", "An", "--id-number", "038087042028")
    assert code == 2 and "chế độ an toàn" in err and "phần đầu tệp" in err and "Traceback" not in err
    code, out, err = run(capsys, "check", "--full")
    assert code == 3 and "phần đầu tệp" in out and "Traceback" not in err
    assert db.read_bytes() == before  # nothing migrated, nothing written


def test_undecodable_text_is_safe_mode(corrupted, capsys) -> None:  # type: ignore[no-untyped-def]
    conn = sql(corrupted)
    conn.execute("UPDATE settings SET value = CAST(x'22c3ff22' AS TEXT) WHERE key = 'office'")
    conn.close()
    workspace = open_workspace(corrupted)
    try:
        assert workspace.safe_mode is not None and "bị hỏng" in workspace.safe_mode.message()
    finally:
        workspace.close()
    code, _, err = run(capsys, "search", "An")
    assert code in (0, 2) and "Traceback" not in err and "không mong muốn" not in err
    code, _, err = run(capsys, "check", "--full")
    assert code == 3 and "Traceback" not in err and "không mong muốn" not in err


def test_a_damaged_page_read_in_safe_mode_is_said_not_unexpected(tmp_path, clock, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers.safety import damage_page, folder_with_backup

    folder, _backup, _later = folder_with_backup(tmp_path, clock)
    damage_page(folder / "motcua.db", "dossiers")
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(folder))
    monkeypatch.setenv("MOTCUA_USER", "lan.nguyen")
    monkeypatch.setenv("MOTCUA_PASSWORD", CLERK_PASSWORD)
    code, _, err = run(capsys, "search", "An")
    assert code == 2 and "chế độ an toàn" in err and "bị hỏng" in err and "không mong muốn" not in err
