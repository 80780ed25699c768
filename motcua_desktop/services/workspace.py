"""The window application's hold on a data folder: open it, set it up, sign in, open a second
connection for background work, close it.

The window keeps one ``AppContext`` for its whole life; long work (demo data, big prints) runs in
a thread with its own database connection from ``worker_context`` (SQLite connections are not
shared between threads).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.domain.settings import OFFICE
from motcua_desktop.paths import database_path
from motcua_desktop.services.accounts.auth import start_session
from motcua_desktop.services.core.context import AppContext, Clock, Session, SystemClock
from motcua_desktop.services.office.setup import first_run_setup, is_set_up
from motcua_desktop.services.safety.integrity import SafeMode, Workspace, open_workspace
from motcua_desktop.storage import Store, open_store


def context_for(workspace: Workspace, *, clock: Clock | None = None) -> AppContext:
    """The window's context on a workspace opened by ``services.safety.integrity.open_workspace`` (which
    holds the single-instance lock and ran the start-up checks); loads the starter catalogue on first run.
    The window fills missing QĐ 766 outcomes (``fill_outcomes``) once signed in, not before the
    sign-in screen: that needs the report modules."""
    assert workspace.store is not None
    return _with_catalogue(workspace.store, clock, fill=False)


def open_context(data_folder: Path, *, clock: Clock | None = None) -> AppContext:
    """An anonymous context on a data folder without the instance lock (screenshots, tests)."""
    return _with_catalogue(open_store(database_path(Path(data_folder))), clock, fill=True)


def _with_catalogue(store: Store, clock: Clock | None, *, fill: bool) -> AppContext:
    try:
        if not store.readonly and store.catalogue.count_current() == 0:
            from motcua_desktop.services.office.catalogue import load_starter_catalogue  # the first run only

            load_starter_catalogue(store, clock or SystemClock())
        if fill:
            fill_outcomes(store)
    except BaseException:
        store.close()
        raise
    return AppContext(store, clock=clock or SystemClock())


def fill_outcomes(store: Store, clock: Clock | None = None) -> int:
    """QĐ 766 outcomes of dossiers finished before they were recorded (``services.dossiers.outcomes``):
    one small query when there is nothing to fill."""
    from motcua_desktop.services.dossiers.outcomes import fill_on_opening
    from motcua_desktop.services.office.due_flags import review_shipped_calendar

    review_shipped_calendar(store, clock or SystemClock())  # a program update may have changed the shipped days off
    return fill_on_opening(store)


def workspace_is_set_up(ctx: AppContext) -> bool:
    return is_set_up(ctx.store)


def set_up_workspace(
    ctx: AppContext, office: OfficeSettings, *, admin_username: str, admin_full_name: str, admin_password: str
) -> None:
    """The first-run wizard's answers (see ``services.office.setup.first_run_setup``)."""
    first_run_setup(
        ctx.store,
        ctx.clock,
        office,
        admin_username=admin_username,
        admin_full_name=admin_full_name,
        admin_password=admin_password,
    )


def office_or_none(ctx: AppContext) -> OfficeSettings | None:
    return ctx.store.settings.value(OFFICE)


def sign_in_workspace(ctx: AppContext, username: str, password: str) -> Session:
    """Signs in on this context (recorded; starts the window in which sensitive actions need no
    new password). The caller still has to force a change of an initial password."""
    return start_session(ctx, username, password)


def sign_out(ctx: AppContext) -> None:
    """Nobody is signed in any more; the next person signs in with their own password."""
    ctx.session = None
    ctx.forget_authentication()


@dataclass(frozen=True)
class NextStep:
    key: str  # "users" | "upstream_key" | "printers": the settings tab that does it
    text: str
    done: bool


def next_steps(ctx: AppContext) -> list[NextStep]:
    """What a new office's administrator does after the first-run wizard, and what is done already:
    the clerks' accounts, the upstream office's key card (without it nothing can be exported), the
    printers of this PC. Empty for whoever may not change the settings."""
    from motcua_desktop.domain.accounts import Permission, Role
    from motcua_desktop.domain.settings import PRINT_MODE
    from motcua_desktop.storage.sync_peers import UPSTREAM_ROLE  # (not the sync wing: it loads the crypto)

    if not (ctx.can(Permission.USERS) and ctx.can(Permission.SETTINGS)):
        return []
    store = ctx.store
    clerks = any(u.role == Role.CLERK.value and not u.disabled for u in store.users.all())
    upstream = any(r.role == UPSTREAM_ROLE for r in store.sync.peers.recipients())
    printers = store.settings.get_text(PRINT_MODE.key) is not None
    return [
        NextStep("users", "Tạo tài khoản cho cán bộ một cửa (mỗi người một tài khoản)", clerks),
        NextStep("upstream_key", "Nhập thẻ khóa của cơ quan cấp trên (cần để xuất dữ liệu cuối ngày)", upstream),
        NextStep("printers", "Kiểm tra máy in của máy tính này (giấy tiếp nhận, các mẫu phiếu)", printers),
    ]


def data_folder(ctx: AppContext) -> Path:
    return ctx.store.path.parent


def worker_context(ctx: AppContext) -> AppContext:
    """A context for another thread: its own connection to the same database, same user, clock and
    sign-in freshness."""
    return ctx.on_store(open_store(ctx.store.path))


def close_workspace(ctx: AppContext) -> None:
    ctx.store.close()


@dataclass
class HeldFolder:
    """A data folder one command holds, opened through the front door (``open_workspace``): its
    single-instance lock and its database. In safe mode (``safe_mode``) the database is read-only,
    or not open at all (``ctx`` None) when the file cannot be read."""

    workspace: Workspace
    ctx: AppContext | None

    @property
    def safe_mode(self) -> SafeMode | None:
        return self.workspace.safe_mode

    def anonymous(self) -> AppContext:
        """A new context on the held database, nobody signed in yet."""
        assert self.ctx is not None
        return AppContext(self.ctx.store, clock=self.ctx.clock)

    def close(self) -> None:
        try:
            if self.ctx is not None and self.ctx.store is not self.workspace.store:
                self.ctx.store.close()  # a restore from safe mode opened the restored database
        finally:
            self.workspace.close()


def hold_folder(data_folder: Path, *, clock: Clock | None = None) -> HeldFolder:
    """The command line's hold on ``data_folder``, through the same front door as the window
    (``services.safety.integrity.open_workspace``): the single-instance lock (the window or another
    command using the folder stops it with a clear message), the data folder's location, the start-up
    integrity check, the migration, the "behind a backup" check and this PC's counter claim; then the
    QĐ 766 outcomes of dossiers finished before they were recorded filled and the shipped days off
    reviewed after an update. In safe mode the database is read-only (every write refused with the
    reason) and nothing is filled."""
    clock = clock or SystemClock()
    workspace = open_workspace(data_folder)
    try:
        if workspace.safe_mode is None and workspace.store is not None:
            fill_outcomes(workspace.store, clock)
    except BaseException:
        workspace.close()
        raise
    ctx = AppContext(workspace.store, clock=clock) if workspace.store is not None else None
    return HeldFolder(workspace, ctx)
