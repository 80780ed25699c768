"""Rotating log files in the data folder: unexpected errors are written here, never shown raw.

The window and the command line keep separate files (``motcua.log``, ``motcua-cli.log``): on
Windows a file cannot be renamed while another process has it open, so two programs rotating one
file make the rollover fail again and again (and print "--- Logging error ---" each time). And
whatever still holds a log file at rollover time (an antivirus, an editor showing it, a second
command), ``TolerantRotatingFileHandler`` keeps writing to the current file and tries again a
little later instead of losing the record.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import tempfile
from pathlib import Path

from motcua_desktop.paths import log_dir

LOG_NAME = "motcua.log"  # the counter window
CLI_LOG_NAME = "motcua-cli.log"  # commands (administrators, scheduled tasks)
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5


class TolerantRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose rollover may fail (file held by another process): the record
    is written to the current file and the rollover is tried again after another tenth of
    ``maxBytes``."""

    def __init__(self, filename: Path, **kwargs: object) -> None:
        super().__init__(filename, **kwargs)  # type: ignore[arg-type]
        self._retry_at = 0

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 - logging's name
        if self._retry_at and self.stream is not None and self.stream.tell() < self._retry_at:
            return False
        return bool(super().shouldRollover(record))

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """A record that cannot be written (a full or read-only disk) is dropped without printing
        "--- Logging error ---" over the message that tells the user what is wrong."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        try:
            super().doRollover()
        except OSError:
            if self.stream is None:  # closed before the failed rename: keep appending to the same file
                self.stream = self._open()
            self._retry_at = self.stream.tell() + max(1, self.maxBytes // 10)
        else:
            self._retry_at = 0


def setup_logging(data_folder: Path, *, level: int = logging.INFO, name: str = LOG_NAME) -> Path | None:
    """The log file of ``data_folder`` (``logs/``), or, when that folder cannot be written (a read-only
    drive, no permission, a full disk), one in the temporary folder; None when no log file can be
    opened at all (nothing is logged, and nothing fails because of it: the program then says what is
    wrong with the data folder itself)."""
    root = logging.getLogger("motcua")
    root.setLevel(level)
    for folder in (log_dir(data_folder), _fallback_folder()):
        if folder is None:
            continue
        try:
            return _log_to(root, folder, name)
        except OSError:
            continue
    return None


def _fallback_folder() -> Path | None:
    try:
        return Path(tempfile.gettempdir()) / "motcua-logs"
    except OSError:  # no usable temporary folder either
        return None


def _log_to(root: logging.Logger, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not any(
        isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == Path(os.path.abspath(path))
        for h in root.handlers
    ):
        handler = TolerantRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"))
        root.addHandler(handler)
    return path
