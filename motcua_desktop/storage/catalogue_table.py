"""Procedure catalogue versions: an import adds a new version only when a procedure changed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.text import fold
from motcua_desktop.domain.vntime import iso


@dataclass(frozen=True)
class CatalogueChange:
    added: int
    updated: int
    unchanged: int
    retired: int


_FIELDS = "id, key, version, content"
_PARSED_MAX = 2048  # procedure versions kept parsed (a commune catalogue has a few hundred)


def _procedure(row: tuple[int, str, int, str]) -> Procedure:
    return Procedure.from_content(row[1], json.loads(row[3]), version=int(row[2]), id=int(row[0]))


class CatalogueTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        # Parsed procedures keyed by their whole stored row (id, key, version, content): a row read
        # again gives the same immutable Procedure without parsing its JSON (every registration looks
        # its procedure up); a changed row is a different key, so nothing can be stale.
        self._parsed: dict[tuple[int, str, int, str], Procedure] = {}

    def _procedure(self, row: tuple[int, str, int, str]) -> Procedure:
        key = (row[0], row[1], row[2], row[3])
        found = self._parsed.get(key)
        if found is None:
            if len(self._parsed) >= _PARSED_MAX:
                self._parsed.clear()
            found = self._parsed[key] = _procedure(key)
        return found

    def current(self) -> list[Procedure]:
        rows = self.db.execute(f"SELECT {_FIELDS} FROM procedures WHERE is_current = 1 ORDER BY field, name").fetchall()
        return [self._procedure(r) for r in rows]

    def count_current(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM procedures WHERE is_current = 1").fetchone()[0])

    def get_current(self, key_or_code: str) -> Procedure | None:
        """The current version by catalogue key, else by national code (a key match wins)."""
        row = self.db.execute(  # the partial unique index on key: one B-tree probe
            f"SELECT {_FIELDS} FROM procedures WHERE is_current = 1 AND key = ?", [key_or_code]
        ).fetchone()
        if row is None:
            row = self.db.execute(
                f"SELECT {_FIELDS} FROM procedures WHERE is_current = 1 AND code = ? ORDER BY key LIMIT 1",
                [key_or_code],
            ).fetchone()
        return None if row is None else self._procedure(row)

    def keys_with_local_duration(self) -> set[str]:
        """Keys of procedures that had an office-shortened time limit in any version."""
        rows = self.db.execute(
            "SELECT DISTINCT key FROM procedures WHERE json_extract(content, '$.local_duration') IS NOT NULL"
        )
        return {str(key) for (key,) in rows}

    def get_version(self, procedure_id: int) -> Procedure | None:
        row = self.db.execute(f"SELECT {_FIELDS} FROM procedures WHERE id = ?", [procedure_id]).fetchone()
        return None if row is None else self._procedure(row)

    def search(self, text: str, limit: int = 20) -> list[Procedure]:
        """Current procedures whose code, name or field contains all folded words of ``text``."""
        words = fold(text).split()
        where = " AND ".join("search_text LIKE ?" for _ in words) or "1"
        params = [f"%{w}%" for w in words]
        rows = self.db.execute(
            f"SELECT {_FIELDS} FROM procedures WHERE is_current = 1 AND {where} ORDER BY field, name LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [self._procedure(r) for r in rows]

    def apply_import(
        self,
        procedures: Iterable[Procedure],
        *,
        source_file: str,
        at: datetime,
        retire_missing: bool = False,
        retire_keys: Iterable[str] = (),
    ) -> CatalogueChange:
        """Adds new procedures and new versions of changed ones (inside the caller's transaction).

        ``retire_missing`` marks current procedures absent from ``procedures`` as no longer current
        (used when a province sends its complete catalogue); ``retire_keys`` retires those keys (an
        entry that an import gave a national code continues under the code).
        """
        added = updated = unchanged = retired = 0
        seen: set[str] = set()
        for procedure in procedures:
            seen.add(procedure.key)
            content = canonical_json(procedure.content_dict())
            row = self.db.execute(
                "SELECT id, key, version, content FROM procedures WHERE key = ? AND is_current = 1", [procedure.key]
            ).fetchone()
            if row is not None and self._procedure(row).content_dict() == procedure.content_dict():
                unchanged += 1
                continue
            if row is not None:
                self.db.execute("UPDATE procedures SET is_current = 0 WHERE id = ?", [row[0]])
                version = int(row[2]) + 1
                updated += 1
            else:
                last = self.db.execute("SELECT max(version) FROM procedures WHERE key = ?", [procedure.key]).fetchone()
                version = int(last[0] or 0) + 1
                added += 1
            self.db.execute(
                "INSERT INTO procedures (key, version, code, name, field, search_text, content, is_current, "
                "imported_at, source_file) VALUES (?,?,?,?,?,?,?,1,?,?)",
                [
                    procedure.key,
                    version,
                    procedure.code,
                    procedure.name,
                    procedure.field,
                    procedure.search_text,
                    content,
                    iso(at),
                    source_file,
                ],
            )
        retire = set(retire_keys) - seen
        if retire_missing:
            retire |= {
                key for (key,) in self.db.execute("SELECT key FROM procedures WHERE is_current = 1") if key not in seen
            }
        for key in sorted(retire):
            cursor = self.db.execute("UPDATE procedures SET is_current = 0 WHERE key = ? AND is_current = 1", [key])
            retired += cursor.rowcount
        return CatalogueChange(added, updated, unchanged, retired)
