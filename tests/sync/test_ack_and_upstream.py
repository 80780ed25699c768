"""The upstream office: keys, decrypting, acknowledgements back to the counter, portal fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motcua_desktop.crypto import keys
from motcua_desktop.domain.errors import ConflictError
from motcua_desktop.domain.transitions import HandOverInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier
from motcua_desktop.services.sync import export as sync
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.services.sync.import_results import ACK, ALREADY, REJECTED
from motcua_desktop.services.sync.imports import import_files
from motcua_desktop.sync.ack import build_ack
from motcua_desktop.sync.signed import Rejected
from tests.sync.helpers import Office, other_applicant, snapshot


def test_acknowledgement_round_trip(office: Office, tmp_path: Path) -> None:
    pc = office.c1
    pc.register()
    pc.export(tmp_path / "usb")
    assert len(list(sync.outbox_folder(pc.store).iterdir())) == 6

    outcome = sync_upstream.acknowledge(office.upstream, [tmp_path / "usb"], tmp_path / "usb", office.clock)

    assert outcome.gaps == () and len(outcome.acks) == 1
    ack_file = Path(outcome.acks[0].path)
    report = import_files(pc.clerk, [ack_file])
    assert [o.status for o in report.outcomes] == [ACK]
    assert "các gói 1 đã rời hộp thư đi" in report.outcomes[0].message
    assert list(sync.outbox_folder(pc.store).iterdir()) == []
    summary = sync.export_summary(pc.clerk)
    assert summary.packages_waiting == 0 and summary.dossiers_unacked == 0
    assert "chưa được cấp trên xác nhận" not in summary.text
    before = snapshot(pc.store)
    again = import_files(pc.clerk, [ack_file])
    assert [o.status for o in again.outcomes] == [ALREADY]
    assert snapshot(pc.store) == before
    carried = office.c1.export(tmp_path / "next").written
    # Only the record of the acknowledgement itself (an audit event) is left to carry upstream.
    assert [(b.batch, b.dossier_count) for b in carried] == [(2, 0)]


def test_an_acknowledgement_covers_only_the_complete_part_of_the_chain(office: Office, tmp_path: Path) -> None:
    pc = office.c1
    pc.register()
    pc.export(tmp_path / "one")
    office.clock.advance(hours=2)
    pc.register(applicant=other_applicant())
    pc.export(tmp_path / "two")
    batch2 = next((tmp_path / "two").glob("*_b000002.manifest.json"))

    early = sync_upstream.acknowledge(office.upstream, [batch2], tmp_path / "acks", office.clock)

    assert early.acks == () and "Thiếu gói 1 của quầy 1" in early.gaps[0]
    late = sync_upstream.acknowledge(office.upstream, [tmp_path / "two"], tmp_path / "acks", office.clock)
    assert late.gaps == () and "đã nhận đủ đến sự kiện" in late.acks[0].description
    import_files(pc.clerk, [Path(late.acks[0].path)])
    assert sync.export_summary(pc.clerk).packages_waiting == 0


def test_forged_or_misdirected_acknowledgements_are_refused(office: Office, tmp_path: Path) -> None:
    pc = office.c1
    pc.register()
    pc.export(tmp_path / "usb")
    head = pc.store.events.head(pc.device_id, 1)
    assert head is not None
    forged_name, forged = build_ack(
        device_id=pc.device_id,
        epoch=1,
        acked_seq=head.last_seq,
        head=head.last_hash,
        batch=1,
        issuer_name="Kẻ giả mạo",
        created_at=office.clock.now(),
        signing_key=keys.new_signing_key(),
    )
    (tmp_path / forged_name).write_bytes(forged)
    wrong_history = build_ack(
        device_id=pc.device_id,
        epoch=1,
        acked_seq=head.last_seq,
        head="0" * 64,
        batch=1,
        issuer_name="Sở",
        created_at=office.clock.now(),
        signing_key=_upstream_key(office),
    )
    (tmp_path / "history.ack.json").write_bytes(wrong_history[1])
    other = sync_upstream.acknowledge(office.upstream, [tmp_path / "usb"], tmp_path / "acks", office.clock)
    before = snapshot(pc.store)

    report = import_files(office.c2.clerk, [Path(other.acks[0].path)])
    assert [o.status for o in report.outcomes] == [REJECTED] and "không phải máy này" in report.outcomes[0].message
    report = import_files(pc.clerk, [tmp_path / forged_name, tmp_path / "history.ack.json"])
    assert [o.status for o in report.outcomes] == [REJECTED, REJECTED]
    assert "không do cơ quan cấp trên đã cấu hình ký" in report.outcomes[0].message
    assert "khác với nhật ký của máy này" in report.outcomes[1].message
    assert snapshot(pc.store) == before


def test_keygen_does_not_replace_keys(office: Office) -> None:
    with pytest.raises(ConflictError, match="không tạo đè"):
        sync_upstream.keygen(office.upstream, "Sở khác", office.clock)


def test_decrypt_writes_the_events_and_refuses_tampering(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    office.c1.export(tmp_path / "usb")
    written = sync_upstream.decrypt(office.upstream, [tmp_path / "usb"], tmp_path / "plain")
    lines = Path(written[0].path).read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["seq"] == 1 and len(first["hash"]) == 64
    assert any("038087042028" in line for line in lines)  # the payload carries the full record
    sealed = next((tmp_path / "usb").glob("*.p1.sealed"))
    data = bytearray(sealed.read_bytes())
    data[100] ^= 0x40
    sealed.write_bytes(bytes(data))
    with pytest.raises(Rejected, match="không khớp với tệp kê khai"):
        sync_upstream.decrypt(office.upstream, [tmp_path / "usb"], tmp_path / "plain2")


def test_portal_fields(office: Office, tmp_path: Path) -> None:
    code = office.c1.register()
    office.clock.advance(hours=1)
    transition(office.c1.clerk, find_dossier(office.c1.clerk, code), HandOverInput())
    office.c1.export(tmp_path / "usb")

    result = sync_upstream.to_portal_json(office.upstream, [tmp_path / "usb"], tmp_path / "portal.json", office.clock)

    assert (result.dossiers, result.incomplete) == (1, 0)
    document = json.loads((tmp_path / "portal.json").read_text(encoding="utf-8"))
    record = document["HoSoDongBoDVC"][0]
    assert record["MaHoSo"] == code and record["MaTTHC"] == "1.001193"
    assert record["KenhThucHien"] == 1 and record["TrangThaiHoSo"] == 4
    assert record["NgayTiepNhan"] == "20261116090000" and len(record["NgayHenTra"]) == 14
    assert record["DinhDanhCHS"] == [{"LoaiDinhDanh": 1, "SoDinhDanh": "038087042028"}]
    steps = record["QuaTrinhXuLy"]
    assert [s["TrangThai"] for s in steps] == [2, 4] and steps[1]["ThoiDiemXuLy"] == "20261116100000"
    assert all(s["MaHoSo"] == code for s in steps)


def test_portal_lists_dossiers_whose_history_is_elsewhere(office: Office, tmp_path: Path) -> None:
    code = office.c1.register()
    office.c1.export(tmp_path / "day1")
    import_files(office.c2.leader, [tmp_path / "day1"])
    office.clock.advance(hours=1)
    transition(office.c2.clerk, find_dossier(office.c2.clerk, code), HandOverInput())
    office.c2.export(tmp_path / "day2")
    alone = sync_upstream.to_portal_json(office.upstream, [tmp_path / "day2"], tmp_path / "a.json", office.clock)
    assert (alone.dossiers, alone.incomplete) == (0, 1)
    both = sync_upstream.to_portal_json(
        office.upstream, [tmp_path / "day1", tmp_path / "day2"], tmp_path / "b.json", office.clock
    )
    assert (both.dossiers, both.incomplete) == (1, 0)
    record = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["HoSoDongBoDVC"][0]
    assert record["TrangThaiHoSo"] == 4 and len(record["QuaTrinhXuLy"]) == 2


def _upstream_key(office: Office):  # type: ignore[no-untyped-def]
    from motcua_desktop.crypto import keystore

    return keystore.load_or_create_signing_key(office.upstream / sync_upstream.SIGNING_KEY_FILE)
