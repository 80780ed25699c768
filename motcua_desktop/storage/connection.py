"""Opening the database file with the settings that make a committed dossier durable."""

from __future__ import annotations

import ntpath
import os
import sqlite3
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

import sqlite_utils

APPLICATION_ID = 0x4D434431  # "MCD1": marks the file as a Một cửa Desktop database

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",  # WAL + FULL: every COMMIT is fsynced, a printed receipt survives a power cut
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA secure_delete=ON",
    "PRAGMA cell_size_check=ON",
)


def connect(path: Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """A connection in explicit-transaction mode with the durability pragmas set.

    ``synchronous`` and ``foreign_keys`` are per connection, so they are set on every open.
    """
    if readonly:
        conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None, timeout=10)
        for pragma in PRAGMAS[2:]:
            conn.execute(pragma)
        conn.execute("PRAGMA query_only=ON")
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=10)
        for pragma in PRAGMAS:
            conn.execute(pragma)
    # execute_plugins=False: no scan of every installed distribution's entry points for sqlite-utils
    # plugins (≈ 25 ms per connection, at start-up and in every worker); the program uses none, and
    # a plugin installed on the PC must not change how the counter's database behaves.
    return sqlite_utils.Database(conn, execute_plugins=False)


def readonly_uri(path: Path) -> str:
    """``file:`` URI opening ``path`` read-only (percent-encoded, so any folder name works).

    In a folder that cannot be written (a read-only drive, a CD, a folder without permission) SQLite
    cannot create the ``-shm`` file a WAL database needs even to be read; when no ``-wal`` file is
    there (the program closed cleanly) the file is complete, and is read as immutable."""
    uri = sqlite_uri(Path(os.path.abspath(path))) + "?mode=ro"
    folder = Path(path).parent
    if not os.access(folder, os.W_OK) and not Path(str(path) + "-wal").exists():
        uri += "&immutable=1"
    return uri


def sqlite_uri(path: PurePath) -> str:
    """The ``file:`` URI SQLite accepts for an absolute ``path``.

    Never ``Path.resolve()`` first: on Windows it turns a mapped network drive (``Z:\\SaoLuu``)
    into its UNC form, and ``pathlib``'s ``as_uri()`` writes a UNC path as ``file://server/share/…``,
    which SQLite refuses ("invalid uri authority": the authority must be empty or ``localhost``).
    SQLite wants ``file:///Z:/…`` for a drive and ``file:////server/share/…`` for a UNC path
    (https://www.sqlite.org/uri.html). Every character outside the unreserved set is
    percent-encoded as UTF-8 (spaces, Vietnamese letters, ``#``, ``?``, ``%``).
    """
    if isinstance(path, PureWindowsPath):
        text = str(path)
        if text.startswith("\\\\?\\UNC\\"):  # extended-length forms: \\?\UNC\server\share, \\?\C:\
            text = "\\\\" + text[8:]
        elif text.startswith("\\\\?\\"):
            text = text[4:]
        drive, rest = ntpath.splitdrive(text)
        if drive.startswith(("\\\\", "//")):  # \\server\share: four slashes, empty authority
            return "file:////" + quote((drive[2:] + rest).replace("\\", "/"), safe="/")
        return "file:///" + quote(drive, safe=":") + quote(rest.replace("\\", "/"), safe="/")
    return "file://" + quote(str(path), safe="/")


def pragma_value(db: sqlite_utils.Database, name: str) -> Any:
    row = db.execute(f"PRAGMA {name}").fetchone()
    return None if row is None else row[0]


def pragma_int(db: sqlite_utils.Database, name: str) -> int:
    value = pragma_value(db, name)
    return int(value) if isinstance(value, int | str) else 0
