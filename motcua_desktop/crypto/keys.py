"""Public keys as short text a person can copy, compare and print: ``x25519:<base64>``, ``ed25519:<base64>``."""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from motcua_desktop.domain.errors import Field, ValidationError

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, field: Field) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raise ValidationError(
            field, "không đúng dạng base64.", "Sao chép nguyên văn khóa, không thêm bớt ký tự."
        ) from None


def x25519_public_text(key: X25519PublicKey) -> str:
    return "x25519:" + _b64(key.public_bytes(_RAW, _RAW_PUB))


def x25519_private_text(key: X25519PrivateKey) -> str:
    return "x25519-private:" + _b64(key.private_bytes(_RAW, _RAW_PRIV, _NO_ENC))


def ed25519_public_text(key: Ed25519PublicKey) -> str:
    return "ed25519:" + _b64(key.public_bytes(_RAW, _RAW_PUB))


def parse_x25519_public(
    text: str, *, field: Field = Field("upstream_key", "Khóa công khai của cơ quan cấp trên")
) -> X25519PublicKey:
    prefix, _, body = (text or "").strip().partition(":")
    raw = _unb64(body, field) if prefix == "x25519" else b""
    if len(raw) != 32:
        raise ValidationError(
            field, "không phải khóa công khai mã hóa (x25519:…).", "Dùng tệp khóa do cơ quan cấp trên cung cấp."
        )
    return X25519PublicKey.from_public_bytes(raw)


def parse_x25519_private(text: str, *, field: Field = Field("private_key", "Khóa bí mật")) -> X25519PrivateKey:
    prefix, _, body = (text or "").strip().partition(":")
    raw = _unb64(body, field) if prefix == "x25519-private" else b""
    if len(raw) != 32:
        raise ValidationError(field, "không phải khóa bí mật giải mã (x25519-private:…).")
    return X25519PrivateKey.from_private_bytes(raw)


def parse_ed25519_public(text: str, *, field: Field = Field("signing_key", "Khóa ký của máy")) -> Ed25519PublicKey:
    prefix, _, body = (text or "").strip().partition(":")
    raw = _unb64(body, field) if prefix == "ed25519" else b""
    if len(raw) != 32:
        raise ValidationError(field, "không phải khóa ký (ed25519:…).")
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(public_text: str) -> str:
    """Short, readable fingerprint for comparing keys by eye or phone: ``3F2A-91C0-…`` (16 hex)."""
    digest = hashlib.sha256(public_text.strip().encode("ascii")).hexdigest().upper()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def new_encryption_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()
