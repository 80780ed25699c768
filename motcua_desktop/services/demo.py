"""``motcua demo``: fills a database with realistic synthetic dossiers over several years.

Used for training, screenshots, benchmarks and report tests. Dossiers go through the same
lifecycle rules and event chain as real ones (received, handed over, supplemented, extended,
withdrawn, resolved early/on time/late, returned), with realistic names and ID numbers.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
import random
import time
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.catalogue import Procedure
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
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.timeliness import TimelinessRule, finish_details
from motcua_desktop.domain.transitions import transition_payload
from motcua_desktop.domain.vntime import VN_TZ, business_day
from motcua_desktop.services.auth import create_user
from motcua_desktop.services.calendar import timeliness_rule
from motcua_desktop.services.context import AppContext
from motcua_desktop.services.demo_people import PeopleFactory
from motcua_desktop.services.registration import book_volume
from motcua_desktop.storage.bulk import BulkWriter

DEMO_KEY = "demo_data"
CLERKS = (("demo.lan", "Nguyễn Thị Lan"), ("demo.hung", "Trần Văn Hùng"), ("demo.mai", "Lê Thị Mai"))
MAX_PER_DAY = 700  # well inside one counter's block of 999 codes a day
FALLBACK_DURATION = Duration(DurationUnit.WORKING_DAYS, Decimal(5))
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
) -> DemoSummary:
    """Adds ``count`` synthetic dossiers received over the last ``years`` years (enough years that
    no day exceeds one counter's block of codes)."""
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
    now = ctx.clock.now()
    today = business_day(now)
    is_working = getattr(calendar, "is_working_day", lambda d: d.weekday() < 5)
    span_years = years or max(3, math.ceil(count / (248 * MAX_PER_DAY * 0.8)))
    days = [d for d in _dates(date(today.year - span_years, today.month, 1), today) if is_working(d)]
    per_day = _spread(count, len(days), rng)
    procedures = _procedure_pool(ctx)
    people = PeopleFactory(rng, office.province_code, office.commune_code, today)
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
    generator = _Generator(rng, office, calendar, writer, people, procedures, now, timeliness_rule(store))
    done = 0
    for day, n in zip(days, per_day, strict=True):
        generator.run_day(day, n)
        done += n
        if progress and n:
            progress(done, count)
    generator.finish()
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


@dataclass(order=True)
class _Pending:
    at: datetime
    order: int
    dossier_uuid: str = dataclasses.field(compare=False)
    step: tuple[Any, ...] = dataclasses.field(compare=False)


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        office: Any,
        calendar: Any,
        writer: BulkWriter,
        people: PeopleFactory,
        procedures: tuple[list[Procedure], list[float]],
        now: datetime,
        rule: TimelinessRule,
    ) -> None:
        self.rng, self.office, self.calendar, self.writer, self.people = rng, office, calendar, writer, people
        self.rule = rule
        self.procedures, self.weights = procedures
        self.now = now
        self.block = sequence_block(office.counter_no, sole_issuer=office.sole_issuer)
        self.heap: list[_Pending] = []
        self.states: dict[str, Dossier] = {}
        self.remaining: dict[str, int] = {}
        self.order = 0
        self.device_id = writer.device_id

    def run_day(self, day: date, n: int) -> None:
        opening = datetime(day.year, day.month, day.day, 7, 30, tzinfo=VN_TZ)
        times = sorted(opening + timedelta(minutes=self.rng.randint(0, 9 * 60)) for _ in range(n))
        for seq, received in enumerate(times, start=self.block.first):
            if received <= self.now:
                self._schedule(received, seq)
        end = opening.replace(hour=23, minute=59)
        while self.heap and self.heap[0].at <= min(end, self.now):
            self._emit(heapq.heappop(self.heap))

    def finish(self) -> None:
        while self.heap and self.heap[0].at <= self.now:
            self._emit(heapq.heappop(self.heap))
        for state in self.states.values():
            self.writer.dossier(state)
        self.states.clear()

    def _push(self, at: datetime, dossier_uuid: str, step: tuple[Any, ...]) -> None:
        if at > self.now:
            return
        self.order += 1
        heapq.heappush(self.heap, _Pending(at, self.order, dossier_uuid, step))
        self.remaining[dossier_uuid] = self.remaining.get(dossier_uuid, 0) + 1

    def _schedule(self, received: datetime, seq: int) -> None:
        rng = self.rng
        procedure = rng.choices(self.procedures, self.weights)[0]
        duration = procedure.duration or FALLBACK_DURATION
        due = self.calendar.due_at(received, duration)
        day = business_day(received)
        volume = book_volume(self.office, day.year)
        line = self.writer.book_lines.get(volume, 0) + 1
        self.writer.book_lines[volume] = line
        key = (self.office.agency_id, day)
        self.writer.code_sequences[key] = (seq, self.block.first, self.block.last)
        clerk = rng.choice(CLERKS)[0]
        applicant = self.people.person()
        representative = self.people.person() if rng.random() < 0.08 else None
        docs = tuple(DocumentItem(name) for name in procedure.documents[:4]) or (DocumentItem("Tờ khai"),)
        dossier = Dossier(
            uuid=str(uuidlib.UUID(int=rng.getrandbits(128), version=4)),
            code=format_code(self.office.agency_id, day, seq),
            status=Status.RECEIVED,
            applicant=applicant,
            representative=representative,
            procedure=dataclasses.replace(procedure.snapshot(), duration=duration),
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
            book_volume=volume,
            book_line=line,
        )
        self._push(received, dossier.uuid, ("register", dossier))
        self._plan_life(dossier, received, due, clerk)

    def _plan_life(self, d: Dossier, received: datetime, due: datetime, clerk: str) -> None:
        rng, uuid = self.rng, d.uuid
        t = received + timedelta(minutes=rng.randint(10, 120))
        self._push(t, uuid, ("action", Action.HAND_OVER, clerk, {}))
        r = rng.random()
        if r < 0.07:
            t += timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 3))
            self._push(t, uuid, ("action", Action.REQUEST_SUPPLEMENT, clerk, {"items": ["Bản sao giấy tờ còn thiếu"]}))
            fate = rng.random()
            if fate < 0.13:
                self._push(t + timedelta(days=rng.randint(2, 10)), uuid, ("action", Action.WITHDRAW, clerk, {}))
                return
            if fate < 0.25:
                self._push(
                    t + timedelta(days=rng.randint(15, 25)), uuid, ("action", Action.CLOSE_UNSUPPLEMENTED, clerk, {})
                )
                return
            t += timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 4))
            self._push(t, uuid, ("action", Action.RECEIVE_SUPPLEMENT, clerk, {}))
            t += timedelta(minutes=rng.randint(20, 90))
            self._push(t, uuid, ("action", Action.HAND_OVER, clerk, {}))
            due = t + (due - received)  # the restarted period, approximately
        elif r < 0.085:
            self._push(t + timedelta(days=rng.randint(1, 5)), uuid, ("action", Action.WITHDRAW, clerk, {}))
            return
        elif r < 0.095:
            self._push(t + timedelta(days=rng.randint(1, 5)), uuid, ("action", Action.STOP, clerk, {}))
            return
        if rng.random() < 0.02 and due - t > timedelta(days=2):
            new_due = due + timedelta(days=rng.randint(3, 10))
            self._push(due - timedelta(days=1, hours=2), uuid, ("action", Action.EXTEND, clerk, {"new_due": new_due}))
            due = new_due
        late = rng.random() < 0.12
        if late:
            result = due + timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 6))
        elif rng.random() < 0.5:
            result = due - timedelta(minutes=rng.randint(10, 300))
        else:
            result = received + (due - received) * rng.uniform(0.2, 0.8)
        result = max(result, t + timedelta(minutes=5))
        action = Action.REFUSE if rng.random() < 0.01 else Action.RESULT_READY
        self._push(result, uuid, ("action", action, clerk, {}))
        if rng.random() < 0.88:
            self._push(
                result + timedelta(days=rng.randint(0, 7), hours=rng.randint(1, 5)),
                uuid,
                ("action", Action.RETURN, rng.choice(CLERKS)[0], {}),
            )

    def _emit(self, item: _Pending) -> None:
        uuid, step, at = item.dossier_uuid, item.step, item.at
        if step[0] == "register":
            dossier: Dossier = step[1]
            self.writer.event(
                uuid=str(uuidlib.UUID(int=self.rng.getrandbits(128), version=4)),
                kind=ev.DOSSIER_REGISTERED,
                actor=dossier.received_by,
                occurred_at=at,
                payload=registered_payload(dossier),
                dossier_uuid=uuid,
                dossier_rev=1,
            )
            state = dataclasses.replace(dossier, rev=1, updated_at=at)
        else:
            _, action, actor, extra = step
            current = self.states[uuid]
            try:
                target = target_status(current.status, action, extension_used=current.extension_used)
            except KnownError:  # a planned step no longer applies (e.g. after a withdrawal)
                self._done(uuid)
                return
            note, details = self._details(current, action, actor, extra, at)
            record = self.writer.event(
                uuid=str(uuidlib.UUID(int=self.rng.getrandbits(128), version=4)),
                kind=ev.DOSSIER_TRANSITIONED,
                actor=actor,
                occurred_at=at,
                payload=transition_payload(current, action, target, note=note, details=details),
                dossier_uuid=uuid,
                dossier_rev=current.rev + 1,
            )
            state = apply_event(current, record)  # type: ignore[assignment]
        self.states[uuid] = state
        self._done(uuid)

    def _done(self, uuid: str) -> None:
        self.remaining[uuid] -= 1
        if self.remaining[uuid] == 0:
            del self.remaining[uuid]
            state = self.states.pop(uuid, None)
            if state is not None:
                self.writer.dossier(state)

    def _details(
        self, d: Dossier, action: Action, actor: str, extra: dict[str, Any], at: datetime
    ) -> tuple[str, dict[str, Any]]:
        rng = self.rng
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
