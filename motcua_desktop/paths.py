"""Where this PC keeps its data: ``--data-dir``, else ``MOTCUA_DATA_DIR``, else the machine folder
chosen at installation (``motcua-data.ini`` beside the program, written by the installer when the
office's data is shared by every Windows account: ``%ProgramData%\\MotCuaDesktop``), else the
user's own data folder (``%LOCALAPPDATA%\\MotCuaDesktop``)."""

from __future__ import annotations

import configparser
import ntpath
import os
import sys
from pathlib import Path

from motcua_desktop import APP_ID

DATABASE_NAME = "motcua.db"
MACHINE_SETTING = "motcua-data.ini"  # [data] folder=… (environment variables such as %ProgramData% allowed)


def data_dir(override: str | Path | None = None) -> Path:
    if override:
        folder = Path(override)
    elif os.environ.get("MOTCUA_DATA_DIR"):
        folder = Path(os.environ["MOTCUA_DATA_DIR"])
    else:
        folder = machine_data_dir() or user_data_dir()
    return absolute_path(folder)


def user_data_dir() -> Path:
    """This Windows user's own folder: %LOCALAPPDATA%\\MotCuaDesktop (local, not roaming: never a
    synced or network folder)."""
    import platformdirs  # only for the default folder

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))


def program_folder() -> Path | None:
    """The installed program's folder (beside ``motcua.exe``); None when running from source."""
    return Path(sys.executable).parent if getattr(sys, "frozen", False) else None


def machine_data_dir(folder: Path | None = None) -> Path | None:
    """The data folder the installer chose for every account of the PC, if it chose one."""
    folder = folder if folder is not None else program_folder()
    if folder is None:
        return None
    try:
        raw = (folder / MACHINE_SETTING).read_bytes()
    except OSError:
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # written by the installer in the ANSI code page
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    value = parser.get("data", "folder", fallback="").strip()
    return Path(os.path.expandvars(ntpath.expandvars(value))) if value else None  # %ProgramData% on any OS


def is_machine_data_folder(folder: Path) -> bool:
    """Whether ``folder`` is the data folder the installer chose for every account of the PC."""
    machine = machine_data_dir()
    return machine is not None and absolute_path(machine) == absolute_path(folder)


def stranded_user_data(folder: Path) -> Path | None:
    """This user's own data folder when it holds a database while ``folder`` (the machine folder the
    installer chose) has none yet: the counter's data must be moved, never started afresh."""
    if database_path(folder).exists():
        return None
    mine = absolute_path(user_data_dir())
    if mine == absolute_path(folder) or not database_path(mine).exists():
        return None
    return mine


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
