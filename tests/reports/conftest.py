"""Report tests replay October and November 2026 to cover periods across a month boundary."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def clock_floor_before_october(monkeypatch: pytest.MonkeyPatch) -> None:
    """This build's date floor (01/11/2026) would make the clock guard refuse October registrations."""
    monkeypatch.setattr("motcua_desktop.services.core.clock_guard.BUILD_DATE", "2026-10-01")
