"""Key/value settings of the office and this PC (JSON values); ``domain.settings`` lists them all.

Read and write a setting by its ``Setting`` (``value``/``put``); the key-level methods serve the few
callers that read several keys in one query (the clock guard) or cache what they parse (the office)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

import sqlite_utils

from motcua_desktop.domain.serde import canonical_json
from motcua_desktop.domain.setting_types import Setting

T = TypeVar("T")


class SettingsTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def value(self, setting: Setting[T]) -> T:
        """The setting's value (its default when unset)."""
        return setting.decode(self.get(setting.key))

    def put(self, setting: Setting[T], value: T) -> None:
        """Stores a value (no audit: ``services.core.settings.change_setting`` records a user's change)."""
        self.set(setting.key, setting.encode(value))

    def clear(self, setting: Setting[Any]) -> None:
        """Removes the setting (it reads as its default again)."""
        self.db.execute("DELETE FROM settings WHERE key = ?", [setting.key])

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def get_many(self, keys: tuple[str, ...]) -> dict[str, Any]:
        """The values of those of ``keys`` that are set, in one query."""
        rows = self.db.execute(
            f"SELECT key, value FROM settings WHERE key IN ({', '.join('?' * len(keys))})", list(keys)
        ).fetchall()
        return {row[0]: json.loads(row[1]) for row in rows}

    def get_text(self, key: str) -> str | None:
        """The stored JSON text of ``key`` (None when unset), for callers that cache what they parse."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, canonical_json(value)],
        )

    def all(self) -> dict[str, Any]:
        return {row[0]: json.loads(row[1]) for row in self.db.execute("SELECT key, value FROM settings ORDER BY key")}
