"""The command line end to end, in-process: set-up, accounts, register, find, follow, print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motcua_desktop.cli import build_parser, main

SETUP = [
    "setup",
    "--superior",
    "UBND phường Đông Tiến",
    "--unit",
    "Trung tâm Phục vụ hành chính công phường Đông Tiến",
    "--agency-id",
    "000.00.12.H56",
    "--province",
    "Thanh Hóa",
    "--commune",
    "Phường Đông Tiến",
    "--counter",
    "1",
    "--admin-user",
    "admin",
    "--admin-name",
    "Nguyễn Văn Quản",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")  # setup: the administrator's new password
    assert run(capsys, *SETUP)[0] == 0
    monkeypatch.setenv("MOTCUA_NEW_PASSWORD", "ban-dau-2026")
    assert run(capsys, "user", "add", "lan", "--name", "Nguyễn Thị Lan", "--user", "admin")[0] == 0
    monkeypatch.setenv("MOTCUA_PASSWORD", "ban-dau-2026")
    monkeypatch.setenv("MOTCUA_NEW_PASSWORD", "mat-khau-lan-2026")
    code, _, err = run(capsys, "search", "an", "--user", "lan")
    assert code == 2 and "đổi mật khẩu" in err  # the initial password must be changed first
    assert run(capsys, "user", "passwd", "--user", "lan")[0] == 0
    monkeypatch.setenv("MOTCUA_PASSWORD", "mat-khau-lan-2026")
    monkeypatch.setenv("MOTCUA_USER", "lan")
    return data_dir


def register(capsys: pytest.CaptureFixture[str], *extra: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(
        capsys,
        "register",
        "--json",
        "--procedure",
        "1.001193",
        "--name",
        "nguyễn thị đào",
        "--id-number",
        "038187042030",
        "--sex",
        "nu",
        "--birth-date",
        "02/03/1987",
        "--phone",
        "0912345678",
        "--all-documents",
        *extra,
    )
    assert code == 0, err
    return json.loads(out)


def test_round_trip(office: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    registered = register(capsys)
    code = registered["code"]
    assert code.startswith("000.00.12.H56-") and registered["due_at"]
    status, out, _ = run(capsys, "search", "dao", "--json")
    assert status == 0 and [r["code"] for r in json.loads(out)] == [code]
    status, out, _ = run(capsys, "show", code.replace(".", "").replace("-", ""))
    assert status == 0 and "Nguyễn Thị Đào" in out and "Tiếp nhận hồ sơ" in out
    assert run(capsys, "transition", code, "hand-over", "--receiver", "Lê Thị Hoa")[0] == 0
    status, _, err = run(capsys, "transition", code, "stop")
    assert status == 2 and "Lý do" in err
    assert run(capsys, "transition", code, "result-ready")[0] == 0
    pdf = tmp_path / "phieu.pdf"
    assert run(capsys, "print", code, "--out", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    status, out, _ = run(capsys, "transition", code, "return", "--rating", "hai_long", "--json")
    assert status == 0 and json.loads(out)["status"] == "DA_TRA_KET_QUA"
    status, _, err = run(capsys, "print", code, "--out", str(tmp_path / "lai.pdf"))
    assert status == 2 and "không in lại" in err  # the dossier ended: no receipt reprinted (Decree 118 Art. 6)
    status, out, _ = run(capsys, "show", code, "--json")
    history = [h["title"] for h in json.loads(out)["history"]]
    assert [t for t in history if t != "Xem thông tin cá nhân"][:2] == ["Tiếp nhận hồ sơ", "Chuyển xử lý"]
    assert "Trả kết quả" in history and "In mẫu 01" in history
    assert "Xem thông tin cá nhân" in history  # the earlier ``show`` was recorded in the audit trail


def test_idempotent_request_id(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = register(capsys, "--request-id", "abc-1")
    again = register(capsys, "--request-id", "abc-1")
    assert again["code"] == first["code"] and again["already_registered"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["register", "--procedure", "1.001193", "--name", "An", "--id-number", "123"], "Số giấy tờ"),
        (["register", "--procedure", "9.999999", "--name", "An", "--id-number", "038087042028"], "Không có thủ tục"),
        (["show", "000.00.12.H56-261122-9999"], "Không tìm thấy hồ sơ"),
        (["calendar", "due", "--received", "hôm qua", "--duration", "2"], "--received"),
        (["catalogue", "import", "/khong/co/tep.csv"], "không có quyền quản lý danh mục"),  # a clerk, not an admin
    ],
)
def test_bad_input_exits_2_in_vietnamese_and_writes_nothing(
    office: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = (office / "motcua.db").stat().st_size, _events(office)
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert _events(office) == before[1]


def _events(folder: Path) -> int:
    """Events other than sign-ins (every CLI command is a recorded sign-in)."""
    from motcua_desktop.storage import open_store

    with open_store(folder / "motcua.db") as store:
        return int(store.db.execute("SELECT count(*) FROM events WHERE kind NOT LIKE 'auth.%'").fetchone()[0])


def test_calendar_commands(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "due", "--received", "2026-02-12 10:00", "--duration", "2,5", "--json")
    assert code == 0 and json.loads(out)["due_at"] == "2026-02-23T16:00:00+07:00"
    code, out, _ = run(capsys, "calendar", "show", "2026")
    assert code == 0 and "24/11/2026" in out and "Ngày Văn hóa Việt Nam" in out and "31/08/2026" in out
    code, out, _ = run(capsys, "calendar", "show", "2027")
    assert code == 0 and "tính là ngày nghỉ khi hẹn trả, chưa quyết định" in out and "10065/VPCP-KGVX" in out


def test_every_command_has_vietnamese_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    subcommands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in subcommands:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert ("cách dùng:" in out and "--data-dir" in out) or "LỆNH" in out


def test_every_command_module_is_registered() -> None:
    """A module in ``commands/`` left out of ``command_modules`` would be missing from ``--help`` and
    from the frozen build."""
    from motcua_desktop import commands
    from motcua_desktop.cli import command_modules

    folder = Path(commands.__file__).parent
    on_disk = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_") and p.stem != "base")
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in command_modules()) == on_disk


def test_catalogue_import_previews_and_applies_only_when_asked(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.services.test_catalogue_layouts import national_xlsx

    path = tmp_path / "dvc.xlsx"
    path.write_bytes(national_xlsx())
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    status, out, _ = run(capsys, "catalogue", "import", str(path), "--preview", "--json", "--user", "admin")
    data = json.loads(out)
    assert status == 0 and data["applied"] is False and data["added"] == 1
    assert any(c["kind"] == "changed" and c["fields"] for c in data["changes"])
    status, _, err = run(capsys, "catalogue", "import", str(path), "--user", "admin")  # no terminal to ask on
    assert status == 2 and "--yes" in err
    status, out, _ = run(capsys, "catalogue", "import", str(path), "--yes", "--json", "--user", "admin")
    assert status == 0 and json.loads(out)["applied"] is True
    status, out, _ = run(capsys, "catalogue", "import", str(path), "--preview", "--json", "--user", "admin")
    assert json.loads(out)["changes"] == []  # applied: nothing left to change
    status, out, _ = run(
        capsys,
        "catalogue",
        "set-local",
        "1.004873",
        "--unit",
        "NGAY_LAM_VIEC",
        "--amount",
        "2",
        "--basis",
        "Quyết định số 1234/QĐ-UBND",
        "--user",
        "admin",
    )
    assert status == 0 and "2 ngày làm việc" in out
    exported = tmp_path / "xuat.csv"
    assert run(capsys, "catalogue", "export", str(exported), "--user", "admin")[0] == 0
    assert "thoi_han_dia_phuong" in exported.read_text(encoding="utf-8-sig").splitlines()[0]
