"""Key cards: the public half of a PC's or an upstream office's keys, as a small signed file.

A card carries an Ed25519 signing key (verifies its packages or acknowledgements) and an X25519
encryption key (packages are sealed to it). It is signed with its own signing key, which proves the
holder made it and catches accidental edits; that it really comes from that PC or office is
established by comparing the fingerprints printed on both sides (phone or paper), as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from motcua_desktop.crypto import keys
from motcua_desktop.domain.errors import Field, KnownError
from motcua_desktop.domain.vntime import iso
from motcua_desktop.sync import signed
from motcua_desktop.sync.package import ascii_part
from motcua_desktop.sync.signed import reject

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "motcua-key-card"
FORMAT_VERSION = 1
SUFFIX = ".card.json"
BODY_KEY = "card"
WHAT = "thẻ khóa"
DEVICE = "device"
UPSTREAM = "upstream"


@dataclass(frozen=True)
class KeyCard:
    role: str  # "device" (a counter PC or consolidation point) | "upstream"
    name: str
    agency_id: str
    device_id: str
    counter_no: int
    signing_key: str  # ed25519:…
    encryption_key: str  # x25519:…
    created_at: str

    @property
    def signing_fingerprint(self) -> str:
        return keys.fingerprint(self.signing_key)

    @property
    def encryption_fingerprint(self) -> str:
        return keys.fingerprint(self.encryption_key)

    def describe(self) -> str:
        who = f"quầy {self.counter_no} (máy {self.device_id})" if self.role == DEVICE else "cơ quan cấp trên"
        return f"{self.name} – {who}"


def card_name(card_role: str, name: str, device_id: str) -> str:
    return f"{card_role}_{ascii_part(device_id or name)}{SUFFIX}"


def build_card(
    *,
    role: str,
    name: str,
    agency_id: str,
    device_id: str,
    counter_no: int,
    encryption_key: str,
    signing_key: Ed25519PrivateKey,
    created_at: datetime,
) -> bytes:
    body: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "role": role,
        "name": name,
        "agency_id": agency_id,
        "device_id": device_id,
        "counter_no": counter_no,
        "signing_key": keys.ed25519_public_text(signing_key.public_key()),
        "encryption_key": encryption_key,
        "created_at": iso(created_at),
    }
    return signed.dump(BODY_KEY, body, signing_key)


def read_card(data: bytes, file_name: str) -> KeyCard:
    document = signed.load(data, file_name, BODY_KEY, what=WHAT)
    body = document.body
    if body.get("format") != FORMAT or body.get("format_version") != FORMAT_VERSION:
        raise reject(file_name, "không phải thẻ khóa của Một cửa Desktop (hoặc phiên bản không hỗ trợ).")
    signed.require(
        body,
        file_name,
        {
            "role": str,
            "name": str,
            "agency_id": str,
            "device_id": str,
            "counter_no": int,
            "signing_key": str,
            "encryption_key": str,
            "created_at": str,
        },
        what=WHAT,
    )
    if body["role"] not in (DEVICE, UPSTREAM):
        raise reject(file_name, f"vai trò «{body['role']}» không hợp lệ.")
    try:
        keys.parse_x25519_public(body["encryption_key"], field=Field("encryption_key", "Khóa mã hóa trong thẻ"))
    except KnownError as exc:
        raise reject(file_name, exc.message) from None
    document.verify(body["signing_key"], what=WHAT)
    return KeyCard(
        body["role"],
        body["name"],
        body["agency_id"],
        body["device_id"],
        body["counter_no"],
        body["signing_key"],
        body["encryption_key"],
        body["created_at"],
    )


def is_card(data: bytes) -> bool:
    return data.lstrip().startswith(b'{"' + BODY_KEY.encode() + b'":')
