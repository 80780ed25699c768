"""``Page``: how every page of the main window is made (F1 Tiếp nhận … F12 Cài đặt).

A page is built from the signed-in context and nothing else, and keeps what it shows current
through the context's change notifications (``ui.shell.changes``): a page declares the changes
that make it out of date (``watches``, or ``note_change`` for finer choices), refreshes at once
when it is the page on screen, and otherwise the next time it is shown, so a hidden page never
reads the database for nothing. It binds its keys with ``add_shortcut`` (listed by the window's Ctrl+F1
list) and says when long work runs with ``set_busy`` (a wait cursor; notifications that arrive
meanwhile are applied when the work ends). The main window routes its requests: ``open_list``,
``open_dossier`` and ``return_dossier`` take the clerk to the Hồ sơ or Trả kết quả page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from motcua_desktop.services.core.context import AppContext
from motcua_desktop.ui.shell.changes import Change, ChangeHub, changes_for
from motcua_desktop.ui.shell.widgets import add_action


class Page(QWidget):
    open_list = Signal(object)  # DossierFilter: show these dossiers in the Hồ sơ page
    open_dossier = Signal(str)  # code or uuid: open it in the Hồ sơ page
    return_dossier = Signal(str)  # code: take it to the Trả kết quả page
    busy_changed = Signal(bool)

    watches: ClassVar[frozenset[Change]] = frozenset()  # changes that make the page out of date

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changes: ChangeHub = changes_for(ctx)
        self.stale = False
        self._busy = 0
        self.changes.changed.connect(self._changed)

    # --- what a page provides ---------------------------------------------------------------
    def refresh(self) -> None:
        """Reads again what the page shows (after a change elsewhere)."""

    def focus_default(self) -> None:
        """Puts the cursor where the clerk starts on this page."""

    def save_state(self) -> None:
        """The window is closing or locking: keep what was typed (drafts)."""

    def note_change(self, change: Change, subject: str) -> bool:
        """Whether ``change`` (about ``subject``) makes the page out of date; a page that refreshes
        only part of itself remembers here what changed."""
        return change in self.watches

    # --- how the window uses it -------------------------------------------------------------
    def page_shown(self) -> None:
        """The page became the current one: catch up with the changes made elsewhere, then focus."""
        self.refresh_if_stale()
        self.focus_default()

    def refresh_if_stale(self) -> None:
        if self.stale and not self.is_busy:
            self.stale = False
            self.refresh()

    def _changed(self, kind: str, subject: str) -> None:
        if self.note_change(Change(kind), subject):
            self.stale = True
            if self.isVisible():
                self.refresh_if_stale()

    # --- keys and long work -----------------------------------------------------------------
    def add_shortcut(self, text: str, key: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        """A key of this page (active while the page, or any field of it, is shown), listed by Ctrl+F1."""
        return add_action(self, text, key, slot)

    @property
    def is_busy(self) -> bool:
        return self._busy > 0

    def set_busy(self, busy: bool) -> None:
        """Long work for this page starts (True) or ends (False); calls nest."""
        was = self.is_busy
        self._busy = max(0, self._busy + (1 if busy else -1))
        if self.is_busy == was:
            return
        if self.is_busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self.busy_changed.emit(self.is_busy)
        if not self.is_busy and self.isVisible():
            self.refresh_if_stale()
