"""The hub's schema: the counters' signed event log, append-only, one partition per commune.

What a counter's role may do is decided here, by PostgreSQL itself, not by the program:

- ``events`` (partitioned by ``agency_id``): a counter may INSERT rows of **its own device only**
  (row-level security, checked against the device its role claimed) and SELECT its commune's rows;
  no UPDATE, DELETE or TRUNCATE is granted, and triggers refuse them for everybody else too. A
  statement trigger refuses rows that do not continue the chain the hub holds (a gap or a different
  link), keeps ``chains`` (each chain's head) and sends a NOTIFY that wakes the other counters.
- ``devices``: the key card each device published when its role first connected (``claim``), and when
  the hub last heard from it (``heartbeat``). Counters read them; only the SECURITY DEFINER functions
  write them, for the calling role's own device.
- ``counter_roles``: which login role is which counter of which commune, and the device it claimed.
  Counters cannot read it.

The events' signatures are checked by every counter on every pull; PostgreSQL only stores them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEMA = "motcua"
SCHEMA_VERSION = 1
CHANNEL = "motcua_events"
MAX_ROLE_NAME = 63


def _ident(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


@dataclass(frozen=True)
class HubNames:
    """Role and table names of one hub database (roles are per server, so they carry its name)."""

    database: str

    @property
    def prefix(self) -> str:
        return _ident(self.database)[:24]

    @property
    def owner(self) -> str:
        return f"{self.prefix}_owner"

    @property
    def group(self) -> str:
        return f"{self.prefix}_counter"

    def counter_role(self, agency_id: str, counter_no: int) -> str:
        return f"{self.prefix}_{_ident(agency_id)[:30]}_q{counter_no}"[:MAX_ROLE_NAME]

    def partition(self, agency_id: str) -> str:
        return f"events_{_ident(agency_id)}"[:MAX_ROLE_NAME]


# Run as the owner role (``SET ROLE``): everything below belongs to it. ``{group}`` is the counters'
# group role. Idempotent: ``hub init`` may run again to add counters or a commune.
TABLES = """
CREATE TABLE IF NOT EXISTS motcua.hub_meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE IF NOT EXISTS motcua.counter_roles (
    role_name text PRIMARY KEY,
    agency_id text NOT NULL,
    counter_no integer NOT NULL CHECK (counter_no BETWEEN 1 AND 99),
    device_id text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (agency_id, counter_no)
);
CREATE TABLE IF NOT EXISTS motcua.devices (
    device_id text PRIMARY KEY,
    agency_id text NOT NULL,
    counter_no integer NOT NULL,
    card text NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS motcua.events (
    agency_id text NOT NULL,
    device_id text NOT NULL,
    epoch integer NOT NULL CHECK (epoch >= 1),
    seq bigint NOT NULL CHECK (seq >= 1),
    uuid text NOT NULL,
    prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    line text NOT NULL,
    signature text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, device_id, epoch, seq),
    UNIQUE (agency_id, uuid)
) PARTITION BY LIST (agency_id);
CREATE TABLE IF NOT EXISTS motcua.chains (
    agency_id text NOT NULL,
    device_id text NOT NULL,
    epoch integer NOT NULL,
    last_seq bigint NOT NULL,
    last_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, device_id, epoch)
);
"""

FUNCTIONS = """
CREATE OR REPLACE FUNCTION motcua.my_device() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
    SELECT device_id FROM motcua.counter_roles WHERE role_name = session_user
$$;

CREATE OR REPLACE FUNCTION motcua.my_agency() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
    SELECT agency_id FROM motcua.counter_roles WHERE role_name = session_user
$$;

CREATE OR REPLACE FUNCTION motcua.my_counter() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
    SELECT counter_no FROM motcua.counter_roles WHERE role_name = session_user
$$;

-- A counter's role binds itself to its device (first connection) and publishes its key card.
CREATE OR REPLACE FUNCTION motcua.claim(p_card text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE
    r motcua.counter_roles;
    c jsonb;
    v_device text;
BEGIN
    SELECT * INTO r FROM motcua.counter_roles WHERE role_name = session_user FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'motcua: % is not a counter role', session_user USING ERRCODE = '42501';
    END IF;
    c := p_card::jsonb -> 'card';
    v_device := c ->> 'device_id';
    IF v_device IS NULL OR c ->> 'agency_id' IS DISTINCT FROM r.agency_id
       OR (c ->> 'counter_no')::integer IS DISTINCT FROM r.counter_no THEN
        RAISE EXCEPTION 'motcua: card of counter % of %, role is for counter % of %',
            c ->> 'counter_no', c ->> 'agency_id', r.counter_no, r.agency_id USING ERRCODE = '42501';
    END IF;
    IF r.device_id IS NULL THEN
        UPDATE motcua.counter_roles SET device_id = v_device WHERE role_name = session_user;
    ELSIF r.device_id <> v_device THEN
        RAISE EXCEPTION 'motcua: counter % is bound to device %', r.counter_no, r.device_id
            USING ERRCODE = '42501', HINT = 'bound';
    END IF;
    INSERT INTO motcua.devices (device_id, agency_id, counter_no, card)
    VALUES (v_device, r.agency_id, r.counter_no, p_card)
    ON CONFLICT (device_id) DO UPDATE
        SET card = excluded.card, counter_no = excluded.counter_no, last_seen_at = now();
    RETURN r.counter_no;
END
$$;

CREATE OR REPLACE FUNCTION motcua.heartbeat() RETURNS timestamptz
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
    UPDATE motcua.devices SET last_seen_at = now() WHERE device_id = motcua.my_device() RETURNING last_seen_at
$$;

-- After each INSERT statement: the new rows of each chain continue its head without a gap.
CREATE OR REPLACE FUNCTION motcua.events_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, motcua AS $$
DECLARE
    r record;
    h motcua.chains;
    first_prev text;
    last_hash text;
BEGIN
    FOR r IN SELECT a.agency_id, a.device_id, a.epoch, min(a.seq) AS first_seq, max(a.seq) AS last_seq,
                    count(*) AS n
             FROM added a GROUP BY a.agency_id, a.device_id, a.epoch LOOP
        SELECT * INTO h FROM motcua.chains
         WHERE agency_id = r.agency_id AND device_id = r.device_id AND epoch = r.epoch FOR UPDATE;
        IF r.n <> r.last_seq - r.first_seq + 1 OR r.first_seq <> coalesce(h.last_seq, 0) + 1 THEN
            RAISE EXCEPTION 'motcua: events %..% of %/% do not continue the hub''s %',
                r.first_seq, r.last_seq, r.device_id, r.epoch, coalesce(h.last_seq, 0) USING ERRCODE = '23514';
        END IF;
        SELECT a.prev_hash INTO first_prev FROM added a
         WHERE a.agency_id = r.agency_id AND a.device_id = r.device_id AND a.epoch = r.epoch AND a.seq = r.first_seq;
        IF h.last_hash IS NOT NULL AND first_prev <> h.last_hash THEN
            RAISE EXCEPTION 'motcua: event % of %/% does not link to the hub''s head', r.first_seq, r.device_id, r.epoch
                USING ERRCODE = '23514';
        END IF;
        SELECT a.hash INTO last_hash FROM added a
         WHERE a.agency_id = r.agency_id AND a.device_id = r.device_id AND a.epoch = r.epoch AND a.seq = r.last_seq;
        INSERT INTO motcua.chains (agency_id, device_id, epoch, last_seq, last_hash)
        VALUES (r.agency_id, r.device_id, r.epoch, r.last_seq, last_hash)
        ON CONFLICT (agency_id, device_id, epoch) DO UPDATE
            SET last_seq = excluded.last_seq, last_hash = excluded.last_hash, updated_at = now();
        UPDATE motcua.devices SET last_seen_at = now() WHERE device_id = r.device_id;
        PERFORM pg_notify('motcua_events', r.agency_id || '|' || r.device_id || '|' || r.epoch || '|' || r.last_seq);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION motcua.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'motcua: the event log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END
$$;

DROP TRIGGER IF EXISTS events_added ON motcua.events;
CREATE TRIGGER events_added AFTER INSERT ON motcua.events
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION motcua.events_added();
DROP TRIGGER IF EXISTS events_append_only ON motcua.events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON motcua.events
    FOR EACH ROW EXECUTE FUNCTION motcua.refuse_change();
DROP TRIGGER IF EXISTS events_no_truncate ON motcua.events;
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON motcua.events
    FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_change();
"""

SECURITY = """
ALTER TABLE motcua.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE motcua.chains ENABLE ROW LEVEL SECURITY;
ALTER TABLE motcua.devices ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS append_own ON motcua.events;
CREATE POLICY append_own ON motcua.events FOR INSERT TO {group}
    WITH CHECK (device_id = (SELECT motcua.my_device()) AND agency_id = (SELECT motcua.my_agency()));
DROP POLICY IF EXISTS read_commune ON motcua.events;
CREATE POLICY read_commune ON motcua.events FOR SELECT TO {group}
    USING (agency_id = (SELECT motcua.my_agency()));
DROP POLICY IF EXISTS read_commune ON motcua.chains;
CREATE POLICY read_commune ON motcua.chains FOR SELECT TO {group}
    USING (agency_id = (SELECT motcua.my_agency()));
DROP POLICY IF EXISTS read_commune ON motcua.devices;
CREATE POLICY read_commune ON motcua.devices FOR SELECT TO {group}
    USING (agency_id = (SELECT motcua.my_agency()));

REVOKE ALL ON SCHEMA motcua FROM PUBLIC;
GRANT USAGE ON SCHEMA motcua TO {group};
REVOKE ALL ON ALL TABLES IN SCHEMA motcua FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA motcua FROM {group};
GRANT SELECT ON motcua.events, motcua.chains, motcua.devices, motcua.hub_meta TO {group};
GRANT INSERT ON motcua.events TO {group};
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA motcua FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.my_device(), motcua.my_agency(), motcua.my_counter(), motcua.claim(text),
    motcua.heartbeat() TO {group};
"""
