"""The export package: one batch of one PC's events, sealed to each recipient, with a signed manifest.

A package of batch k of device D, epoch e is a set of files sharing the stem
``<agency>_<device>_e<e>_b<k:06d>``:

- ``<stem>.p<i>.sealed`` — the events as canonical JSON Lines, gzip-compressed, sealed with HPKE to
  recipient i (the upstream office, the office's consolidation point…);
- ``<stem>.ho-so.xlsx`` / ``.csv`` — the office's list of the dossiers touched, without personal data in clear;
- ``<stem>.manifest.json`` — written last: identity, range, counts, chain heads, the SHA-256 of every
  file, signed with the device's Ed25519 key.

See ``docs/export-format.md`` for the field-by-field description.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from motcua_desktop.crypto import envelope, keys
from motcua_desktop.domain.events import EventRecord, verify_chain
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.vntime import from_iso, iso
from motcua_desktop.sync import signed
from motcua_desktop.sync.media import sha256_hex
from motcua_desktop.sync.signed import reject

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

FORMAT = "motcua-sync-package"
FORMAT_VERSION = 1
OLDEST_ACCEPTED_VERSION = 1  # older versions are refused (a replayed old package cannot downgrade checks)
MANIFEST_SUFFIX = ".manifest.json"
BODY_KEY = "manifest"
WHAT = "tệp kê khai (manifest) của gói"
MAX_PAYLOAD_BYTES = 512 * 1024 * 1024
MAX_PLAINTEXT_BYTES = 2 * 1024 * 1024 * 1024 - 1
GZIP_LEVEL = 1  # 5× smaller than the JSON Lines for ~50 ms per 8 MB; level 6 halves that again for twice the time
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

_EVENT_KEYS = frozenset(
    {"actor", "device_id", "dossier_rev", "dossier_uuid", "epoch", "hash", "kind", "occurred_at", "payload"}
    | {"prev_hash", "seq", "uuid"}
)
# ``canonical_json`` with one encoder built once (``json.dumps`` builds a new one per call when given options).
_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode


@dataclass(frozen=True)
class Recipient:
    role: str  # "upstream" | "consolidation"
    name: str
    encryption_key: str  # x25519:…

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.encryption_key)


@dataclass(frozen=True)
class BatchIdentity:
    agency_id: str
    device_id: str
    epoch: int
    batch: int
    first_seq: int
    last_seq: int
    prev_head: str
    head: str

    @property
    def stem(self) -> str:
        return package_stem(self.agency_id, self.device_id, self.epoch, self.batch)

    def sealing_context(self, recipient_fingerprint: str) -> bytes:
        """HPKE ``info``: the payload opens only as this batch of this device for this recipient."""
        identity = {
            "agency_id": self.agency_id,
            "batch": self.batch,
            "device_id": self.device_id,
            "epoch": self.epoch,
            "first_seq": self.first_seq,
            "head": self.head,
            "last_seq": self.last_seq,
            "prev_head": self.prev_head,
            "recipient": recipient_fingerprint,
        }
        return f"{FORMAT}/{FORMAT_VERSION}\n".encode() + canonical_json(identity).encode("utf-8")


def ascii_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "x"


def package_stem(agency_id: str, device_id: str, epoch: int, batch: int) -> str:
    return f"{ascii_part(agency_id)}_{ascii_part(device_id)}_e{epoch}_b{batch:06d}"


# --- writing ---------------------------------------------------------------------------------------


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
        header = {
            "uuid": uuid,
            "device_id": device_id,
            "epoch": epoch,
            "seq": seq,
            "kind": kind,
            "actor": actor,
            "occurred_at": occurred_at,
            "dossier_uuid": dossier_uuid,
            "dossier_rev": dossier_rev,
            "prev_hash": prev,
        }
        header_json = _canonical(header)
        if sha256_hex((header_json + "\n" + payload_json).encode("utf-8")) != hash_:
            raise ChainProblem(seq, "nội dung không khớp mã băm")
        self.lines.append(event_line(header_json, hash_, payload_json))
        self.counts[kind] += 1
        if dossier_uuid:
            self.dossiers.add(dossier_uuid)
        self.head, self.last_seq = hash_, seq

    def jsonl(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode("utf-8") if self.lines else b""


def event_line(header_json: str, hash_: str, payload_json: str) -> str:
    """``canonical_json(EventRecord.to_plain())`` from the canonical header (what the hash covers), the
    hash and the stored canonical payload, without encoding anything again.

    The header's keys are sorted, so ``"hash"`` goes before ``"kind"`` and ``"payload"`` before
    ``"prev_hash"``; inside JSON strings every ``"`` is escaped, so ``,"kind":`` can only be the key.
    """
    kind = header_json.index(',"kind":')
    prev = header_json.index(',"prev_hash":', kind)
    return f'{header_json[:kind]},"hash":"{hash_}"{header_json[kind:prev]},"payload":{payload_json}{header_json[prev:]}'


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


# --- reading ---------------------------------------------------------------------------------------

_MANIFEST_FIELDS: dict[str, type | tuple[type, ...]] = {
    "format": str,
    "format_version": int,
    "agency_id": str,
    "unit_name": str,
    "device_id": str,
    "counter_no": int,
    "epoch": int,
    "batch": int,
    "first_seq": int,
    "last_seq": int,
    "event_count": int,
    "counts": dict,
    "dossier_count": int,
    "prev_head": str,
    "head": str,
    "payload": dict,
    "files": list,
    "app_version": str,
    "created_at": str,
    "signer": dict,
}


@dataclass(frozen=True)
class Manifest:
    """A manifest whose structure is valid (its signature is checked separately, against the enrolled key)."""

    document: signed.Document
    body: dict[str, Any]

    @property
    def file_name(self) -> str:
        return self.document.file_name

    @property
    def identity(self) -> BatchIdentity:
        b = self.body
        return BatchIdentity(
            b["agency_id"],
            b["device_id"],
            b["epoch"],
            b["batch"],
            b["first_seq"],
            b["last_seq"],
            b["prev_head"],
            b["head"],
        )

    @property
    def device_id(self) -> str:
        return str(self.body["device_id"])

    @property
    def epoch(self) -> int:
        return int(self.body["epoch"])

    @property
    def batch(self) -> int:
        return int(self.body["batch"])

    @property
    def counter_no(self) -> int:
        return int(self.body["counter_no"])

    @property
    def signer_key(self) -> str:
        return str(self.body["signer"].get("key", ""))

    @property
    def files(self) -> list[dict[str, Any]]:
        return list(self.body["files"])

    def describe(self) -> str:
        b = self.body
        return f"gói {b['batch']} của quầy {b['counter_no']} (máy {b['device_id']}, sự kiện {b['first_seq']}–{b['last_seq']})"

    def payload_for(self, fingerprint: str) -> dict[str, Any] | None:
        for entry in self.files:
            recipient = entry.get("recipient")
            if (
                entry.get("role") == "payload"
                and isinstance(recipient, dict)
                and recipient.get("fingerprint") == fingerprint
            ):
                return entry
        return None


def read_manifest(data: bytes, file_name: str) -> Manifest:
    """Checks the manifest's form, version and internal consistency (not yet its signature)."""
    document = signed.load(data, file_name, BODY_KEY, what=WHAT)
    body = document.body
    if body.get("format") != FORMAT:
        raise reject(file_name, "không phải tệp kê khai gói dữ liệu của Một cửa Desktop.")
    version = body.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise reject(file_name, "thiếu phiên bản định dạng.")
    if version > FORMAT_VERSION:
        raise reject(
            file_name,
            f"gói theo định dạng phiên bản {version}, chương trình này chỉ đọc đến phiên bản {FORMAT_VERSION}.",
            "Hãy cập nhật Một cửa Desktop lên phiên bản mới nhất rồi nhập lại.",
        )
    if version < OLDEST_ACCEPTED_VERSION:
        raise reject(
            file_name,
            f"gói theo định dạng cũ (phiên bản {version}) không còn được chấp nhận.",
            "Yêu cầu quầy gửi xuất lại bằng phiên bản hiện hành.",
        )
    signed.require(body, file_name, _MANIFEST_FIELDS, what=WHAT)
    first, last, count = body["first_seq"], body["last_seq"], body["event_count"]
    if not (1 <= first <= last) or count != last - first + 1 or body["epoch"] < 1 or body["batch"] < 1:
        raise reject(file_name, f"khoảng sự kiện {first}–{last} không khớp số sự kiện {count}.")
    if not (_HEX64.match(body["prev_head"]) and _HEX64.match(body["head"])):
        raise reject(file_name, "mã băm đầu/cuối chuỗi không hợp lệ.")
    if sum(v for v in body["counts"].values() if isinstance(v, int)) != count:
        raise reject(file_name, "số sự kiện theo loại không khớp tổng số sự kiện.")
    payload = body["payload"]
    signed.require(
        payload, file_name, {"size": int, "sha256": str, "compression": str, "encoding": str}, what="phần dữ liệu"
    )
    names = set()
    for entry in body["files"]:
        if not isinstance(entry, dict):
            raise reject(file_name, "danh sách tệp không hợp lệ.")
        signed.require(entry, file_name, {"name": str, "role": str, "size": int, "sha256": str}, what="mục tệp")
        name = entry["name"]
        if not _SAFE_NAME.match(name) or name.endswith(MANIFEST_SUFFIX) or name in names or ".." in name:
            raise reject(file_name, f"tên tệp «{name}» trong gói không hợp lệ.")
        names.add(name)
    if not any(e["role"] == "payload" for e in body["files"]):
        raise reject(file_name, "gói không có phần dữ liệu đã mã hóa.")
    return Manifest(document, body)


def check_file(manifest: Manifest, entry: dict[str, Any], data: bytes) -> None:
    if len(data) != entry["size"] or sha256_hex(data) != entry["sha256"]:
        raise reject(
            entry["name"],
            f"không khớp với tệp kê khai ({manifest.describe()}): tệp bị cắt cụt, bị sửa hoặc chép chưa xong.",
            "Hãy chép lại cả gói từ USB gốc hoặc yêu cầu quầy xuất lại.",
        )


def open_payload(manifest: Manifest, entry: dict[str, Any], sealed: bytes, private_key: X25519PrivateKey) -> bytes:
    """Decrypts and decompresses this recipient's payload; returns the JSON Lines."""
    fingerprint = entry["recipient"]["fingerprint"]
    try:
        compressed = envelope.open_sealed(sealed, private_key, manifest.identity.sealing_context(fingerprint))
    except envelope.EnvelopeError as exc:
        raise reject(entry["name"], exc.message) from None
    limit = min(int(manifest.body["payload"]["size"]), MAX_PLAINTEXT_BYTES)
    try:
        inflater = zlib.decompressobj(wbits=31)
        plaintext = inflater.decompress(compressed, limit + 1)
        complete = inflater.eof and not inflater.unconsumed_tail
    except zlib.error:
        plaintext, complete = b"", False
    if not complete or len(plaintext) != manifest.body["payload"]["size"]:
        raise reject(entry["name"], "dữ liệu sau giải mã không đúng kích thước đã kê khai.")
    if sha256_hex(plaintext) != manifest.body["payload"]["sha256"]:
        raise reject(entry["name"], "dữ liệu sau giải mã không khớp mã băm đã kê khai.")
    return plaintext


def parse_events(manifest: Manifest, jsonl: bytes, *, source: str) -> list[EventRecord]:
    """The events of the payload, each hash recomputed, the chain walked from ``prev_head`` to ``head``."""
    body = manifest.body
    events = parse_event_lines(jsonl, source=source)
    if len(events) != body["event_count"]:
        raise reject(source, f"có {len(events)} sự kiện, tệp kê khai ghi {body['event_count']}.")
    for event in events:
        if event.device_id != body["device_id"] or event.epoch != body["epoch"]:
            raise reject(source, f"sự kiện {event.seq} không thuộc máy {body['device_id']}, kỷ nguyên {body['epoch']}.")
    broken = verify_chain(events, start_prev=body["prev_head"], start_seq=body["first_seq"])
    if broken is not None:
        raise reject(source, f"chuỗi sự kiện hỏng tại sự kiện số {broken.seq}: {broken.problem}.")
    if events[-1].hash != body["head"]:
        raise reject(source, "sự kiện cuối không khớp mã băm cuối chuỗi trong tệp kê khai.")
    counts = Counter(e.kind for e in events)
    if dict(counts) != {k: v for k, v in body["counts"].items() if v}:
        raise reject(source, "số sự kiện theo loại không khớp tệp kê khai.")
    return events


def parse_event_lines(jsonl: bytes, *, source: str) -> list[EventRecord]:
    """Events of canonical JSON Lines (their hashes are checked by ``verify_chain``)."""
    try:
        text = jsonl.decode("utf-8")
    except UnicodeDecodeError:
        raise reject(source, "dữ liệu sự kiện không phải văn bản UTF-8.") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [_event(line, source, number) for number, line in enumerate(lines, start=1)]


def _event(line: str, source: str, number: int) -> EventRecord:
    try:
        data = json.loads(line)
        if not isinstance(data, dict) or set(data) != _EVENT_KEYS:
            raise ValueError
        event = EventRecord(
            uuid=_text(data["uuid"]),
            device_id=_text(data["device_id"]),
            epoch=_int(data["epoch"]),
            seq=_int(data["seq"]),
            kind=_text(data["kind"]),
            actor=_text(data["actor"]),
            occurred_at=from_iso(_text(data["occurred_at"])),
            payload=_dict(data["payload"]),
            dossier_uuid=None if data["dossier_uuid"] is None else _text(data["dossier_uuid"]),
            dossier_rev=None if data["dossier_rev"] is None else _int(data["dossier_rev"]),
            prev_hash=_text(data["prev_hash"]),
            hash=_text(data["hash"]),
        )
    except (ValueError, TypeError, KeyError):
        raise reject(source, f"dòng {number} không phải một sự kiện hợp lệ.") from None
    return event


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError
    return value


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError
    return value


def plain_events(events: Iterable[EventRecord]) -> bytes:
    """Canonical JSON Lines of parsed events (the decrypted form written by ``motcua upstream decrypt``)."""
    return "".join(canonical_json(e.to_plain()) + "\n" for e in events).encode("utf-8")
