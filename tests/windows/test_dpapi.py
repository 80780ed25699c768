"""DPAPI as Windows applies it, imitated: a user-scoped blob opens only for the user who made it;
a machine-scoped one (``CRYPTPROTECT_LOCAL_MACHINE``) for every account of the PC.

With the office's data shared by every Windows account (finding 4), keys protected for one user
would lock the others out of signing, export and sync; they are protected for the PC instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_desktop import paths
from motcua_desktop.crypto import keystore
from motcua_desktop.crypto.keystore import KeyStoreError, load_or_create_signing_key, load_secret, store_secret
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.storage import Store


class FakeDpapi:
    """CryptProtectData / CryptUnprotectData with the scope rules, for whoever is "signed in"."""

    def __init__(self) -> None:
        self.user = "Lan"
        self.flags: list[int] = []

    def __call__(self, data: bytes, *, protect: bool, flags: int = 1) -> bytes:
        if protect:
            self.flags.append(flags)
            scope = b"PC" if flags & 0x4 else self.user.encode()
            return scope + b"|" + bytes(b ^ 0x5A for b in data)
        scope, _, body = data.partition(b"|")
        if scope not in (b"PC", self.user.encode()):
            raise KeyStoreError("Windows không bảo vệ/mở được khóa của máy (DPAPI).")
        return bytes(b ^ 0x5A for b in body)


@pytest.fixture
def dpapi(monkeypatch: pytest.MonkeyPatch) -> FakeDpapi:
    fake = FakeDpapi()
    monkeypatch.setattr(keystore, "_use_dpapi", lambda: True)
    monkeypatch.setattr(keystore, "_dpapi", fake)
    return fake


def test_a_users_own_folder_keeps_user_scoped_keys(tmp_path: Path, dpapi: FakeDpapi) -> None:
    key_file = tmp_path / "keys" / "receive.key"
    store_secret(key_file, b"khoa-bi-mat")
    assert key_file.read_bytes().startswith(keystore.DPAPI_MAGIC) and dpapi.flags == [1]
    assert b"khoa-bi-mat" not in key_file.read_bytes()
    dpapi.user = "Hùng"
    with pytest.raises(KeyStoreError):
        load_secret(key_file)


def test_a_shared_folder_protects_keys_for_the_pc(tmp_path: Path, dpapi: FakeDpapi) -> None:
    key_file = tmp_path / "keys" / "device.key"
    key = load_or_create_signing_key(key_file, machine=True)
    assert key_file.read_bytes().startswith(keystore.DPAPI_MACHINE_MAGIC) and dpapi.flags == [1 | 4]
    dpapi.user = "Hùng"
    assert load_or_create_signing_key(key_file, machine=True).public_key() == key.public_key()


def test_moving_to_the_shared_folder_re_protects_the_first_users_keys(tmp_path: Path, dpapi: FakeDpapi) -> None:
    key_file = tmp_path / "keys" / "receive.key"
    store_secret(key_file, b"khoa")  # made by Lan in her own folder, before the shared installation
    dpapi.user = "Hùng"
    with pytest.raises(KeyStoreError):
        load_secret(key_file, machine=True)  # Hùng first: the message says to open once as that user
    dpapi.user = "Lan"
    assert load_secret(key_file, machine=True) == b"khoa"
    assert key_file.read_bytes().startswith(keystore.DPAPI_MACHINE_MAGIC)
    dpapi.user = "Hùng"
    assert load_secret(key_file, machine=True) == b"khoa"


def test_the_pc_keys_follow_the_installers_choice(store: Store, dpapi: FakeDpapi, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(paths, "machine_data_dir", lambda folder=None: store.path.parent)
    sync_keys.signing_key(store)
    sync_keys.receive_key(store)
    assert dpapi.flags == [5, 5]


def test_without_dpapi_keys_are_private_files(tmp_path: Path) -> None:
    """The fallback off Windows: the raw key in a file only this user may read."""
    key_file = tmp_path / "keys" / "receive.key"
    store_secret(key_file, b"khoa", machine=True)
    assert key_file.read_bytes() == keystore.PLAIN_MAGIC + b"khoa"
