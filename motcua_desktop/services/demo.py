"""``motcua demo``: fills a database with realistic synthetic dossiers over several years.

Used for training, screenshots, benchmarks and report tests. Dossiers go through the same
lifecycle rules and event chain as real ones (received, handed over, supplemented, extended,
withdrawn, resolved early/on time/late, returned), with realistic names and ID numbers.

How it stays fast (a million dossiers in a few minutes): each day's dossiers are simulated on
their own, from a random generator seeded with the seed and the day, so days can be simulated in
worker processes and the data does not depend on how many there are. A day gives, per dossier,
its events (payload already canonical JSON) and its final state folded with
``domain.projection.apply_event``. The main process merges the events of all days in time order,
gives them their place in this PC's hash chain and writes them with ``storage.bulk.BulkWriter``.
"""

from __future__ import annotations

import collections
import dataclasses
import heapq
import itertools
import math
import multiprocessing
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.catalogue import Procedure, ProcedureSnapshot
from motcua_desktop.domain.codes import format_code, sequence_block
from motcua_desktop.domain.dossier import (
    Channel,
    CollectorKind,
    DocumentItem,
    Dossier,
    DueRevision,
    Extension,
    HandOver,
    Rating,
    ReturnRecord,
    Satisfaction,
    SupplementRound,
)
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.lifecycle import Action, Status, target_status
from motcua_desktop.domain.projection import apply_event, registered_payload
from motcua_desktop.domain.serde import canonical_json, evolve, to_plain
from motcua_desktop.domain.timeliness import TimelinessRule, finish_details
from motcua_desktop.domain.transitions import transition_payload
from motcua_desktop.domain.vntime import VN_TZ, business_day, iso
from motcua_desktop.services.auth import create_user
from motcua_desktop.services.calendar import timeliness_rule
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.demo_people import PeopleFactory
from motcua_desktop.services.registration import book_volume
from motcua_desktop.storage.bulk import BulkWriter
from motcua_desktop.storage.dossier_table import projection_row
from motcua_desktop.storage.report_queries import satisfaction_rows

DEMO_KEY = "demo_data"
CLERKS = (("demo.lan", "Nguyễn Thị Lan"), ("demo.hung", "Trần Văn Hùng"), ("demo.mai", "Lê Thị Mai"))
CLERK_NAMES = tuple(username for username, _ in CLERKS)
MAX_PER_DAY = 700  # well inside one counter's block of 999 codes a day
FALLBACK_DURATION = Duration(DurationUnit.WORKING_DAYS, Decimal(5))
PARALLEL_FROM = 20_000  # below this, worker processes cost more than they save
LOOKAHEAD_DAYS = 24  # days simulated ahead of the writer
# Frequent commune procedures first: (code, relative weight).
POPULAR = {
    "1.001193": 30,
    "2.000815": 25,
    "2.000884": 18,
    "1.000894": 8,
    "1.004873": 6,
    "2.000635": 6,
    "1.000656": 4,
    "1.001022": 3,
}


@dataclass(frozen=True)
class DemoSummary:
    dossiers: int
    events: int
    first_day: date
    last_day: date
    seconds: float


class DemoRefused(KnownError):
    pass


def generate_demo(
    ctx: AppContext,
    count: int,
    *,
    seed: int = 2026,
    years: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> DemoSummary:
    """Adds ``count`` synthetic dossiers received over the last ``years`` years (enough years that
    no day exceeds one counter's block of codes).

    ``workers``: processes simulating days (None: one per CPU for large counts where the platform
    can fork, else 0 = all in this process). The data is the same whatever the number.
    """
    ctx.require(Permission.SETTINGS)
    store = ctx.store
    if count < 1 or count > 5_000_000:
        raise DemoRefused("Số hồ sơ mẫu phải từ 1 đến 5.000.000.")
    if store.dossiers.count() and not store.settings.get(DEMO_KEY):
        raise DemoRefused(
            "Cơ sở dữ liệu này đã có hồ sơ thật; không tạo dữ liệu mẫu vào đây. Dùng một thư mục dữ liệu riêng "
            "(--data-dir) để tạo dữ liệu mẫu."
        )
    started = time.perf_counter()
    office = ctx.office()
    calendar = ctx.calendar()
    rng = random.Random(seed)
    now = ctx.clock.now().replace(microsecond=0)
    today = business_day(now)
    is_working = getattr(calendar, "is_working_day", lambda d: d.weekday() < 5)
    span_years = years or max(3, math.ceil(count / (248 * MAX_PER_DAY * 0.8)))
    days = [d for d in _dates(date(today.year - span_years, today.month, 1), today) if is_working(d)]
    per_day = _spread(count, len(days), rng)
    procedures = _procedure_pool(ctx)
    with store.transaction():
        store.settings.set(DEMO_KEY, True)
        for username, name in CLERKS:
            if store.users.get(username) is None:
                create_user(
                    store,
                    ctx.clock,
                    username=username,
                    full_name=name,
                    role=Role.CLERK,
                    password=f"demo-{rng.randrange(10**9)}",
                    must_change_password=True,
                )
    writer = BulkWriter(store)
    simulator = _DaySimulator(
        seed=seed,
        office=office,
        calendar=calendar,
        procedures=procedures,
        device_id=writer.device_id,
        now=now,
        people=PeopleFactory(rng, office.province_code, office.commune_code, today),
        rule=timeliness_rule(store),
    )
    tasks = _day_tasks(days, per_day, writer.book_lines, office, seed)
    if workers is None:
        workers = (os.cpu_count() or 1) if count >= PARALLEL_FROM else 0
    writer.start()
    done = 0
    pending: list[tuple[Any, ...]] = []  # events of every day so far, by (time, order)
    for task, batch in zip(tasks, _simulate(simulator, tasks, workers), strict=True):
        for event in batch.events:
            heapq.heappush(pending, event)
        # Dossiers of later days are received from the next opening on: everything before is final.
        cutoff = iso(_opening(task.next_day)) if task.next_day else None
        while pending and (cutoff is None or pending[0][0] < cutoff):
            at, _, event_uuid, kind, actor, dossier_uuid, rev, payload_json = heapq.heappop(pending)
            writer.event(
                uuid=event_uuid,
                kind=kind,
                actor=actor,
                occurred_at=at,
                payload_json=payload_json,
                dossier_uuid=dossier_uuid,
                dossier_rev=rev,
            )
        writer.dossiers(batch.columns, batch.rows, batch.ratings)
        if batch.last_seq:
            writer.code_sequences[(office.agency_id, task.day)] = (
                batch.last_seq,
                simulator.block.first,
                simulator.block.last,
            )
            writer.book_lines[task.volume] = batch.last_line
        done += task.n
        if progress and task.n:
            progress(done, count)
    writer.finish()
    return DemoSummary(writer.dossiers_written, writer.events_written, days[0], days[-1], time.perf_counter() - started)


def _dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _spread(count: int, days: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.6, 1.4) for _ in range(days)]
    total = sum(weights)
    out = [min(MAX_PER_DAY, int(count * w / total)) for w in weights]
    i = 0
    while sum(out) < count:
        if out[i % days] < MAX_PER_DAY:
            out[i % days] += 1
        i += 1
    return out


def _procedure_pool(ctx: AppContext) -> tuple[list[Procedure], list[float]]:
    procedures = [
        p for p in ctx.store.catalogue.current() if p.receiving_place != "Công an xã"
    ] or ctx.store.catalogue.current()
    if not procedures:
        raise DemoRefused("Danh mục thủ tục trống; hãy nạp danh mục trước khi tạo dữ liệu mẫu.")
    weights = [float(POPULAR.get(p.code, 1)) for p in procedures]
    return procedures, weights


def _opening(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 7, 30, tzinfo=VN_TZ)


@dataclass(frozen=True)
class _DayTask:
    day: date
    n: int
    seed: int
    volume: str
    first_line: int  # the tracking-book line before this day's first dossier
    next_day: date | None


@dataclass
class _DayBatch:
    events: list[tuple[Any, ...]]  # (occurred_at ISO, order, uuid, kind, actor, dossier uuid, rev, payload JSON)
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]  # final projection rows, in reception order
    ratings: list[tuple[str, str, str, str, str, str]]  # satisfaction ratings of those dossiers
    last_seq: int
    last_line: int


def _day_tasks(
    days: list[date], per_day: list[int], book_lines: dict[str, int], office: Any, seed: int
) -> list[_DayTask]:
    """One task per day; tracking-book lines continue from what the database already has."""
    tasks = []
    lines = dict(book_lines)
    for i, (day, n) in enumerate(zip(days, per_day, strict=True)):
        volume = book_volume(office, day.year)
        first = lines.get(volume, 0)
        lines[volume] = first + n
        tasks.append(
            _DayTask(
                day, n, seed * 1_000_003 + day.toordinal(), volume, first, days[i + 1] if i + 1 < len(days) else None
            )
        )
    return tasks


_WORKER_SIMULATOR: _DaySimulator | None = None


def _worker_start(simulator: _DaySimulator) -> None:
    global _WORKER_SIMULATOR  # noqa: PLW0603 - one simulator per worker process
    _WORKER_SIMULATOR = simulator


def _worker_day(task: _DayTask) -> _DayBatch:
    assert _WORKER_SIMULATOR is not None
    return _WORKER_SIMULATOR.day(task)


def _simulate(simulator: _DaySimulator, tasks: list[_DayTask], workers: int) -> Iterator[_DayBatch]:
    """Day batches in day order, simulated here or in forked worker processes."""
    # Forking is only safe (and only quiet on Python ≥ 3.12) while this process has one thread.
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        for task in tasks:
            yield simulator.day(task)
        return
    # fork: the workers inherit the simulator (calendar, catalogue) without pickling it.
    # At most a few days ahead of the writer, so memory stays flat when writing is the slower part.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_worker_start, initargs=(simulator,)) as pool:
        ahead: collections.deque[Any] = collections.deque()
        queued = iter(tasks)
        for task in itertools.islice(queued, LOOKAHEAD_DAYS):
            ahead.append(pool.apply_async(_worker_day, (task,)))
        while ahead:
            batch = ahead.popleft().get()
            task = next(queued, None)
            if task is not None:
                ahead.append(pool.apply_async(_worker_day, (task,)))
            yield batch


def _uuid4(rng: random.Random) -> str:
    """The text of ``uuid.UUID(int=rng.getrandbits(128), version=4)``, without building the object."""
    value = rng.getrandbits(128)
    value = (value & ~(0xC000 << 48) | (0x8000 << 48)) & ~(0xF000 << 64) | (4 << 76)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _DaySimulator:
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

    def day(self, task: _DayTask) -> _DayBatch:
        rng = random.Random(task.seed)
        self.people.rng = rng
        opening = _opening(task.day)
        times = sorted(opening + timedelta(minutes=rng.randint(0, 9 * 60)) for _ in range(task.n))
        events: list[tuple[Any, ...]] = []
        rows: list[tuple[Any, ...]] = []
        ratings: list[tuple[str, str, str, str, str, str]] = []
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
        return _DayBatch(events, self.columns, rows, ratings, last_seq, line)

    def _dossier(
        self,
        rng: random.Random,
        task: _DayTask,
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
        steps = self._plan_life(rng, received, due, clerk)
        steps.sort(key=lambda step: step[0])  # stable: steps at the same moment keep their planned order
        for i, (moment, action, actor, extra) in enumerate(steps, start=1):
            try:
                target = target_status(state.status, action, extension_used=state.extension_used)
            except KnownError:  # a planned step no longer applies (e.g. after a withdrawal)
                continue
            note, details = self._details(rng, state, action, actor, extra, moment)
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

    def _plan_life(
        self, rng: random.Random, received: datetime, due: datetime, clerk: str
    ) -> list[tuple[datetime, Action, str, dict[str, Any]]]:
        """The steps this dossier will go through (those after now are left out), to seconds."""
        steps: list[tuple[datetime, Action, str, dict[str, Any]]] = []

        def push(moment: datetime, action: Action, actor: str = clerk, **extra: Any) -> None:
            moment = moment.replace(microsecond=0)
            if moment <= self.now:
                steps.append((moment, action, actor, extra))

        t = received + timedelta(minutes=rng.randint(10, 120))
        push(t, Action.HAND_OVER)
        r = rng.random()
        if r < 0.07:
            t += timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 3))
            push(t, Action.REQUEST_SUPPLEMENT, items=["Bản sao giấy tờ còn thiếu"])
            fate = rng.random()
            if fate < 0.13:
                push(t + timedelta(days=rng.randint(2, 10)), Action.WITHDRAW)
                return steps
            if fate < 0.25:
                push(t + timedelta(days=rng.randint(15, 25)), Action.CLOSE_UNSUPPLEMENTED)
                return steps
            t += timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 4))
            push(t, Action.RECEIVE_SUPPLEMENT)
            t += timedelta(minutes=rng.randint(20, 90))
            push(t, Action.HAND_OVER)
            due = t + (due - received)  # the restarted period, approximately
        elif r < 0.085:
            push(t + timedelta(days=rng.randint(1, 5)), Action.WITHDRAW)
            return steps
        elif r < 0.095:
            push(t + timedelta(days=rng.randint(1, 5)), Action.STOP)
            return steps
        if rng.random() < 0.02 and due - t > timedelta(days=2):
            new_due = due + timedelta(days=rng.randint(3, 10))
            push(due - timedelta(days=1, hours=2), Action.EXTEND, new_due=new_due)
            due = new_due
        late = rng.random() < 0.12
        if late:
            result = due + timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 6))
        elif rng.random() < 0.5:
            result = due - timedelta(minutes=rng.randint(10, 300))
        else:
            result = received + (due - received) * rng.uniform(0.2, 0.8)
        result = max(result, t + timedelta(minutes=5))
        push(result, Action.REFUSE if rng.random() < 0.01 else Action.RESULT_READY)
        if rng.random() < 0.88:
            push(
                result + timedelta(days=rng.randint(0, 7), hours=rng.randint(1, 5)),
                Action.RETURN,
                rng.choice(CLERK_NAMES),
            )
        return steps

    def _details(
        self, rng: random.Random, d: Dossier, action: Action, actor: str, extra: dict[str, Any], at: datetime
    ) -> tuple[str, dict[str, Any]]:
        if action is Action.HAND_OVER:
            return "", {
                "handover": to_plain(
                    HandOver(
                        at,
                        self.office.unit_name,
                        d.deciding_unit,
                        actor,
                        rng.choice(
                            ("Công chức tư pháp - hộ tịch", "Công chức địa chính", "Công chức văn hóa - xã hội")
                        ),
                    )
                )
            }
        if action is Action.REQUEST_SUPPLEMENT:
            return "Hồ sơ còn thiếu giấy tờ", {
                "round": to_plain(SupplementRound(at, actor, tuple(extra["items"]), "Hồ sơ còn thiếu giấy tờ"))
            }
        if action is Action.RECEIVE_SUPPLEMENT:
            due = self.calendar.due_at(at, d.procedure.duration or FALLBACK_DURATION)
            return "", {"due_at": to_plain(due), "reason": "supplement-restart"}
        if action is Action.EXTEND:
            extension = Extension(at, d.due_at or at, extra["new_due"], "Cần xác minh thêm", actor)
            return "Cần xác minh thêm", {"extension": to_plain(extension)}
        if action in (Action.WITHDRAW, Action.STOP, Action.CLOSE_UNSUPPLEMENTED, Action.RESULT_READY, Action.REFUSE):
            note = {
                Action.WITHDRAW: "Công dân xin rút hồ sơ",
                Action.STOP: "Công dân đề nghị dừng giải quyết",
                Action.CLOSE_UNSUPPLEMENTED: "Quá 15 ngày không bổ sung",
                Action.REFUSE: "Không đủ điều kiện theo quy định",
            }.get(action, "")
            target = target_status(d.status, action, extension_used=d.extension_used)
            return note, finish_details(d, target, at, self.calendar, self.rule)
        if action is Action.RETURN:
            satisfaction = None
            if rng.random() < 0.6:
                satisfaction = Satisfaction(rng.choices(list(Rating), (45, 50, 5))[0])
            record = ReturnRecord(
                at,
                actor,
                CollectorKind.APPLICANT,
                d.applicant.full_name,
                d.applicant.id_type,
                d.applicant.id_number,
                rng.randint(0, 1),
                d.fee_amount,
                satisfaction,
            )
            return "", {"return_record": to_plain(record)}
        return "", {}
