"""Complaints and suggestions ("phản ánh, kiến nghị") and the waiting queue's tickets (issue 19 §6, §7).

Both are also recorded as events in the append-only log (``complaint.*``, ``queue.*``); these tables
are what the register, the queue and their reports read.

- ``complaints``: one row per complaint, its code ``PA-YYYY-NNNN`` numbered per year on this PC, the
  channel, the dossier it concerns (its code, if any), the person assigned, the due moment, the answer.
- ``queue_tickets``: one row per ticket, numbered per day and field from 1 (``UNIQUE(day, field, number)``),
  the moments it was taken, called (at which counter) and finished.
"""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.storage.sqlscript import run_script

SCHEMA = """
CREATE TABLE complaints (
    uuid TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    sender TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    dossier_code TEXT NOT NULL DEFAULT '',
    assignee TEXT NOT NULL DEFAULT '',
    due_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_at TEXT,
    answered_by TEXT NOT NULL DEFAULT '',
    UNIQUE (year, number)
);
CREATE INDEX complaints_received ON complaints (received_at);
CREATE INDEX complaints_open ON complaints (answered_at, due_at);

CREATE TABLE queue_tickets (
    uuid TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    field TEXT NOT NULL,
    number INTEGER NOT NULL,
    taken_at TEXT NOT NULL,
    called_at TEXT,
    counter INTEGER,
    called_by TEXT NOT NULL DEFAULT '',
    finished_at TEXT,
    absent INTEGER NOT NULL DEFAULT 0,
    UNIQUE (day, field, number)
);
CREATE INDEX queue_tickets_called ON queue_tickets (day, called_at);
"""


def apply(db: sqlite_utils.Database) -> None:
    run_script(db, SCHEMA)
