"""Current dossier state as a fold over its events.

Events are facts (every decision such as a new due date is made before the event is written
and stored in its payload), so replaying a dossier's events in ``dossier_rev`` order always
gives the same state. Storage keeps this state in the ``dossiers`` table for fast queries and
can rebuild the table from the log at any time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.dossier import (
    Dossier,
    DueRevision,
    Extension,
    HandOver,
    Outcome,
    Person,
    ReturnRecord,
    SupplementRound,
)
from motcua_desktop.domain.errors import ConflictError
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.serde import evolve, from_plain, load, to_plain
from motcua_desktop.domain.vntime import from_iso


def registered_payload(dossier: Dossier) -> dict[str, Any]:
    return {"dossier": to_plain(dossier)}


def apply_event(state: Dossier | None, event: ev.EventRecord) -> Dossier | None:
    """The dossier after ``event``; events that do not change dossiers return ``state`` unchanged."""
    if event.kind not in ev.STATE_EVENTS:
        return state
    if event.kind == ev.DOSSIER_REGISTERED:
        if state is not None:
            raise ConflictError(f"Hồ sơ {state.code or state.uuid} đã được tiếp nhận trước đó (sự kiện trùng).")
        dossier = load(Dossier, event.payload["dossier"])
        return evolve(dossier, rev=1, updated_at=event.occurred_at)
    if state is None:
        raise ConflictError(f"Sự kiện {event.uuid} thuộc hồ sơ chưa được tiếp nhận ({event.dossier_uuid}).")
    if event.dossier_rev != state.rev + 1:
        raise ConflictError(
            f"Hồ sơ {state.code}: sự kiện phiên bản {event.dossier_rev} không nối tiếp phiên bản {state.rev}."
        )
    changes = _changes(state, event)
    return evolve(state, **changes, rev=state.rev + 1, updated_at=event.occurred_at)


def replay(events: Iterable[ev.EventRecord]) -> Dossier | None:
    """Folds one dossier's events (already in ``dossier_rev`` order)."""
    state: Dossier | None = None
    for event in events:
        state = apply_event(state, event)
    return state


@dataclass(frozen=True)
class Fold:
    """A dossier folded from events that may come from several counters, in any order.

    ``dossier`` is the state after revisions 1…n, each held by exactly one event. The fold stops at
    a revision no event holds yet (``waiting_for``: another counter's package has not arrived) or at
    one that two counters both wrote (``conflict``: the competing event uuids); the events after
    that point are ``held``, never merged. ``problem`` names an event that does not apply at all.
    """

    dossier: Dossier | None
    waiting_for: int | None = None
    conflict: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    problem: str = ""

    @property
    def complete(self) -> bool:
        return not self.held and not self.conflict and not self.problem


def fold_revisions(events: Iterable[ev.EventRecord], set_aside: frozenset[str] = frozenset()) -> Fold:
    """The same answer whatever order the events arrived in; ``replay`` for one PC's tidy log.

    A leader's resolution of a conflict (``DOSSIER_CONFLICT_RESOLVED``, among ``events``) sets
    the versions not kept aside: they stay in the log, and the fold goes on along the one kept.
    """
    events = list(events)
    set_aside = set_aside | resolved_aside(events)
    by_rev: dict[int, dict[str, ev.EventRecord]] = {}
    for event in events:
        if event.dossier_rev is not None and event.uuid not in set_aside:
            by_rev.setdefault(event.dossier_rev, {})[event.uuid] = event
    state: Dossier | None = None
    rev = 1
    conflict: tuple[str, ...] = ()
    problem = ""
    while rev in by_rev:
        candidates = by_rev[rev]
        if len(candidates) > 1:
            conflict = tuple(sorted(candidates))
            break
        try:
            state = apply_event(state, next(iter(candidates.values())))
        except ConflictError as exc:
            problem = exc.message
            break
        rev += 1
    held = tuple(sorted(e.uuid for r, group in by_rev.items() if r >= rev for e in group.values()))
    waiting = rev if held and not conflict and not problem else None
    return Fold(state, waiting, conflict, held, problem)


def resolved_aside(events: Iterable[ev.EventRecord]) -> frozenset[str]:
    """Event uuids set aside by the leaders' resolutions among ``events``."""
    aside: set[str] = set()
    for event in events:
        if event.kind == ev.DOSSIER_CONFLICT_RESOLVED:
            aside.update(event.payload.get("set_aside", ()))
    return frozenset(aside)


def resolution(events: Iterable[ev.EventRecord], keep: str) -> tuple[int, tuple[str, ...]]:
    """(revision, uuids to set aside) when a leader keeps the version ``keep`` of a conflict.

    A version is the competing event and what its counter wrote on top of it; the other versions
    (each competing event, and every later event not written by the kept version's counter) are
    set aside. Raises ConflictError when ``keep`` is not one of the competing events.
    """
    events = list(events)
    folded = fold_revisions(events)
    if not folded.conflict:
        raise ConflictError("Hồ sơ này không có xung đột giữa các quầy.")
    if keep not in folded.conflict:
        raise ConflictError("Phiên bản được chọn không phải một trong các phiên bản đang xung đột.")
    by_uuid = {e.uuid: e for e in events}
    kept = by_uuid[keep]
    rev = kept.dossier_rev or 0
    aside = tuple(
        sorted(
            uuid
            for uuid in (*folded.conflict, *folded.held)
            if uuid != keep
            and not (by_uuid[uuid].device_id == kept.device_id and (by_uuid[uuid].dossier_rev or 0) > rev)
        )
    )
    return rev, aside


def _changes(state: Dossier, event: ev.EventRecord) -> dict[str, Any]:
    payload = event.payload
    if event.kind == ev.DOSSIER_LOCATED:
        return {"file_location": payload["file_location"]}
    if event.kind == ev.DOSSIER_VISITED:
        return {"visits_not_ready": (*state.visits_not_ready, event.occurred_at)}
    if event.kind == ev.DOSSIER_CORRECTED:
        after = payload["after"]
        changes: dict[str, Any] = {"corrections": state.corrections + 1}
        if "applicant" in after:
            changes["applicant"] = load(Person, after["applicant"])
        if "representative" in after:
            changes["representative"] = from_plain(Person | None, after["representative"])
        for name in ("summary", "note"):
            if name in after:
                changes[name] = after[name]
        if "due_at" in after:  # a new appointment after a calendar change (services.office.due_flags)
            new_due = from_iso(after["due_at"])
            if state.due_history and state.due_history[-1].reason == "received":
                changes["original_due_at"] = new_due  # the receipt itself is printed again with it
            changes["due_at"] = new_due
            changes["due_history"] = (*state.due_history, DueRevision(new_due, "calendar", event.occurred_at))
        return changes
    return _transition_changes(state, event)


def _transition_changes(state: Dossier, event: ev.EventRecord) -> dict[str, Any]:
    payload = event.payload
    action = Action(payload["action"])
    details: dict[str, Any] = payload.get("details", {})
    at = event.occurred_at
    changes: dict[str, Any] = {"status": Status(payload["to"])}
    if "outcome" in details:
        changes["outcome"] = from_plain(Outcome | None, details["outcome"])
    if "outcomes" in details:  # the outcome under each timeliness rule, fixed when the dossier finished
        changes["outcome_date_part"] = from_plain(Outcome | None, details["outcomes"].get("date_part"))
        changes["outcome_qd766"] = from_plain(Outcome | None, details["outcomes"].get("qd766"))
    if action is Action.HAND_OVER:
        changes["handovers"] = (*state.handovers, load(HandOver, details["handover"]))
    elif action is Action.REQUEST_SUPPLEMENT:
        changes["supplements"] = (*state.supplements, load(SupplementRound, details["round"]))
    elif action is Action.RECEIVE_SUPPLEMENT:
        new_due = from_iso(details["due_at"])
        last = state.supplements[-1]
        done = evolve(last, received_at=at, due_before=state.due_at, due_after=new_due)
        changes["supplements"] = (*state.supplements[:-1], done)
        changes["due_at"] = new_due
        changes["due_history"] = (*state.due_history, DueRevision(new_due, details["reason"], at))
    elif action is Action.REQUEST_FEES:
        changes["fee_amount"] = details.get("fee_amount", state.fee_amount)
    elif action is Action.PAY_FEES:
        changes["fee_paid"] = state.fee_paid + int(details.get("amount", 0))
    elif action is Action.EXTEND:
        extension = load(Extension, details["extension"])
        changes["extension"] = extension
        changes["due_at"] = extension.new_due_at
        changes["due_history"] = (*state.due_history, DueRevision(extension.new_due_at, "extension", at))
    elif action in (Action.STOP, Action.WITHDRAW, Action.CLOSE_UNSUPPLEMENTED, Action.REFUSE):
        changes["finished_at"] = at
        changes["reason"] = payload.get("note", "")
        if action is Action.REFUSE:
            changes["result_at"] = at
    elif action is Action.RESULT_READY:
        changes["result_at"] = at
        changes["finished_at"] = at
    elif action is Action.RETURN:
        record = load(ReturnRecord, details["return_record"])
        changes["return_record"] = record
        changes["fee_paid"] = state.fee_paid + record.fee_collected
    return changes
