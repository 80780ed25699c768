"""Ed25519 signatures over canonical bytes (manifests, acknowledgements)."""

from __future__ import annotations

import base64

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from motcua_desktop.domain.errors import KnownError


class SignatureError(KnownError):
    pass


def sign(key: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(key.sign(data)).decode("ascii")


def verify(public_key: Ed25519PublicKey, data: bytes, signature: str, *, what: str = "tệp") -> None:
    try:
        public_key.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError):
        raise SignatureError(f"Chữ ký của {what} không hợp lệ: nội dung đã bị sửa hoặc không do máy này ký.") from None
