"""Child process: registers N dossiers, takes a backup, then ends without closing the database
(like a crash: the ``-wal`` file keeps the latest commits, nothing is checkpointed).

Usage: python -m tests.helpers.register_then_vanish DATABASE N
Prints each code after its commit, then ``BACKUP <path>``.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.accounts import auth
from motcua_desktop.services.core.context import AppContext, Session
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.safety.backup import backup_if_due
from motcua_desktop.storage import open_store
from tests.factories import MONDAY_9AM, FakeClock, applicant, birth_registration


def main() -> None:
    auth.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    store = open_store(Path(sys.argv[1]))
    store.db.execute("PRAGMA wal_autocheckpoint = 0")  # everything new stays in the -wal file
    clock = FakeClock(MONDAY_9AM + timedelta(hours=2, seconds=store.dossiers.count()))
    ctx = AppContext(store, clock=clock, session=Session("lan.nguyen", "Nguyễn Thị Lan", Role.CLERK))
    for i in range(int(sys.argv[2])):
        clock.advance(seconds=1)
        result = register(ctx, birth_registration(applicant=applicant(id_number=f"03808750{i:04d}")))
        print(result.dossier.code, flush=True)
    made = backup_if_due(AppContext(store, clock=clock), closing=True)
    assert made is not None
    print("BACKUP", made.local.path, flush=True)
    os._exit(0)  # no close, no checkpoint


if __name__ == "__main__":
    main()
