"""What an import reports back: the outcome of each file, and the import's report as a whole."""

from __future__ import annotations

from dataclasses import dataclass

APPLIED, ALREADY, PENDING, REJECTED, ACK = "applied", "already", "pending", "rejected", "ack"


@dataclass(frozen=True)
class FileOutcome:
    file_name: str
    status: str  # applied | already | pending | rejected | ack
    message: str
    events_added: int = 0


@dataclass(frozen=True)
class ImportReport:
    outcomes: tuple[FileOutcome, ...]
    new_reports: tuple[str, ...]  # gaps, forks, conflicts, duplicates first seen in this import

    @property
    def rejected(self) -> tuple[FileOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == REJECTED)

    @property
    def events_added(self) -> int:
        return sum(o.events_added for o in self.outcomes)

    @property
    def message(self) -> str:
        lines = [o.message for o in self.outcomes]
        if self.new_reports:
            lines.append("Cần xem xét:")
            lines += [f"  – {r}" for r in self.new_reports]
        return "\n".join(lines)
