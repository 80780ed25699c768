"""One change notification for every open view of a signed-in context.

Each page shows data that other pages change: a return in F3 changes the dossier open in F2, an
export in F7 changes the status bar's "Chưa xuất: N hồ sơ", a setting in F12 changes the office
shown everywhere. The UI path that called a service which changed something says so here, once;
every page (``ui.shell.page.Page``) and the main window listen and refresh what they show, at once
when visible, otherwise the next time they are shown. Nothing polls and no page knows another.
"""

from __future__ import annotations

import weakref
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from motcua_desktop.services.core.context import AppContext


class Change(StrEnum):
    DOSSIER = "dossier"  # registered, changed, corrected, printed (subject: its uuid; "" for many)
    EXPORTED = "exported"  # a package was written for the office
    IMPORTED = "imported"  # packages, acknowledgements or another counter's dossiers were read in
    SETTINGS = "settings"  # the office, its hours and calendar, printers, accounts, the catalogue
    RESTORED = "restored"  # the database was replaced by a backup: every view starts again


class ChangeHub(QObject):
    """The context's notifications: ``changed(kind, subject)`` with kind a ``Change`` value."""

    changed = Signal(str, str)

    def notify(self, change: Change, subject: str = "") -> None:
        self.changed.emit(change.value, subject)

    def dossier_changed(self, dossier_uuid: str = "") -> None:
        """A dossier changed (``""``: several, or which is unknown)."""
        self.notify(Change.DOSSIER, dossier_uuid)

    def exported(self) -> None:
        self.notify(Change.EXPORTED)

    def imported(self) -> None:
        self.notify(Change.IMPORTED)

    def settings_changed(self, what: str = "") -> None:
        self.notify(Change.SETTINGS, what)

    def restored(self) -> None:
        self.notify(Change.RESTORED)


_hubs: weakref.WeakKeyDictionary[AppContext, ChangeHub] = weakref.WeakKeyDictionary()


def changes_for(ctx: AppContext) -> ChangeHub:
    """The hub of ``ctx`` (the window's context: its pages share it), made on first use."""
    hub = _hubs.get(ctx)
    if hub is None:
        hub = _hubs[ctx] = ChangeHub()
    return hub
