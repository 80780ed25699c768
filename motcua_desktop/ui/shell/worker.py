"""Long work off the window's thread: demo data, big prints.

The job runs in a ``QThread`` with its own database connection (``services.workspace.worker_context``;
SQLite connections are not shared between threads) and reports progress through signals; the
window stays responsive and shows a progress dialog. Errors come back to the window's thread
and are shown there like any other.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from motcua_desktop.domain.money import vn_number
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.workspace import close_workspace, worker_context

Progress = Callable[[int, int], None]
Job = Callable[[AppContext, Progress], Any]


class BackgroundJob(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, ctx: AppContext, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._job = job

    def run(self) -> None:
        try:
            ctx = worker_context(self._ctx)
        except Exception as exc:
            self.failed.emit(exc)
            return
        try:
            result = self._job(ctx, lambda done, total: self.progressed.emit(int(done), int(total)))
        except Exception as exc:
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            close_workspace(ctx)


class _Reply(QObject):
    """Carries a detached job's answer to the window's thread (signals cross threads queued)."""

    done = Signal(object)
    failed = Signal(object)


class _Readers:
    """The detached readers still running, so that leaving the program stops them first: a daemon
    thread still inside SQLite or about to answer a deleted window while the interpreter shuts down can
    crash the process at exit (seen once as exit -11 in a child process)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: dict[threading.Thread, AppContext | None] = {}
        self.cancelled: set[threading.Thread] = set()  # stopped at exit: their answers are dropped


_READERS = _Readers()


def stop_background_readers(timeout: float = 3.0) -> int:
    """At exit: no reader answers any more, each one's query is interrupted (``sqlite3`` interrupt), and
    the threads are waited for up to ``timeout`` seconds in all. Returns how many were still running."""
    with _READERS.lock:
        running = dict(_READERS.running)
        _READERS.cancelled.update(running)
    for worker in running.values():
        if worker is not None:
            with contextlib.suppress(Exception):  # closed meanwhile
                worker.store.db.conn.interrupt()
    deadline = time.monotonic() + timeout
    for thread in running:
        thread.join(max(0.0, deadline - time.monotonic()))
    return sum(thread.is_alive() for thread in running)


def run_detached(
    ctx: AppContext,
    job: Callable[[AppContext], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject,
) -> _Reply:
    """Read-only background work that must never delay or break closing the window (the status
    bar's counts, the check of a very large database): a daemon thread with its own connection;
    the answer arrives on the window's thread. Keep the returned object alive until it answers.
    An answer that comes after ``owner`` (the widget that shows it) was deleted is dropped: the
    window may close, or a test tear it down, while a count is still running."""
    from shiboken6 import isValid

    reply = _Reply()
    reply.done.connect(lambda value: on_done(value) if isValid(owner) else None)
    reply.failed.connect(lambda exc: on_error(exc) if isValid(owner) else None)

    def answer(signal_name: str, value: object) -> None:
        if threading.current_thread() in _READERS.cancelled:  # the program is leaving: nobody waits
            return
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile: nobody waits for the answer
            getattr(reply, signal_name).emit(value)

    def work() -> None:
        me = threading.current_thread()
        try:
            try:
                worker = worker_context(ctx)
            except Exception as exc:
                answer("failed", exc)
                return
            with _READERS.lock:
                _READERS.running[me] = worker
            try:
                answer("done", job(worker))
            except Exception as exc:
                answer("failed", exc)
            finally:
                with _READERS.lock:
                    _READERS.running[me] = None
                close_workspace(worker)
        finally:
            with _READERS.lock:
                _READERS.running.pop(me, None)
                _READERS.cancelled.discard(me)

    thread = threading.Thread(target=work, name="motcua-background", daemon=True)
    with _READERS.lock:
        _READERS.running[thread] = None
    thread.start()
    return reply


def run_in_background(
    parent: QWidget,
    ctx: AppContext,
    job: Job,
    *,
    title: str,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> BackgroundJob:
    """Starts ``job(ctx, progress)`` in a thread with a progress dialog; ``on_done(result)`` runs in
    the window's thread. Returns the thread (tests wait on its ``finished`` signal)."""
    from motcua_desktop.ui.shell.errors import show_error

    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle("Đang xử lý")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    thread = BackgroundJob(ctx, job, parent)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(f"{title}\n{vn_number(done)} / {vn_number(total)}")

    def finish() -> None:
        dialog.close()
        dialog.deleteLater()

    def succeeded(result: object) -> None:
        finish()
        on_done(result)

    def failed(exc: BaseException) -> None:
        finish()
        (on_error or (lambda e: show_error(parent, e)))(exc)

    queued = Qt.ConnectionType.QueuedConnection  # run in the window's thread, where ``thread`` lives
    thread.progressed.connect(progressed, queued)
    thread.succeeded.connect(succeeded, queued)
    thread.failed.connect(failed, queued)
    thread.start()
    return thread
