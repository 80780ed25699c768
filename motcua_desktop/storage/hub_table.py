"""``Store.sync.hub``: how the office hub's replication stands (migration v006), and how fresh this
PC's copy of each counter's events is (for the dashboard's "which counters, as of when")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import sqlite_utils

from motcua_desktop.domain.vntime import from_iso, from_iso_or_none, iso, iso_or_none


@dataclass(frozen=True)
class HubState:
    connected_at: datetime | None = None
    lost_at: datetime | None = None
    last_error: str = ""
    last_push_at: datetime | None = None
    last_pull_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class HubPeer:
    device_id: str
    counter_no: int
    seen_at: datetime | None
    synced_at: datetime | None
    behind: int
    problem: str


@dataclass(frozen=True)
class ChainTime:
    """A device's newest event held here: which counter wrote it, when, and whether it was imported."""

    device_id: str
    last_event_at: datetime
    events: int  # sequence number of its newest event in its newest epoch


_STATE = "connected_at, lost_at, last_error, last_push_at, last_pull_at, updated_at"


class HubTable:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def state(self) -> HubState:
        row = self.db.execute(f"SELECT {_STATE} FROM hub_state WHERE singleton = 1").fetchone()
        if row is None:
            return HubState()
        return HubState(
            from_iso_or_none(row[0]),
            from_iso_or_none(row[1]),
            row[2],
            from_iso_or_none(row[3]),
            from_iso_or_none(row[4]),
            from_iso_or_none(row[5]),
        )

    def save_state(self, state: HubState, *, at: datetime) -> None:
        state = replace(state, updated_at=at)
        self.db.execute(
            f"INSERT INTO hub_state (singleton, {_STATE}) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (singleton) DO UPDATE "
            "SET connected_at = excluded.connected_at, lost_at = excluded.lost_at, last_error = excluded.last_error, "
            "last_push_at = excluded.last_push_at, last_pull_at = excluded.last_pull_at, updated_at = excluded.updated_at",
            [
                iso_or_none(state.connected_at),
                iso_or_none(state.lost_at),
                state.last_error,
                iso_or_none(state.last_push_at),
                iso_or_none(state.last_pull_at),
                iso(at),
            ],
        )

    def clear(self) -> None:
        """The hub was disconnected: nothing of its state is true any more."""
        self.db.execute("DELETE FROM hub_state")
        self.db.execute("DELETE FROM hub_peers")

    def peers(self) -> list[HubPeer]:
        rows = self.db.execute(
            "SELECT device_id, counter_no, seen_at, synced_at, behind, problem FROM hub_peers "
            "ORDER BY counter_no, device_id"
        ).fetchall()
        return [HubPeer(r[0], int(r[1]), from_iso_or_none(r[2]), from_iso_or_none(r[3]), int(r[4]), r[5]) for r in rows]

    def save_peer(self, peer: HubPeer) -> None:
        self.db.execute(
            "INSERT INTO hub_peers (device_id, counter_no, seen_at, synced_at, behind, problem) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (device_id) DO UPDATE SET counter_no = excluded.counter_no, seen_at = excluded.seen_at, "
            "synced_at = excluded.synced_at, behind = excluded.behind, problem = excluded.problem",
            [
                peer.device_id,
                peer.counter_no,
                iso_or_none(peer.seen_at),
                iso_or_none(peer.synced_at),
                peer.behind,
                peer.problem,
            ],
        )

    def chain_times(self) -> list[ChainTime]:
        """Per device, its newest epoch's head event: when it happened (cheap: one indexed read per chain)."""
        rows = self.db.execute(
            "SELECT h.device_id, e.occurred_at, h.last_seq FROM chain_heads h "
            "JOIN events e ON e.device_id = h.device_id AND e.epoch = h.epoch AND e.seq = h.last_seq "
            "WHERE h.epoch = (SELECT max(epoch) FROM chain_heads m WHERE m.device_id = h.device_id) "
            "ORDER BY h.device_id"
        ).fetchall()
        return [ChainTime(r[0], from_iso(r[1]), int(r[2])) for r in rows]
