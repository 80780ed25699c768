"""The office's choices for its statistics: the reporting period, and how two open points are read
(``domain.statistics_readings``). Each report prints which reading it used; the settings themselves are
``domain.settings`` (``PERIOD_CUTOFF``, ``SUPPLEMENT_READING``, ``DURATION_BASIS``)."""

from __future__ import annotations

from typing import Any

from motcua_desktop.domain.setting_types import Setting
from motcua_desktop.domain.settings import DURATION_BASIS, PERIOD_CUTOFF, SUPPLEMENT_READING
from motcua_desktop.domain.statistics_readings import DurationBasis, SupplementReading
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.settings import change_settings
from motcua_desktop.storage import Store


def period_cutoff(store: Store) -> bool:
    return store.settings.value(PERIOD_CUTOFF)


def supplement_reading(store: Store) -> SupplementReading:
    return store.settings.value(SUPPLEMENT_READING)


def duration_basis(store: Store) -> DurationBasis:
    return store.settings.value(DURATION_BASIS)


def set_report_options(
    ctx: AppContext,
    *,
    cutoff: bool | None = None,
    reading: str | None = None,
    basis: str | None = None,
) -> None:
    """Changes the office's reporting choices (administrators) together, recorded in the audit trail;
    ``None`` leaves a choice as it is."""
    changes: list[tuple[Setting[Any], Any]] = [
        (setting, value)
        for setting, value in ((PERIOD_CUTOFF, cutoff), (SUPPLEMENT_READING, reading), (DURATION_BASIS, basis))
        if value is not None
    ]
    change_settings(ctx, changes)
