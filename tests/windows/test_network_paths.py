"""Backups on a mapped network drive (finding 6).

On Windows ``Path.resolve()`` turns ``Z:\\SaoLuu`` (a mapped drive) into ``\\\\server\\share\\SaoLuu``,
and ``as_uri()`` writes that as ``file://server/share/…``, which SQLite refuses ("invalid uri
authority"). Imitated here: UNC-shaped ``PureWindowsPath`` strings for the URI, and a symbolic link
standing for the mapped drive (``resolve()`` follows it exactly as Windows follows the mapping).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path, PureWindowsPath

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.paths import data_dir
from motcua_desktop.services.safety.backup import (
    OFFSITE_KEY,
    backup_now,
    new_recovery_key,
    set_offsite_folder,
    set_recovery_key,
)
from motcua_desktop.storage.backup_files import describe_file, verify_copy
from motcua_desktop.storage.connection import readonly_uri, sqlite_uri
from tests.helpers.safety import signed_in


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (
            r"\\may-chu\SaoLuu\Xã Đông Tiến\motcua.db",
            "file:////may-chu/SaoLuu/X%C3%A3%20%C4%90%C3%B4ng%20Ti%E1%BA%BFn/motcua.db",
        ),
        (r"\\?\UNC\may-chu\SaoLuu\a.db", "file:////may-chu/SaoLuu/a.db"),
        (r"Z:\Sao lưu\#1 100%.db", "file:///Z:/Sao%20l%C6%B0u/%231%20100%25.db"),
        (r"\\?\C:\Users\Nguyễn Văn An\motcua.db", "file:///C:/Users/Nguy%E1%BB%85n%20V%C4%83n%20An/motcua.db"),
    ],
)
def test_windows_paths_become_uris_sqlite_accepts(path: str, uri: str) -> None:
    assert sqlite_uri(PureWindowsPath(path)) == uri
    assert "file://may-chu" not in sqlite_uri(PureWindowsPath(path))  # what as_uri() gives and SQLite refuses


def test_sqlite_refuses_an_authority_and_takes_four_slashes(tmp_path: Path) -> None:
    """Why the UNC form has four slashes: the authority part must be empty."""
    db = tmp_path / "Sao lưu" / "a.db"
    db.parent.mkdir()
    sqlite3.connect(db).close()
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect("file://may-chu" + sqlite_uri(db)[7:], uri=True)
    four = sqlite3.connect("file:///" + sqlite_uri(db)[7:] + "?mode=ro", uri=True)  # file:////tmp/…
    four.close()


def test_odd_folder_names_open_read_only(office_store, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = backup_now(signed_in(office_store, clock, Role.ADMIN))
    odd = tmp_path / "Sao lưu #1 100% ?" / result.local.path.name
    odd.parent.mkdir()
    odd.write_bytes(result.local.path.read_bytes())
    assert readonly_uri(odd).startswith("file:///") and "#" not in readonly_uri(odd)
    assert verify_copy(odd) == [] and describe_file(odd).device_id == result.local.name.device_id


@pytest.fixture
def mapped_drive(tmp_path: Path) -> Path:
    """``Z:`` stands for ``\\\\server\\share``: a link that ``resolve()`` follows like Windows does."""
    share = tmp_path / "server" / "share"
    share.mkdir(parents=True)
    drive = tmp_path / "Z"
    drive.symlink_to(share, target_is_directory=True)
    return drive


def test_data_folder_and_second_location_stay_on_the_mapped_drive(office_store, clock, mapped_drive: Path) -> None:  # type: ignore[no-untyped-def]
    assert data_dir(mapped_drive / "MotCua") == mapped_drive / "MotCua"
    admin = signed_in(office_store, clock, Role.ADMIN)
    (mapped_drive / "SaoLuu").mkdir()
    set_offsite_folder(admin, str(mapped_drive / "SaoLuu"))
    assert office_store.settings.get(OFFSITE_KEY) == str(mapped_drive / "SaoLuu")
    set_recovery_key(admin, new_recovery_key()[0])
    result = backup_now(admin)
    assert result.offsite is not None and result.offsite.path.parent == mapped_drive / "SaoLuu"


def test_the_default_data_folder_is_local_appdata_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs' own Windows code with its documented override of the known folder: local (not
    roaming: never synced to a server), the app name once (``appauthor=False``), the user's name
    with spaces and diacritics kept as it is."""
    import platformdirs
    import platformdirs.windows

    from motcua_desktop import paths

    local = r"C:\Users\Nguyễn Văn An\AppData\Local"
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\Nguyễn Văn An\AppData\Roaming")
    folder = str(paths.user_data_dir())
    assert folder.startswith(local) and folder.endswith("MotCuaDesktop")
    assert folder.count("MotCuaDesktop") == 1 and "Roaming" not in folder
