"""The counter window: a sidebar of pages (F1, F2…), a menu, and a status bar that always says
which office, counter, clerk and day this is, and how many dossiers wait for the export.

The window listens to the context's change notifications (``ui.shell.changes``) like its pages:
a change to a dossier, an export or an import counts the dossiers not yet exported again at
once, a settings change or a restore rewrites the status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from motcua_desktop import APP_NAME, __version__
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.vntime import fmt_date, to_vn, weekday_short
from motcua_desktop.domain.window_place import PREFERRED_HEIGHT, PREFERRED_WIDTH, Rect, WindowPlace, restored_place
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.window_place import save_window_place, saved_window_place
from motcua_desktop.services.workspace import next_steps, office_or_none
from motcua_desktop.ui.shell.changes import Change, changes_for
from motcua_desktop.ui.shell.help_dialogs import shortcut_rows, show_about, show_shortcuts
from motcua_desktop.ui.shell.pages import PageSpec, default_pages, pages_for
from motcua_desktop.ui.shell.scanner import ScanListener
from motcua_desktop.ui.shell.widgets import with_shortcut

if TYPE_CHECKING:
    from motcua_desktop.services.hub.worker import LinkStatus
    from motcua_desktop.ui.sync.hub_link import HubLink

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
CONNECTED_SIGNALS = (
    "open_list",
    "open_dossier",
    "return_dossier",
    "unexported_count_changed",
    "clock_warning_changed",
    "hub_changed",
    "restoring",
    "restored",
)
AFTER_PAINT_FALLBACK_MS = 2000  # a window started minimised paints late: start-up work waits no longer
UNEXPORTED_AFTER = frozenset({Change.DOSSIER, Change.EXPORTED, Change.IMPORTED, Change.RESTORED})
P = TypeVar("P", bound=QWidget)
log = logging.getLogger("motcua.ui")


class MainWindow(QMainWindow):
    hub_link: HubLink | None

    def __init__(self, ctx: AppContext, specs: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self._all_specs = specs if specs is not None else default_pages()
        self.specs = pages_for(ctx, self._all_specs)
        self._pages: dict[str, QWidget] = {}
        self._after_paint: list[Callable[[], None]] | None = []  # None once that work has run
        self._painted = False
        self._counting = False  # the "not yet exported" count runs on a worker thread
        self._count_again = False  # a change came while it ran
        self.export_count_reply: object = None  # the running count (kept alive until it answers)
        self.idle_lock: QObject | None = None  # set by the launcher, kept alive with the window
        self.sign_in_dialog: QWidget | None = None  # the sign-in screen after "Đăng xuất", while open
        self.integrity_check: object = None  # the rest of a large database's check (launcher)
        self.changes = changes_for(ctx)
        self.changes.changed.connect(self._changed)
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # On the sidebar only: a style sheet on the window would send every widget of every page
        # through Qt's style-sheet style (slower to build, polish and paint).
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: #f1f3f4; border: none; border-right: 1px solid #dadce0;"
            " font-size: 11pt; padding-top: 6px; }"
            "QListWidget#sidebar::item { padding: 9px 10px; }"
            "QListWidget#sidebar::item:selected { background: #d2e3fc; color: #174ea6; }"
        )
        self.page_actions: dict[str, QAction] = {}
        self._build_menu()
        self._fill_sidebar()
        self.sidebar.currentRowChanged.connect(self._row_changed)
        self._build_status_bar()
        self.scanner = ScanListener(self.stack)
        self.scanner.cccd_scanned.connect(self.card_scanned)
        self.scanner.receipt_scanned.connect(self.receipt_scanned)
        self._placed = False  # shown by ``show_placed``: its place is kept when it closes
        self._focus_before_lock: QWidget | None = None
        self.resize(PREFERRED_WIDTH, PREFERRED_HEIGHT)
        if self.specs:
            self.show_page(self.first_page())

    def _fill_sidebar(self) -> None:
        for spec in self.specs:
            key = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            item = QListWidgetItem(f"{key}   {spec.title}")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(with_shortcut(spec.title, spec.shortcut))
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown

    def reload_pages(self) -> None:
        """Rebuilds every page for the context's current user (another user signed in from the lock
        screen, or the database was restored): permissions and data may differ."""
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        while (widget := self.stack.widget(0)) is not None:
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._pages.clear()
        self.specs = pages_for(self.ctx, self._all_specs)
        self._fill_sidebar()
        self.sidebar.blockSignals(False)
        self._fill_pages_menu()
        self._refresh_status()
        if self.specs:
            self.show_page(self.first_page())

    def first_page(self) -> str:
        """The page the user starts on: for a new office's administrator, Cài đặt with what to do next
        (``services.workspace.next_steps``); otherwise the first page of the sidebar."""
        keys = [spec.key for spec in self.specs]
        if "settings" in keys and any(not step.done for step in next_steps(self.ctx)):
            return "settings"
        return keys[0]

    # --- start-up work after the first paint -------------------------------------------------
    def after_first_paint(self, work: Callable[[], None]) -> None:
        """Runs ``work`` on the window's thread once the window has painted for the first time (or
        ``AFTER_PAINT_FALLBACK_MS`` after this call, whichever comes first): start-up work nobody
        needs to see the window — background counts, the rest of a large database's check."""
        if self._after_paint is None:
            QTimer.singleShot(0, self, work)
            return
        if not self._after_paint:
            QTimer.singleShot(AFTER_PAINT_FALLBACK_MS, self, self._run_after_paint)
        self._after_paint.append(work)

    def _run_after_paint(self) -> None:
        waiting, self._after_paint = self._after_paint or [], None
        for work in waiting:
            work()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:  # the first paint: the children paint next, then the work runs
            self._painted = True
            QTimer.singleShot(0, self, self._run_after_paint)

    # --- pages ------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget | None:
        """The page ``key`` (built on first use), or None when this user has no such page."""
        if key in self._pages:
            return self._pages[key]
        for index, spec in enumerate(self.specs):
            if spec.key == key:
                page = spec.factory(self.ctx)
                placeholder = self.stack.widget(index)
                self.stack.insertWidget(index, page)
                if placeholder is not None:
                    self.stack.removeWidget(placeholder)
                    placeholder.deleteLater()
                self._pages[key] = page
                self._connect(page)
                self.scanner.watch(page)
                return page
        return None

    def show_page(self, key: str) -> QWidget | None:
        page = self.page(key)
        if page is None:
            return None
        row = next(i for i, spec in enumerate(self.specs) if spec.key == key)
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)
        self.stack.setCurrentWidget(page)
        shown = getattr(page, "page_shown", None)  # a Page, or a plain widget with the same hook
        if callable(shown):
            shown()
        return page

    def remember_focus(self) -> None:
        """The lock screen is about to take the keyboard: keep where it was."""
        widget = QApplication.focusWidget()
        self._focus_before_lock = widget if widget is not None and self.isAncestorOf(widget) else None

    def focus_current_page(self) -> None:
        """Gives the keyboard back to the page on screen (after the lock screen closes): the field
        that had it before, else the page's first field. A page's keys (F9, Ctrl+F…) work only
        while the focus is inside it, so without this they were dead until the clerk pressed Tab."""
        page = self.stack.currentWidget()
        if page is None:
            return
        before, self._focus_before_lock = self._focus_before_lock, None
        if before is not None and shiboken6.isValid(before) and before.isVisible() and page.isAncestorOf(before):
            before.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        focus = getattr(page, "focus_default", None)
        if callable(focus):
            focus()
        current = QApplication.focusWidget()
        if current is not None and page.isAncestorOf(current):
            return
        for widget in page.findChildren(QWidget):
            if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def page_as(self, key: str, kind: type[P]) -> P:
        """The page ``key`` as the class it is (tests and screenshots drive pages by their API)."""
        page = self.page(key)
        if not isinstance(page, kind):
            raise LookupError(f"page {key!r} is {type(page).__name__}, not {kind.__name__}")
        return page

    def current_key(self) -> str:
        row = self.sidebar.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else ""

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_page(self.specs[row].key)

    def _connect(self, page: QWidget) -> None:
        for name in CONNECTED_SIGNALS:
            signal = getattr(page, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(getattr(self, f"_on_{name}"))

    def _on_open_list(self, dossier_filter: object) -> None:
        page = self.show_page("dossiers")
        if page is not None:
            page.show_filter(dossier_filter)  # type: ignore[attr-defined]

    def _on_open_dossier(self, reference: str) -> None:
        page = self.show_page("dossiers")
        if page is not None:
            page.open_reference(reference)  # type: ignore[attr-defined]

    def _on_return_dossier(self, reference: str) -> None:
        page = self.show_page("return")
        if page is not None:
            page.load(reference)  # type: ignore[attr-defined]

    def _on_unexported_count_changed(self, count: int) -> None:
        self.set_unexported_count(count)

    def _changed(self, kind: str, _subject: str) -> None:
        change = Change(kind)
        if change in (Change.SETTINGS, Change.RESTORED):
            self._refresh_status()
        if change in UNEXPORTED_AFTER:
            self.refresh_unexported()

    def _on_clock_warning_changed(self, text: str) -> None:
        self.set_clock_warning(text)

    def _on_hub_changed(self) -> None:
        if self.hub_link is not None:
            self.hub_link.restart()

    def _on_restoring(self) -> None:
        """A restore replaces the database file: the replicator's connection to it closes first."""
        if self.hub_link is not None:
            self.hub_link.stop()

    def _on_restored(self, _result: object) -> None:
        if self.hub_link is not None:  # on the restored file (a new epoch: the hub holds both)
            self.hub_link.start()

    # --- the office hub ---------------------------------------------------------------------
    def attach_hub(self, link: HubLink) -> None:
        """The background replication with the office hub (``ui.sync.hub_link``): its status in the
        status bar, the pages brought up to date when other counters' dossiers arrive."""
        self.hub_link = link
        link.status_changed.connect(self.set_hub_status)
        link.pulled.connect(self._other_counters_arrived)

    def set_hub_status(self, status: LinkStatus) -> None:
        """ "Máy chủ văn phòng: mất kết nối từ 10:42" in red while the hub does not answer; hidden without a hub."""
        self.hub_label.setText(status.text)
        self.hub_label.setVisible(bool(status.text))
        if status.connected:
            self.hub_label.setStyleSheet("color: #137333;")
            pulled = f"{status.last_pull_at:%H:%M:%S}" if status.last_pull_at else "chưa"
            self.hub_label.setToolTip(f"Nhận dữ liệu các quầy lần cuối: {pulled}")
        else:
            self.hub_label.setStyleSheet("color: white; background: #b3261e; padding: 1px 6px; font-weight: bold;")
            self.hub_label.setToolTip(
                f"{status.error}\nQuầy vẫn làm việc bình thường; dữ liệu được gửi bù khi máy chủ hoạt động lại."
            )

    def _other_counters_arrived(self, _result: object) -> None:
        """Other counters' dossiers came in from the hub: the pages watching imports (the list, the
        dashboard, the sync page) follow, as after a USB package (``ui.shell.changes``)."""
        self.changes.imported()

    # --- menu -------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        change = file_menu.addAction("Đổi &mật khẩu…")
        change.triggered.connect(self.change_password)
        self.lock_action = file_menu.addAction("&Khóa màn hình")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock_now)
        self.sign_out_action = file_menu.addAction("Đăng &xuất…")
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.sign_out_action.triggered.connect(self.sign_out)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Thoát")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.pages_menu = bar.addMenu("T&rang")
        self._fill_pages_menu()
        help_menu = bar.addMenu("Trợ &giúp")
        keys = help_menu.addAction("&Phím tắt")
        keys.setShortcut(QKeySequence("Ctrl+F1"))
        keys.triggered.connect(self.show_shortcuts)
        about = help_menu.addAction("&Giới thiệu")
        about.triggered.connect(self.show_about)

    def _fill_pages_menu(self) -> None:
        """The pages this user may open, with their keys (again after another user signs in)."""
        self.pages_menu.clear()
        self.page_actions.clear()
        for spec in self.specs:
            action = self.pages_menu.addAction(spec.title)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(with_shortcut(spec.title, spec.shortcut))
            action.triggered.connect(lambda _=False, key=spec.key: self.show_page(key))
            self.page_actions[spec.key] = action

    # --- scans from any field ---------------------------------------------------------------
    def card_scanned(self, text: str) -> None:
        """A chip ID card's QR scanned on a page (``ui.shell.scanner``): on Tiếp nhận it fills the applicant."""
        page = self._pages.get("reception")
        if self.current_key() == "reception" and page is not None:
            page.card_scanned(text)  # type: ignore[attr-defined]
        else:
            self.statusBar().showMessage(
                "Đã đọc mã QR thẻ căn cước. Để tiếp nhận hồ sơ cho công dân này, mở Tiếp nhận (F1) rồi quét lại.",
                10_000,
            )

    def receipt_scanned(self, text: str) -> None:
        """A receipt's barcode scanned on any page: the dossier opens — on Trả kết quả when its result
        can be handed over now, else its detail in Hồ sơ."""
        from motcua_desktop.domain.errors import KnownError
        from motcua_desktop.services.dossiers.lookup import scan_target

        try:
            target = scan_target(self.ctx, text)
        except KnownError as exc:
            self.statusBar().showMessage(exc.message, 15_000)
            return
        if target.returnable and self.page("return") is not None:
            self._on_return_dossier(target.code)
        else:
            self._on_open_dossier(target.code)

    # --- lock and sign-out ------------------------------------------------------------------
    def lock_now(self) -> None:
        """Ctrl+L: the clerk leaves the counter; the same password (or another user) opens it again."""
        lock = self.idle_lock
        if lock is not None and hasattr(lock, "lock"):
            self.save_state()
            lock.lock(manual=True)

    def sign_out(self) -> None:
        """Back to the sign-in screen without quitting (an administrator hands the PC to a clerk):
        what was being typed is kept as a draft, the pages go, the next person signs in (an initial
        password is changed there). Closing the sign-in screen quits."""
        from motcua_desktop.services.workspace import sign_out
        from motcua_desktop.ui.accounts.login import LoginDialog

        self.save_state()
        sign_out(self.ctx)
        central = self.centralWidget()
        assert central is not None
        central.hide()  # no citizen's data behind the sign-in screen
        self.menuBar().setEnabled(False)
        self.clerk_label.setText("Chưa đăng nhập")
        dialog = LoginDialog(self.ctx, parent=self)
        self.sign_in_dialog = dialog
        signed_in = dialog.exec() == LoginDialog.DialogCode.Accepted
        self.sign_in_dialog = None
        dialog.deleteLater()
        if not signed_in:
            self.close()
            return
        self.reload_pages()
        self.menuBar().setEnabled(True)
        central.show()
        self.refresh_unexported()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(key, what it does) for every action of the window and of the pages built so far."""
        return shortcut_rows([self, *self._pages.values()])

    def show_shortcuts(self) -> None:
        show_shortcuts(self, self.shortcut_rows())

    def show_about(self) -> None:
        show_about(self)

    def change_password(self) -> None:
        from motcua_desktop.ui.accounts.login import ChangePasswordDialog

        ChangePasswordDialog(self.ctx, forced=False, parent=self).exec()

    # --- status bar -------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        office = office_or_none(self.ctx)
        session = self.ctx.session
        self.office_label = QLabel(office.unit_name if office else "Chưa thiết lập đơn vị")
        self.counter_label = QLabel(f"Quầy số {office.counter_no}" if office else "")
        self.clerk_label = QLabel(f"Cán bộ: {session.full_name}" if session else "Chưa đăng nhập")
        self.date_label = QLabel()
        self.unexported_label = QLabel()
        self.unexported_label.setObjectName("unexported")
        self.unexported_label.hide()
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock_warning")
        self.clock_label.setStyleSheet("color: white; background: #b3261e; padding: 1px 6px; font-weight: bold;")
        self.clock_label.hide()
        self.hub_label = QLabel()
        self.hub_label.setObjectName("hub_status")
        self.hub_label.hide()
        self.hub_link = None  # set by attach_hub
        self.clock_button = QPushButton("Lãnh đạo xác nhận giờ…")
        self.clock_button.setAccessibleName("Lãnh đạo xác nhận ngày giờ đúng")
        self.clock_button.clicked.connect(self.confirm_clock)
        self.clock_button.hide()
        for label in (self.office_label, self.counter_label, self.clerk_label, self.date_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.clock_label)
        bar.addPermanentWidget(self.clock_button)
        bar.addPermanentWidget(self.hub_label)
        bar.addPermanentWidget(self.unexported_label)
        self._refresh_date()
        self._date_timer = QTimer(self)
        self._date_timer.timeout.connect(self._refresh_date)
        self._date_timer.start(60_000)

    def _refresh_status(self) -> None:
        office = office_or_none(self.ctx)
        session = self.ctx.session
        self.office_label.setText(office.unit_name if office else "Chưa thiết lập đơn vị")
        self.counter_label.setText(f"Quầy số {office.counter_no}" if office else "")
        self.clerk_label.setText(f"Cán bộ: {session.full_name}" if session else "Chưa đăng nhập")

    def _refresh_date(self) -> None:
        now = to_vn(self.ctx.clock.now())
        self.date_label.setText(f"{WEEKDAY_NAMES[now.weekday()]}, {fmt_date(now)}")
        self.date_label.setToolTip(f"{weekday_short(now.date())} {now:%H:%M}")

    def refresh_unexported(self) -> None:
        """Counts the dossiers not yet exported on a worker thread (quick after a normal day; a
        database never exported holds millions of events and must not stall the window); a change
        made while it counts is counted again when the answer comes."""
        if self.ctx.session is None or not self.ctx.can(Permission.EXPORT):
            return
        if self._counting:
            self._count_again = True
            return
        from motcua_desktop.ui.shell.worker import run_detached

        self._counting = True
        self._count_again = False

        def counted(count: object) -> None:
            self._counting = False
            self.set_unexported_count(count if isinstance(count, int) else 0)
            if self._count_again:
                self.refresh_unexported()

        def failed(exc: BaseException) -> None:
            self._counting = False
            log.warning("export summary unavailable: %s", exc)

        self.export_count_reply = run_detached(
            self.ctx, _unexported_dossiers, on_done=counted, on_error=failed, owner=self
        )

    @property
    def counting_unexported(self) -> bool:
        """The count of dossiers not yet exported is running on a worker thread."""
        return self._counting

    def set_unexported_count(self, count: int) -> None:
        """Dossiers of this counter not yet exported to the office (filled by the sync module)."""
        if count <= 0:
            self.unexported_label.setText("Đã xuất hết dữ liệu")
            self.unexported_label.setStyleSheet("color: #137333;")
        else:
            self.unexported_label.setText(f"Chưa xuất: {count} hồ sơ")
            self.unexported_label.setStyleSheet("color: #b06000; font-weight: bold;")
        self.unexported_label.show()

    def set_clock_warning(self, text: str) -> None:
        """A warning about this PC's clock (filled by the clock guard); empty text hides it."""
        first = text.split(". ", maxsplit=1)[0].rstrip(".")
        self.clock_label.setText(first if len(first) <= 70 else first[:67] + "…")
        self.clock_label.setToolTip(text)
        self.clock_label.setVisible(bool(text))
        self.clock_button.setVisible(bool(text))

    def confirm_clock(self) -> None:
        """A leader confirms the real time here (the dialog signs them in for that alone)."""
        from motcua_desktop.domain.clock_guard import ClockVerdict
        from motcua_desktop.ui.safety.clock_dialog import ClockConfirmDialog

        dialog = ClockConfirmDialog(self.ctx, self)
        if dialog.exec() and dialog.result_check is not None:
            check = dialog.result_check
            self.set_clock_warning("" if check.verdict is ClockVerdict.OK else check.message())

    # --- where the window opens -------------------------------------------------------------
    def show_placed(self, screens: list[Rect] | None = None) -> WindowPlace:
        """Shows the window where it was when it last closed on this PC (maximised if it was), or,
        the first time, maximised on a 1366×768 screen and as most of a larger one; a place no
        longer on any screen is brought back (``domain.window_place``). ``screens``: the usable
        areas of the screens, the main one first (Qt's by default)."""
        place = restored_place(saved_window_place(self.ctx), screens or screen_areas())
        r = place.rect
        self.setGeometry(r.x, r.y, r.width, r.height)
        self._placed = True
        if place.maximised:
            self.showMaximized()
        else:
            self.showNormal()
        return place

    def current_place(self) -> WindowPlace:
        """The window's normal size and place now, and whether it is maximised."""
        maximised = self.isMaximized()  # also when minimised from maximised (both states are set)
        rect = self.normalGeometry() if maximised or self.isMinimized() else self.geometry()
        if rect.isEmpty():
            rect = self.geometry()
        return WindowPlace(Rect(rect.x(), rect.y(), rect.width(), rect.height()), maximised)

    # --- closing ----------------------------------------------------------------------------
    def save_state(self) -> None:
        """Every page keeps what is being typed (the reception draft): on closing, and when Windows
        ends the session (``session_end``)."""
        for page in self._pages.values():
            save = getattr(page, "save_state", None)
            if callable(save):
                save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.scanner.stop()
        if self.hub_link is not None:
            self.hub_link.stop()
        self.save_state()
        if self._placed:
            save_window_place(self.ctx, self.current_place())
        super().closeEvent(event)


def screen_areas() -> list[Rect]:
    """The usable area of each screen (without the task bar), the main screen first."""
    primary = QGuiApplication.primaryScreen()
    screens = [primary, *(s for s in QGuiApplication.screens() if s is not primary)]
    areas = []
    for screen in screens:
        if screen is not None:
            g = screen.availableGeometry()
            areas.append(Rect(g.x(), g.y(), g.width(), g.height()))
    return areas or [Rect(0, 0, 1366, 728)]


def _unexported_dossiers(worker: AppContext) -> int:
    from motcua_desktop.services.sync.export import export_summary  # imported on the worker thread

    return export_summary(worker).dossiers_unexported
