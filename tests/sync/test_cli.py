"""``motcua export|import|verify|upstream|sync`` end to end, as administrators and the upstream office run them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from motcua_desktop.cli import main
from motcua_desktop.domain.vntime import VN_TZ
from motcua_desktop.paths import database_path
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.storage import open_store
from tests.factories import ADMIN_PASSWORD, FakeClock, birth_registration, context

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
    "--admin-user",
    "admin",
    "--admin-name",
    "Quản Trị Viên",
]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("MOTCUA_USER", "admin")


def test_the_whole_round_by_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], env: None, clock) -> None:  # type: ignore[no-untyped-def]
    c1, leader, home, usb = tmp_path / "c1", tmp_path / "leader", tmp_path / "upstream", tmp_path / "usb"
    usb.mkdir()
    for folder, counter in ((c1, 1), (leader, 3)):
        assert run(capsys, *SETUP, "--counter", counter, "--data-dir", folder)[0] == 0
    keygen = as_json(capsys, "upstream", "keygen", "--home", home, "--name", "Sở Nội vụ tỉnh Thanh Hóa")
    assert keygen["card"]["role"] == "upstream"  # type: ignore[index]
    for folder in (c1, leader):
        assert run(capsys, "sync", "card", "--out", tmp_path / f"{folder.name}.card.json", "--data-dir", folder)[0] == 0
    code, out, _ = run(capsys, "sync", "recipient", "add", home / "upstream.card.json", "--data-dir", c1)
    assert code == 0 and "Cơ quan cấp trên" in out
    assert run(capsys, "sync", "recipient", "add", tmp_path / "leader.card.json", "--data-dir", c1)[0] == 0
    assert run(capsys, "sync", "device", "add", tmp_path / "c1.card.json", "--data-dir", leader)[0] == 0
    assert run(capsys, "upstream", "enrol", "--home", home, tmp_path / "c1.card.json")[0] == 0
    with open_store(database_path(c1)) as store:  # the CLI ran on the real clock: register "now" too
        register(context(store, FakeClock(datetime.now(VN_TZ))), birth_registration())

    exported = as_json(capsys, "export", "--to", usb, "--data-dir", c1)
    manifest = usb / exported["result"]["written"][0]["manifest"]  # type: ignore[index]
    assert exported["summary"]["events_unexported"] == 0  # type: ignore[index]
    code, out, _ = run(capsys, "verify", manifest, "--data-dir", leader)
    assert code == 0 and out.startswith("Gói hợp lệ") and "khớp khóa đã đăng ký" in out
    imported = as_json(capsys, "import", usb, "--data-dir", leader)
    assert [o["status"] for o in imported["outcomes"]] == ["applied"]  # type: ignore[index]
    code, out, _ = run(capsys, "import", usb, "--data-dir", leader)
    assert code == 0 and "đã được nhập trước đó" in out

    acks = as_json(capsys, "upstream", "ack", "--home", home, usb, "--out", usb)
    assert len(acks["acks"]) == 1  # type: ignore[index]
    plain = as_json(capsys, "upstream", "decrypt", "--home", home, manifest, "--out", tmp_path / "plain")
    assert Path(plain[0]["path"]).exists()  # type: ignore[index]
    portal = as_json(capsys, "upstream", "to-portal-json", "--home", home, usb, "--out", tmp_path / "portal.json")
    assert portal["dossiers"] == 1  # type: ignore[index]
    ack_file = next(usb.glob("*.ack.json"))
    code, out, _ = run(capsys, "verify", ack_file)
    assert code == 0 and out.startswith("Tệp xác nhận hợp lệ: Sở Nội vụ tỉnh Thanh Hóa")
    card = as_json(capsys, "verify", home / "upstream.card.json")
    assert card["kind"] == "card" and card["details"]["role"] == "upstream"  # type: ignore[index]
    code, out, _ = run(capsys, "import", ack_file, "--data-dir", c1)
    assert code == 0 and "đã rời hộp thư đi" in out
    status = as_json(capsys, "sync", "status", "--data-dir", c1)
    assert status["packages_waiting"] == 0 and status["dossiers_unacked"] == 0  # type: ignore[index]
    reports = as_json(capsys, "sync", "reports", "--data-dir", leader)
    assert reports == []

    sealed = next(usb.glob("*.p1.sealed"))
    sealed.write_bytes(sealed.read_bytes()[:-10])
    code, _, err = run(capsys, "verify", manifest)
    assert code == 2 and "không khớp với tệp kê khai" in err


def test_bad_input_exits_2_in_vietnamese_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], env: None
) -> None:
    folder = tmp_path / "c1"
    assert run(capsys, *SETUP, "--counter", 1, "--data-dir", folder)[0] == 0
    db = database_path(folder)

    def data_events(store) -> int:  # type: ignore[no-untyped-def]
        return sum(
            1 for e, _ in store.events.find(limit=10_000) if not e.kind.startswith("auth.")
        )  # sign-ins are audited

    with open_store(db) as store:
        events_before = data_events(store)
    code, _, err = run(capsys, "export", "--to", tmp_path / "missing", "--data-dir", folder)
    assert code == 2 and "Không tìm thấy thư mục đích" in err
    code, _, err = run(capsys, "export", "--to", tmp_path, "--since", "31/02/2026", "--data-dir", folder)
    assert code == 2 and "không phải ngày" in err
    code, _, err = run(capsys, "export", "--to", tmp_path, "--data-dir", folder)
    assert code == 2 and "Khóa của cơ quan cấp trên" in err
    code, _, err = run(capsys, "import", tmp_path / "nothing.manifest.json", "--data-dir", folder)
    assert code == 2 and "không tìm thấy" in err
    code, _, err = run(capsys, "sync", "recipient", "add", tmp_path / "none.card.json", "--data-dir", folder)
    assert code == 2 and "Không tìm thấy tệp" in err
    (tmp_path / "bad.card.json").write_text('{"card": {}, "signature": "x"}', encoding="utf-8")
    code, _, err = run(capsys, "--json", "sync", "device", "add", tmp_path / "bad.card.json", "--data-dir", folder)
    assert code == 2 and json.loads(err)["error"].startswith("Tệp «bad.card.json»")
    code, _, err = run(capsys, "upstream", "decrypt", "--home", tmp_path / "nohome", tmp_path, "--out", tmp_path / "o")
    assert code == 2 and "chưa có khóa" in err
    assert not (tmp_path / "o").exists()
    with open_store(db) as store:
        assert (
            store.sync.outbox.batches() == []
            and store.sync.peers.recipients() == []
            and store.sync.peers.devices() == []
        )
        assert data_events(store) == events_before
    assert not (folder / "outbox").exists() or not any((folder / "outbox").iterdir())
