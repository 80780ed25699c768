"""The office hub's wire format: each event as the USB package's line, signed by the device that wrote it.

A row the hub stores for an event is its canonical JSON line (exactly the line of a package's JSON
Lines, ``docs/export-format.md`` §2) with the columns a server needs to keep it in order (device,
epoch, sequence, uuid, previous hash, hash) and the Ed25519 signature, by the writing device's key,
of ``"motcua-hub-event/1\\n" + hash``. The hash covers every field and the link to the previous
event, so the signature vouches for the event and, through the chain, for all before it.

A reader trusts none of the columns: it parses the line strictly, checks that the columns agree with
it, checks the signature against the key **enrolled** for the device (never one the hub supplies with
the row), and then walks the chain (``domain.events.verify_chain``). A hub that is restored, edited or
compromised can withhold events, never forge or alter one.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature

from motcua_desktop.crypto import keys
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.events import EventRecord, verify_chain
from motcua_desktop.sync.package import EventLines, parse_event_lines
from motcua_desktop.sync.signed import Rejected

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SIGNATURE_CONTEXT = b"motcua-hub-event/1\n"
SOURCE = "máy chủ văn phòng"


class PeerRefused(KnownError):
    """Another counter's events (or key card) on the hub cannot be taken; nothing of them was written.
    The other counters' events still are."""

    def __init__(self, counter: str, problem: str, fix: str = "") -> None:
        super().__init__(f"Dữ liệu của {counter} trên {SOURCE}: {problem}{' ' + fix if fix else ''}")
        self.problem = problem


@dataclass(frozen=True)
class WireEvent:
    """An event ready for the hub (or as read from it)."""

    device_id: str
    epoch: int
    seq: int
    uuid: str
    prev_hash: str
    hash: str
    line: str
    signature: str


def sign_hash(key: Ed25519PrivateKey, hash_: str) -> str:
    return base64.b64encode(key.sign(SIGNATURE_CONTEXT + hash_.encode("ascii"))).decode("ascii")


def outgoing(rows: Sequence[Sequence[Any]], key: Ed25519PrivateKey, *, prev_head: str) -> list[WireEvent]:
    """This PC's stored rows (``SyncQueries.raw_events``) as signed wire events; every hash is
    recomputed and every link checked on the way, so a damaged database sends nothing."""
    if not rows:
        return []
    lines = EventLines.start(prev_head, int(rows[0][3]))
    out = []
    for row in rows:
        lines.add(row)
        uuid, device_id, epoch, seq, *_rest, prev, hash_ = row
        out.append(
            WireEvent(device_id, int(epoch), int(seq), uuid, prev, hash_, lines.lines[-1], sign_hash(key, hash_))
        )
    return out


def incoming(
    rows: Sequence[WireEvent], signing_key: str, *, device_id: str, epoch: int, first_seq: int
) -> list[EventRecord]:
    """Rows of one chain read from the hub, as events: each line parsed strictly and equal to its
    columns, each signature checked against ``signing_key`` (the device's enrolled key), the run
    contiguous from ``first_seq`` with every hash and inner link recomputed. Raises ``PeerRefused``."""
    where = f"máy {device_id}"
    public = keys.parse_ed25519_public(signing_key)
    try:
        events = parse_event_lines(("\n".join(r.line for r in rows) + "\n").encode("utf-8"), source=where)
    except Rejected as exc:
        raise PeerRefused(where, exc.problem) from None
    for row, event in zip(rows, events, strict=True):
        if (event.device_id, event.epoch, event.seq, event.uuid, event.prev_hash, event.hash) != (
            device_id,
            epoch,
            row.seq,
            row.uuid,
            row.prev_hash,
            row.hash,
        ) or (row.device_id, row.epoch) != (device_id, epoch):
            raise PeerRefused(where, f"sự kiện số {row.seq} không khớp các cột máy chủ lưu kèm (dữ liệu đã bị sửa).")
        try:
            public.verify(base64.b64decode(row.signature, validate=True), SIGNATURE_CONTEXT + row.hash.encode("ascii"))
        except (InvalidSignature, ValueError, binascii.Error):
            raise PeerRefused(
                where,
                f"chữ ký của sự kiện số {row.seq} không hợp lệ: không do máy đó ký hoặc đã bị sửa.",
                "Không nhận dữ liệu này; báo người quản trị máy chủ văn phòng.",
            ) from None
    if events:
        broken = verify_chain(events, start_prev=events[0].prev_hash, start_seq=first_seq)
        if broken is not None:
            raise PeerRefused(where, f"chuỗi sự kiện hỏng tại sự kiện số {broken.seq}: {broken.problem}.")
    return events
