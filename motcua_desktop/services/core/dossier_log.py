"""The one step by which a dossier changes: its event is appended, applied to the projection and the
new state saved, inside the caller's transaction.

Registration, the lifecycle actions, corrections and the paper file's location all go through
``record_dossier_event``, so the ``dossiers`` table always holds exactly what
``domain.projection.apply_event`` computes from the log (``docs/architecture.md``, "Events are the
source of truth"). Imported events take the other road: ``services.sync`` folds each touched dossier
again from all its events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.projection import apply_event
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.storage.event_log import DeviceIdentity


def record_dossier_event(
    ctx: AppContext,
    before: Dossier | None,
    *,
    kind: str,
    payload: dict[str, Any],
    occurred_at: datetime,
    dossier_uuid: str | None = None,
    device: DeviceIdentity | None = None,
) -> Dossier:
    """Appends a state event of one dossier and saves the state it leads to; returns that state.

    ``before`` is the dossier as loaded in this transaction, or None for a new dossier (then
    ``dossier_uuid`` names it and the event is revision 1). ``device``: this PC's identity when the
    caller has just read it in the same transaction. Outside a transaction the event log refuses to append."""
    event = ctx.store.events.append(
        kind=kind,
        actor=ctx.actor,
        occurred_at=occurred_at,
        payload=payload,
        dossier_uuid=before.uuid if before is not None else dossier_uuid,
        dossier_rev=before.rev + 1 if before is not None else 1,
        device=device,
    )
    after = apply_event(before, event)
    assert after is not None
    if before is None:
        ctx.store.dossiers.insert_new(after)
    else:
        ctx.store.dossiers.save(after)
    return after
