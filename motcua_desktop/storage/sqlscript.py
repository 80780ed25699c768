"""Running a multi-statement SQL script inside the caller's transaction.

``executescript`` would COMMIT first, which would break a migration's all-or-nothing
transaction, so statements are split with SQLite's own ``complete_statement`` and run one by one.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils


def split_statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:80]}")
    return statements


def run_script(db: sqlite_utils.Database, script: str) -> None:
    for statement in split_statements(script):
        db.execute(statement)
