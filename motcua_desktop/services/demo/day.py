"""One day of synthetic dossiers: each dossier received that day is built, taken through its planned
life with the real lifecycle rules, and gives its events and its final projection row."""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.catalogue import Procedure, ProcedureSnapshot
from motcua_desktop.domain.codes import format_code, sequence_block
from motcua_desktop.domain.dossier import Channel, DocumentItem, Dossier, DueRevision
from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.lifecycle import Status, target_status
from motcua_desktop.domain.projection import apply_event, registered_payload
from motcua_desktop.domain.serde import canonical_json, evolve
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.transitions import transition_payload
from motcua_desktop.domain.vntime import VN_TZ, iso
from motcua_desktop.services.demo.lifecycle import CLERK_NAMES, FALLBACK_DURATION, LifePlanner
from motcua_desktop.services.demo.people import PeopleFactory
from motcua_desktop.storage.dossier_table import projection_row
from motcua_desktop.storage.report_rows import RatingRow, satisfaction_rows


def opening_time(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 7, 30, tzinfo=VN_TZ)


@dataclass(frozen=True)
class DayTask:
    day: date
    n: int
    seed: int
    volume: str
    first_line: int  # the tracking-book line before this day's first dossier
    next_day: date | None


@dataclass
class DayBatch:
    events: list[tuple[Any, ...]]  # (occurred_at ISO, order, uuid, kind, actor, dossier uuid, rev, payload JSON)
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]  # final projection rows, in reception order
    ratings: list[RatingRow]  # satisfaction ratings of those dossiers
    last_seq: int
    last_line: int


def _uuid4(rng: random.Random) -> str:
    """The text of ``uuid.UUID(int=rng.getrandbits(128), version=4)``, without building the object."""
    value = rng.getrandbits(128)
    value = (value & ~(0xC000 << 48) | (0x8000 << 48)) & ~(0xF000 << 64) | (4 << 76)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class DaySimulator:
    """Simulates the whole life of each dossier received on one day."""

    def __init__(
        self,
        *,
        seed: int,
        office: Any,
        calendar: Any,
        procedures: tuple[list[Procedure], list[float]],
        device_id: str,
        now: datetime,
        people: PeopleFactory,
        rule: TimelinessRule,
    ) -> None:
        self.seed, self.office, self.calendar, self.people, self.now = seed, office, calendar, people, now
        self.rule = rule
        self.life = LifePlanner(office=office, calendar=calendar, rule=rule, now=now)
        self.device_id = device_id
        self.block = sequence_block(office.counter_no, sole_issuer=office.sole_issuer)
        procedure_list, self.weights = procedures
        # (procedure, its duration, the snapshot every dossier of it carries, its documents)
        self.procedures: list[tuple[Procedure, Duration, ProcedureSnapshot, tuple[DocumentItem, ...]]] = []
        for procedure in procedure_list:
            duration = procedure.duration or FALLBACK_DURATION
            snapshot = dataclasses.replace(procedure.snapshot(), duration=duration)
            docs = tuple(DocumentItem(name) for name in procedure.documents[:4]) or (DocumentItem("Tờ khai"),)
            self.procedures.append((procedure, duration, snapshot, docs))
        self.columns: tuple[str, ...] = ()

    def day(self, task: DayTask) -> DayBatch:
        rng = random.Random(task.seed)
        self.people.rng = rng
        opening = opening_time(task.day)
        times = sorted(opening + timedelta(minutes=rng.randint(0, 9 * 60)) for _ in range(task.n))
        events: list[tuple[Any, ...]] = []
        rows: list[tuple[Any, ...]] = []
        ratings: list[RatingRow] = []
        line, last_seq = task.first_line, 0
        order = task.day.toordinal() * 1_000_000
        for seq, received in enumerate(times, start=self.block.first):
            if received > self.now:
                break
            line += 1
            state = self._dossier(rng, task, seq, received, line, order + (seq - self.block.first) * 64, events)
            row = projection_row(state)
            if not self.columns:
                self.columns = tuple(row)
            rows.append(tuple(row.values()))
            ratings.extend(satisfaction_rows(state))
            last_seq = seq
        return DayBatch(events, self.columns, rows, ratings, last_seq, line)

    def _dossier(
        self,
        rng: random.Random,
        task: DayTask,
        seq: int,
        received: datetime,
        line: int,
        order: int,
        events: list[tuple[Any, ...]],
    ) -> Dossier:
        procedure, duration, snapshot, docs = rng.choices(self.procedures, self.weights)[0]
        due = self.calendar.due_at(received, duration)
        clerk = rng.choice(CLERK_NAMES)
        applicant = self.people.person()
        representative = self.people.person() if rng.random() < 0.08 else None
        dossier = Dossier(
            uuid=_uuid4(rng),
            code=format_code(self.office.agency_id, task.day, seq),
            status=Status.RECEIVED,
            applicant=applicant,
            representative=representative,
            procedure=snapshot,
            channel=Channel.DIRECT
            if rng.random() < 0.85
            else (Channel.ONLINE if rng.random() < 0.7 else Channel.POSTAL),
            received_at=received,
            received_by=clerk,
            device_id=self.device_id,
            receiving_agency_id=self.office.agency_id,
            receiving_unit=self.office.unit_name,
            documents=docs,
            summary=procedure.name,
            fee_amount=procedure.fee_amount or 0,
            deciding_unit=self.office.deciding_unit,
            due_at=due,
            original_due_at=due,
            due_history=(DueRevision(due, "received", received),),
            book_volume=task.volume,
            book_line=line,
        )
        at = iso(received)
        payload = canonical_json(registered_payload(dossier))
        events.append((at, order, _uuid4(rng), ev.DOSSIER_REGISTERED, clerk, dossier.uuid, 1, payload))
        state = evolve(dossier, rev=1, updated_at=received)
        steps = self.life.plan(rng, received, due, clerk)
        steps.sort(key=lambda step: step[0])  # stable: steps at the same moment keep their planned order
        for i, (moment, action, actor, extra) in enumerate(steps, start=1):
            try:
                target = target_status(state.status, action, extension_used=state.extension_used)
            except KnownError:  # a planned step no longer applies (e.g. after a withdrawal)
                continue
            note, details = self.life.details(rng, state, action, actor, extra, moment)
            plain = transition_payload(state, action, target, note=note, details=details)
            record = ev.EventRecord(
                _uuid4(rng),
                self.device_id,
                0,
                0,
                ev.DOSSIER_TRANSITIONED,
                actor,
                moment,
                plain,
                dossier.uuid,
                state.rev + 1,
            )
            events.append(
                (
                    iso(moment),
                    order + i,
                    record.uuid,
                    record.kind,
                    actor,
                    dossier.uuid,
                    record.dossier_rev,
                    canonical_json(plain),
                )
            )
            new_state = apply_event(state, record)
            assert new_state is not None
            state = new_state
        return state
