"""The counter window's size, place and maximised state, kept on this PC between runs.

A small JSON file beside the database (``<data folder>/window.json``), like the drafts: it
belongs to this PC's screen, not to the office, so it is not a setting (no event, never
exported) and it travels with a portable install. Reading never fails (a missing or damaged file
means "first opening"); a file that cannot be written is logged and forgotten: where the window
opens next time is not worth an error message.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from motcua_desktop import fileio
from motcua_desktop.domain.window_place import WindowPlace, place_from_json
from motcua_desktop.services.core.context import AppContext

WINDOW_FILE = "window.json"
log = logging.getLogger("motcua.ui")


def _path(ctx: AppContext) -> Path:
    return ctx.store.path.parent / WINDOW_FILE


def saved_window_place(ctx: AppContext) -> WindowPlace | None:
    """The place the window had when it last closed on this PC, or None."""
    try:
        raw = fileio.read_bytes(_path(ctx))
    except OSError:
        return None
    try:
        return place_from_json(json.loads(raw.decode("utf-8-sig")))
    except ValueError:
        return None


def save_window_place(ctx: AppContext, place: WindowPlace) -> None:
    """Keeps ``place`` for the next run (a failure is only logged)."""
    try:
        fileio.write_atomic(_path(ctx), json.dumps(place.as_json()).encode("utf-8"))
    except OSError as exc:
        log.warning("window place not saved: %s", exc)
