"""Where this counter keeps its hub connection: with its other secrets, never in the database.

The URL carries the counter role's password, so it is stored like the device's private keys
(``crypto.keystore``: DPAPI on Windows — for the PC when the data folder is shared by every
account — a 0600 file elsewhere) in ``<data>/keys/hub-connection.key``;
the server's certificate (public) beside it in ``hub-ca.crt`` when the administrator gave one, so
the connection verifies the server (``sslmode=verify-ca``) instead of only encrypting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from motcua_desktop import fileio

if TYPE_CHECKING:
    from motcua_desktop.storage import Store

CONNECTION_FILE = "hub-connection.key"
CA_FILE = "hub-ca.crt"


@dataclass(frozen=True)
class HubSettings:
    url: str
    ca_file: Path | None  # the server's certificate, when the connection verifies it


KEYS_FOLDER = "keys"  # ``services.sync.keys.KEYS_FOLDER``, the device's keys' folder (a test keeps them equal)


def _folder(store: Store) -> Path:
    # Not through ``services.sync.keys``: the window asks ``is_configured`` when it opens, which must not
    # load ``cryptography``; the key store is imported by ``load`` and ``save`` only.
    return store.path.parent / KEYS_FOLDER


def is_configured(store: Store) -> bool:
    return (_folder(store) / CONNECTION_FILE).exists()


def load(store: Store) -> HubSettings | None:
    from motcua_desktop.crypto import keystore
    from motcua_desktop.services.sync.keys import shared_by_every_account

    path = _folder(store) / CONNECTION_FILE
    if not path.exists():
        return None
    data = json.loads(keystore.load_secret(path, machine=shared_by_every_account(store)).decode("utf-8"))
    ca = _folder(store) / CA_FILE
    return HubSettings(str(data["url"]), ca if data.get("verify_server") and ca.exists() else None)


def save(store: Store, url: str, ca_pem: bytes | None) -> HubSettings:
    from motcua_desktop.crypto import keystore
    from motcua_desktop.services.sync.keys import shared_by_every_account

    folder = _folder(store)
    ca = folder / CA_FILE
    if ca_pem is not None:
        folder.mkdir(parents=True, exist_ok=True)
        fileio.write_atomic(ca, ca_pem)
    keystore.store_secret(
        folder / CONNECTION_FILE,
        json.dumps({"url": url, "verify_server": ca_pem is not None}).encode("utf-8"),
        machine=shared_by_every_account(store),
    )
    return HubSettings(url, ca if ca_pem is not None else None)


def forget(store: Store) -> bool:
    found = False
    for name in (CONNECTION_FILE, CA_FILE):
        path = _folder(store) / name
        if path.exists():
            fileio.remove_file(path)
            found = True
    return found
