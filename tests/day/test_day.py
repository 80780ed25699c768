"""A clerk's whole day at a 1366×768 counter, in the real window, with the keyboard alone and a
clock that moves through the day (issue 15, first version).

07:00 the first-run wizard → the administrator signs in and creates the clerk's account → 07:30 the
clerk signs in and replaces the initial password → 08:05 registers a typed dossier with F9 →
10:00 hands it over → 11:00 the deciding office asks for a paper (slip 02), 13:30 it is brought →
14:00 marks the result ready → 15:30 hands the result back by scanning the
barcode read from the printed receipt (the PDF, not the database), with the citizen's rating → 17:00 exports the day to a USB folder.

Every step is a key a clerk presses (Alt+letters, Tab, F-keys, Enter, Ctrl+Enter), never a
widget's method; each screen is photographed (``QWidget.grab``) and every visible control must
lie inside a 1366×768 screen less its task bar. The pictures go to ``docs/screenshots/day/`` when
``MOTCUA_SCREENSHOTS`` is set (``MOTCUA_SCREENSHOTS=1 pytest tests/day``), otherwise to the test's
temporary folder. Printing is captured (the preview is another test's business); the upstream
office's key card is imported in the window; receipts go through the real print preview (Enter).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.codes import barcode_key
from motcua_desktop.domain.dossier import Rating
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.domain.window_place import FRAME
from motcua_desktop.services.dossiers.lookup import load_dossier, resolve, search_dossiers
from motcua_desktop.services.printing.forms import PrintJob
from motcua_desktop.services.workspace import close_workspace, open_context, sign_out
from motcua_desktop.ui.printing import print_flow, qt_printing
from motcua_desktop.ui.shell.app import prepare_application
from motcua_desktop.ui.shell.main_window import MainWindow
from tests.factories import FakeClock
from tests.printing.pdfcheck import decode, render
from tests.ui.walk import controls_outside

pytestmark = pytest.mark.gui

SCREEN = (1366, 768 - 40)  # the task bar takes 40 pixels
INSIDE = (SCREEN[0], SCREEN[1] - FRAME[1])  # a maximised window less its title bar
ADMIN_PASSWORD = "quan-tri-2026"
INITIAL_PASSWORD = "ban-dau-2026"
CLERK_PASSWORD = "lan-nguyen-2026"
REPO = Path(__file__).resolve().parents[2]


class Day:
    """The clock, the keyboard, the captured prints and the pictures of one day."""

    def __init__(self, folder: Path, clock: FakeClock) -> None:
        self.folder = folder
        self.clock = clock
        self.shots: list[Path] = []
        self.printed: list[PrintJob] = []
        self.window: QWidget | None = None  # the main window, active again when a dialog closes

    def at(self, hour: int, minute: int = 0) -> None:
        current = self.clock.current
        self.clock.current = vn_datetime(current.year, current.month, current.day, hour, minute)

    # --- the keyboard --------------------------------------------------------------------------
    def focused(self) -> QWidget:
        """Where a key goes: an open pop-up list first (a completer's), as on a real desktop. When a
        dialog has closed, the window under it is active again with its focus where it was, as
        Windows does (the offscreen platform does not)."""
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        if widget is None and self.window is not None and self.window.isVisible():
            self.window.activateWindow()
            QTest.qWaitForWindowActive(self.window, 1000)
            widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str, *, person: bool = False) -> None:
        """Types like a keyboard or a scanner; characters outside ASCII come as the text of a key,
        as Windows delivers what a Vietnamese input method makes."""
        for ch in text:
            if person:  # a person's keys come apart; a fast burst in a text field is taken for a scan
                QTest.qWait(60)
            if ch.isascii():
                QTest.keyClick(self.focused(), ch)
            else:
                QTest.sendKeyEvent(
                    QTest.KeyAction.Click, self.focused(), Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
                )
        settle()  # a person's next key comes after the list of matches has followed the typing

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.focused(), key, modifier)
        settle()

    def alt(self, letter: str) -> None:
        """Alt+letter: the control whose label underlines that letter (a button is pressed with
        Qt's short animated click, so its action runs a moment later)."""
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
        QTest.qWait(150)

    def field(self, letter: str, text: str) -> None:
        """Alt+letter to a field, select what it holds, type ``text``."""
        self.alt(letter)
        self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.type(text)

    def pick(self, letter: str, text: str) -> None:
        """A province or commune picker: Alt+letter, the name, Tab (the list of matches closes, and
        the picker takes the unit whose name was typed exactly)."""
        self.field(letter, text)
        self.press(Qt.Key.Key_Tab)

    def in_dialog(self, work: Callable[[QDialog], None]) -> list[str]:
        """Runs ``work`` in the modal dialog the next key opens; returns the problems found there.

        Never hangs: on a loaded machine the dialog may open seconds after the key (up to 30 s are
        waited), and a dialog that ``work`` left open, or that broke it, is rejected after 10 s with
        the problem reported; a modal ``exec()`` left open would block the test beyond its timeout
        (pytest-timeout's signal cannot interrupt Qt's loop)."""
        problems: list[str] = []
        waited = [0]

        def run() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog) or not dialog.isVisible():
                waited[0] += 1
                if waited[0] < 1500:  # the key's button clicks a moment later (animated click)
                    QTimer.singleShot(20, run)
                elif waited[0] == 1500:
                    problems.append(f"no dialog opened within 30 s ({dialog!r})")
                    QTimer.singleShot(100, run)  # one opening later still must not block the test
                elif waited[0] < 2100:
                    QTimer.singleShot(100, run)
                return
            if waited[0] >= 1500:  # opened too late: the step has already failed
                dialog.reject()
                return
            dialog.activateWindow()
            QTest.qWaitForWindowActive(dialog, 1000)
            try:
                work(dialog)
            except Exception as exc:  # raised inside Qt's loop: reported by the step
                problems.append(f"{type(exc).__name__}: {exc}")
            if dialog.isVisible() and QApplication.activeModalWidget() is dialog:
                if problems:
                    dialog.reject()
                else:
                    # Bound to the dialog: a dialog closed and deleted meanwhile cancels the timer.
                    QTimer.singleShot(10_000, dialog, lambda: close_if_left(dialog))

        def close_if_left(dialog: QDialog) -> None:
            if isValid(dialog) and dialog.isVisible():
                problems.append(f"the dialog stayed open after the keys ({dialog.windowTitle()!r})")
                dialog.reject()

        QTimer.singleShot(0, run)
        return problems

    # --- the pictures --------------------------------------------------------------------------
    def shoot(self, name: str, window: QWidget) -> Path:
        """A picture of ``window``; every visible control must be inside it and it inside the screen."""
        settle()
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        assert window.grab().save(str(path)), path
        self.shots.append(path)
        outside = controls_outside(window)
        assert not outside, f"{name}: " + "\n".join(outside)
        limit = INSIDE if isinstance(window, MainWindow) else SCREEN
        assert window.width() <= limit[0] and window.height() <= limit[1], f"{name}: {window.size().toTuple()}"
        return path


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Day:  # type: ignore[no-untyped-def]
    prepare_application(qapp)
    folder = REPO / "docs" / "screenshots" / "day" if os.environ.get("MOTCUA_SCREENSHOTS") else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    the_day = Day(folder, FakeClock(vn_datetime(2026, 11, 16, 7, 0)))

    real_deliver = print_flow.deliver
    real_printer = qt_printing.make_printer
    paper = tmp_path / "paper"
    paper.mkdir()

    def to_paper(prefs, pdf):  # type: ignore[no-untyped-def]
        """The preview's printer writes what reaches paper to a PDF file (the office has no printer here)."""
        printer = real_printer(prefs, pdf)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(paper / f"sheet-{len(the_day.printed)}.pdf"))
        return printer

    def deliver(parent, ctx, job: PrintJob) -> bool:  # type: ignore[no-untyped-def]
        """The real preview opens; the clerk looks at it and presses Enter, which prints."""
        the_day.printed.append(job)

        def look_and_print() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QPrintPreviewDialog):
                QTimer.singleShot(20, look_and_print)
                return
            dialog.activateWindow()
            QTest.qWaitForWindowActive(dialog, 1000)
            if len(the_day.printed) == 1:
                the_day.shoot("print-preview", dialog)
            QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

        QTimer.singleShot(0, look_and_print)
        printed = real_deliver(parent, ctx, job)
        assert printed, f"form {job.form} was not printed from the preview"
        return printed

    monkeypatch.setattr(qt_printing, "make_printer", to_paper)
    monkeypatch.setattr(print_flow, "deliver", deliver)
    return the_day


def open_window(qtbot, ctx, day: Day, *, idle_lock: bool = False) -> MainWindow:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.shell.window import main_window_for

    window = main_window_for(ctx, idle_lock=idle_lock)
    qtbot.addWidget(window)
    window.resize(*INSIDE)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)
    window.focus_current_page()
    day.window = window
    return window


def sign_in(qtbot, ctx, day: Day, username: str, password: str, *, new_password: str = "") -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.accounts.login import LoginDialog

    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    login.activateWindow()
    assert QTest.qWaitForWindowActive(login, 2000)
    day.alt("t")  # Tên đăng nhập
    day.type(username)
    day.press(Qt.Key.Key_Tab)
    day.type(password)
    day.shoot(f"sign-in-{username}", login)
    problems: list[str] = []
    if new_password:

        def change(dialog: QDialog) -> None:
            day.shoot("change-password", dialog)
            day.alt("m")  # Mật khẩu mới
            day.type(new_password)
            day.alt("n")  # Nhập lại mật khẩu mới
            day.type(new_password)
            day.press(Qt.Key.Key_Return)

        problems = day.in_dialog(change)
    day.press(Qt.Key.Key_Return)
    assert problems == []
    assert login.result() == QDialog.DialogCode.Accepted, login.error.text()
    assert ctx.session is not None and ctx.session.username == username


def test_a_clerks_day(qtbot, tmp_path: Path, day: Day) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.office.first_run import FirstRunWizard

    ctx = open_context(tmp_path / "data", clock=day.clock)
    try:
        # 07:00 — the first-run wizard, field by field with Alt+letters, page by page with Alt+T.
        wizard = FirstRunWizard(ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        assert QTest.qWaitForWindowActive(wizard, 2000)
        day.field("c", "UBND phường Đông Tiến")  # Cơ quan chủ quản
        day.field("v", "Trung tâm Phục vụ hành chính công phường Đông Tiến")  # Tên đơn vị tiếp nhận
        day.field("m", "000.00.12.H56")  # Mã định danh
        day.pick("n", "Thanh Hóa")  # Tỉnh/TP
        day.pick("x", "Phường Đông Tiến")  # Xã/phường
        office = wizard.office_page.form
        assert office.places.codes() == ("38", "15853"), office.places.codes()
        day.shoot("first-run-office", wizard)
        day.alt("t")  # Tiếp theo
        assert wizard.currentPage() is wizard.admin_page
        day.field("h", "Nguyễn Văn Quản")  # Họ và tên
        day.field("m", ADMIN_PASSWORD)  # Mật khẩu
        day.field("n", ADMIN_PASSWORD)  # Nhập lại mật khẩu
        day.shoot("first-run-admin", wizard)
        day.alt("t")
        assert wizard.currentPage() is wizard.printing_page
        day.shoot("first-run-printing", wizard)
        day.alt("h")  # Hoàn tất
        assert wizard.result() == QDialog.DialogCode.Accepted

        # The administrator: the clerk's account (Cài đặt › Tài khoản, Alt+M).
        sign_in(qtbot, ctx, day, "admin", ADMIN_PASSWORD)
        admin = open_window(qtbot, ctx, day)
        day.shoot("admin-first-screen", admin)
        day.press(Qt.Key.Key_F12)
        assert admin.current_key() == "settings"
        settings = admin.page("settings")
        for _ in range(settings.tabs.count()):  # type: ignore[union-attr]
            if settings.tabs.currentWidget() is settings.users_tab:  # type: ignore[union-attr]
                break
            day.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert settings.tabs.currentWidget() is settings.users_tab  # type: ignore[union-attr]

        def new_clerk(dialog: QDialog) -> None:
            day.field("t", "lan.nguyen")  # Tên đăng nhập
            day.field("h", "Nguyễn Thị Lan")  # Họ và tên
            day.field("m", INITIAL_PASSWORD)  # Mật khẩu ban đầu (Vai trò: cán bộ một cửa, the first)
            day.shoot("admin-new-clerk", dialog)
            day.press(Qt.Key.Key_Return)

        problems = day.in_dialog(new_clerk)
        day.alt("m")  # Thêm tài khoản…
        assert problems == []
        day.shoot("admin-users", admin)
        day.press(Qt.Key.Key_F12)  # the settings page again, from its first tab
        _import_upstream_card(day, ctx, settings, tmp_path)
        admin.close()
        sign_out(ctx)

        # 07:30 — the clerk signs in and replaces the initial password.
        day.at(7, 30)
        sign_in(qtbot, ctx, day, "lan.nguyen", INITIAL_PASSWORD, new_password=CLERK_PASSWORD)
        window = open_window(qtbot, ctx, day, idle_lock=True)
        assert window.current_key() == "reception"

        # 08:05 — a typed dossier: procedure, applicant, F9.
        day.at(8, 5)
        reception = window.page("reception")
        day.type("khai sinh")
        day.press(Qt.Key.Key_Return)
        assert reception.picker.procedure().code == "1.001193"  # type: ignore[union-attr]
        day.field("h", "Trần Thị Bình")  # Họ và tên
        day.field("s", "02091990")  # Ngày sinh
        day.field("y", "038190001234")  # Số giấy tờ
        day.field("o", "0912345678")  # Điện thoại
        day.field("a", "Thôn Phú Lâm")  # Địa chỉ
        day.pick("n", "Thanh Hóa")  # Tỉnh/TP
        day.pick("x", "Phường Đông Tiến")  # Xã/phường
        day.shoot("reception-typed", window)
        day.press(Qt.Key.Key_F9)
        assert [job.form for job in day.printed] == ["01"], reception.action_bar.missing_label.text()  # type: ignore[union-attr]
        (found,) = search_dossiers(ctx, "038190001234")
        registered = load_dossier(ctx.store, found.uuid)
        assert registered.applicant.full_name == "Trần Thị Bình"
        assert registered.applicant.address.commune_code == "15853"
        code = registered.code
        assert code and code in reception.banner.text()  # type: ignore[union-attr]
        day.shoot("reception-saved", window)
        _chip_card_reception(day, window, ctx)

        # 10:00 — hand-over from the detail (F2, Ctrl+F, the code, Enter, Alt+C, Ctrl+Enter).
        day.at(10, 0)
        day.press(Qt.Key.Key_F2)
        day.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        day.type(code)
        day.press(Qt.Key.Key_Return)

        def confirm(name: str) -> Callable[[QDialog], None]:
            def run(dialog: QDialog) -> None:
                day.shoot(name, dialog)
                day.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

            return run

        problems = day.in_dialog(confirm("hand-over"))
        day.alt("c")  # Chuyển xử lý
        assert problems == []
        assert load_dossier(ctx.store, resolve(ctx, code)).status is Status.IN_PROCESSING
        day.shoot("dossier-in-processing", window)

        # 11:00 — the deciding office asks for a paper (Alt+B), slip 02 printed; 13:30 it is brought (Alt+N).
        day.at(11, 0)

        def supplement(dialog: QDialog) -> None:
            day.type("Giấy chứng sinh bản chính", person=True)  # the cursor waits in «Giấy tờ cần bổ sung»
            day.press(Qt.Key.Key_Tab)
            day.type("Giấy chứng sinh nộp là bản chụp", person=True)
            day.shoot("supplement-request", dialog)
            day.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

        problems = day.in_dialog(supplement)
        day.alt("b")  # Yêu cầu bổ sung
        assert problems == []
        waiting = load_dossier(ctx.store, resolve(ctx, code))
        assert waiting.status is Status.AWAITING_SUPPLEMENT
        assert list(waiting.supplements[0].items) == ["Giấy chứng sinh bản chính"]
        assert [job.form for job in day.printed] == ["01", "01", "02"]
        _lock_and_unlock(day, window)
        day.at(13, 30)
        problems = day.in_dialog(confirm("supplement-received"))
        day.alt("n")  # Nhận bổ sung
        assert problems == []
        assert load_dossier(ctx.store, resolve(ctx, code)).status is Status.SUPPLEMENTED

        # 14:00 — the result is ready (Alt+K).
        day.at(14, 0)
        problems = day.in_dialog(confirm("result-ready"))
        day.alt("k")  # Đã có kết quả
        assert problems == []
        assert load_dossier(ctx.store, resolve(ctx, code)).status is Status.RESULT_READY

        # 15:30 — the citizen comes back: F3, the receipt's barcode, Enter, Enter, rating 1.
        day.at(15, 30)
        day.press(Qt.Key.Key_F3)
        returns = window.page("return")
        assert QApplication.focusWidget() is returns.scan  # type: ignore[union-attr]
        scanned = [found.text for found in decode(render(day.printed[0].pdf))]  # the barcode on the paper
        assert barcode_key(code) in scanned
        day.type(scanned[0])  # the scanner types what it reads, then Enter
        day.press(Qt.Key.Key_Return)
        day.shoot("return-loaded", window)
        day.press(Qt.Key.Key_Return)  # the applicant collects
        day.type("1")  # Rất hài lòng
        settle()
        returned = load_dossier(ctx.store, resolve(ctx, code))
        assert returned.status is Status.RETURNED
        assert returned.return_record is not None and returned.return_record.satisfaction is not None
        assert returned.return_record.satisfaction.overall is Rating.VERY_SATISFIED
        day.shoot("return-done", window)
        _queue_and_complaint(day, window, ctx)
        window.idle_lock.stop()  # type: ignore[union-attr]
        window.close()

        # 17:00 — the day's export to a USB stick (F7, Ctrl+E).
        day.at(17, 0)
        usb = _export(qtbot, ctx, day, tmp_path)
        assert any(usb.rglob("*")), "nothing written to the USB folder"
        assert len(day.shots) >= 15
    finally:
        close_workspace(ctx)


def _queue_and_complaint(day: Day, window: MainWindow, ctx) -> None:  # type: ignore[no-untyped-def]
    """15:40 ten citizens take a number (Ctrl+M, Ctrl+1 hộ tịch, Ctrl+3 chứng thực), called at counters
    1 and 2 (Alt+S the counter, F9), the last call on the waiting room's screen (Ctrl+T, Esc); 16:15 a
    complaint at the counter (F10, Alt+N, Alt+D, F9)."""
    from motcua_desktop.services.complaints.register import complaint_register
    from motcua_desktop.ui.queue.queue_page import QueuePage

    ctrl = Qt.KeyboardModifier.ControlModifier
    day.at(15, 40)
    day.press(Qt.Key.Key_M, ctrl)
    queue = window.page("queue")
    assert isinstance(queue, QueuePage)
    tickets: list[bytes] = []
    queue.print_ticket = tickets.append  # the ticket printer is captured, like the forms
    for i in range(10):
        day.at(15, 40 + i)
        day.press(Qt.Key.Key_1 if i % 2 == 0 else Qt.Key.Key_3, ctrl)
    assert len(tickets) == 10 and all(t.startswith(b"%PDF") for t in tickets)
    day.shoot("queue-tickets", window)
    called = []
    for i in range(10):
        day.at(15 + (50 + 2 * i) // 60, (50 + 2 * i) % 60)
        day.alt("s")  # Quầy số
        day.press(Qt.Key.Key_A, ctrl)
        day.type(str(1 + i % 2))
        day.press(Qt.Key.Key_F9)
        called.append(queue.status.text())
    assert called[0] == "Mời số HT-001 đến quầy 1." and called[1] == "Mời số CT-001 đến quầy 2."
    assert called[-1] == "Mời số CT-005 đến quầy 2."
    day.shoot("queue-called", window)
    day.press(Qt.Key.Key_T, ctrl)
    tv = queue.display
    assert tv is not None and tv.isVisible()
    assert (tv.number.text(), tv.counter.text()) == ("CT-005", "Quầy 2")
    picture = day.folder / f"{len(day.shots) + 1:02d}-queue-tv.png"  # the TV is a screen of its own: no
    assert tv.grab().save(str(picture))  # task bar, so it is photographed whole, not checked against 1366×768
    day.shots.append(picture)
    tv.close()

    day.at(16, 15)
    day.press(Qt.Key.Key_F10)
    day.field("n", "Trần Văn Bình")  # Người phản ánh
    day.field("d", "Chờ lâu ở quầy hộ tịch buổi chiều")  # Nội dung
    day.press(Qt.Key.Key_F9)
    (line,) = complaint_register(ctx)
    assert (line.complaint.sender, line.complaint.channel.label) == ("Trần Văn Bình", "Tại quầy")
    day.shoot("complaint", window)


def _import_upstream_card(day: Day, ctx, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Cài đặt › Thẻ khóa (Ctrl+Tab), Ctrl+O, the card file from the USB stick (the system's file
    picker answers with its path), the fingerprints compared, Enter adds the card."""
    from motcua_desktop.services.sync import keys as sync_keys
    from motcua_desktop.services.sync import upstream as sync_upstream

    upstream = tmp_path / "upstream"
    sync_upstream.keygen(upstream, "Sở Nội vụ tỉnh Thanh Hóa", ctx.clock)
    tab = settings.keys_tab
    assert tab is not None
    for _ in range(settings.tabs.count()):  # backwards: Ctrl+Shift+Tab from the first tab wraps to the last
        if settings.tabs.currentWidget() is tab:
            break
        day.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert settings.tabs.currentWidget() is tab, settings.tabs.currentIndex()
    tab.choose_file = lambda title: str(upstream / sync_upstream.CARD_FILE)
    for _ in range(6):  # Tab from the tab bar into the tab (its keys work inside it)
        if tab.isAncestorOf(day.focused()):
            break
        day.press(Qt.Key.Key_Tab)
    assert tab.isAncestorOf(day.focused()), day.focused()

    def compare(dialog: QDialog) -> None:
        day.shoot("admin-key-card-fingerprints", dialog)
        day.press(Qt.Key.Key_Return)  # «Trùng khớp, thêm thẻ»

    problems = day.in_dialog(compare)
    day.press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert problems == []
    assert [row.name for row in sync_keys.list_recipients(ctx)], tab.status.text()
    day.shoot("admin-key-cards", day.window)  # type: ignore[arg-type]


def _export(qtbot, ctx, day: Day, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.shell.pages import PageSpec, default_pages
    from motcua_desktop.ui.sync.drives import Drive
    from motcua_desktop.ui.sync.sync_page import SyncPage

    stick = tmp_path / "E"
    stick.mkdir()

    class OneStick:
        def drives(self) -> list[Drive]:
            return [Drive(stick, "KINGSTON", True, 8_000_000_000)]

    specs = [
        spec
        if spec.key != "sync"
        else PageSpec(
            "sync", spec.title, spec.shortcut, Permission.EXPORT, lambda c: SyncPage(c, drive_source=OneStick())
        )
        for spec in default_pages()
    ]
    window = MainWindow(ctx, specs)
    qtbot.addWidget(window)
    window.resize(*INSIDE)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)
    window.focus_current_page()
    day.window = window
    day.press(Qt.Key.Key_F7)
    page = window.page("sync")
    assert isinstance(page, SyncPage)
    qtbot.waitUntil(lambda: page.selected_drive() is not None, timeout=3000)
    day.shoot("export-ready", window)

    # The sync page's password prompt does not come here: freshness is measured on the real monotonic
    # clock (not the day's FakeClock), and the whole day runs in seconds of real time.
    day.press(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    day.shoot("export-done", window)
    assert "Không" not in page.status_label.text()[:10], page.status_label.text()

    def sign_in_screen(dialog: QDialog) -> None:  # the day is over: the sign-in screen, Esc quits
        assert ctx.session is None
        day.shoot("signed-out", window)
        day.press(Qt.Key.Key_Escape)

    problems = day.in_dialog(sign_in_screen)
    day.press(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # Đăng xuất
    assert problems == []
    assert ctx.session is None and not window.isVisible()
    return stick


def _chip_card_reception(day: Day, window: MainWindow, ctx) -> None:  # type: ignore[no-untyped-def]
    """08:30 «Ngày không viết»: the citizen hands over the chip ID card, its QR is scanned (a keyboard
    wedge: the text fast, then Enter), the clerk types the procedure's initials, Enter, F9, and Enter
    in the preview; the counter fills everything else, the citizen only signs. Counted: ≤ 8 keys + 1 scan."""
    day.at(8, 30)
    reception = window.page("reception")
    qr = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"
    assert day.focused() is reception.picker.edit  # type: ignore[union-attr]  # the next one, at once
    keys: list[str] = []
    day.type(qr)  # the scanner: no delay between its keys…
    day.press(Qt.Key.Key_Return)  # …and its Enter suffix
    applicant = reception.form.applicant_box.applicant  # type: ignore[union-attr]
    assert applicant.ui.full_name.text() == "Nguyễn Văn An"
    for ch in "dkks":
        keys.append(ch)
        day.type(ch)
    keys.append("Enter")
    day.press(Qt.Key.Key_Return)
    assert reception.picker.procedure().code == "1.001193"  # type: ignore[union-attr]
    day.shoot("reception-chip-card", window)
    before = len(day.printed)
    keys.append("F9")
    day.press(Qt.Key.Key_F9)
    keys.append("Enter")  # in the print preview (pressed there by the day's printer)
    assert len(day.printed) == before + 1
    (found,) = search_dossiers(ctx, "038087042028")
    assert load_dossier(ctx.store, found.uuid).status is Status.RECEIVED
    print(f"\nNgày không viết: {len(keys)} phím + 1 lần quét ({' '.join(keys)})")
    assert len(keys) <= 8
    day.shoot("reception-chip-card-saved", window)


def _lock_and_unlock(day: Day, window: MainWindow) -> None:
    """12:00 the clerk goes to lunch: Ctrl+L hides everything; back, the password and Enter."""
    from motcua_desktop.ui.accounts.idle_lock import IdleLock

    day.at(12, 0)
    day.press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = window.idle_lock
    assert isinstance(lock, IdleLock) and lock.is_locked
    day.shoot("locked", window)
    day.type(CLERK_PASSWORD)
    day.press(Qt.Key.Key_Return)
    assert not lock.is_locked, lock.screen.error.text()
