"""Checking a database file: SQLite's own structural checks and foreign keys.

``quick_check`` (O(N), run at every start) finds damaged pages and records; ``integrity_check``
(run on every backup and by ``motcua check --full``) also checks indexes and UNIQUE constraints.
Neither checks foreign keys, so ``foreign_key_check`` runs beside them. A file too damaged for
SQLite to answer yields the error as the problem instead of an exception.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

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


# --- what SQLite's checks cannot see: the program's own rules (``services.safety.consistency``) ----


def expected_schema() -> dict[tuple[str, str], str]:
    """(type, name) → SQL of every table, index and trigger the migrations create (a fresh database in memory)."""
    from motcua_desktop.storage.migrations import all_migrations

    return schema_of(tuple(all_migrations()))


@lru_cache(maxsize=8)
def schema_of(migrations: tuple[Any, ...]) -> dict[tuple[str, str], str]:
    """The schema ``migrations`` (``storage.migrations.Migration``) create on a fresh database."""
    db = sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None), execute_plugins=False)
    try:
        for migration in migrations:
            migration.apply(db)
        return _schema(db)
    finally:
        db.conn.close()


def header_lies(db: sqlite_utils.Database, migrations: tuple[Any, ...], version: int) -> bool:
    """Whether the file already holds the schema of the latest of ``migrations`` while its header says
    it is at ``version`` (whose schema differs): a flipped header byte, not a file to migrate."""
    found = _schema(db)
    return found == schema_of(migrations) and found != schema_of(tuple(m for m in migrations if m.version <= version))


def _schema(db: sqlite_utils.Database) -> dict[tuple[str, str], str]:
    rows = db.execute(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') "
        "AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {(str(t), str(n)): " ".join(str(q).split()) for t, n, q in rows}


def schema_problems(db: sqlite_utils.Database) -> list[str]:
    """Tables, indexes and triggers missing (or, for triggers, changed) compared with what the migrations
    create: a dropped append-only trigger, a dropped unique index."""
    kinds = {"table": "bảng", "index": "chỉ mục", "trigger": "trigger"}
    found = _schema(db)
    problems = []
    for (kind, name), sql in sorted(expected_schema().items()):
        if (kind, name) not in found:
            problems.append(f"thiếu {kinds[kind]} «{name}» (đã bị xóa ngoài chương trình)")
        elif kind == "trigger" and found[(kind, name)] != sql:
            problems.append(f"trigger «{name}» đã bị sửa ngoài chương trình")
    return problems


def projection_row_of(db: sqlite_utils.Database, dossier_uuid: str, columns: Iterable[str]) -> dict[str, Any] | None:
    names = list(columns)
    row = db.execute(f"SELECT {', '.join(names)} FROM dossiers WHERE uuid = ?", [dossier_uuid]).fetchone()
    return None if row is None else dict(zip(names, row, strict=True))


def projection_uuids(db: sqlite_utils.Database) -> set[str]:
    return {str(r[0]) for r in db.execute("SELECT uuid FROM dossiers")}


def code_counters(db: sqlite_utils.Database) -> dict[tuple[str, date], int]:
    """The daily dossier-code counters of this PC: (agency, day) → last number issued."""
    return {
        (str(a), date.fromisoformat(d)): int(n)
        for a, d, n in db.execute("SELECT agency_id, day, last_seq FROM code_sequences")
    }


def exported_heads(db: sqlite_utils.Database, device_id: str) -> list[tuple[int, int, str, str]]:
    """(epoch, last sequence, its hash, what) that left this PC in packages built or acknowledged."""
    found = [
        (int(e), int(s), str(h), "gói đồng bộ đã xuất")
        for e, s, h in db.execute("SELECT epoch, last_seq, head FROM sync_batches WHERE device_id = ?", [device_id])
    ]
    found += [
        (int(e), int(s), str(h), "xác nhận của cấp trên")
        for e, s, h in db.execute("SELECT epoch, acked_seq, head FROM sync_acks WHERE device_id = ?", [device_id])
    ]
    return found
