"""Small widgets shared by the pages: scan field, date field, field messages, province/commune pickers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QPushButton, QWidget

from motcua_desktop.domain import admin_units
from motcua_desktop.domain.codes import unmangle_digits
from motcua_desktop.domain.text import fold
from motcua_desktop.domain.vntime import parse_date
from motcua_desktop.ui.shell.scanner import mark_scan_aware

ERROR_STYLE = "color: #b3261e;"
NOTE_STYLE = "color: #5f6368;"
OK_STYLE = "color: #137333;"
# Banners above a form: done, needs a look, failed.
BANNER_OK_STYLE = "background: #e6f4ea; color: #137333; padding: 6px; border-radius: 4px;"
BANNER_WARN_STYLE = "background: #fef7e0; color: #7a4f01; padding: 6px; border-radius: 4px;"
FOLD_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2


def with_shortcut(text: str, shortcut: str | QKeySequence) -> str:
    """A tooltip that names its key: ``Lưu và in (F9)``."""
    sequence = shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)
    return f"{text} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})"


def add_action(
    widget: QWidget,
    text: str,
    shortcut: str | QKeySequence | QKeySequence.StandardKey,
    slot: Callable[[], object],
    *,
    context: Qt.ShortcutContext | None = None,
) -> QAction:
    """A keyboard action on ``widget`` (its window by default), its key shown in its tooltip."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(context or Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(with_shortcut(text.replace("&", ""), action.shortcut()))
    action.triggered.connect(slot)
    widget.addAction(action)
    return action


def shortcut_button(text: str, shortcut: str, tooltip: str = "") -> QPushButton:
    """A button whose caption and tooltip show its key (the key itself is bound by an action)."""
    key = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    button = QPushButton(f"{text}  [{key}]")
    button.setToolTip(with_shortcut(tooltip or text.replace("&", ""), shortcut))
    return button


def show_message(label: QLabel, text: str, *, error: bool = True) -> None:
    label.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
    label.setText(text)
    label.setVisible(bool(text))


def show_status(label: QLabel, text: str, *, error: bool = False) -> None:
    """The outcome of an action under its button: green when done, red when refused."""
    show_message(label, text, error=error)
    if not error:
        label.setStyleSheet(OK_STYLE)


class ScanLineEdit(QLineEdit):
    """The return screen's scan field: the cursor waits here, Enter (the scanner's suffix) emits
    ``scanned``. Keys that the Windows Vietnamese layout turns into ă â ê ô, tone marks or đ are
    typed as the digits printed on the key, so the clerk sees what was scanned."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        mark_scan_aware(self)  # reads its own scans (``ui.shell.scanner``)
        self.returnPressed.connect(self._emit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if (
            len(text) == 1
            and not text.isdigit()
            and event.modifiers()
            in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
        ):
            digit = unmangle_digits(text)
            if digit.isdigit() and len(digit) == 1:
                self.insert(digit)
                return
        super().keyPressEvent(event)

    def _emit(self) -> None:
        text = self.text().strip()
        if text:
            self.scanned.emit(text)


class DateLineEdit(QLineEdit):
    """A date typed as dd/mm/yyyy (also ddmmyyyy or with dots); tidied to dd/mm/yyyy on leaving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.editingFinished.connect(self.tidy)

    def tidy(self) -> None:
        value = self.date()
        if value is not None:
            self.setText(f"{value:%d/%m/%Y}")

    def date(self) -> date | None:
        try:
            return parse_date(self.text().strip()) if self.text().strip() else None
        except ValueError:
            return None


class _FoldedCompleter(QCompleter):
    """Matches what is typed, with or without diacritics, anywhere in the name."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class UnitPicker(QComboBox):
    """An editable picker of provinces or communes.

    Typing lists matching units as you go (``dong tien`` lists Phường Đông Tiến and Xã Đồng Tiến);
    leaving the field selects a unit only when the text names it exactly, diacritics included
    (``admin_units``). Otherwise nothing is selected and the look-alikes are offered to pick from:
    a commune is never chosen by a look-alike.
    """

    unit_changed = Signal(str)  # code ("" when none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._model = QStandardItemModel(self)
        self._units: tuple[admin_units.Unit, ...] = ()
        self.look_alikes: tuple[admin_units.Unit, ...] = ()  # offered after an inexact text
        self.setModel(self._model)
        completer = _FoldedCompleter(self)
        completer.setModel(self._model)
        completer.setCompletionRole(FOLD_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.currentIndexChanged.connect(lambda _: self.unit_changed.emit(self.code()))
        editor = self.lineEdit()
        assert editor is not None  # editable
        editor.editingFinished.connect(self._match_typed)

    def set_units(self, units: tuple[admin_units.Unit, ...] | list[admin_units.Unit]) -> None:
        self.blockSignals(True)
        self._model.clear()
        self._units = tuple(units)
        self.look_alikes = ()
        blank = QStandardItem("")
        blank.setData("", CODE_ROLE)
        blank.setData("", FOLD_ROLE)
        self._model.appendRow(blank)
        for unit in units:
            item = QStandardItem(unit.name)
            item.setData(unit.code, CODE_ROLE)
            item.setData(fold(unit.name), FOLD_ROLE)
            self._model.appendRow(item)
        self.setCurrentIndex(0)
        self.blockSignals(False)
        self.unit_changed.emit("")

    def code(self) -> str:
        return str(self.currentData(CODE_ROLE) or "")

    def set_code(self, code: str) -> None:
        index = self.findData(code, CODE_ROLE) if code else 0
        self.setCurrentIndex(max(0, index))

    def text(self) -> str:
        return self.currentText().strip()

    def _match_typed(self) -> None:
        typed = self.currentText().strip()
        self.look_alikes = ()
        if not typed:
            self.setCurrentIndex(0)
            return
        if self.code() and self.currentText() == self.itemText(self.currentIndex()):
            return  # a unit picked from the list
        match = admin_units.match_in(self._units, typed)
        if match.unit is not None:
            self.set_code(match.unit.code)
            return
        self.setCurrentIndex(0)
        self.setEditText(typed)  # kept as typed: the form names the field and the choices
        self.look_alikes = match.look_alikes
        if match.look_alikes:
            self.offer(typed)

    def offer(self, typed: str) -> None:
        """Opens the list of look-alikes of ``typed`` to pick from."""
        completer = self.completer()
        if completer is not None:  # set in __init__
            completer.setCompletionPrefix(admin_units.folded_bare(typed))
            completer.complete()


class ProvinceCommunePickers:
    """A province picker driving its commune picker."""

    def __init__(self, province: UnitPicker, commune: UnitPicker) -> None:
        self.province = province
        self.commune = commune
        province.set_units(admin_units.provinces())
        commune.set_units(())
        province.unit_changed.connect(self._province_changed)

    def _province_changed(self, code: str) -> None:
        self.commune.set_units(admin_units.communes(code) if code else ())

    def set_codes(self, province_code: str, commune_code: str) -> None:
        self.province.set_code(province_code)
        self.commune.set_code(commune_code)

    def codes(self) -> tuple[str, str]:
        return self.province.code(), self.commune.code()
