"""Walking a window as a clerk's keyboard and a 1366×768 screen see it.

- ``controls_outside``: every visible control must lie inside the window (a control that a small
  screen pushes off the window's edge, or that its parent clips, is named); a control inside a
  scrolled area counts when the scroll area itself is inside, since the clerk can scroll to it.
- ``duplicate_mnemonics``: the Alt+letter keys active at once in one window or dialog (buttons,
  labels with a buddy, group boxes, tabs, and the window's menu bar), each letter used once; a
  letter Alt cannot type on a keyboard (``&Đ``) counts as a fault too.
- ``unreachable_by_tab``: presses Tab round the window and names every visible, enabled control
  that takes the focus but that Tab never reached (a control the mouse alone can focus, or one
  behind a table or text box that keeps Tab for itself).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractScrollArea, QTabBar, QLabel, QGroupBox)


def describe(widget: QWidget) -> str:
    text = ""
    for name in ("text", "title", "placeholderText", "accessibleName"):
        getter = getattr(widget, name, None)
        if callable(getter):
            try:
                value = getter()
            except TypeError:
                continue
            if isinstance(value, str) and value:
                text = value
                break
    name = widget.objectName()
    return f"{type(widget).__name__}{'#' + name if name else ''} {text[:50]!r}"


def shown_widgets(window: QWidget) -> Iterator[QWidget]:
    """The widgets of ``window`` (not of its dialogs) that are on screen."""
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and not widget.isWindow() and widget.window() is window:
            yield widget


def _in_scrolled_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return True
        parent = parent.parentWidget()
    return False


def controls_outside(window: QWidget) -> list[str]:
    """The visible controls that do not lie wholly inside the window (``window.rect()``)."""
    bounds = window.rect()
    found = []
    for widget in shown_widgets(window):
        if widget.width() <= 0 or widget.height() <= 0 or isinstance(widget, QScrollBar):
            continue
        if not isinstance(widget, CONTROLS) or _in_scrolled_area(widget, window):
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not bounds.contains(rect):
            found.append(f"{describe(widget)} at {rect.getRect()} outside {bounds.getRect()}")
            continue
        clipper = _clipped_by(widget, window)
        if clipper is not None:
            found.append(f"{describe(widget)} cut off by {describe(clipper)}")
    return found


def _clipped_by(widget: QWidget, window: QWidget) -> QWidget | None:
    """The first container that hides part of ``widget`` (a layout squeezed below its minimum)."""
    parent = widget.parentWidget()
    rect = QRect(QPoint(0, 0), widget.size())
    child = widget
    while parent is not None and parent is not window:
        rect = rect.translated(child.pos())
        if not parent.rect().contains(rect):
            return parent
        child, parent = parent, parent.parentWidget()
    return None


# --- mnemonics ----------------------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``"Lưu &và in"`` → ``"v"``), or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


@dataclass(frozen=True)
class Mnemonic:
    letter: str
    owner: str


def mnemonics(window: QWidget) -> list[Mnemonic]:
    """The Alt+letter keys active in ``window`` as it is now."""
    found: list[Mnemonic] = []

    def add(text: str, owner: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            found.append(Mnemonic(letter, owner))

    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        bar = window.menuBar()
        for action in bar.actions():
            if action.isVisible():
                add(action.text(), f"menu {action.text()!r}")
    for widget in shown_widgets(window):
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text(), describe(widget))
        elif isinstance(widget, QGroupBox):
            add(widget.title(), describe(widget))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index), f"tab {widget.tabText(index)!r}")
    return found


def duplicate_mnemonics(window: QWidget) -> list[str]:
    """Alt+letters used twice at once in ``window``, and letters no Alt key types."""
    by_letter: dict[str, list[str]] = {}
    for item in mnemonics(window):
        by_letter.setdefault(item.letter, []).append(item.owner)
    faults = [f"Alt+{letter.upper()}: {' | '.join(owners)}" for letter, owners in by_letter.items() if len(owners) > 1]
    faults += [
        f"Alt+{letter.upper()} cannot be typed: {' | '.join(owners)}"
        for letter, owners in by_letter.items()
        if not (letter.isascii() and letter.isalnum())
    ]
    return faults


def menu_duplicates(menu: QMenu | QMenuBar) -> list[str]:
    """Alt+letters used twice in one menu (and its sub-menus, each on its own)."""
    by_letter: dict[str, list[str]] = {}
    faults: list[str] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = mnemonic(action.text())
        if letter is not None:
            by_letter.setdefault(letter, []).append(action.text())
        if action.menu() is not None:
            faults += menu_duplicates(action.menu())  # type: ignore[arg-type]
    faults += [f"Alt+{k.upper()}: {' | '.join(v)}" for k, v in by_letter.items() if len(v) > 1]
    return faults


# --- Tab order ----------------------------------------------------------------------------------


def _takes_focus(widget: QWidget) -> bool:
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isEnabled() and widget.focusProxy() is None


def focusable_controls(window: QWidget) -> list[QWidget]:
    """The visible, enabled controls of ``window`` that a click can focus (a label that can be
    selected with the mouse is not a control)."""
    return [
        widget
        for widget in shown_widgets(window)
        if _takes_focus(widget)
        and not isinstance(widget, (QScrollBar, QLabel))
        and widget.width() > 0
        and widget.height() > 0
        and not _part_of_another(widget)
    ]


def _part_of_another(widget: QWidget) -> bool:
    """A piece of a compound control (a spin box's or combo box's line edit, a view's viewport)."""
    parent = widget.parentWidget()
    if isinstance(parent, (QAbstractSpinBox, QComboBox)):
        return isinstance(widget, QLineEdit)
    return isinstance(parent, QAbstractScrollArea) and widget is parent.viewport()


def _owner(widget: QWidget | None) -> QWidget | None:
    """The control the focus is in (a spin box for its line edit)."""
    while widget is not None and _part_of_another(widget):
        widget = widget.parentWidget()
    return widget


def _radio_group(button: QRadioButton) -> list[QWidget]:
    """The radio buttons that arrows move between (Tab enters such a group once, at the checked one)."""
    group = button.group()
    if group is not None:
        return list(group.buttons())
    parent = button.parentWidget()
    if button.autoExclusive() and parent is not None:
        return [b for b in parent.findChildren(QRadioButton) if b.parentWidget() is parent and b.autoExclusive()]
    return [button]


def unreachable_by_tab(window: QWidget, *, presses: int | None = None) -> list[str]:
    """Presses Tab round ``window`` and names the focusable controls it never reached.

    The focus starts where it is (or on the first control); a radio button counts as reached when
    Tab reached its group."""
    controls = focusable_controls(window)
    if not controls:
        return []
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 1000)
    start = QApplication.focusWidget()
    if start is None or start.window() is not window:
        controls[0].setFocus(Qt.FocusReason.TabFocusReason)
    reached: set[int] = set()
    limit = presses if presses is not None else 3 * len(controls) + 10
    for _ in range(limit):
        current = _owner(QApplication.focusWidget())
        if current is not None:
            reached.add(id(current))
            if isinstance(current, QRadioButton):
                reached.update(id(b) for b in _radio_group(current))
        target = QApplication.focusWidget()
        if target is None or target.window() is not window:
            break
        QTest.keyClick(target, Qt.Key.Key_Tab)
        if all(id(c) in reached for c in controls):
            break
    return [describe(c) for c in controls if shiboken6.isValid(c) and id(c) not in reached]
