"""Checking a database file: SQLite's own structural checks and foreign keys.

``quick_check`` (O(N), run at every start) finds damaged pages and records; ``integrity_check``
(run on every backup and by ``motcua check --full``) also checks indexes and UNIQUE constraints.
Neither checks foreign keys, so ``foreign_key_check`` runs beside them. A file too damaged for
SQLite to answer yields the error as the problem instead of an exception.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from motcua_desktop.storage.connection import readonly_uri
from motcua_desktop.storage.errors import environment_fault

MAX_PROBLEMS = 20


def structure_problems(conn: sqlite3.Connection, *, full: bool = False, path: Path | None = None) -> list[str]:
    """SQLite's findings (empty when the file is sound). With ``path``, a failure of the disk or the
    folder (full, read-only, no permission) raises its own error instead of passing for damage."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()]
    except sqlite3.DatabaseError as exc:
        fault = environment_fault(exc, path) if path is not None else None
        if fault is not None:
            raise fault from None
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [f"bảng {r[0]}, dòng {r[1]} trỏ tới {r[2]} không tồn tại" for r in rows[:MAX_PROBLEMS]]


def check_file(path: Path, *, full: bool = False) -> list[str]:
    """Problems of the database file at ``path``, opened read-only (nothing is written).

    Whether the file is ours at all is ``open_store``'s question (it refuses another program's file).
    A full disk, a read-only folder or a missing permission raise their own error (``environment_fault``):
    they are not damage, and a restore would not help."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None, timeout=10)
    except sqlite3.DatabaseError as exc:
        fault = environment_fault(exc, path)
        if fault is not None:
            raise fault from None
        return [str(exc)]
    try:
        problems = structure_problems(conn, full=full, path=path)
        if full and not problems:
            problems += foreign_key_problems(conn)
        return problems
    finally:
        conn.close()


STARTUP_CHECK_MAX_BYTES = 256 * 1024 * 1024


def is_empty_file(path: Path) -> bool:
    """Whether ``path`` exists but holds nothing (0 bytes, and no ``-wal`` file holding its pages): a
    typical power-loss artefact, never to be taken for a new database."""
    if not path.exists() or path.stat().st_size > 0:
        return False
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def check_file_at_startup(path: Path) -> list[str] | None:
    """``check_file`` (quick check) when it can finish quickly; None for a file too large to check
    before the window opens (its check then runs in the background).

    The quick check reads the whole file and cannot be interrupted (SQLite runs it as one step),
    so the file size decides: up to 256 MB — years of a busy commune — takes about a second."""
    if path.stat().st_size > STARTUP_CHECK_MAX_BYTES:
        return None
    return check_file(path)


def check_open(db: sqlite_utils.Database, *, full: bool = False) -> list[str]:
    """The same checks on an open database."""
    problems = structure_problems(db.conn, full=full)
    if full and not problems:
        problems += foreign_key_problems(db.conn)
    return problems
