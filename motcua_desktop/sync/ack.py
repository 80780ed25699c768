"""Acknowledgements: the upstream office's signed statement "I hold device D, epoch e, up to seq N"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from motcua_desktop.crypto import keys
from motcua_desktop.domain.vntime import iso
from motcua_desktop.sync import signed
from motcua_desktop.sync.package import ascii_part
from motcua_desktop.sync.signed import reject

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "motcua-sync-ack"
FORMAT_VERSION = 1
SUFFIX = ".ack.json"
BODY_KEY = "ack"
WHAT = "tệp xác nhận"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Ack:
    device_id: str
    epoch: int
    acked_seq: int
    head: str  # hash of the event at acked_seq: the upstream holds exactly this history
    batch: int
    issuer_name: str
    issuer_key: str
    created_at: str
    file_name: str = ""

    @property
    def issuer_fingerprint(self) -> str:
        return keys.fingerprint(self.issuer_key)


def ack_name(device_id: str, epoch: int, acked_seq: int) -> str:
    return f"{ascii_part(device_id)}_e{epoch}_ack_{acked_seq:09d}{SUFFIX}"


def build_ack(
    *,
    device_id: str,
    epoch: int,
    acked_seq: int,
    head: str,
    batch: int,
    issuer_name: str,
    created_at: datetime,
    signing_key: Ed25519PrivateKey,
) -> tuple[str, bytes]:
    public = keys.ed25519_public_text(signing_key.public_key())
    body: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "device_id": device_id,
        "epoch": epoch,
        "acked_seq": acked_seq,
        "head": head,
        "batch": batch,
        "issuer": {"name": issuer_name, "key": public, "fingerprint": keys.fingerprint(public)},
        "created_at": iso(created_at),
    }
    return ack_name(device_id, epoch, acked_seq), signed.dump(BODY_KEY, body, signing_key)


def read_ack(data: bytes, file_name: str) -> tuple[Ack, signed.Document]:
    """Checks the form of an acknowledgement (its signature is checked against the configured key)."""
    document = signed.load(data, file_name, BODY_KEY, what=WHAT)
    body = document.body
    if body.get("format") != FORMAT:
        raise reject(file_name, "không phải tệp xác nhận của cơ quan cấp trên.")
    if body.get("format_version") != FORMAT_VERSION:
        raise reject(file_name, f"phiên bản tệp xác nhận «{body.get('format_version')}» không được hỗ trợ.")
    signed.require(
        body,
        file_name,
        {
            "device_id": str,
            "epoch": int,
            "acked_seq": int,
            "head": str,
            "batch": int,
            "issuer": dict,
            "created_at": str,
        },
        what=WHAT,
    )
    issuer = body["issuer"]
    signed.require(issuer, file_name, {"name": str, "key": str}, what=WHAT)
    if body["acked_seq"] < 1 or body["epoch"] < 1 or not _HEX64.match(body["head"]):
        raise reject(file_name, "nội dung xác nhận không hợp lệ.")
    ack = Ack(
        body["device_id"],
        body["epoch"],
        body["acked_seq"],
        body["head"],
        body["batch"],
        issuer["name"],
        issuer["key"],
        body["created_at"],
        file_name,
    )
    return ack, document


def is_ack(data: bytes) -> bool:
    return data.lstrip().startswith(b'{"' + BODY_KEY.encode() + b'":')
