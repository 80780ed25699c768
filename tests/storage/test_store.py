from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from motcua_desktop.storage import migrations as migrations_module
from motcua_desktop.storage import open_store
from motcua_desktop.storage.connection import APPLICATION_ID
from motcua_desktop.storage.errors import NewerDatabase, WrongDatabase
from motcua_desktop.storage.migrations import Migration


def test_every_connection_is_durable(tmp_path: Path) -> None:
    for readonly in (False, True):
        store = open_store(tmp_path / "a.db", readonly=readonly)
        db = store.db
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        if not readonly:
            assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        store.close()


def test_new_database_gets_a_device_identity(store) -> None:  # type: ignore[no-untyped-def]
    device = store.events.device()
    assert device.device_id.startswith("MC-") and device.epoch == 1


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    with pytest.raises(WrongDatabase, match="không phải cơ sở dữ liệu"):
        open_store(path)


def test_not_a_database_at_all_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Danh sach ho so\n" * 200)
    with pytest.raises(WrongDatabase):
        open_store(path)


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    db = sqlite_utils.Database(sqlite3.connect(path))
    db.execute("PRAGMA user_version = 99")
    db.conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabase, match="phiên bản mới hơn"):
        open_store(path)
    assert path.read_bytes() == before


def _with_extra_migration(monkeypatch: pytest.MonkeyPatch, apply) -> None:  # type: ignore[no-untyped-def]
    real = migrations_module.all_migrations()
    extra = Migration(real[-1].version + 1, "test_extra", apply)
    monkeypatch.setattr("motcua_desktop.storage.store.all_migrations", lambda: [*real, extra])


def test_migration_takes_a_backup_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "motcua.db"
    store = open_store(path)
    version = store.schema_version()
    store.settings.set("marker", "trước nâng cấp")
    store.close()
    _with_extra_migration(monkeypatch, lambda db: db.execute("CREATE TABLE extra_table (a)"))
    store = open_store(path)
    assert store.schema_version() == version + 1
    backups = list((tmp_path / "backups" / "pre-migration").glob("motcua-v*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == version
    assert copy.execute("SELECT value FROM settings WHERE key='marker'").fetchone()[0] == '"trước nâng cấp"'
    copy.close()
    store.close()


def test_interrupted_migration_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "motcua.db"
    store = open_store(path)
    version = store.schema_version()
    store.close()

    def half_done(db):  # type: ignore[no-untyped-def]
        db.execute("CREATE TABLE half_table (a)")
        raise RuntimeError("power cut")

    _with_extra_migration(monkeypatch, half_done)
    with pytest.raises(RuntimeError):
        open_store(path)
    monkeypatch.undo()
    store = open_store(path)
    assert store.schema_version() == version
    assert "half_table" not in store.db.table_names()
    store.close()


def test_transaction_rolls_back_everything_on_error(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ZeroDivisionError), store.transaction():
        store.settings.set("a", 1)
        _ = 1 / 0
    assert store.settings.get("a") is None
    with store.transaction():
        store.settings.set("a", 1)
        with store.transaction():  # nested joins the outer one
            store.settings.set("b", 2)
    assert (store.settings.get("a"), store.settings.get("b")) == (1, 2)


def test_every_migration_module_is_listed_in_order() -> None:
    """A ``vNNN_*.py`` file left out of ``MIGRATIONS`` would never run (and the bundler would not ship it)."""
    folder = Path(migrations_module.__file__).parent
    on_disk = sorted(p.stem for p in folder.glob("v[0-9][0-9][0-9]_*.py"))
    listed = [f"v{m.version:03d}_{m.name}" for m in migrations_module.all_migrations()]
    assert listed == on_disk
