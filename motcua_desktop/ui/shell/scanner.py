"""A scan goes where the clerk means it, whichever field has the cursor.

A barcode or QR scanner is a keyboard (a "keyboard wedge"): it types its characters a few
milliseconds apart and presses Enter. ``ScanListener`` watches the keys typed in the text fields of
the main window's pages (``watch``: a filter on each field, not on the whole application — an
application-wide Python filter slowed every event of every window, dialogs included); a fast burst (every key within ``GAP_SECONDS`` of the previous one, at least
``MIN_LENGTH`` characters) ended by Enter is a scan when the domain recognises it:

- the QR on a chip ID card (``domain.cccd_qr.looks_like_cccd_qr``) → ``cccd_scanned``;
- a receipt's barcode or a whole dossier code (``domain.codes.looks_like_receipt_scan``) →
  ``receipt_scanned``.

The field the burst landed in gets back what it held before the scan, and the Enter goes no
further (the procedure search does not choose a procedure with it). A field that reads scans
itself is left alone (``mark_scan_aware``: the return page's scan field and the Hồ sơ search, which
find the dossier themselves; for a CCCD QR only, the applicant's and the representative's fields,
which fill their own person), and so is anything outside the pages (the lock screen, dialogs). Typing by hand is never
a burst: people type 100–300 ms apart.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from motcua_desktop.domain.cccd_qr import looks_like_cccd_qr
from motcua_desktop.domain.codes import looks_like_receipt_scan

GAP_SECONDS = 0.05  # scanners type 1–30 ms apart; people 100 ms and more
MIN_LENGTH = 12  # a receipt's barcode key has 12 digits; a CCCD QR about 100 characters
SCAN_AWARE = "motcuaScanAware"  # a widget property: this field handles scans itself
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


CCCD_ONLY = "cccd"
RECEIPT_ONLY = "receipt"


def mark_scan_aware(widget: QWidget, *, cccd_only: bool = False, receipt_only: bool = False) -> None:
    """``widget`` and its fields read scans themselves: every scan, or only a CCCD QR (``cccd_only``:
    a receipt scanned there still opens its dossier), or only a receipt (``receipt_only``)."""
    widget.setProperty(SCAN_AWARE, CCCD_ONLY if cccd_only else RECEIPT_ONLY if receipt_only else True)


class ScanListener(QObject):
    cccd_scanned = Signal(str)
    receipt_scanned = Signal(str)

    def __init__(self, area: QWidget, *, monotonic: Callable[[], float] | None = None) -> None:
        """Reads the keys typed inside ``area`` (the window's pages) in the widgets given to ``watch``."""
        super().__init__(area)
        self.area = area
        self.monotonic = monotonic or time.monotonic
        self._text = ""
        self._last = -1.0
        self._field: QLineEdit | None = None
        self._before = ""
        self._watched: list[QWidget] = []

    def watch(self, page: QWidget) -> None:
        """Listens to the keys typed in ``page``'s fields (each field's own filter, not the whole
        application's: dialogs and other windows are not slowed or touched)."""
        for widget in page.findChildren(QLineEdit):  # where a scan lands: the fields that take typing
            widget.installEventFilter(self)

    def stop(self) -> None:
        """Nothing to undo: the filters go with the widgets."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if watched is not focus or focus is None or not self.area.isAncestorOf(focus):
            return False
        aware = _scan_aware(focus)
        if aware is True:
            return False
        now = self.monotonic()
        fast = self._last >= 0 and now - self._last <= GAP_SECONDS
        if event.key() in ENTER:
            text, self._text, self._last = self._text, "", -1.0
            if fast and len(text) >= MIN_LENGTH:
                return self._scanned(text, reads=aware)
            return False
        typed = event.text()
        if not typed or not typed.isprintable():
            self._text, self._last = "", -1.0
            return False
        if not fast:  # a new burst starts: remember what the field held
            self._text = ""
            self._field = focus if isinstance(focus, QLineEdit) else None
            self._before = focus.text() if isinstance(focus, QLineEdit) else ""
        self._text += typed
        self._last = now
        return False

    def _scanned(self, text: str, *, reads: object) -> bool:
        if looks_like_cccd_qr(text):
            if reads == CCCD_ONLY:
                return False  # the field fills its own person from the card
            signal = self.cccd_scanned
        elif looks_like_receipt_scan(text):
            if reads == RECEIPT_ONLY:
                return False  # the field finds the dossier itself
            signal = self.receipt_scanned
        else:
            return False  # a fast typist, or something else: the field takes its Enter
        field = self._field
        if field is not None:  # the scan is not what the field holds
            field.setText(self._before)
            field.textEdited.emit(self._before)
        signal.emit(text)
        return True


def _scan_aware(widget: QWidget) -> object:
    """The ``SCAN_AWARE`` value of the widget or of its nearest marked parent (None: not marked)."""
    node: QWidget | None = widget
    while node is not None:
        value = node.property(SCAN_AWARE)
        if value:
            return value
        node = node.parentWidget()
    return None
