"""Changing a setting: the one step every settings screen and command goes through.

``change_setting`` checks that the signed-in user may change it (``Setting.changed_by``, with the
password typed again recently when ``Setting.fresh``), then checks the value (``Setting.parse``, or the
caller's ``prepare`` when the check needs the disk or a key parser), writes it and records a
``settings.changed`` event with the value before and after, in one transaction. The list of settings,
their types and defaults is ``domain.settings``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.setting_types import Setting
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.storage import Store

T = TypeVar("T")


def change_setting(ctx: AppContext, setting: Setting[T], value: Any, *, prepare: Callable[[Any], T] | None = None) -> T:
    """Changes ``setting`` to ``value`` as the signed-in user; returns the value stored."""
    _require(ctx, setting)
    checked = (prepare or setting.parse)(value)
    with ctx.store.transaction():
        record_setting(ctx.store, setting, checked, actor=ctx.actor, now=ctx.clock.now())
    return checked


def change_settings(ctx: AppContext, changes: Sequence[tuple[Setting[Any], Any]]) -> None:
    """Several settings one screen saves together: every permission and every value is checked before
    anything is written, then all are written in one transaction (a ``settings.changed`` event each)."""
    for setting, _ in changes:
        _require(ctx, setting)
    checked = [(setting, setting.parse(value)) for setting, value in changes]
    if not checked:
        return
    with ctx.store.transaction():
        for setting, value in checked:
            record_setting(ctx.store, setting, value, actor=ctx.actor, now=ctx.clock.now())


def _require(ctx: AppContext, setting: Setting[Any]) -> None:
    if setting.changed_by is None:
        raise ValueError(f"{setting.key} is kept by the program")
    if setting.fresh:
        ctx.require_fresh(setting.changed_by)
    else:
        ctx.require(setting.changed_by)


def record_setting(store: Store, setting: Setting[T], value: T, *, actor: str, now: datetime) -> None:
    """Writes ``value`` and its ``settings.changed`` event inside the caller's transaction (the first-run
    wizard writes the office this way, before anyone can sign in)."""
    before = store.settings.get(setting.key)
    after = setting.encode(value)
    store.settings.set(setting.key, after)
    store.events.append(
        kind=ev.SETTINGS_CHANGED,
        actor=actor,
        occurred_at=now,
        payload={"key": setting.key, "before": before, "after": after},
    )
