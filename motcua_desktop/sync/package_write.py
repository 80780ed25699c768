"""Writing a package: this PC's events as checked JSON Lines, sealed to each recipient, signed manifest last.

The events are re-hashed link by link as they are assembled (with ``domain.events``' encoder, the one the
store wrote them with), so an edited database exports nothing.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from motcua_desktop.crypto import envelope, keys
from motcua_desktop.domain.events import encode_header, event_hash, event_header, event_line
from motcua_desktop.domain.vntime import iso
from motcua_desktop.sync import signed
from motcua_desktop.sync.media import sha256_hex
from motcua_desktop.sync.package_identity import (
    BODY_KEY,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_SUFFIX,
    BatchIdentity,
    Recipient,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

GZIP_LEVEL = 1  # 5× smaller than the JSON Lines for ~50 ms per 8 MB; level 6 halves that again for twice the time


class ChainProblem(Exception):
    """This PC's own log does not verify (edited or damaged database); nothing is exported."""

    def __init__(self, seq: int, problem: str) -> None:
        super().__init__(problem)
        self.seq = seq
        self.problem = problem


@dataclass
class EventLines:
    """Canonical JSON Lines of a run of events, checked link by link while they are assembled."""

    prev_head: str
    first_seq: int
    lines: list[str]
    counts: Counter[str]
    dossiers: set[str]
    head: str = ""
    last_seq: int = 0

    @classmethod
    def start(cls, prev_head: str, first_seq: int) -> EventLines:
        return cls(prev_head, first_seq, [], Counter(), set(), prev_head, first_seq - 1)

    def add(self, row: Sequence[Any]) -> None:
        """One row as ``SyncQueries.raw_events`` gives it; its hash is recomputed and its link checked."""
        uuid, device_id, epoch, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev, payload_json, prev, hash_ = (
            row
        )
        if seq != self.last_seq + 1:
            raise ChainProblem(seq, f"thiếu sự kiện số {self.last_seq + 1}")
        if prev != self.head:
            raise ChainProblem(seq, "không nối với sự kiện liền trước")
        header_json = encode_header(
            event_header(uuid, device_id, epoch, seq, kind, actor, occurred_at, dossier_uuid, dossier_rev, prev)
        )
        if event_hash(header_json, payload_json) != hash_:
            raise ChainProblem(seq, "nội dung không khớp mã băm")
        self.lines.append(event_line(header_json, hash_, payload_json))
        self.counts[kind] += 1
        if dossier_uuid:
            self.dossiers.add(dossier_uuid)
        self.head, self.last_seq = hash_, seq

    def jsonl(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode("utf-8") if self.lines else b""


@dataclass(frozen=True)
class BuiltPackage:
    stem: str
    files: tuple[tuple[str, bytes], ...]  # in writing order; the manifest is last
    manifest: dict[str, Any]

    @property
    def manifest_name(self) -> str:
        return self.files[-1][0]


def build_package(
    identity: BatchIdentity,
    lines: EventLines,
    *,
    unit_name: str,
    counter_no: int,
    recipients: Sequence[Recipient],
    signing_key: Ed25519PrivateKey,
    report_files: Sequence[tuple[str, bytes]],
    created_at: datetime,
    app_version: str,
) -> BuiltPackage:
    """Seals the events to every recipient, lists every file with its SHA-256 and signs the manifest."""
    if not recipients:
        raise ValueError("no recipients")
    plaintext = lines.jsonl()
    compressed = gzip.compress(plaintext, compresslevel=GZIP_LEVEL, mtime=0)
    stem = identity.stem
    files: list[tuple[str, bytes]] = []
    entries: list[dict[str, Any]] = []
    for index, recipient in enumerate(recipients, start=1):
        public = keys.parse_x25519_public(recipient.encryption_key)
        sealed = envelope.seal(compressed, public, identity.sealing_context(recipient.fingerprint))
        name = f"{stem}.p{index}.sealed"
        files.append((name, sealed))
        entries.append(
            {
                "name": name,
                "role": "payload",
                "size": len(sealed),
                "sha256": sha256_hex(sealed),
                "recipient": {
                    "role": recipient.role,
                    "name": recipient.name,
                    "key": recipient.encryption_key,
                    "fingerprint": recipient.fingerprint,
                },
            }
        )
    for name, data in report_files:
        files.append((name, data))
        entries.append({"name": name, "role": "report", "size": len(data), "sha256": sha256_hex(data)})
    public_text = keys.ed25519_public_text(signing_key.public_key())
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "agency_id": identity.agency_id,
        "unit_name": unit_name,
        "device_id": identity.device_id,
        "counter_no": counter_no,
        "epoch": identity.epoch,
        "batch": identity.batch,
        "first_seq": identity.first_seq,
        "last_seq": identity.last_seq,
        "event_count": len(lines.lines),
        "counts": dict(sorted(lines.counts.items())),
        "dossier_count": len(lines.dossiers),
        "prev_head": identity.prev_head,
        "head": identity.head,
        "payload": {
            "encoding": "jsonl",
            "compression": "gzip",
            "encryption": envelope.SUITE_NAME,
            "size": len(plaintext),
            "sha256": sha256_hex(plaintext),
        },
        "files": entries,
        "app_version": app_version,
        "created_at": iso(created_at),
        "signer": {"key": public_text, "fingerprint": keys.fingerprint(public_text)},
    }
    files.append((stem + MANIFEST_SUFFIX, signed.dump(BODY_KEY, manifest, signing_key)))
    return BuiltPackage(stem, tuple(files), manifest)
