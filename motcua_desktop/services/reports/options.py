"""The office's choices for its statistics: the reporting period, and how two open points are read
(``domain.statistics_readings``). Each report prints which reading it used."""

from __future__ import annotations

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.statistics_readings import DurationBasis, SupplementReading
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.storage import Store

PERIOD_CUTOFF_KEY = "reports.period_cutoff"  # True: months, quarters, years run from the 15th to the 14th
SUPPLEMENT_READING_KEY = "reports.awaiting_supplement"
DURATION_BASIS_KEY = "reports.duration_basis"


def period_cutoff(store: Store) -> bool:
    return bool(store.settings.get(PERIOD_CUTOFF_KEY, False))


def supplement_reading(store: Store) -> SupplementReading:
    try:
        return SupplementReading(store.settings.get(SUPPLEMENT_READING_KEY, SupplementReading.RESOLVED.value))
    except ValueError:
        return SupplementReading.RESOLVED


def duration_basis(store: Store) -> DurationBasis:
    try:
        return DurationBasis(store.settings.get(DURATION_BASIS_KEY, DurationBasis.PROMISED.value))
    except ValueError:
        return DurationBasis.PROMISED


def set_report_options(
    ctx: AppContext,
    *,
    cutoff: bool | None = None,
    reading: str | None = None,
    basis: str | None = None,
) -> None:
    """Changes the office's reporting choices (administrators), recorded in the audit trail."""
    ctx.require(Permission.SETTINGS)
    changes: dict[str, object] = {}
    if cutoff is not None:
        changes[PERIOD_CUTOFF_KEY] = bool(cutoff)
    if reading is not None:
        try:
            changes[SUPPLEMENT_READING_KEY] = SupplementReading(reading).value
        except ValueError:
            names = ", ".join(r.value for r in SupplementReading)
            raise ValidationError("Cách tính hồ sơ chờ bổ sung", f"«{reading}» không có.", f"Chọn: {names}.") from None
    if basis is not None:
        try:
            changes[DURATION_BASIS_KEY] = DurationBasis(basis).value
        except ValueError:
            names = ", ".join(b.value for b in DurationBasis)
            raise ValidationError("Thời hạn dùng để xét", f"«{basis}» không có.", f"Chọn: {names}.") from None
    if not changes:
        return
    with ctx.store.transaction():
        for key, value in changes.items():
            before = ctx.store.settings.get(key)
            ctx.store.settings.set(key, value)
            ctx.store.events.append(
                kind=ev.SETTINGS_CHANGED,
                actor=ctx.actor,
                occurred_at=ctx.clock.now(),
                payload={"key": key, "before": before, "after": value},
            )
