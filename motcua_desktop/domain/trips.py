"""A citizen's trips to the counter for one dossier ("số lần đi lại").

The seeds (``shared/seeds/``) measure a counter by how many times a citizen must come: Nam Từ Liêm
cut the trips of birth registration + residence + health-insurance card from 6 to 2. A trip is a
visit the dossier records:

- the reception itself;
- each time the citizen brought the documents a supplement request asked for;
- each time the citizen came for the result on or after the appointment and it was not ready
  (recorded with one key on the return page: ``dossier.visited``);
- the return of the result.

Visits on the same working day as the visit before are one trip: a citizen who waits at the
counter while the dossier is resolved on the spot ("Ngày không hẹn") or who brings the missing
paper the same morning did not come twice. Guidance before reception (no code yet) is not linked
to a dossier and is not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.lifecycle import PENDING, Status
from motcua_desktop.domain.vntime import business_day

# The share the seeds hold up: a dossier done in one or two trips.
FEW_TRIPS = 2


def visit_times(dossier: Dossier) -> list[datetime]:
    """Every recorded visit of the citizen for ``dossier``, in time order."""
    visits = [dossier.received_at]
    visits += [s.received_at for s in dossier.supplements if s.received_at is not None]
    visits += list(dossier.visits_not_ready)
    if dossier.return_record is not None:
        visits.append(dossier.return_record.returned_at)
    return sorted(visits)


def trips(dossier: Dossier) -> int:
    """How many times the citizen came for ``dossier`` (visits on one working day are one trip)."""
    days: list[date] = []
    for at in visit_times(dossier):
        day = business_day(at)
        if not days or days[-1] != day:
            days.append(day)
    return len(days)


def can_record_not_ready_visit(status: Status) -> bool:
    """A citizen came for the result and it is not ready: only while the dossier is still being
    handled (a ready result is returned instead; a finished dossier has nothing to wait for)."""
    return status in PENDING


NOT_READY_REFUSED = (
    "Chỉ ghi nhận lượt công dân đến nhận mà chưa có kết quả khi hồ sơ đang giải quyết; "
    "hồ sơ đã có kết quả thì trả kết quả (F3)."
)


@dataclass(frozen=True)
class TripTally:
    """Trips of the dossiers returned in a period (one procedure, or all)."""

    dossiers: int = 0
    total_trips: int = 0
    most_trips: int = 0
    few_trips: int = 0  # dossiers done in at most FEW_TRIPS trips

    @property
    def average(self) -> float | None:
        return self.total_trips / self.dossiers if self.dossiers else None

    @property
    def few_share(self) -> float | None:
        return self.few_trips / self.dossiers if self.dossiers else None

    @property
    def repeat_trips(self) -> int:
        """Trips beyond the first: what linked procedures and no-appointment days save."""
        return self.total_trips - self.dossiers

    def add(self, count: int, dossiers: int = 1) -> TripTally:
        """``dossiers`` more dossiers, each done in ``count`` trips."""
        return TripTally(
            self.dossiers + dossiers,
            self.total_trips + count * dossiers,
            max(self.most_trips, count),
            self.few_trips + (dossiers if count <= FEW_TRIPS else 0),
        )

    def __add__(self, other: TripTally) -> TripTally:
        return TripTally(
            self.dossiers + other.dossiers,
            self.total_trips + other.total_trips,
            max(self.most_trips, other.most_trips),
            self.few_trips + other.few_trips,
        )


def tally(counts: Iterable[tuple[int, int]]) -> TripTally:
    """A tally from (trips, number of dossiers) pairs."""
    result = TripTally()
    for count, dossiers in counts:
        result = result.add(count, dossiers)
    return result
