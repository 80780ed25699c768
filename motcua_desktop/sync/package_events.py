"""The events of an opened payload: parsed strictly, re-hashed, and their chain checked against the manifest.

Also the plain JSON Lines the upstream tool writes after decrypting.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from motcua_desktop.domain.events import EventRecord, verify_chain
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.vntime import from_iso
from motcua_desktop.sync.package_read import Manifest
from motcua_desktop.sync.signed import reject

_EVENT_KEYS = frozenset(
    {"actor", "device_id", "dossier_rev", "dossier_uuid", "epoch", "hash", "kind", "occurred_at", "payload"}
    | {"prev_hash", "seq", "uuid"}
)


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
