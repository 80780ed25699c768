"""Shared test set-up: offscreen Qt, a fresh temporary database and data folder per test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from motcua_desktop.storage import Store, open_store

# Property tests explore new inputs on every developer run (that is how they find bugs), but CI
# replays one fixed sequence so that a merge is never judged by a lucky or unlucky draw.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder; ``MOTCUA_DATA_DIR`` points at it so nothing touches the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def delete_closed_widgets() -> Iterator[None]:
    """Widgets pytest-qt closed are deleted when the test ends, not whenever a later test happens to
    run the event loop: until then their timers fire (a reception page's 30 s due-date refresh
    reading a database closed long ago) and fail an unrelated test."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_machine_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test offices claim no counter number of the PC running the tests (``counter_claims``); the
    tests of that check point ``MOTCUA_MACHINE_DIR`` at a folder of their own."""
    monkeypatch.setenv("MOTCUA_MACHINE_DIR", "")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh, migrated database in a temporary folder."""
    opened = open_store(tmp_path / "motcua.db")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with tiny parameters in tests (production uses argon2-cffi's defaults, above OWASP's)."""
    from argon2 import PasswordHasher

    from motcua_desktop.services.accounts import auth

    monkeypatch.setattr(auth, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    from tests.factories import MONDAY_9AM, FakeClock

    return FakeClock(MONDAY_9AM)


@pytest.fixture
def office_store(store: Store, clock) -> Store:  # type: ignore[no-untyped-def]
    """A database set up as the office of phường Đông Tiến (counter 1) with the starter catalogue."""
    from tests.factories import set_up_office

    set_up_office(store, clock)
    return store
