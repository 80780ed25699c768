"""Dossier conflicts between counters, and their way out.

Two counters that act on one dossier offline both write its next revision; the import does not
merge them, and the dossier is frozen (``lookup.load_dossier`` refuses to act on it). A leader
looks at the versions and keeps one: the decision is an event of this PC
(``DOSSIER_CONFLICT_RESOLVED``), so the next export carries it to the consolidation point and the
province, and every PC that imports it folds the dossier the same way (``projection.fold_revisions``).
The versions not kept stay in the log and the audit trail; their actions are redone if still needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import ConflictError, ValidationError
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.projection import fold_revisions, resolution
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lookup import resolve


@dataclass(frozen=True)
class Version:
    """One competing version: the event at the disputed revision and what followed it there."""

    number: int  # 1, 2 …: what the leader types to choose
    event_uuid: str
    counter: str  # "quầy 2", "quầy 1 (máy này)"
    actor: str
    at: datetime
    action: str  # "chuyển xử lý", "rút hồ sơ" …
    following: int  # later actions of the same counter on top of it


@dataclass(frozen=True)
class DossierConflict:
    dossier_uuid: str
    code: str
    applicant: str
    rev: int  # the revision both counters wrote
    versions: tuple[Version, ...]


def list_conflicts(ctx: AppContext) -> list[DossierConflict]:
    """Every dossier whose counters' versions disagree, with the versions to choose from."""
    ctx.require(Permission.CONSOLIDATE)
    found = []
    for dossier_uuid in sorted(set(_open_conflicts(ctx))):
        conflict = _conflict(ctx, dossier_uuid)
        if conflict is not None:
            found.append(conflict)
    return found


def dossier_conflict(ctx: AppContext, reference: str) -> DossierConflict:
    ctx.require(Permission.CONSOLIDATE)
    conflict = _conflict(ctx, resolve(ctx, reference))
    if conflict is None:
        raise ConflictError("Hồ sơ này không có xung đột giữa các quầy.")
    return conflict


def resolve_conflict(ctx: AppContext, reference: str, keep: int | str, reason: str) -> DossierConflict | None:
    """The leader keeps version ``keep`` (its number in ``dossier_conflict``, or its event uuid).

    Recorded as an event (audited, exported); the dossier is refolded and can be acted on again
    unless a later revision is disputed too (then that conflict is returned)."""
    ctx.require_fresh(Permission.CONSOLIDATE)
    note = fields.clean_field(reason, "Lý do chọn", limit=fields.REASON, multiline=True, required=True)
    dossier_uuid = resolve(ctx, reference)
    store = ctx.store
    with store.transaction():
        conflict = _conflict(ctx, dossier_uuid)
        if conflict is None:
            raise ConflictError("Hồ sơ này không có xung đột giữa các quầy (có thể đã được giải quyết).")
        chosen = next(
            (v for v in conflict.versions if str(v.number) == str(keep).strip() or v.event_uuid == keep), None
        )
        if chosen is None:
            numbers = ", ".join(str(v.number) for v in conflict.versions)
            raise ValidationError(
                "Phiên bản giữ lại", f"«{fields.shown(keep)}» không có.", f"Chọn một trong: {numbers}."
            )
        events = store.events.for_dossier(dossier_uuid)
        rev, aside = resolution(events, chosen.event_uuid)
        store.events.append(
            kind=ev.DOSSIER_CONFLICT_RESOLVED,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            dossier_uuid=dossier_uuid,
            payload={"rev": rev, "kept": chosen.event_uuid, "set_aside": list(aside), "reason": note},
        )
        refold(ctx, dossier_uuid)
    return _conflict(ctx, dossier_uuid)


def refold(ctx: AppContext, dossier_uuid: str) -> None:
    """Saves the dossier as its events now fold, and settles the reports of conflicts it no
    longer has (here, or when a resolution arrives in a package)."""
    store = ctx.store
    folded = fold_revisions(store.events.for_dossier(dossier_uuid))
    if folded.dossier is not None and folded.dossier.rev != store.dossiers.rev(dossier_uuid):
        store.dossiers.save(folded.dossier)
    still = f"conflict:{dossier_uuid}:{folded.dossier.rev + 1}" if folded.conflict and folded.dossier else ""
    settled = [
        k for k in store.sync.reports.open_report_keys("dossier_conflict", f"conflict:{dossier_uuid}:") if k != still
    ]
    store.sync.reports.resolve_reports(settled, at=ctx.clock.now())


def _open_conflicts(ctx: AppContext) -> list[str]:
    return [r.dossier_uuid for r in ctx.store.sync.reports.reports() if r.kind == "dossier_conflict" and r.dossier_uuid]


def _conflict(ctx: AppContext, dossier_uuid: str) -> DossierConflict | None:
    store = ctx.store
    events = store.events.for_dossier(dossier_uuid)
    folded = fold_revisions(events)
    if not folded.conflict or folded.dossier is None:
        return None
    by_uuid = {e.uuid: e for e in events}
    counters = {d.device_id: f"quầy {d.counter_no}" for d in store.sync.peers.devices()}
    counters[store.events.device().device_id] = f"quầy {ctx.office().counter_no} (máy này)"
    rev = folded.dossier.rev + 1
    versions = []
    for number, uuid in enumerate(sorted(folded.conflict, key=lambda u: (by_uuid[u].occurred_at, u)), start=1):
        event = by_uuid[uuid]
        following = sum(
            1 for h in folded.held if by_uuid[h].device_id == event.device_id and (by_uuid[h].dossier_rev or 0) > rev
        )
        versions.append(
            Version(
                number,
                uuid,
                counters.get(event.device_id, f"máy {event.device_id}"),
                event.actor,
                event.occurred_at,
                _action(event),
                following,
            )
        )
    d = folded.dossier
    return DossierConflict(dossier_uuid, d.code or "", d.applicant.full_name, rev, tuple(versions))


def _action(event: ev.EventRecord) -> str:
    if event.kind == ev.DOSSIER_TRANSITIONED:
        return Action(event.payload["action"]).label.lower()
    return ev.KIND_LABELS.get(event.kind, event.kind).lower()
