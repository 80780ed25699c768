"""Private keys kept on this PC, never exported, never in clear text where the platform can help.

On Windows the key bytes are protected with DPAPI (``CryptProtectData``, tied to the Windows
user); elsewhere they live in a file readable by this user only (0600 in a 0700 folder).

Key files are binary and written in binary mode through ``fileio.write_atomic``. Versions before
that opened them in Windows' text mode, which stored every LF as CR LF; such a file is recognised
by its ``DPAPI1\r\n`` / ``RAW1\r\n`` start, translated back exactly (text mode only ever inserts
a CR before each LF) and rewritten correctly, so the PC keeps its identity.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from motcua_desktop import fileio
from motcua_desktop.domain.errors import KnownError

log = logging.getLogger("motcua.keystore")

DPAPI_MAGIC = b"DPAPI1\n"
PLAIN_MAGIC = b"RAW1\n"
_TEXT_MODE_MAGICS = (b"DPAPI1\r\n", b"RAW1\r\n")  # written by the text-mode bug (see the docstring)


class KeyStoreError(KnownError):
    pass


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover - Windows only
    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    buffer = ctypes.create_string_buffer(data, len(data))
    blob_in = _Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    blob_out = _Blob()
    function = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    ok = function(ctypes.byref(blob_in), None, None, None, None, 0x1, ctypes.byref(blob_out))  # UI_FORBIDDEN
    if not ok:
        raise KeyStoreError(
            "Windows không bảo vệ/mở được khóa của máy (DPAPI). Đăng nhập đúng tài khoản Windows đã cài đặt."
        )
    try:
        return ctypes.string_at(blob_out.pbData, blob_out.cbData)
    finally:
        kernel32.LocalFree(blob_out.pbData)


def _protect(raw: bytes) -> bytes:
    if sys.platform == "win32":  # pragma: no cover
        return DPAPI_MAGIC + _dpapi(raw, protect=True)
    return PLAIN_MAGIC + raw


def _unprotect(stored: bytes) -> bytes:
    if stored.startswith(DPAPI_MAGIC):  # pragma: no cover
        return _dpapi(stored[len(DPAPI_MAGIC) :], protect=False)
    if stored.startswith(PLAIN_MAGIC):
        return stored[len(PLAIN_MAGIC) :]
    raise KeyStoreError("Tệp khóa của máy bị hỏng hoặc không đúng định dạng.")


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path.parent, 0o700)
    try:
        fileio.write_atomic(path, data, mode=0o600)
    except OSError as exc:
        raise KeyStoreError(f"Không ghi được tệp khóa «{path.name}» ({fileio.reason(exc)}).") from exc


def _read_private(path: Path) -> bytes:
    """The stored bytes; a file damaged by the old text-mode writes is repaired in place."""
    try:
        stored = fileio.read_bytes(path)
    except OSError as exc:
        raise KeyStoreError(f"Không đọc được tệp khóa «{path.name}» ({fileio.reason(exc)}).") from exc
    if stored.startswith(_TEXT_MODE_MAGICS):
        repaired = stored.replace(b"\r\n", b"\n")
        log.warning("key file %s was written in text mode (CR LF); repaired", path.name)
        _write_private(path, repaired)
        return repaired
    return stored


def load_or_create_signing_key(path: Path) -> Ed25519PrivateKey:
    """The device's Ed25519 key at ``path`` (created on first use)."""
    if path.exists():
        raw = _unprotect(_read_private(path))
        if len(raw) != 32:
            raise KeyStoreError("Tệp khóa của máy bị hỏng.")
        return Ed25519PrivateKey.from_private_bytes(raw)
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    _write_private(path, _protect(raw))
    return key


def store_secret(path: Path, raw: bytes) -> None:
    """Any other private key material (e.g. an upstream office's decryption key)."""
    _write_private(path, _protect(raw))


def load_secret(path: Path) -> bytes:
    if not path.exists():
        raise KeyStoreError(f"Không tìm thấy tệp khóa «{path}».")
    return _unprotect(_read_private(path))
