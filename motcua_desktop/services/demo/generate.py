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

One dossier's life is planned in ``demo_lifecycle``, one day simulated in ``demo_day``, days spread
over worker processes in ``demo_parallel``; names and ID numbers come from ``demo_people``.
"""

from __future__ import annotations

import heapq
import math
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.settings import DEMO_DATA
from motcua_desktop.domain.vntime import business_day, iso
from motcua_desktop.services.accounts.auth import create_user
from motcua_desktop.services.core.calendar import timeliness_rule
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.demo.day import DaySimulator, DayTask, opening_time
from motcua_desktop.services.demo.lifecycle import CLERKS
from motcua_desktop.services.demo.parallel import simulate_days
from motcua_desktop.services.demo.people import PeopleFactory
from motcua_desktop.services.dossiers.registration import book_volume
from motcua_desktop.storage.bulk import BulkWriter

MAX_PER_DAY = 700  # well inside one counter's block of 999 codes a day
PARALLEL_FROM = 20_000  # below this, worker processes cost more than they save
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
    if store.dossiers.count() and not store.settings.value(DEMO_DATA):
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
        store.settings.put(DEMO_DATA, True)
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
                store.events.append(  # like every account: its creation is in the audit trail (``check --full``)
                    kind=ev.USER_ADDED,
                    actor=ctx.actor,
                    occurred_at=now,
                    payload={"username": username, "role": Role.CLERK.value, "full_name": name},
                )
    writer = BulkWriter(store)
    simulator = DaySimulator(
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
    for task, batch in zip(tasks, simulate_days(simulator, tasks, workers), strict=True):
        for event in batch.events:
            heapq.heappush(pending, event)
        # Dossiers of later days are received from the next opening on: everything before is final.
        cutoff = iso(opening_time(task.next_day)) if task.next_day else None
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


def _day_tasks(
    days: list[date], per_day: list[int], book_lines: dict[str, int], office: Any, seed: int
) -> list[DayTask]:
    """One task per day; tracking-book lines continue from what the database already has."""
    tasks = []
    lines = dict(book_lines)
    for i, (day, n) in enumerate(zip(days, per_day, strict=True)):
        volume = book_volume(office, day.year)
        first = lines.get(volume, 0)
        lines[volume] = first + n
        tasks.append(
            DayTask(
                day, n, seed * 1_000_003 + day.toordinal(), volume, first, days[i + 1] if i + 1 < len(days) else None
            )
        )
    return tasks
