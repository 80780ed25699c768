"""Rotating log file in the data folder: unexpected errors are written here, never shown raw."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from motcua_desktop.paths import log_dir

LOG_NAME = "motcua.log"


def setup_logging(data_folder: Path, *, level: int = logging.INFO) -> Path:
    folder = log_dir(data_folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger("motcua")
    if not any(
        isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers
    ):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
