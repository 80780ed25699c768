"""The office settings are read on every call; the parsed value is reused only while unchanged."""

from __future__ import annotations

import dataclasses

from motcua_desktop.domain.settings import OFFICE
from motcua_desktop.services.core.context import AppContext


def test_office_follows_the_stored_settings(office_store) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(office_store)
    first = ctx.office()
    assert ctx.office() is first
    changed = dataclasses.replace(first, counter_no=2, unit_name="Bộ phận một cửa")
    with office_store.transaction():  # e.g. the settings page, or another window of the program
        office_store.settings.put(OFFICE, changed)
    assert ctx.office() == changed
