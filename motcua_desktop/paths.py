"""Where this PC keeps its data: ``--data-dir``, else ``MOTCUA_DATA_DIR``, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from motcua_desktop import APP_ID

DATABASE_NAME = "motcua.db"


def data_dir(override: str | Path | None = None) -> Path:
    if override:
        folder = Path(override)
    elif os.environ.get("MOTCUA_DATA_DIR"):
        folder = Path(os.environ["MOTCUA_DATA_DIR"])
    else:
        import platformdirs  # only for the default folder

        # %LOCALAPPDATA%\MotCuaDesktop on Windows (local, not roaming: never a synced or network folder).
        folder = Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))
    return folder.expanduser().resolve()


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def log_dir(folder: Path) -> Path:
    return folder / "logs"
