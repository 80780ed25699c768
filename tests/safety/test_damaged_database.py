"""A damaged database opens in safe mode (read-only, explained, nothing written) and an
administrator restores the newest good backup; no code is issued twice afterwards."""

from __future__ import annotations

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.accounts.auth import SignInFailed
from motcua_desktop.services.core.context import AppContext, Session
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.safety.audit import verify_chains
from motcua_desktop.services.safety.integrity import check_database, open_workspace, restore_in_safe_mode
from motcua_desktop.services.safety.restore import EPOCH_MARGIN
from motcua_desktop.storage.errors import ReadOnlyDatabase
from tests.factories import ADMIN_PASSWORD, birth_registration
from tests.helpers.safety import damage_page, folder_with_backup, register_many, signed_in


@pytest.fixture
def damaged_folder(tmp_path, clock):  # type: ignore[no-untyped-def]
    return folder_with_backup(tmp_path, clock)


def test_damaged_file_opens_read_only_and_is_restored(damaged_folder, clock) -> None:  # type: ignore[no-untyped-def]
    folder, backup, later = damaged_folder
    live = folder / "motcua.db"
    damage_page(live, "events")
    before = live.read_bytes()
    assert not check_database(folder).ok

    workspace = open_workspace(folder)
    try:
        safe = workspace.safe_mode
        assert safe is not None and "bị hỏng" in safe.message() and "chỉ xem" in safe.message()
        assert safe.backup is not None and safe.backup.path == backup
        assert safe.backup_preview is not None and safe.backup_preview.dossiers == 5
        assert workspace.store is not None and workspace.store.readonly
        clerk = AppContext(workspace.store, clock=clock, session=Session("lan.nguyen", "Nguyễn Thị Lan", Role.CLERK))
        with pytest.raises(ReadOnlyDatabase, match="chế độ an toàn"):
            register(clerk, birth_registration())
        assert live.read_bytes() == before  # nothing was written to the damaged file

        with pytest.raises(SignInFailed):
            restore_in_safe_mode(workspace, backup, "admin", "sai-mat-khau", clock=clock)
        ctx, result = restore_in_safe_mode(workspace, backup, "admin", ADMIN_PASSWORD, clock=clock)
        assert workspace.safe_mode is None and workspace.store is ctx.store and not ctx.store.readonly
        assert result.new_epoch == 1 + EPOCH_MARGIN  # the damaged file could not be fully read
        assert any(p.read_bytes() == before for p in result.kept_copy)  # the damaged file is kept as it was
        clerk = signed_in(ctx.store, clock, Role.CLERK)
        fresh = register_many(clerk, 2, first=30)
        assert not {str(d.code) for d in fresh} & set(later)  # codes issued after the backup are not reused
        assert verify_chains(ctx.store).ok
    finally:
        workspace.close()
    assert check_database(folder, full=True).ok


def test_unreadable_header_is_restored_with_the_accounts_of_the_backup(damaged_folder, clock) -> None:  # type: ignore[no-untyped-def]
    folder, backup, _later = damaged_folder
    live = folder / "motcua.db"
    live.write_bytes(b"\x00" * 100 + live.read_bytes()[100:])
    workspace = open_workspace(folder)
    try:
        assert workspace.safe_mode is not None and workspace.store is None
        ctx, result = restore_in_safe_mode(workspace, backup, "admin", ADMIN_PASSWORD, clock=clock)
        assert result.preview.dossiers == 5 and ctx.store.dossiers.count() == 5
        assert ctx.session is not None and ctx.session.username == "admin"
        assert not list((folder / "backups").glob(".tmp-*"))
    finally:
        workspace.close()


def test_a_damaged_backup_is_not_offered(damaged_folder) -> None:  # type: ignore[no-untyped-def]
    folder, backup, _later = damaged_folder
    damage_page(backup, "dossiers")
    damage_page(folder / "motcua.db", "events")
    workspace = open_workspace(folder)
    try:
        assert workspace.safe_mode is not None and workspace.safe_mode.backup is None
        assert "Không tìm thấy bản sao lưu tốt" in workspace.safe_mode.message()
    finally:
        workspace.close()
