"""Sequence numbers issued inside the registering transaction: dossier codes and book lines."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from motcua_desktop.domain.codes import SequenceBlock, next_in_block


class Sequences:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def next_code_seq(self, agency_id: str, day: date, block: SequenceBlock) -> int:
        """Next dossier number of the day; the block in force is the one of the day's first code.

        One statement in the usual case: the day's counter is stepped and read back together, then
        checked by the domain rule (``next_in_block``), which may move it (to the block's start) or
        refuse it (block exhausted: the counter is stepped back, nothing is issued)."""
        key = [agency_id, day.isoformat()]
        row = self.db.execute(
            "UPDATE code_sequences SET last_seq = last_seq + 1 WHERE agency_id = ? AND day = ? "
            "RETURNING last_seq, block_first, block_last",
            key,
        ).fetchone()
        if row is None:
            seq = next_in_block(None, block, day)
            self.db.execute(
                "INSERT INTO code_sequences (agency_id, day, last_seq, block_first, block_last) VALUES (?,?,?,?,?)",
                [*key, seq, block.first, block.last],
            )
            return seq
        stepped = int(row[0])
        try:
            seq = next_in_block(stepped - 1, SequenceBlock(int(row[1]), int(row[2])), day)
        except BaseException:
            self.db.execute(
                "UPDATE code_sequences SET last_seq = ? WHERE agency_id = ? AND day = ?", [stepped - 1, *key]
            )
            raise
        if seq != stepped:
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

    def issued_code_seqs(self, device_id: str) -> dict[tuple[str, date], int]:
        """The highest dossier number known to be issued by this PC, per agency and day: from the
        daily counters and from the codes of the dossiers it received (they agree unless damaged)."""
        found: dict[tuple[str, date], int] = {}
        for agency, day, seq in self.db.execute("SELECT agency_id, day, last_seq FROM code_sequences").fetchall():
            key = (str(agency), date.fromisoformat(day))
            found[key] = max(found.get(key, 0), int(seq))
        rows = self.db.execute(
            "SELECT substr(code, 1, length(code) - 12), code_day, max(code_seq) FROM dossiers "
            "WHERE device_id = ? AND code IS NOT NULL AND code_day IS NOT NULL GROUP BY 1, 2",
            [device_id],
        ).fetchall()
        for agency, day, seq in rows:
            key = (str(agency), date.fromisoformat(day))
            found[key] = max(found.get(key, 0), int(seq))
        return found

    def book_lines(self) -> dict[str, int]:
        return {str(v): int(n) for v, n in self.db.execute("SELECT volume, last_line FROM book_sequences")}

    def advance_book_line(self, volume: str, at_least: int) -> None:
        """Never write a line number ≤ ``at_least`` in ``volume`` again (used after a restore)."""
        self.db.execute(
            "INSERT INTO book_sequences (volume, last_line) VALUES (?, ?) "
            "ON CONFLICT (volume) DO UPDATE SET last_line = max(last_line, excluded.last_line)",
            [volume, at_least],
        )

    def next_book_line(self, volume: str) -> int:
        row = self.db.execute(
            "INSERT INTO book_sequences (volume, last_line) VALUES (?, 1) "
            "ON CONFLICT (volume) DO UPDATE SET last_line = last_line + 1 RETURNING last_line",
            [volume],
        ).fetchone()
        return int(row[0])
