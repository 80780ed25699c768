"""Sealing bytes for one recipient: RFC 9180 HPKE base mode, X25519 / HKDF-SHA256 / AES-256-GCM.

``context`` (HPKE ``info``) binds the ciphertext to what it belongs to (e.g. the manifest's
identity), so a payload cannot be swapped between packages. Any change to the sealed bytes
or the context makes opening fail.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from motcua_desktop.domain.errors import KnownError

MAGIC = b"MCD-HPKE-1\n"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
SUITE_NAME = "HPKE-Base-X25519-HKDF-SHA256-AES-256-GCM"


class EnvelopeError(KnownError):
    pass


def seal(plaintext: bytes, recipient: X25519PublicKey, context: bytes) -> bytes:
    return MAGIC + SUITE.encrypt(plaintext, recipient, info=context)


def open_sealed(blob: bytes, private_key: X25519PrivateKey, context: bytes) -> bytes:
    if not blob.startswith(MAGIC):
        raise EnvelopeError("Dữ liệu không phải tệp đã mã hóa của Một cửa Desktop (sai định dạng).")
    try:
        return SUITE.decrypt(blob[len(MAGIC) :], private_key, info=context)
    except (InvalidTag, ValueError):
        raise EnvelopeError(
            "Không giải mã được: tệp đã bị sửa hoặc hỏng, không thuộc gói này, hoặc không phải gửi cho khóa này."
        ) from None
