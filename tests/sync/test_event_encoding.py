"""One encoder for the hash chain: a package written today verifies with ``domain.events`` alone.

The lines of the payload are checked without the package reader's parser or ``verify_chain``: each line
is rebuilt from its fields with ``encode_header``/``event_hash``/``event_line``, its hash recomputed and
its link to the previous line followed, from the manifest's ``prev_head`` to its ``head``.
"""

from __future__ import annotations

import json
from pathlib import Path

from motcua_desktop.crypto import keys, keystore
from motcua_desktop.domain.events import GENESIS_HASH, encode_header, event_hash, event_header, event_line
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.transitions import HandOverInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.sync.package import open_payload, read_manifest
from tests.sync.helpers import Office, other_applicant


def _payload_lines(office: Office, usb: Path) -> tuple[dict[str, object], list[str]]:
    manifest_path = next(usb.glob("*.manifest.json"))
    manifest = read_manifest(manifest_path.read_bytes(), manifest_path.name)
    secret = keystore.load_secret(office.upstream / sync_upstream.DECRYPT_KEY_FILE).decode("ascii")
    private = keys.parse_x25519_private(secret)
    fingerprint = keys.fingerprint(keys.x25519_public_text(private.public_key()))
    entry = manifest.payload_for(fingerprint)
    assert entry is not None
    jsonl = open_payload(manifest, entry, (usb / entry["name"]).read_bytes(), private)
    return manifest.body, jsonl.decode("utf-8").splitlines()


def test_a_package_written_today_verifies_with_the_encoder_alone(office: Office, tmp_path: Path) -> None:
    code = office.c1.register()
    office.c1.register(applicant=other_applicant())
    transition(office.c1.clerk, find_dossier(office.c1.clerk, code), HandOverInput(note="Chuyển «bộ phận tư pháp»"))
    office.c1.export(tmp_path / "usb")
    body, lines = _payload_lines(office, tmp_path / "usb")

    assert len(lines) == body["event_count"] > 3
    previous = body["prev_head"]
    assert previous == GENESIS_HASH
    for line in lines:
        event = json.loads(line)
        payload_json = canonical_json(event["payload"])
        header_json = encode_header(
            event_header(
                event["uuid"],
                event["device_id"],
                event["epoch"],
                event["seq"],
                event["kind"],
                event["actor"],
                event["occurred_at"],
                event["dossier_uuid"],
                event["dossier_rev"],
                event["prev_hash"],
            )
        )
        assert event["prev_hash"] == previous
        assert event_hash(header_json, payload_json) == event["hash"]
        assert event_line(header_json, event["hash"], payload_json) == line  # the line is the canonical form
        previous = event["hash"]
    assert previous == body["head"]


def test_an_edited_line_no_longer_verifies(office: Office, tmp_path: Path) -> None:
    office.c1.register()
    office.c1.export(tmp_path / "usb")
    _, lines = _payload_lines(office, tmp_path / "usb")
    event = json.loads(lines[0])
    event["actor"] = "someone.else"
    header_json = encode_header(
        event_header(
            *(event[k] for k in ("uuid", "device_id", "epoch", "seq", "kind", "actor")),
            event["occurred_at"],
            event["dossier_uuid"],
            event["dossier_rev"],
            event["prev_hash"],
        )
    )
    assert event_hash(header_json, canonical_json(event["payload"])) != event["hash"]
