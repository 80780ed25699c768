"""Private keys kept on this PC, never exported, never in clear text where the platform can help.

On Windows the key bytes are protected with DPAPI (``CryptProtectData``): tied to the Windows user
when the data folder is that user's own, tied to the PC (``CRYPTPROTECT_LOCAL_MACHINE``) when the
installer chose a data folder shared by every account of the PC (``machine=True``; the folder's
permissions then keep other people out). A key protected for one user is re-protected for the PC
the first time that user opens the shared folder. Elsewhere keys live in a file readable by this
user only (0600 in a 0700 folder).

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

DPAPI_MAGIC = b"DPAPI1\n"  # user scope
DPAPI_MACHINE_MAGIC = b"DPAPIM1\n"  # machine scope: every account of this PC
PLAIN_MAGIC = b"RAW1\n"
_UI_FORBIDDEN = 0x1
_LOCAL_MACHINE = 0x4
_TEXT_MODE_MAGICS = (b"DPAPI1\r\n", b"RAW1\r\n")  # written by the text-mode bug (see the docstring)


class KeyStoreError(KnownError):
    pass


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _use_dpapi() -> bool:
    return sys.platform == "win32"


def _dpapi(data: bytes, *, protect: bool, flags: int = _UI_FORBIDDEN) -> bytes:  # pragma: no cover - Windows only
    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    buffer = ctypes.create_string_buffer(data, len(data))
    blob_in = _Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    blob_out = _Blob()
    function = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    ok = function(ctypes.byref(blob_in), None, None, None, None, flags, ctypes.byref(blob_out))
    if not ok:
        raise KeyStoreError(
            "Windows không bảo vệ/mở được khóa của máy (DPAPI). Khóa được bảo vệ cho tài khoản Windows đã thiết lập "
            "chương trình: hãy đăng nhập Windows bằng tài khoản đó (với dữ liệu dùng chung cho mọi tài khoản, mở "
            "chương trình một lần bằng tài khoản đó để chuyển khóa sang chế độ dùng chung)."
        )
    try:
        return ctypes.string_at(blob_out.pbData, blob_out.cbData)
    finally:
        kernel32.LocalFree(blob_out.pbData)


def _protect(raw: bytes, *, machine: bool = False) -> bytes:
    if _use_dpapi():
        if machine:
            return DPAPI_MACHINE_MAGIC + _dpapi(raw, protect=True, flags=_UI_FORBIDDEN | _LOCAL_MACHINE)
        return DPAPI_MAGIC + _dpapi(raw, protect=True)
    return PLAIN_MAGIC + raw


def _unprotect(stored: bytes) -> bytes:
    for magic in (DPAPI_MACHINE_MAGIC, DPAPI_MAGIC):
        if stored.startswith(magic):
            return _dpapi(stored[len(magic) :], protect=False)
    if stored.startswith(PLAIN_MAGIC):
        return stored[len(PLAIN_MAGIC) :]
    raise KeyStoreError("Tệp khóa của máy bị hỏng hoặc không đúng định dạng.")


def _load(path: Path, *, machine: bool) -> bytes:
    """The key bytes; a user-scoped key in a machine folder is re-protected for the PC."""
    stored = _read_private(path)
    raw = _unprotect(stored)
    if machine and stored.startswith(DPAPI_MAGIC):
        _write_private(path, _protect(raw, machine=True))
        log.info("key file %s re-protected for every account of this PC", path.name)
    return raw


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


def load_or_create_signing_key(path: Path, *, machine: bool = False) -> Ed25519PrivateKey:
    """The device's Ed25519 key at ``path`` (created on first use); ``machine``: the data folder is
    shared by every Windows account of the PC."""
    if path.exists():
        raw = _load(path, machine=machine)
        if len(raw) != 32:
            raise KeyStoreError("Tệp khóa của máy bị hỏng.")
        return Ed25519PrivateKey.from_private_bytes(raw)
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    _write_private(path, _protect(raw, machine=machine))
    return key


def store_secret(path: Path, raw: bytes, *, machine: bool = False) -> None:
    """Any other private key material (e.g. an upstream office's decryption key)."""
    _write_private(path, _protect(raw, machine=machine))


def load_secret(path: Path, *, machine: bool = False) -> bytes:
    if not path.exists():
        raise KeyStoreError(f"Không tìm thấy tệp khóa «{path}».")
    return _load(path, machine=machine)
