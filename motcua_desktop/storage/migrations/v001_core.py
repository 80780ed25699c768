"""Core schema: settings, device and event chain, append-only events, dossiers projection with
name search, code and book sequences, procedure catalogue versions, users."""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.storage.sqlscript import run_script

SCHEMA = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL            -- JSON
);

-- This PC: its identity and current epoch (incremented on every restore from backup).
CREATE TABLE device (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- Head of each device's hash chain (this PC and every PC whose events were imported).
CREATE TABLE chain_heads (
    device_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    PRIMARY KEY (device_id, epoch)
) WITHOUT ROWID;

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    dossier_uuid TEXT,
    dossier_rev INTEGER,
    payload TEXT NOT NULL,          -- canonical JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    imported INTEGER NOT NULL DEFAULT 0,
    UNIQUE (device_id, epoch, seq)
);
CREATE INDEX events_dossier ON events (dossier_uuid, dossier_rev) WHERE dossier_uuid IS NOT NULL;
CREATE INDEX events_occurred ON events (occurred_at);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Current state of each dossier: a projection of the events, rebuildable at any time.
CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    code TEXT UNIQUE,
    code_compact TEXT,
    code_day TEXT,
    code_seq INTEGER,
    status TEXT NOT NULL,
    national_status INTEGER,
    channel TEXT NOT NULL,
    procedure_key TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    procedure_name TEXT NOT NULL,
    field TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_phone TEXT NOT NULL,
    representative_name TEXT NOT NULL,
    representative_id_number TEXT NOT NULL,
    representative_phone TEXT NOT NULL,
    names_folded TEXT NOT NULL,
    name_sort TEXT NOT NULL,        -- Vietnamese dictionary order, given name first (domain.text)
    address TEXT NOT NULL,
    received_at TEXT NOT NULL,
    received_day TEXT NOT NULL,
    received_by TEXT NOT NULL,
    device_id TEXT NOT NULL,
    due_at TEXT,
    original_due_at TEXT,
    result_at TEXT,
    finished_at TEXT,
    returned_at TEXT,
    outcome TEXT,
    supplement_count INTEGER NOT NULL,
    extended INTEGER NOT NULL,
    fee_amount INTEGER NOT NULL,
    fee_paid INTEGER NOT NULL,
    book_volume TEXT NOT NULL,
    book_line INTEGER NOT NULL,
    file_location TEXT NOT NULL,
    rev INTEGER NOT NULL,
    updated_at TEXT
);
CREATE INDEX dossiers_code_compact ON dossiers (code_compact);
CREATE INDEX dossiers_code_day_seq ON dossiers (code_day, code_seq);
CREATE INDEX dossiers_applicant_id ON dossiers (applicant_id_number);
CREATE INDEX dossiers_representative_id ON dossiers (representative_id_number) WHERE representative_id_number != '';
CREATE INDEX dossiers_applicant_phone ON dossiers (applicant_phone) WHERE applicant_phone != '';
CREATE INDEX dossiers_representative_phone ON dossiers (representative_phone) WHERE representative_phone != '';
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
CREATE INDEX dossiers_due ON dossiers (due_at);
CREATE INDEX dossiers_name_sort ON dossiers (name_sort);
CREATE INDEX dossiers_received_by ON dossiers (received_by, received_at);
CREATE INDEX dossiers_procedure ON dossiers (procedure_key, received_at);

-- Accent-free name search: the folded names (đ→d done in Python) in an FTS5 index with prefix
-- indexes for search-as-you-type. Kept up to date by storage code, not triggers: with
-- trusted_schema=OFF SQLite refuses triggers that write to virtual tables.
CREATE VIRTUAL TABLE dossiers_fts USING fts5(
    names_folded, content='dossiers', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
-- Idempotency of registration: a form submitted twice registers one dossier.
CREATE TABLE registration_requests (
    request_id TEXT PRIMARY KEY,
    dossier_uuid TEXT NOT NULL
) WITHOUT ROWID;

-- Daily dossier-code sequence of this PC, per agency identifier; the block used that day is
-- fixed when the first code of the day is issued.
CREATE TABLE code_sequences (
    agency_id TEXT NOT NULL,
    day TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    block_first INTEGER NOT NULL,
    block_last INTEGER NOT NULL,
    PRIMARY KEY (agency_id, day)
) WITHOUT ROWID;

-- Tracking book ("Sổ theo dõi"): one volume per year per counter, lines numbered from 1.
CREATE TABLE book_sequences (
    volume TEXT PRIMARY KEY,
    last_line INTEGER NOT NULL
) WITHOUT ROWID;

-- Procedure catalogue: one row per version of a procedure.
CREATE TABLE procedures (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    field TEXT NOT NULL,
    search_text TEXT NOT NULL,
    content TEXT NOT NULL,          -- JSON of the version
    is_current INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    source_file TEXT NOT NULL,
    UNIQUE (key, version)
);
CREATE UNIQUE INDEX procedures_current ON procedures (key) WHERE is_current = 1;

CREATE TABLE users (
    username TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
"""


def apply(db: sqlite_utils.Database) -> None:
    run_script(db, SCHEMA)
