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
    return absolute_path(folder)


def absolute_path(path: str | Path) -> Path:
    """``path`` made absolute and normalised as the user wrote it. Not ``Path.resolve()``: on
    Windows that turns a mapped network drive (``Z:\\``) into ``\\\\server\\share`` and a ``subst``
    drive into its target, which other programs, the user and SQLite URIs do not expect."""
    return Path(os.path.abspath(Path(path).expanduser()))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def log_dir(folder: Path) -> Path:
    return folder / "logs"


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def keep_private(folder: Path) -> None:
    """The data folder and what it holds are readable by their owner only (POSIX; on Windows the
    per-user %LOCALAPPDATA% already is): citizens' personal data, backups, logs. Files created from
    now on are private through the process's umask; this tightens what older versions left."""
    if os.name != "posix" or not database_path(folder).is_file():
        return  # only a data folder of this program is touched, never a folder given by mistake
    try:
        os.chmod(folder, PRIVATE_FOLDER)
        ours = [p for p in folder.iterdir() if p.name.startswith(DATABASE_NAME)]
        for sub in ("backups", "logs"):
            if (folder / sub).is_dir() and not (folder / sub).is_symlink():
                ours += [folder / sub, *(folder / sub).rglob("*")]
        for path in ours:
            if not path.is_symlink():
                os.chmod(path, PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE)
    except OSError:
        return  # a read-only or foreign folder: the command says what is wrong when it opens it


def private_umask() -> int | None:
    """Sets the umask so that new files are private; returns the previous one (POSIX only)."""
    return os.umask(0o077) if os.name == "posix" else None
