"""Shared builders of the safety tests: signed-in contexts with a fresh password entry, dossiers."""

from __future__ import annotations

import os
from pathlib import Path

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.registration import register
from motcua_desktop.storage import Store
from tests.factories import FakeClock, applicant, birth_registration, context

USERNAMES = {Role.CLERK: "lan.nguyen", Role.LEADER: "hoa.le", Role.ADMIN: "admin"}


def signed_in(store: Store, clock: FakeClock, role: Role, username: str | None = None) -> AppContext:
    """A context of ``role`` whose password was just typed (sensitive actions allowed)."""
    ctx = context(store, clock, role, username or USERNAMES[role])
    ctx.mark_authenticated()
    return ctx


def register_many(ctx: AppContext, count: int, *, first: int = 0) -> list[Dossier]:
    clock = ctx.clock
    done = []
    for i in range(first, first + count):
        if isinstance(clock, FakeClock):
            clock.advance(minutes=1)
        number = f"0380870{i % 100000:05d}"
        done.append(register(ctx, birth_registration(applicant=applicant(id_number=number))).dossier)
    return done


ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    """Environment of a test child process that imports this checkout."""
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}
