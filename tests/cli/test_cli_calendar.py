"""``motcua calendar``: undecided days said on the due date, a notice previewed before it applies,
reported days confirmed with what was read, and ``motcua check`` from November."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from motcua_desktop.domain.vntime import VN_TZ
from tests.cli.test_cli import SETUP, run

NOTICE_2028 = "date,kind,name,status,source\n" + "".join(
    f"2028-{md},holiday,{name},official,Thông báo 77/TB-BNV\n"
    for md, name in [
        ("01-01", "Tết Dương lịch"),
        ("01-24", "Tết (29 Chạp)"),
        ("01-25", "Tết (30 Chạp)"),
        ("01-26", "Tết (mùng 1)"),
        ("01-27", "Tết (mùng 2)"),
        ("01-28", "Tết (mùng 3)"),
        ("04-04", "Giỗ Tổ"),
        ("04-30", "Ngày Chiến thắng"),
        ("05-01", "Quốc tế lao động"),
        ("09-01", "Quốc khánh (liền kề)"),
        ("09-02", "Quốc khánh"),
    ]
)


@pytest.fixture
def admin_dir(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")  # setup: the administrator's new password
    assert run(capsys, "--data-dir", str(data_dir), *SETUP)[0] == 0
    monkeypatch.setenv("MOTCUA_USER", "admin")
    return data_dir


def test_due_date_over_the_undecided_day_next_to_2_9_2027(admin_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Labour Code Art. 112(1)(đ): 2/9 and one adjacent day, placed by notice. Until it is placed
    # both 1/9 and 3/9 count as off: never Mon 6/9 10:00 (the old answer), whichever day is chosen.
    code, out, _ = run(
        capsys, "calendar", "due", "--data-dir", str(admin_dir), "--received", "2027-09-01 10:00", "--duration", "2"
    )
    assert code == 0
    assert "17:00 07/09/2027" in out and "06/09/2027" not in out
    assert "01/09, 03/09/2027 là ngày nghỉ vì chưa được quyết định" in out
    code, out, _ = run(
        capsys,
        "calendar",
        "due",
        "--json",
        "--data-dir",
        str(admin_dir),
        "--received",
        "2027-09-01 10:00",
        "--duration",
        "2",
    )
    assert json.loads(out)["undecided_days"] == ["2027-09-01", "2027-09-03"]


def test_import_previews_refuses_without_yes_then_applies(
    admin_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notice = tmp_path / "thong-bao-2028.csv"
    notice.write_text(NOTICE_2028, encoding="utf-8")
    code, out, _ = run(capsys, "calendar", "import", str(notice), "--data-dir", str(admin_dir), "--preview")
    assert code == 0 and "Thông báo 77/TB-BNV" in out and "Thay đổi so với lịch đang áp dụng" in out
    code, _, err = run(capsys, "calendar", "import", str(notice), "--data-dir", str(admin_dir))
    assert code == 2 and "--yes" in err  # no terminal to ask: nothing applied
    code, out, _ = run(capsys, "calendar", "show", "2028", "--data-dir", str(admin_dir))
    assert "Chưa có lịch" in out
    code, out, _ = run(capsys, "calendar", "import", str(notice), "--data-dir", str(admin_dir), "--yes")
    assert code == 0 and "Đã áp dụng lịch nghỉ năm 2028" in out
    code, out, _ = run(capsys, "calendar", "show", "2028", "--json", "--data-dir", str(admin_dir))
    days = {d["date"]: d for d in json.loads(out)["days"]}
    assert days["2028-01-24"]["status"] == "official" and "thong-bao-2028.csv" in days["2028-01-24"]["provenance"]
    code, out, _ = run(capsys, "audit", "list", "--data-dir", str(admin_dir))
    assert "thong-bao-2028.csv" in out  # who imported what, when


def test_reported_days_are_confirmed_only_with_what_was_read(
    admin_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "calendar", "confirm-reported", "2027", "--data-dir", str(admin_dir), "--preview")
    assert code == 0 and "Công văn 10065/VPCP-KGVX" in out
    code, _, err = run(capsys, "calendar", "confirm-reported", "2027", "--data-dir", str(admin_dir), "--yes")
    assert code == 2 and "--checked" in err
    code, out, _ = run(
        capsys,
        "calendar",
        "confirm-reported",
        "2027",
        "--data-dir",
        str(admin_dir),
        "--yes",
        "--checked",
        "Công văn 10065/VPCP-KGVX ngày 02/10/2026",
    )
    assert code == 0
    code, out, _ = run(
        capsys, "calendar", "due", "--data-dir", str(admin_dir), "--received", "2027-09-01 10:00", "--duration", "2"
    )
    assert "10:00 07/09/2027" in out and "chưa được quyết định" not in out  # 5 h Wed, 8 h Mon, 3 h Tue


def test_check_says_from_november_that_next_year_is_not_official(
    admin_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from motcua_desktop.services.safety import integrity

    class November:
        @staticmethod
        def now() -> datetime:
            return datetime(2026, 11, 1, 8, 0, tzinfo=VN_TZ)

    class October:
        @staticmethod
        def now() -> datetime:
            return datetime(2026, 10, 31, 8, 0, tzinfo=VN_TZ)

    monkeypatch.setattr(integrity, "SystemClock", October)
    code, out, _ = run(capsys, "check", "--data-dir", str(admin_dir))
    assert code == 0 and "Năm 2027" not in out
    monkeypatch.setattr(integrity, "SystemClock", November)
    code, out, _ = run(capsys, "check", "--data-dir", str(admin_dir))
    assert code == 0 and "Lưu ý: Năm 2027 chưa có lịch nghỉ chính thức" in out


def test_setup_refuses_a_look_alike_commune_and_lists_the_units(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    wrong = [("Xã Đông Tiến" if arg == "Phường Đông Tiến" else arg) for arg in SETUP]
    code, _, err = run(capsys, "--data-dir", str(data_dir), *wrong)
    assert code == 2
    assert "Phường Đông Tiến (mã 15853)" in err and "Xã Đồng Tiến (mã 15724)" in err
    no_marks = [("dong tien" if arg == "Phường Đông Tiến" else arg) for arg in SETUP]
    code, _, err = run(capsys, "--data-dir", str(data_dir), *no_marks)
    assert code == 2 and "Phường Đông Tiến (mã 15853)" in err
    assert run(capsys, "--data-dir", str(data_dir), *SETUP)[0] == 0
