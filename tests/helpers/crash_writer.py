"""Child process of the crash test: registers dossiers forever, printing each code after COMMIT.

Usage: python -m tests.helpers.crash_writer DATABASE

Before ``READY`` one dossier is registered in a throw-away database: the
program imports some modules on first use (phone numbers, the projection table…), and a writer
killed while importing them would confirm nothing in its round.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.accounts import auth
from motcua_desktop.services.core.context import AppContext, Session
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.storage import open_store
from tests.factories import MONDAY_9AM, FakeClock, applicant, birth_registration, set_up_office

DOSSIERS_PER_DAY = 500


def main() -> None:
    auth.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    warm_up()
    write_forever(Path(sys.argv[1]))


def warm_up() -> None:
    """One registration in a throw-away database: everything a registration imports is imported."""
    with tempfile.TemporaryDirectory(prefix="motcua-warm-") as folder:
        clock = FakeClock(MONDAY_9AM)
        store = open_store(Path(folder) / "motcua.db")
        try:
            set_up_office(store, clock)
            ctx = AppContext(store, clock=clock, session=Session("lan.nguyen", "Nguyễn Thị Lan", Role.CLERK))
            register(ctx, birth_registration(applicant=applicant(id_number="038087999999"), request_id="warm-up"))
        finally:
            store.close()


def write_forever(db: Path) -> None:
    store = open_store(db)
    count = store.dossiers.count()
    clock = FakeClock(MONDAY_9AM)
    ctx = AppContext(store, clock=clock, session=Session("lan.nguyen", "Nguyễn Thị Lan", Role.CLERK))
    print("READY", flush=True)
    i = count
    while True:
        i += 1
        # A counter issues at most 999 codes a day: a fast machine writes more than that before
        # the last kill, so the writers move on to the next day every DOSSIERS_PER_DAY dossiers.
        clock.current = MONDAY_9AM + timedelta(days=(i - 1) // DOSSIERS_PER_DAY, seconds=(i - 1) % DOSSIERS_PER_DAY)
        number = f"038087{i % 1_000_000:06d}"
        result = register(ctx, birth_registration(applicant=applicant(id_number=number), request_id=f"req-{i}"))
        print(result.dossier.code, flush=True)  # the "receipt": only after the commit returned


if __name__ == "__main__":
    main()
