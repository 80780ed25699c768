"""``motcua complaint …`` and ``motcua queue …`` end to end, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run


def test_complaint_add_list_answer_report(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "complaint",
        "add",
        "--channel",
        "phone",
        "--sender",
        "Trần Văn Bình",
        "--content",
        "Chờ lâu ở quầy hộ tịch",
        "--assignee",
        "lan",
    )
    assert code == 0, err
    assert "PA-" in out and "hạn trả lời" in out
    code, out, _ = run(capsys, "complaint", "list", "--open", "--json")
    lines = json.loads(out)
    assert [line["complaint"]["channel"] for line in lines] == ["phone"]
    complaint_code = lines[0]["complaint"]["code"]
    code, out, _ = run(capsys, "complaint", "answer", complaint_code, "--text", "Đã bố trí thêm cán bộ")
    assert code == 0 and "Đã ghi trả lời" in out
    code, out, err = run(capsys, "complaint", "answer", complaint_code, "--text", "Lần hai")
    assert code == 2 and "đã được trả lời" in err
    code, _, err = run(capsys, "complaint", "add", "--channel", "fax", "--content", "x")
    assert code == 2 and "Hình thức tiếp nhận" in err


def test_queue_take_call_board(office: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf = tmp_path / "so.pdf"
    code, out, err = run(capsys, "queue", "take", "HT", "--out", str(pdf), "--layout", "a6")
    assert code == 0, err
    assert "HT-001" in out and pdf.read_bytes().startswith(b"%PDF")
    assert run(capsys, "queue", "take", "CT")[0] == 0
    code, out, _ = run(capsys, "queue", "call", "--counter", "2")
    assert "Mời số HT-001 đến quầy 2" in out
    code, out, _ = run(capsys, "queue", "board")
    assert "Mời số HT-001 đến quầy 2" in out and "Chứng thực: 1 người chờ" in out
    code, _, err = run(capsys, "queue", "call", "--counter", "0")
    assert code == 2 and "Số quầy" in err
    code, _, err = run(capsys, "queue", "take", "HT", "--out", str(tmp_path / "khong-co" / "so.pdf"))
    assert code == 2 and "so.pdf" in err  # refused before a number is given
    code, out, _ = run(capsys, "queue", "take", "HT")
    assert "HT-002" in out


def test_queue_fields_are_a_setting(office: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOTCUA_PASSWORD", "quan-tri-2026")
    code, out, err = run(capsys, "queue", "fields", "HT=Hộ tịch", "TP=Tư pháp", "--layout", "a6", "--user", "admin")
    assert code == 0, err
    assert out.splitlines() == ["HT: Hộ tịch", "TP: Tư pháp"]
    code, _, err = run(capsys, "queue", "fields", "HT=Hộ tịch", "ht=Lặp", "--user", "admin")
    assert code == 2 and "bị trùng" in err
    monkeypatch.setenv("MOTCUA_PASSWORD", "mat-khau-lan-2026")
    code, _, err = run(capsys, "queue", "take", "CT")
    assert code == 2 and "TP (Tư pháp)" in err
