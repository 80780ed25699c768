"""Sealing bytes for one recipient: RFC 9180 HPKE base mode, X25519 / HKDF-SHA256 / AES-256-GCM.

``context`` (HPKE ``info``) binds the ciphertext to what it belongs to (e.g. the manifest's
identity), so a payload cannot be swapped between packages. Any change to the sealed bytes
or the context makes opening fail.

Two forms:

- ``seal``/``open_sealed`` (``MCD-HPKE-1``): one HPKE message, for what fits in memory (packages).
- ``seal_stream``/``open_stream`` (``MCD-HPKE-S1``): for database backups, which may be gigabytes
  on a 4 GB PC. A random 256-bit file key is sealed with HPKE; the file is then encrypted in
  1 MiB chunks with AES-256-GCM under that key (the STREAM construction: the nonce is the chunk's
  number and a last-chunk flag, the HPKE context is every chunk's associated data), so memory
  stays at one chunk, and a reordered, dropped, truncated or extended chunk makes opening fail.
  Layout: magic, sealed file key (u32 length + bytes), chunk size (u32), chunks.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from motcua_desktop.domain.errors import KnownError

MAGIC = b"MCD-HPKE-1\n"
STREAM_MAGIC = b"MCD-HPKE-S1\n"
STREAM_CHUNK = 1 << 20
_TAG = 16
_LAST = 1
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


def seal_stream(source: BinaryIO, out: BinaryIO, recipient: X25519PublicKey, context: bytes) -> int:
    """Seals everything ``source`` yields into ``out`` chunk by chunk; returns the plaintext size."""
    file_key = os.urandom(32)
    sealed_key = SUITE.encrypt(file_key, recipient, info=context)
    out.write(STREAM_MAGIC + struct.pack(">I", len(sealed_key)) + sealed_key + struct.pack(">I", STREAM_CHUNK))
    aead = AESGCM(file_key)
    total, index = 0, 0
    chunk = source.read(STREAM_CHUNK)
    while True:
        following = source.read(STREAM_CHUNK) if len(chunk) == STREAM_CHUNK else b""
        last = not following
        out.write(aead.encrypt(_nonce(index, last), chunk, context))
        total += len(chunk)
        if last:
            return total
        chunk, index = following, index + 1


def open_stream(source: BinaryIO, out: BinaryIO, private_key: X25519PrivateKey, context: bytes) -> int:
    """Opens what ``seal_stream`` wrote (or, for older backups, one ``MCD-HPKE-1`` message) into
    ``out``; returns the plaintext size. Raises ``EnvelopeError`` on any change or truncation."""
    head = source.read(len(STREAM_MAGIC))
    if not head.startswith(MAGIC) and head != STREAM_MAGIC:
        raise EnvelopeError("Dữ liệu không phải tệp đã mã hóa của Một cửa Desktop (sai định dạng).")
    if head != STREAM_MAGIC:  # an older backup: one message, opened in memory as it was written
        plain = open_sealed(head + source.read(), private_key, context)
        out.write(plain)
        return len(plain)
    try:
        (key_length,) = struct.unpack(">I", _exactly(source, 4))
        sealed_key = _exactly(source, key_length)
        (chunk_size,) = struct.unpack(">I", _exactly(source, 4))
        if not 0 < chunk_size <= 64 * STREAM_CHUNK:
            raise ValueError("chunk size")
        file_key = SUITE.decrypt(sealed_key, private_key, info=context)
    except (InvalidTag, ValueError, struct.error):
        raise _damaged() from None
    aead = AESGCM(file_key)
    total, index = 0, 0
    sealed = source.read(chunk_size + _TAG)
    while True:
        following = source.read(chunk_size + _TAG) if len(sealed) == chunk_size + _TAG else b""
        last = not following
        try:
            chunk = aead.decrypt(_nonce(index, last), sealed, context)
        except (InvalidTag, ValueError):
            raise _damaged() from None
        out.write(chunk)
        total += len(chunk)
        if last:
            return total
        sealed, index = following, index + 1


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + bytes([_LAST if last else 0])


def _exactly(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise ValueError("truncated")
    return data


def _damaged() -> EnvelopeError:
    return EnvelopeError(
        "Không giải mã được: tệp đã bị sửa, bị cắt cụt hoặc hỏng, không thuộc gói này, hoặc không phải gửi cho khóa này."
    )
