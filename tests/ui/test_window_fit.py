"""The window on a commune PC's screen: 1366×768 with the task bar (about 1366×728 usable) and
1920×1080. Every page of every role fits (the F9 row and the status bar on screen), the window
opens at a size that fits, and it reopens where it was, maximised if it was, unless that place is
no longer on any screen."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.window_place import FRAME, Rect, WindowPlace, first_place, place_from_json, restored_place
from motcua_desktop.services.core.window_place import WINDOW_FILE, save_window_place, saved_window_place
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.ui.shell.main_window import MainWindow
from tests.factories import birth_registration, context
from tests.ui.walk import controls_outside

pytestmark = pytest.mark.gui

SMALL = Rect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar
LARGE = Rect(0, 0, 1920, 1040)
# The inside of the window on each screen: maximised on the small one (less the title bar), the
# first opening and the maximised window on the large one.
SIZES = [
    (SMALL.width, SMALL.height - FRAME[1]),
    (first_place(LARGE).rect.width, first_place(LARGE).rect.height),
    (LARGE.width, LARGE.height - FRAME[1]),
]
ROLES = [(Role.CLERK, "lan.nguyen"), (Role.LEADER, "minh.tran"), (Role.ADMIN, "quan.tri")]


# --- where the window opens ---------------------------------------------------------------------


def test_a_1366_screen_opens_maximised_and_a_large_one_most_of_it() -> None:
    small = first_place(SMALL)
    assert small.maximised
    large = first_place(LARGE)
    assert not large.maximised and large.rect.width >= 1280 and large.rect.height >= 800
    left, top, right, bottom = FRAME
    r = large.rect
    assert r.x - left >= 0 and r.y - top >= 0 and r.right + right <= 1920 and r.bottom + bottom <= 1040


def test_a_place_off_every_screen_comes_back_and_shrinks_to_fit() -> None:
    two_screens = [SMALL, Rect(1366, 0, 1920, 1040)]
    on_second = WindowPlace(Rect(1500, 100, 1600, 850), maximised=True)
    assert restored_place(on_second, two_screens) == on_second  # still there: unchanged
    unplugged = restored_place(on_second, [SMALL])  # the second monitor is gone
    r = unplugged.rect
    assert unplugged.maximised and r.width <= 1366 - FRAME[0] - FRAME[2] and r.height <= 728 - FRAME[1] - FRAME[3]
    assert r.x >= FRAME[0] and r.y >= FRAME[1] and r.right <= 1366 and r.bottom <= 728
    far = restored_place(WindowPlace(Rect(-5000, -3000, 800, 600), maximised=False), two_screens)
    assert far.rect.x >= FRAME[0] and far.rect.y >= FRAME[1] and far.rect.right <= 1366  # onto the main screen
    half_off = restored_place(WindowPlace(Rect(900, 300, 800, 600), maximised=False), [SMALL])
    assert half_off.rect.right <= 1366 - FRAME[2] and half_off.rect.bottom <= 728 - FRAME[3]
    assert restored_place(None, [LARGE]) == first_place(LARGE)


def test_a_damaged_or_foreign_place_file_means_a_first_opening(clerk) -> None:  # type: ignore[no-untyped-def]
    assert saved_window_place(clerk) is None
    path = clerk.store.path.parent / WINDOW_FILE
    for content in (b"{not json", b"[]", b'{"x": 1}', b'{"x": 0, "y": 0, "width": -5, "height": 9}', b"\xff\xfe"):
        path.write_bytes(content)
        assert saved_window_place(clerk) is None
    assert place_from_json({"x": 1, "y": 2, "width": 3, "height": 4, "maximised": True}) == WindowPlace(
        Rect(1, 2, 3, 4), True
    )
    save_window_place(clerk, WindowPlace(Rect(10, 40, 1300, 820), maximised=False))
    assert json.loads(path.read_text(encoding="utf-8"))["width"] == 1300


def test_the_window_reopens_where_it_was(qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(clerk)
    qtbot.addWidget(first)
    opened = first.show_placed([LARGE])
    assert not opened.maximised and first.isVisible()
    first.setGeometry(40, 60, 1300, 820)
    first.close()
    assert saved_window_place(clerk) == WindowPlace(Rect(40, 60, 1300, 820), maximised=False)

    again = MainWindow(clerk)
    qtbot.addWidget(again)
    again.show_placed([LARGE])
    assert again.geometry().getRect() == (40, 60, 1300, 820) and not again.isMaximized()
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    again.close()
    saved = saved_window_place(clerk)
    assert saved is not None and saved.maximised and saved.rect == Rect(40, 60, 1300, 820)  # the normal place kept

    third = MainWindow(clerk)
    qtbot.addWidget(third)
    assert third.show_placed([SMALL]).maximised  # maximised again, and its normal place fits the small screen
    qtbot.waitUntil(third.isMaximized)
    normal = third.normalGeometry()
    assert normal.right() < 1366 and normal.bottom() < 728


def test_windows_never_shown_by_the_launcher_keep_no_place(qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(clerk)  # tests, screenshots, benchmarks
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert not (clerk.store.path.parent / WINDOW_FILE).exists()


# --- every page fits ----------------------------------------------------------------------------


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _check(window: MainWindow, size: tuple[int, int], where: str) -> list[str]:
    _settle()
    found = [f"{where}: {problem}" for problem in controls_outside(window)]
    if window.size().toTuple() != size:
        found.append(f"{where}: the window grew to {window.size().toTuple()} (its pages need more than {size})")
    bar = window.statusBar()
    if not bar.isVisible() or bar.geometry().bottom() >= window.height():
        found.append(f"{where}: the status bar is off the window")
    return found


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_page_of_every_role_fits(qtbot, office_store, clock, size) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    for role, username in ROLES:
        ctx = context(office_store, clock, role=role, username=username)
        if role is Role.CLERK:
            code = register(ctx, birth_registration()).dossier.code
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        for spec in window.specs:
            page = window.show_page(spec.key)
            where = f"{role.value} {spec.key} at {size[0]}×{size[1]}"
            problems += _check(window, size, where)
            if spec.key == "reception":
                f9 = page.action_bar.save_button  # type: ignore[union-attr]
                assert f9.isVisible() and f9.mapTo(window, f9.rect().bottomRight()).y() < window.statusBar().y()
            if spec.key == "dossiers" and role is Role.CLERK:
                page.open_reference(code)  # type: ignore[union-attr]
                problems += _check(window, size, where + " with the detail")
            for tabs in page.findChildren(QTabWidget):
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    if tabs.isVisible():
                        problems += _check(window, size, f"{where} tab {tabs.tabText(index)}")
        window.close()
    assert problems == []


def test_the_fit_check_finds_what_it_should(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton, QWidget

    window = QWidget()
    window.resize(400, 300)
    box = QWidget(window)
    box.setGeometry(10, 10, 100, 30)
    cut = QPushButton("Lưu", box)
    cut.setGeometry(80, 0, 60, 30)  # half of it hidden by its box
    off = QPushButton("In", window)
    off.setGeometry(370, 100, 60, 30)  # past the window's right edge
    fine = QPushButton("Đóng", window)
    fine.setGeometry(10, 100, 60, 30)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    found = controls_outside(window)
    assert any("'Lưu' cut off" in f for f in found) and any("'In' at" in f for f in found)
    assert not any("Đóng" in f for f in found)
