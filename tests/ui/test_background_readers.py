"""Leaving the program stops the detached readers first (issue 14 item 13): no reader thread is still
inside SQLite, or about to answer a window that is gone, while the interpreter shuts down."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from motcua_desktop.ui.shell.worker import run_detached, stop_background_readers

pytestmark = pytest.mark.gui

# A query SQLite works on for minutes unless interrupted.
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


def test_a_reader_inside_sqlite_is_interrupted_and_its_answer_dropped(clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    answers: list[object] = []
    started = threading.Event()

    def endless(ctx):  # type: ignore[no-untyped-def]
        started.set()
        return ctx.store.db.execute(ENDLESS).fetchone()

    reply = run_detached(clerk, endless, on_done=answers.append, on_error=answers.append, owner=owner)
    assert started.wait(10)
    time.sleep(0.2)  # inside the query
    began = time.monotonic()
    assert stop_background_readers(timeout=10) == 0
    assert time.monotonic() - began < 5  # interrupted, not waited out
    QApplication.processEvents()
    assert answers == [] and reply is not None  # the interrupted query's error is not shown to anyone


def test_a_reader_that_will_not_stop_is_left_after_the_timeout_and_never_answers(clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    answers: list[object] = []
    release = threading.Event()

    def stubborn(_ctx):  # type: ignore[no-untyped-def]
        release.wait(10)  # Python work no interrupt reaches
        return 42

    run_detached(clerk, stubborn, on_done=answers.append, on_error=answers.append, owner=owner)
    assert stop_background_readers(timeout=0.2) == 1
    release.set()
    assert stop_background_readers(timeout=10) == 0
    QApplication.processEvents()
    assert answers == []
    # A reader started afterwards (a new window in the same process, as in tests) answers as usual.
    kept = run_detached(clerk, lambda _ctx: 7, on_done=answers.append, on_error=answers.append, owner=owner)
    qtbot.waitUntil(lambda: answers == [7], timeout=10_000)
    assert kept is not None  # the reply must live until it answers
