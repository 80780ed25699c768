"""Fixtures for driving real widgets: a prepared application, a signed-in clerk, captured prints,
answered message boxes, and a session-wide demo database for the list model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.printing.forms import PrintJob
from motcua_desktop.storage import open_store
from motcua_desktop.ui.printing import print_flow
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.shell.app import prepare_application
from motcua_desktop.ui.shell.main_window import MainWindow
from tests.factories import MONDAY_9AM, FakeClock, context, set_up_office


@pytest.fixture(autouse=True)
def app(qapp):  # type: ignore[no-untyped-def]
    prepare_application(qapp)
    return qapp


@pytest.fixture
def clerk(office_store, clock):  # type: ignore[no-untyped-def]
    return context(office_store, clock)


@pytest.fixture
def window(qtbot, clerk):  # type: ignore[no-untyped-def]
    """The counter window of a signed-in clerk, shown and active (keys reach it)."""
    w = MainWindow(clerk)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[PrintJob]:
    """Every print job the window sends to paper (nothing reaches a real printer)."""
    jobs: list[PrintJob] = []

    def deliver(parent, ctx, job: PrintJob) -> bool:  # type: ignore[no-untyped-def]
        jobs.append(job)
        return True

    monkeypatch.setattr(print_flow, "deliver", deliver)
    return jobs


@dataclass
class Answers:
    """Message boxes shown, and the answer to give to questions."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    confirm: bool = True


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    recorded = Answers()

    def record(kind):  # type: ignore[no-untyped-def]
        def show(parent, title, text, **_):  # type: ignore[no-untyped-def]
            recorded.shown.append((kind, title, text))
            return recorded.confirm

        return show

    for kind in ("info", "warn", "confirm"):
        monkeypatch.setattr(ask, kind, record(kind))
    return recorded


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def refocus(widget: QWidget) -> None:
    """Gives the keyboard back to ``widget`` (the offscreen platform does not reactivate a window
    when a modal dialog closes, as Windows does)."""
    widget.window().activateWindow()
    assert QTest.qWaitForWindowActive(widget.window(), 2000)
    widget.setFocus()
    assert QApplication.focusWidget() is widget


def type_keys(text: str) -> None:
    """Types into whatever has the focus, like a keyboard (or a scanner: no delay between keys).

    Characters outside ASCII (a QR's Vietnamese name, what the Windows Vietnamese layout makes of
    digits) arrive as key events carrying that text, as Windows delivers them.
    """
    for ch in text:
        if ch.isascii():
            QTest.keyClick(focused(), ch)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


@dataclass(frozen=True)
class DemoDatabase:
    path: Path
    clock: FakeClock
    count: int


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> DemoDatabase:
    """A few thousand synthetic dossiers over three years, generated once per test session."""
    from argon2 import PasswordHasher

    from motcua_desktop.services.accounts import auth
    from motcua_desktop.services.demo.generate import generate_demo

    saved = auth.PASSWORD_HASHER
    auth.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    try:
        path = tmp_path_factory.mktemp("demo") / "motcua.db"
        clock = FakeClock(MONDAY_9AM)
        store = open_store(path)
        set_up_office(store, clock)
        admin = context(store, clock, role=Role.ADMIN, username="demo.admin")
        generate_demo(admin, 2500, seed=7)
        context(store, clock, username="lan.nguyen")
        store.close()
    finally:
        auth.PASSWORD_HASHER = saved
    return DemoDatabase(path, clock, 2500)


@pytest.fixture
def demo_clerk(demo_db: DemoDatabase):  # type: ignore[no-untyped-def]
    store = open_store(demo_db.path)
    ctx = context(store, FakeClock(demo_db.clock.current), username="lan.nguyen")
    yield ctx
    store.close()


@pytest.fixture
def paper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The print preview's printer writes a PDF file per print (what reaches "paper"), in order."""
    from PySide6.QtPrintSupport import QPrinter

    from motcua_desktop.ui.printing import qt_printing

    real = qt_printing.make_printer
    sheets: list[Path] = []

    def make(prefs, pdf):  # type: ignore[no-untyped-def]
        printer = real(prefs, pdf)
        path = tmp_path / f"paper-{len(sheets) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        sheets.append(path)
        return printer

    monkeypatch.setattr(qt_printing, "make_printer", make)
    return sheets
