"""Shared test set-up: offscreen Qt, a fresh temporary database and data folder per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from motcua_desktop.storage import Store, open_store  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder; ``MOTCUA_DATA_DIR`` points at it so nothing touches the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh, migrated database in a temporary folder."""
    opened = open_store(tmp_path / "motcua.db")
    yield opened
    opened.close()
