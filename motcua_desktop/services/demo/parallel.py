"""Simulating the days in forked worker processes, at most a few days ahead of the writer (or all
in this process when forking is not possible or not worth it)."""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import threading
from collections.abc import Iterator
from typing import Any

from motcua_desktop.services.demo.day import DayBatch, DaySimulator, DayTask

LOOKAHEAD_DAYS = 24  # days simulated ahead of the writer


_WORKER_SIMULATOR: DaySimulator | None = None


def _worker_start(simulator: DaySimulator) -> None:
    global _WORKER_SIMULATOR  # noqa: PLW0603 - one simulator per worker process
    _WORKER_SIMULATOR = simulator


def _worker_day(task: DayTask) -> DayBatch:
    assert _WORKER_SIMULATOR is not None
    return _WORKER_SIMULATOR.day(task)


def simulate_days(simulator: DaySimulator, tasks: list[DayTask], workers: int) -> Iterator[DayBatch]:
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
            following = next(queued, None)
            if following is not None:
                ahead.append(pool.apply_async(_worker_day, (following,)))
            yield batch
