"""Staff accounts (hash, role, lockout state); decisions about them are made in services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from motcua_desktop.domain.vntime import from_iso_or_none, iso, iso_or_none

_COLUMNS = "username, full_name, role, password_hash, must_change_password, failed_attempts, locked_until, disabled, created_at"


@dataclass(frozen=True)
class UserRow:
    username: str
    full_name: str
    role: str
    password_hash: str
    must_change_password: bool
    failed_attempts: int
    locked_until: datetime | None
    disabled: bool
    created_at: datetime | None


def _row(r: tuple[object, ...]) -> UserRow:
    return UserRow(
        username=str(r[0]),
        full_name=str(r[1]),
        role=str(r[2]),
        password_hash=str(r[3]),
        must_change_password=bool(r[4]),
        failed_attempts=int(str(r[5])),
        locked_until=from_iso_or_none(r[6] if isinstance(r[6], str) else None),
        disabled=bool(r[7]),
        created_at=from_iso_or_none(r[8] if isinstance(r[8], str) else None),
    )


class UsersTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def get(self, username: str) -> UserRow | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM users WHERE username = ?", [username]).fetchone()
        return None if row is None else _row(row)

    def all(self) -> list[UserRow]:
        return [_row(r) for r in self.db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username").fetchall()]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM users").fetchone()[0])

    def add(self, user: UserRow) -> None:
        self.db.execute(
            f"INSERT INTO users ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                user.username,
                user.full_name,
                user.role,
                user.password_hash,
                int(user.must_change_password),
                user.failed_attempts,
                iso_or_none(user.locked_until),
                int(user.disabled),
                iso(user.created_at) if user.created_at else None,
            ],
        )

    def update(self, username: str, **fields: object) -> None:
        allowed = {
            "full_name",
            "role",
            "password_hash",
            "must_change_password",
            "failed_attempts",
            "locked_until",
            "disabled",
        }
        if not fields or set(fields) - allowed:
            raise ValueError(f"bad user fields: {sorted(fields)}")
        values: list[object] = []
        for value in fields.values():
            if isinstance(value, datetime):
                values.append(iso(value))
            elif isinstance(value, bool):
                values.append(int(value))
            else:
                values.append(value)
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(f"UPDATE users SET {assignments} WHERE username = ?", [*values, username])
