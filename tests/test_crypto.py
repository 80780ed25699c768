from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from motcua_desktop.crypto.envelope import EnvelopeError, open_sealed, seal
from motcua_desktop.crypto.keys import (
    ed25519_public_text,
    fingerprint,
    new_encryption_key,
    parse_ed25519_public,
    parse_x25519_public,
    x25519_public_text,
)
from motcua_desktop.crypto.keystore import load_or_create_signing_key
from motcua_desktop.crypto.signing import SignatureError, sign, verify
from motcua_desktop.domain.errors import ValidationError


def test_sealed_data_opens_only_with_the_right_key_and_context() -> None:
    key = new_encryption_key()
    public = parse_x25519_public(x25519_public_text(key.public_key()))
    blob = seal("Nguyễn Văn An 038087042028".encode(), public, b"goi-17")
    assert b"038087042028" not in blob
    assert open_sealed(blob, key, b"goi-17").decode() == "Nguyễn Văn An 038087042028"
    with pytest.raises(EnvelopeError):
        open_sealed(blob, key, b"goi-18")
    with pytest.raises(EnvelopeError):
        open_sealed(blob, new_encryption_key(), b"goi-17")
    flipped = bytearray(blob)
    flipped[-5] ^= 1
    with pytest.raises(EnvelopeError):
        open_sealed(bytes(flipped), key, b"goi-17")


def test_signatures_and_fingerprints(tmp_path: Path) -> None:
    key = load_or_create_signing_key(tmp_path / "keys" / "device.key")
    assert load_or_create_signing_key(tmp_path / "keys" / "device.key").public_key() == key.public_key()
    text = ed25519_public_text(key.public_key())
    public = parse_ed25519_public(text)
    signature = sign(key, b"manifest")
    verify(public, b"manifest", signature)
    with pytest.raises(SignatureError):
        verify(public, b"manifest!", signature)
    assert len(fingerprint(text)) == 19
    with pytest.raises(ValidationError):
        parse_x25519_public(text)  # a signing key is not an encryption key


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_key_file_is_private(tmp_path: Path) -> None:
    load_or_create_signing_key(tmp_path / "keys" / "device.key")
    assert stat.S_IMODE(os.stat(tmp_path / "keys" / "device.key").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "keys").st_mode) == 0o700
