"""The practices from the command line: no-appointment days, register --same-day, rate, listing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import office, register, run

__all__ = ["office"]

EVERY_DAY = "T2,T3,T4,T5,T6,T7,CN"  # whatever day the test runs on


def test_no_appointment_day_rate_and_listing(
    office: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    code, out, err = run(
        capsys, "no-appointment", "--json", "--user", "admin", "--days", EVERY_DAY, "--procedures", "1.001193"
    )
    assert code == 0, err
    assert json.loads(out) == {
        "weekdays": [0, 1, 2, 3, 4, 5, 6],
        "weekdays_text": "Thứ hai, Thứ ba, Thứ tư, Thứ năm, Thứ sáu, Thứ bảy, Chủ nhật",
        "procedures": ["1.001193"],
    }
    monkeypatch.setenv("MOTCUA_PASSWORD", "mat-khau-lan-2026")
    assert run(capsys, "no-appointment", "--days", "T2")[0] == 2  # a clerk may not change it
    resolved = register(capsys, "--same-day")
    assert resolved["same_day"] is True and resolved["status"] == "DA_TRA_KET_QUA"
    code, out, err = run(capsys, "rate", resolved["code"], "11213", "--json")
    assert code == 0, err
    assert json.loads(out)["overall"] == "khong_hai_long" and json.loads(out)["channel"] == "phieu_giay"
    code, _, err = run(capsys, "rate", resolved["code"], "1")
    assert code == 2 and "lý do" in err.lower()
    assert run(capsys, "rate", resolved["code"], "1", "--reason", "Nhập nhầm")[0] == 0
    out_file = tmp_path / "niem-yet.pdf"
    code, out, err = run(
        capsys, "listing", "--out", str(out_file), "--paper", "A3", "--procedure", "1.001193", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["procedures"] == 1 and out_file.read_bytes().startswith(b"%PDF")
