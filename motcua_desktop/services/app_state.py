"""Start-up of the application on a data folder: database, starter catalogue, what to show first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.paths import database_path
from motcua_desktop.services.catalogue import load_starter_catalogue
from motcua_desktop.services.context import OFFICE_KEY, SystemClock
from motcua_desktop.services.setup import is_set_up
from motcua_desktop.storage import open_store


@dataclass(frozen=True)
class StartupInfo:
    database: Path
    set_up: bool
    procedures: int
    unit_name: str = ""
    counter_no: int = 0


def start_up(data_folder: Path) -> StartupInfo:
    """Opens (creating and migrating) the database and loads the starter catalogue on first run."""
    path = database_path(data_folder)
    store = open_store(path)
    try:
        if store.catalogue.count_current() == 0:
            load_starter_catalogue(store, SystemClock())
        office = store.settings.get(OFFICE_KEY) or {}
        return StartupInfo(
            path,
            is_set_up(store),
            store.catalogue.count_current(),
            office.get("unit_name", ""),
            int(office.get("counter_no", 0)),
        )
    finally:
        store.close()
