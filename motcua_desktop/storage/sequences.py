"""Sequence numbers issued inside the registering transaction: dossier codes and book lines."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from motcua_desktop.domain.codes import SequenceBlock, next_in_block


class Sequences:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def next_code_seq(self, agency_id: str, day: date, block: SequenceBlock) -> int:
        """Next dossier number of the day; the block in force is the one of the day's first code."""
        key = [agency_id, day.isoformat()]
        row = self.db.execute(
            "SELECT last_seq, block_first, block_last FROM code_sequences WHERE agency_id = ? AND day = ?", key
        ).fetchone()
        if row is None:
            seq = next_in_block(None, block, day)
            self.db.execute(
                "INSERT INTO code_sequences (agency_id, day, last_seq, block_first, block_last) VALUES (?,?,?,?,?)",
                [*key, seq, block.first, block.last],
            )
            return seq
        seq = next_in_block(int(row[0]), SequenceBlock(int(row[1]), int(row[2])), day)
        self.db.execute("UPDATE code_sequences SET last_seq = ? WHERE agency_id = ? AND day = ?", [seq, *key])
        return seq

    def last_code_seq(self, agency_id: str, day: date) -> int | None:
        row = self.db.execute(
            "SELECT last_seq FROM code_sequences WHERE agency_id = ? AND day = ?", [agency_id, day.isoformat()]
        ).fetchone()
        return None if row is None else int(row[0])

    def advance_code_seq(self, agency_id: str, day: date, at_least: int, block: SequenceBlock) -> None:
        """Never issue a number ≤ ``at_least`` on ``day`` again (used after a restore)."""
        self.db.execute(
            "INSERT INTO code_sequences (agency_id, day, last_seq, block_first, block_last) VALUES (?,?,?,?,?) "
            "ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
            [agency_id, day.isoformat(), at_least, block.first, block.last],
        )

    def next_book_line(self, volume: str) -> int:
        row = self.db.execute(
            "INSERT INTO book_sequences (volume, last_line) VALUES (?, 1) "
            "ON CONFLICT (volume) DO UPDATE SET last_line = last_line + 1 RETURNING last_line",
            [volume],
        ).fetchone()
        return int(row[0])
