"""Placeholder for migration 7, which another branch of issue 19 owns (this branch was given number 8).

It does nothing, so that this branch's migration 8 runs in order; when the branch that owns number 7 is
merged, its module replaces this file (delete this one and keep the real line in ``MIGRATIONS``).
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    del db
