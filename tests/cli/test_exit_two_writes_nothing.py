"""Exit code 2 means nothing changed (issue 14 items 11 and 12): every refusal comes before the
first write, and the smaller faults of the review (amounts, limits, folders, file modes, stale
temporary copies) are gone. In-process through ``cli.main``."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from motcua_desktop.cli import main
from tests.cli.test_cli import SETUP, register, run


def digest(folder: Path) -> str:
    """Every row of every table of the database in ``folder``."""
    conn = sqlite3.connect(folder / "motcua.db")
    try:
        h = hashlib.sha256()
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"')):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        conn.close()


def refused(capsys, data_dir: Path, *args: str) -> str:  # type: ignore[no-untyped-def]
    before = digest(data_dir)
    code, _, err = run(capsys, *args)
    assert code == 2, err
    assert digest(data_dir) == before, f"{args} wrote something before refusing"
    assert "Traceback" not in err
    return err


def test_locate_with_an_empty_place_keeps_the_stored_one(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = register(capsys)["code"]
    assert run(capsys, "locate", code, "Tủ 2, ngăn 3")[0] == 0
    assert "Nơi lưu hồ sơ giấy" in refused(capsys, office, "locate", code, "")
    assert "Nơi lưu hồ sơ giấy" in refused(capsys, office, "locate", code, "Tủ\u200b2")
    _, out, _ = run(capsys, "show", code)
    assert "Tủ 2, ngăn 3" in out


def test_a_print_that_cannot_be_saved_records_no_print(office: Path, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = register(capsys)["code"]
    if Path("/proc").is_dir():  # a folder nobody may create files in, not even root
        assert "phieu.pdf" in refused(capsys, office, "print", code, "--out", "/proc/phieu.pdf")
    refused(capsys, office, "print", code, "--out", str(tmp_path / "khong-co" / "phieu.pdf"))
    assert run(capsys, "print", code, "--out", str(tmp_path / "phieu.pdf"))[0] == 0
    assert stat.S_IMODE((tmp_path / "phieu.pdf").stat().st_mode) == 0o600  # personal data
    assert not list(tmp_path.glob(".phieu.pdf.*"))  # nothing left beside it


def test_setup_without_a_password_leaves_no_database(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MOTCUA_PASSWORD", raising=False)
    folder = tmp_path / "moi"
    folder.mkdir()
    code, _, err = run(capsys, *SETUP, "--data-dir", str(folder))
    assert code == 2 and "MOTCUA_PASSWORD" in err
    assert not (folder / "motcua.db").exists()
    monkeypatch.setenv("MOTCUA_PASSWORD", "ngan")
    code, _, err = run(capsys, *SETUP, "--data-dir", str(folder))
    assert code == 2 and "Mật khẩu" in err and not (folder / "motcua.db").exists()
    bad_counter = [*SETUP, "--data-dir", str(folder)]
    bad_counter[bad_counter.index("--counter") + 1] = "1²"
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    code, _, err = run(capsys, *bad_counter)
    assert code == 2 and "Số quầy" in err and not (folder / "motcua.db").exists()


def test_the_data_folder_is_private(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    if os.name != "posix":
        pytest.skip("POSIX file modes")
    assert run(capsys, "backup")[0] == 0
    assert stat.S_IMODE(office.stat().st_mode) == 0o700
    assert stat.S_IMODE((office / "motcua.db").stat().st_mode) == 0o600
    for path in (office / "backups").rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) in (0o600, 0o700), path


@pytest.mark.parametrize(
    ("fee", "stored"), [("50.000", 50_000), ("50000", 50_000), ("1.500.000 đ", 1_500_000), ("５０ ０００", 50_000)]
)
def test_fees_are_read_the_vietnamese_way(office: Path, capsys, fee: str, stored: int) -> None:  # type: ignore[no-untyped-def]
    code = register(capsys, "--fee", fee)["code"]
    _, out, _ = run(capsys, "show", code, "--json")
    assert json.loads(out)["dossier"]["fee_amount"] == stored


@pytest.mark.parametrize("fee", ["1.5", "50.00", "50,000", "-5", "5²"])
def test_ambiguous_fees_are_refused(office: Path, capsys, fee: str) -> None:  # type: ignore[no-untyped-def]
    err = refused(
        capsys, office, "register", "--procedure", "1.001193", "--name", "Lê Văn Bình", "--all-documents", "--fee", fee
    )
    assert "Phí, lệ phí" in err


@pytest.mark.parametrize("limit", ["-1", "0", "99999999999999999999999"])
def test_search_limit_is_bounded(office: Path, capsys, limit: str) -> None:  # type: ignore[no-untyped-def]
    assert "Số kết quả tối đa" in refused(capsys, office, "search", "nguyen", "--limit", limit)


def test_long_fields_are_refused_by_name(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    base = ["register", "--procedure", "1.001193", "--name", "Lê Văn Bình", "--all-documents"]
    for option, label in (
        ("--deciding-unit", "Cơ quan giải quyết"),
        ("--request-id", "Khóa chống trùng"),
        ("--note", "Ghi chú"),
        ("--summary", "Trích yếu"),
    ):
        assert label in refused(capsys, office, *base, option, "x" * 100_000)
    assert "Người nộp – Họ và tên" in refused(capsys, office, *base[:4], "Lê" * 60, *base[5:])


def test_a_card_to_a_missing_folder_is_not_written_as_a_file(office: Path, capsys, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    missing = tmp_path / "usb"
    code, _, err = run(capsys, "sync", "card", "--user", "admin", "--out", f"{missing}/")
    assert code == 2 and "không tìm thấy thư mục" in err and not missing.exists()
    missing.mkdir()
    code, out, err = run(capsys, "sync", "card", "--user", "admin", "--out", f"{missing}/", "--json")
    assert code == 0, err
    assert Path(json.loads(out)["file"]).parent == missing


def test_a_killed_backup_leaves_no_copy_behind_for_long(office: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    folder = office / "backups"
    folder.mkdir(exist_ok=True)
    stale = folder / ".tmp-0123456789abcdef.db.partial"
    stale.write_bytes(b"\0" * 1_000_000)  # what a backup killed mid-copy leaves
    assert run(capsys, "backup", "--user", "admin")[0] == 0
    assert not stale.exists()
    assert main(["backup", "list", "--user", "admin"]) == 0


def test_visit_records_a_trip_and_refuses_a_ready_dossier_writing_nothing(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = register(capsys)["code"]
    status, out, err = run(capsys, "visit", "--json", code)
    assert status == 0, err
    assert json.loads(out) == {"code": code, "trips": 1}  # the day of the reception: still one trip
    assert run(capsys, "transition", code, "result-ready")[0] == 0
    assert "trả kết quả" in refused(capsys, office, "visit", code)
    _, out, _ = run(capsys, "show", code)
    assert "Công dân đến nhận nhưng chưa có kết quả" in out
