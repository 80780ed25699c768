"""The office hub (PostgreSQL on the LAN), as this counter last saw it. See ``docs/hub.md``.

Nothing here is needed to work: the hub is a relay, and everything it carries is in ``events``.
These rows only tell the clerk and the leader how the replication stands — connected or since when
not, and how fresh this PC's copy of each other counter is — and are written without an event (an
event per pull would itself have to be pulled by every other counter, for ever).
"""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.storage.sqlscript import run_script

SCHEMA = """
CREATE TABLE hub_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    connected_at TEXT,              -- the current connection is up since (NULL: not connected)
    lost_at TEXT,                   -- the hub has not answered since (NULL: it answers, or never tried)
    last_error TEXT NOT NULL DEFAULT '',
    last_push_at TEXT,              -- this PC's events last sent (or found already there)
    last_pull_at TEXT,              -- the other counters' events last read, up to what the hub had
    updated_at TEXT NOT NULL
);

-- Each other counter as the hub showed it at the last pull.
CREATE TABLE hub_peers (
    device_id TEXT PRIMARY KEY,
    counter_no INTEGER NOT NULL,
    seen_at TEXT,                   -- that counter's last contact with the hub
    synced_at TEXT,                 -- this PC then held every event the hub had of it
    behind INTEGER NOT NULL DEFAULT 0,  -- events the hub had of it and this PC did not, at the last check
    problem TEXT NOT NULL DEFAULT ''    -- why its events are not taken ('' when they are)
) WITHOUT ROWID;
"""


def apply(db: sqlite_utils.Database) -> None:
    run_script(db, SCHEMA)
