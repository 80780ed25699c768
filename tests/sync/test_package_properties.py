"""Damaged packages — truncated, bit-flipped, re-signed with an old format — are always rejected,
and the importing database does not change."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua_desktop.crypto import keystore
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.events import event_line
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.services.sync.import_results import REJECTED
from motcua_desktop.services.sync.imports import import_files
from motcua_desktop.sync import signed
from motcua_desktop.sync.package import BODY_KEY, read_manifest
from motcua_desktop.sync.reader import load_manifest, verify_files, verify_signature
from tests.sync.helpers import Office, other_applicant, snapshot

FILE_KINDS = ("manifest.json", "p1.sealed", "p2.sealed", "ho-so.xlsx", "ho-so.csv")


@pytest.fixture
def package(office: Office, tmp_path: Path) -> Path:
    office.c1.register()
    office.c1.register(applicant=other_applicant())
    return _one_package(office, tmp_path / "usb")


def _one_package(office: Office, drive: Path) -> Path:
    office.c1.export(drive)
    return drive


def _copy(source: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="pkg-"))
    for path in source.iterdir():
        shutil.copy(path, target / path.name)
    return target


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(FILE_KINDS),
    damage=st.sampled_from(("truncate", "flip")),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    bit=st.integers(min_value=0, max_value=7),
)
def test_damaged_packages_are_rejected_and_change_nothing(
    office: Office, package: Path, kind: str, damage: str, where: float, bit: int
) -> None:
    copy = _copy(package)
    try:
        target = next(copy.glob("*." + kind))
        data = target.read_bytes()
        position = int(where * len(data))
        if damage == "truncate":
            target.write_bytes(data[:position])
        else:
            changed = bytearray(data)
            changed[position] ^= 1 << bit
            target.write_bytes(bytes(changed))
        before = snapshot(office.leader.store)

        report = import_files(office.leader.leader, [copy])

        assert [o.status for o in report.outcomes] == [REJECTED], report.message
        assert report.outcomes[0].message.startswith("Tệp «")
        assert snapshot(office.leader.store) == before
    finally:
        shutil.rmtree(copy)


def test_every_single_bit_flip_of_a_manifest_is_caught(office: Office, package: Path) -> None:
    manifest_path = next(package.glob("*.manifest.json"))
    original = manifest_path.read_bytes()
    enrolled = office.leader.store.sync.peers.device(office.c1.device_id)
    assert enrolled is not None
    accepted = 0
    for position in range(len(original)):
        for bit in (0, 5):
            changed = bytearray(original)
            changed[position] ^= 1 << bit
            try:
                manifest = read_manifest(bytes(changed), manifest_path.name)
                verify_signature(manifest, enrolled.signing_key)
                verify_files(manifest, package)
            except KnownError:
                continue
            accepted += 1
    assert accepted == 0


def test_a_replayed_older_format_is_refused_even_when_validly_signed(office: Office, package: Path) -> None:
    manifest_path = next(package.glob("*.manifest.json"))
    body = load_manifest(manifest_path).body
    key = keystore.load_or_create_signing_key(office.c1.folder / sync_keys.KEYS_FOLDER / sync_keys.SIGNING_KEY_FILE)
    for version, expected in ((0, "định dạng cũ (phiên bản 0)"), (2, "chỉ đọc đến phiên bản 1")):
        manifest_path.write_bytes(signed.dump(BODY_KEY, {**body, "format_version": version}, key))
        report = import_files(office.leader.leader, [manifest_path])
        assert [o.status for o in report.outcomes] == [REJECTED]
        assert expected in report.outcomes[0].message


def test_a_manifest_signed_by_another_key_is_refused(office: Office, package: Path) -> None:
    manifest_path = next(package.glob("*.manifest.json"))
    body = load_manifest(manifest_path).body
    key = keystore.load_or_create_signing_key(office.c2.folder / sync_keys.KEYS_FOLDER / sync_keys.SIGNING_KEY_FILE)
    manifest_path.write_bytes(signed.dump(BODY_KEY, body, key))  # counter 2 signs counter 1's package
    report = import_files(office.leader.leader, [manifest_path])
    assert [o.status for o in report.outcomes] == [REJECTED]
    assert "chữ ký" in report.outcomes[0].message.lower()


def test_partial_files_are_ignored(office: Office, package: Path) -> None:
    manifest = next(package.glob("*.manifest.json"))
    manifest.rename(manifest.with_name(manifest.name + ".partial"))
    with pytest.raises(KnownError, match="không có gói dữ liệu"):
        import_files(office.leader.leader, [package])
    report = import_files(office.leader.leader, [package / (manifest.name + ".partial")])
    assert [o.status for o in report.outcomes] == [REJECTED] and "ghi dở" in report.outcomes[0].message


def test_event_lines_are_the_canonical_form_of_the_records(office: Office) -> None:
    office.c1.register()
    for event in office.c1.store.events.chain(office.c1.device_id, 1):
        header = canonical_json(event.header_fields())
        assert event_line(header, event.hash, canonical_json(event.payload)) == canonical_json(event.to_plain())


@given(actor=st.text(), kind=st.text(), payload=st.dictionaries(st.text(), st.text() | st.integers() | st.none()))
def test_event_lines_stay_canonical_whatever_the_text(actor: str, kind: str, payload: dict[str, object]) -> None:
    from motcua_desktop.domain.events import EventRecord, compute_hash
    from motcua_desktop.domain.vntime import vn_datetime

    event = EventRecord(
        "u", 'MC-"x",', 1, 1, kind + ',"kind":', actor + ',"prev_hash":', vn_datetime(2026, 1, 1), payload, None, None
    )
    event = EventRecord(**{**event.__dict__, "hash": compute_hash(event)})
    line = event_line(canonical_json(event.header_fields()), event.hash, canonical_json(event.payload))
    assert line == canonical_json(event.to_plain())
