"""Windows ending the session (shutdown, sign-out, the installer's upgrade) with the window open.

On Windows, Qt emits ``commitDataRequest`` (WM_QUERYENDSESSION), then ``aboutToQuit``
(WM_ENDSESSION), and the process is terminated when that returns: ``app.exec()`` never returns.
The tests emit the same signals and check that the reception draft and the closing backup are
written by then, within the size Windows' few seconds allow, and that after the loop errors are
logged, never shown (finding 3: a modal dialog then hangs the process).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.services.dossiers.drafts import load_draft
from motcua_desktop.services.safety.backup import backup_folder
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from motcua_desktop.ui.shell import ask, errors, launcher, session_end
from motcua_desktop.ui.shell.app import prepare_application
from tests.factories import add_user, context

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


class FakeUser32:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, str]] = []

    def ShutdownBlockReasonCreate(self, hwnd: int, reason: str) -> int:
        self.calls.append(("create", hwnd, reason))
        return 1

    def ShutdownBlockReasonDestroy(self, hwnd: int) -> int:
        self.calls.append(("destroy", hwnd, ""))
        return 1


@pytest.fixture
def quiet_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The window's excepthook as the launcher installs it, restored afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook(tmp_path / "motcua.log")
    yield
    errors._state["quitting"] = False


@pytest.fixture
def watch(qapp):  # type: ignore[no-untyped-def]
    """``session_end.watch_session_end`` whose connections end with the test: a window closed by
    pytest-qt is deleted only later, and must not answer the next test's ``aboutToQuit``."""
    made: list[session_end.SessionEnd] = []

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        session = session_end.watch_session_end(qapp, *args, **kwargs)
        made.append(session)
        return session

    yield connect
    for session in made:
        qapp.commitDataRequest.disconnect(session.commit_data)
        qapp.aboutToQuit.disconnect(session.about_to_quit)


@pytest.fixture
def window(qtbot, qapp, office_store, clock, quiet_errors):  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.shell.main_window import MainWindow

    prepare_application(qapp)
    add_user(office_store, clock, "lan.nguyen", Role.CLERK)
    w = MainWindow(context(office_store, clock))
    qtbot.addWidget(w)
    page = w.page("reception")
    assert isinstance(page, ReceptionPage)
    page.picker.choose_key("1.001193")
    page.form.applicant_box.applicant.ui.full_name.setText("Lê Thị Hoa")  # typed, draft timer not fired yet
    return w


def closing_backups(store) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.name for p in backup_folder(store.path).glob("motcua-*.db"))


def test_shutdown_saves_the_draft_and_takes_the_closing_backup(qapp, window, watch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = window.ctx
    user32 = FakeUser32()
    session = watch(ctx, window, lambda: launcher._automatic_backup(ctx, closing=True), user32=user32)
    assert load_draft(ctx, "reception") is None and closing_backups(ctx.store) == []
    session.commit_data(None)  # WM_QUERYENDSESSION (the manager is not used)
    assert load_draft(ctx, "reception").data["applicant"]["full_name"] == "Lê Thị Hoa"  # type: ignore[union-attr]
    assert len(closing_backups(ctx.store)) == 1
    hwnd = int(window.winId())
    assert user32.calls == [("create", hwnd, session_end.BLOCK_REASON), ("destroy", hwnd, "")]
    assert errors.may_show_dialogs()  # the user may still cancel the shutdown and go on working

    shown: list[str] = []
    monkeypatch.setattr(ask, "known_error", lambda parent, exc, *a, **k: shown.append(exc.message))
    qapp.aboutToQuit.emit()  # WM_ENDSESSION: the process ends when this returns
    assert not errors.may_show_dialogs()
    assert len(closing_backups(ctx.store)) == 1  # nothing changed since: no second copy
    errors.handle_exception(KnownError, KnownError("Máy in chưa sẵn sàng."), None)
    assert shown == []  # logged, not shown: nobody is left to close a dialog


def test_quitting_without_a_session_end_runs_the_same_work(qapp, window, watch) -> None:  # type: ignore[no-untyped-def]
    """A plain ``quit()`` (or the installer's Restart Manager closing the app) runs it once too."""
    ctx = window.ctx
    ran: list[int] = []
    watch(ctx, window, lambda: ran.append(1))
    qapp.aboutToQuit.emit()
    qapp.aboutToQuit.emit()
    assert ran == [1] and load_draft(ctx, "reception") is not None


def test_a_database_too_big_for_the_seconds_windows_allows(qapp, window, watch, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    ctx = window.ctx
    ran: list[int] = []
    monkeypatch.setattr(session_end, "SESSION_END_BACKUP_MAX_BYTES", 1024)
    session = watch(ctx, window, lambda: ran.append(1))
    with caplog.at_level(logging.WARNING, logger="motcua.ui.session"):
        session.commit_data(None)
    assert ran == [] and "closing backup skipped at session end" in caplog.text
    assert load_draft(ctx, "reception") is not None  # the draft, always


def test_errors_after_the_loop_are_logged_not_shown(qapp, quiet_errors, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    def modal(*_args: object) -> int:
        raise AssertionError("a modal dialog after the event loop hangs a closing program")

    monkeypatch.setattr(errors.ErrorDialog, "exec", modal)
    qapp.aboutToQuit.emit()
    try:
        raise RuntimeError("lỗi khi đóng")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="motcua.ui"):
            errors.handle_exception(RuntimeError, exc, exc.__traceback__)
    assert "lỗi khi đóng" in caplog.text


@pytest.mark.slow
@pytest.mark.qt_no_exception_capture  # a child process: widgets other tests left behind are not its concern
def test_an_error_in_an_about_to_quit_slot_does_not_hang_the_process() -> None:
    """The window's application and error hook, offscreen (nobody to click), an ``aboutToQuit`` slot
    that raises: a dialog there runs a loop nobody ends (the 10-minute hang of a headless run, and
    a PC that never finishes shutting down)."""
    code = (
        "from PySide6.QtCore import QTimer\n"
        "from motcua_desktop.ui.shell.app import application\n"
        "from motcua_desktop.ui.shell.errors import install_excepthook\n"
        "app = application()\n"
        "install_excepthook(None)\n"
        "def broken():\n"
        "    raise RuntimeError('lỗi khi đóng')\n"
        "app.aboutToQuit.connect(broken)\n"
        "QTimer.singleShot(0, app.quit)\n"
        "print('loop ended', app.exec(), flush=True)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "loop ended 0" in done.stdout.decode("utf-8")
