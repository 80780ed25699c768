"""End-of-day sync: this PC's export batches (outbox), acknowledgements, recipients' keys, enrolled
devices, imported and pending packages, and the reports a person must look at (gaps, forks,
dossier conflicts, possible duplicates). See ``docs/export-format.md``."""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.storage.sqlscript import run_script

SCHEMA = """
-- Packages built by this PC: batch k of (device, epoch) covers first_seq..last_seq. The files stay
-- in the outbox folder until an acknowledgement covers last_seq.
CREATE TABLE sync_batches (
    device_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    batch INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    prev_head TEXT NOT NULL,
    head TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    dossier_count INTEGER NOT NULL,
    stem TEXT NOT NULL,
    files TEXT NOT NULL,            -- JSON [{name, size, sha256}], manifest last
    created_at TEXT NOT NULL,
    exported_at TEXT,               -- last time the files were written to removable media
    verified_at TEXT,               -- ... and read back identical
    export_count INTEGER NOT NULL DEFAULT 0,
    destination TEXT NOT NULL DEFAULT '',
    acked_at TEXT,
    PRIMARY KEY (device_id, epoch, batch),
    UNIQUE (device_id, epoch, first_seq)
) WITHOUT ROWID;

-- Highest sequence of this PC's chains the upstream office has acknowledged (signed ack file).
CREATE TABLE sync_acks (
    device_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    acked_seq INTEGER NOT NULL,
    head TEXT NOT NULL,
    acked_at TEXT NOT NULL,
    issuer TEXT NOT NULL,           -- fingerprint of the upstream signing key
    PRIMARY KEY (device_id, epoch)
) WITHOUT ROWID;

-- Who packages are encrypted to: the upstream office and the office's consolidation point(s).
CREATE TABLE sync_recipients (
    fingerprint TEXT PRIMARY KEY,   -- of encryption_key
    role TEXT NOT NULL CHECK (role IN ('upstream', 'consolidation')),
    name TEXT NOT NULL,
    encryption_key TEXT NOT NULL,   -- x25519:...
    signing_key TEXT NOT NULL DEFAULT '',  -- ed25519:... (upstream: verifies acknowledgements)
    device_id TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
) WITHOUT ROWID;

-- Counter PCs whose packages this PC accepts (consolidation point): their signing keys.
CREATE TABLE sync_devices (
    device_id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL,
    counter_no INTEGER NOT NULL,
    name TEXT NOT NULL,
    signing_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    enrolled_by TEXT NOT NULL
) WITHOUT ROWID;

-- Packages of other PCs whose events are in this database.
CREATE TABLE sync_imports (
    device_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    batch INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    prev_head TEXT NOT NULL,
    head TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    PRIMARY KEY (device_id, epoch, batch)
) WITHOUT ROWID;

-- Verified packages that arrived before an earlier one of the same PC: applied when the gap is filled.
CREATE TABLE sync_pending (
    device_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    batch INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    prev_head TEXT NOT NULL,
    head TEXT NOT NULL,
    file_name TEXT NOT NULL,
    events BLOB NOT NULL,           -- the verified events, gzip-compressed JSON Lines
    received_at TEXT NOT NULL,
    PRIMARY KEY (device_id, epoch, batch)
) WITHOUT ROWID;

-- What a person must decide: gaps, forks, dossier conflicts, possible duplicate dossiers.
CREATE TABLE sync_reports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('gap', 'fork', 'dossier_conflict', 'duplicate')),
    key TEXT NOT NULL UNIQUE,       -- one report per situation, however often it is seen
    device_id TEXT NOT NULL DEFAULT '',
    dossier_uuid TEXT NOT NULL DEFAULT '',
    other_uuid TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL,
    details TEXT NOT NULL,          -- JSON
    created_at TEXT NOT NULL,
    resolved_at TEXT
);
CREATE INDEX sync_reports_open ON sync_reports (kind) WHERE resolved_at IS NULL;
"""


def apply(db: sqlite_utils.Database) -> None:
    run_script(db, SCHEMA)
