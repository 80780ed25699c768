"""Start-up: first-run wizard, sign-in with a forced password change, the main window and its
page registry, status bar slots, Vietnamese Qt strings, error handling, generated forms."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget, QWizard

from motcua_desktop.domain.accounts import Permission, Role
from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter
from motcua_desktop.domain.errors import NotFound
from motcua_desktop.services.accounts.users import add_user
from motcua_desktop.services.printing.settings import DIRECT, print_mode, printer_choice, receipt_options
from motcua_desktop.services.workspace import close_workspace, open_context, sign_in_workspace, workspace_is_set_up
from motcua_desktop.ui.accounts.login import ChangePasswordDialog, LoginDialog
from motcua_desktop.ui.office.first_run import FirstRunWizard
from motcua_desktop.ui.shell import errors
from motcua_desktop.ui.shell.main_window import MainWindow
from motcua_desktop.ui.shell.pages import PageSpec, default_pages
from tests.factories import ADMIN_PASSWORD, context
from tests.ui.conftest import press, refocus, type_keys

pytestmark = pytest.mark.gui


def test_first_run_wizard_then_login(qtbot, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(tmp_path / "data", clock=clock)
    try:
        wizard = FirstRunWizard(ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Tiếp theo >"
        office = wizard.office_page.form
        wizard.next()
        assert wizard.currentPage() is wizard.office_page  # nothing filled: refused, with messages
        assert "chưa nhập" in office.message_label("superior_name").text()
        refocus(office.ui.superior_name)
        type_keys("UBND phuong Dong Tien")
        office.ui.unit_name.setText("Trung tâm Phục vụ hành chính công phường Đông Tiến")
        office.ui.agency_id.setText("000.00.12.H56")
        office.ui.province.lineEdit().setText("thanh hoa")  # typed without diacritics: offered, not chosen
        office.ui.province.lineEdit().editingFinished.emit()
        assert office.places.codes()[0] == "" and [u.name for u in office.ui.province.look_alikes] == ["Thanh Hóa"]
        pick(office.ui.province, "Thanh Hóa")
        assert office.places.codes()[0] == "38"
        office.ui.commune.lineEdit().setText("dong tien")
        office.ui.commune.lineEdit().editingFinished.emit()
        offered = {u.name for u in office.ui.commune.look_alikes}
        assert office.places.codes()[1] == "" and offered == {"Phường Đông Tiến", "Xã Đồng Tiến"}
        pick(office.ui.commune, "Phường Đông Tiến")
        assert office.places.codes()[1] == "15853"
        office.ui.counter_no.setValue(2)
        wizard.next()
        assert wizard.currentPage() is wizard.admin_page
        wizard.admin_page.full_name.setText("Nguyễn Văn Quản")
        wizard.admin_page.password.setText(ADMIN_PASSWORD)
        wizard.admin_page.repeat.setText("khac-nhau-123")
        wizard.next()
        assert "không giống nhau" in wizard.admin_page.error.text()
        wizard.admin_page.repeat.setText(ADMIN_PASSWORD)
        wizard.next()
        assert wizard.currentPage() is wizard.printing_page
        wizard.printing_page.direct.setChecked(True)
        wizard.printing_page.layout_choice.setCurrentIndex(wizard.printing_page.layout_choice.findData("80mm"))
        wizard.accept()
        assert wizard.result() == QWizard.DialogCode.Accepted
        assert workspace_is_set_up(ctx) and ctx.session is None
        assert ctx.office().counter_no == 2 and ctx.office().commune_code

        login = LoginDialog(ctx)
        qtbot.addWidget(login)
        login.username.setText("admin")
        login.password.setText("sai-mat-khau")
        login.accept()
        assert "không đúng" in login.error.text() and ctx.session is None
        login.password.setText(ADMIN_PASSWORD)
        login.accept()
        assert ctx.session is not None and ctx.session.role is Role.ADMIN
        assert print_mode(ctx) == DIRECT and receipt_options(ctx).layout == "80mm"
        assert printer_choice(ctx, "01").printer_name == ""
    finally:
        close_workspace(ctx)


def test_initial_password_must_be_changed_at_first_sign_in(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, role=None)
    sign_in_workspace(admin, "admin", ADMIN_PASSWORD)
    add_user(admin, username="hoa.le", full_name="Lê Thị Hoa", role=Role.CLERK, password="ban-dau-123")
    ctx = context(office_store, clock, role=None)
    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.username.setText("hoa.le")
    login.password.setText("ban-dau-123")

    def change() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ChangePasswordDialog)
        dialog.new.setText("mat-khau-moi-2026")
        dialog.repeat.setText("mat-khau-moi-2026")
        dialog.accept()

    QTimer.singleShot(0, change)
    login.accept()
    assert ctx.session is not None and not ctx.session.must_change_password
    assert login.result() == LoginDialog.DialogCode.Accepted
    again = context(office_store, clock, role=None)
    assert sign_in_workspace(again, "hoa.le", "mat-khau-moi-2026").username == "hoa.le"


def test_pages_follow_the_role_and_keys_switch_pages(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = MainWindow(context(office_store, clock))
    qtbot.addWidget(clerk)
    clerk.show()
    qtbot.waitExposed(clerk)
    keys = [spec.key for spec in clerk.specs]
    assert keys[:3] == ["reception", "dossiers", "return"] and "settings" not in keys
    assert clerk.page_actions["return"].shortcut().toString() == "F3"
    assert "F3" in clerk.page_actions["return"].toolTip()
    refocus(clerk.page("reception").picker.edit)
    press(Qt.Key.Key_F3)
    assert clerk.current_key() == "return"
    admin = MainWindow(context(office_store, clock, role=Role.ADMIN, username="admin2"))
    qtbot.addWidget(admin)
    assert [spec.key for spec in admin.specs][-1] == "settings" and "reception" not in [s.key for s in admin.specs]
    assert admin.current_key() == "settings"  # a new office: its top says what to do next (issue 15.6)
    rows = dict((label, key) for key, label in clerk.shortcut_rows())
    assert rows["Lưu và in giấy tiếp nhận"] == "F9"


def test_status_bar_and_its_two_slots(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(context(office_store, clock))
    qtbot.addWidget(window)
    texts = " | ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert "Trung tâm Phục vụ hành chính công phường Đông Tiến" in texts
    assert "Quầy số 1" in texts and "Nguyễn Thị Lan" in texts and "Thứ Hai, 16/11/2026" in texts
    assert not window.unexported_label.isVisibleTo(window) and not window.clock_label.isVisibleTo(window)
    window.set_unexported_count(12)
    assert window.unexported_label.text() == "Chưa xuất: 12 hồ sơ" and window.unexported_label.isVisibleTo(window)
    window.set_unexported_count(0)
    assert window.unexported_label.text() == "Đã xuất hết dữ liệu"
    window.set_clock_warning("Giờ máy tính lùi 2 giờ so với lần trước")
    assert window.clock_label.isVisibleTo(window)
    window.set_clock_warning("")
    assert not window.clock_label.isVisibleTo(window)


def test_start_up_work_waits_for_the_first_paint(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(context(office_store, clock))
    qtbot.addWidget(window)
    ran: list[str] = []
    window.after_first_paint(lambda: ran.append("count"))
    QCoreApplication.processEvents()
    assert ran == []  # not painted yet
    window.show()
    qtbot.waitUntil(lambda: ran == ["count"])
    window.after_first_paint(lambda: ran.append("later"))  # once painted: at the next turn of the event loop
    qtbot.waitUntil(lambda: ran == ["count", "later"])


def test_start_up_work_runs_even_if_the_window_never_paints(qtbot, office_store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.shell import main_window

    monkeypatch.setattr(main_window, "AFTER_PAINT_FALLBACK_MS", 50)  # a window started minimised
    window = MainWindow(context(office_store, clock))
    qtbot.addWidget(window)
    ran: list[int] = []
    window.after_first_paint(lambda: ran.append(1))
    qtbot.waitUntil(lambda: ran == [1], timeout=3000)


def test_the_dossier_count_is_taken_on_a_worker_thread(qtbot, office_store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from motcua_desktop.ui.dossiers import dossiers_page

    threads: list[str] = []
    real = dossiers_page.count_dossiers

    def count(ctx, dossier_filter):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(ctx, dossier_filter)

    monkeypatch.setattr(dossiers_page, "count_dossiers", count)
    window = MainWindow(context(office_store, clock))
    qtbot.addWidget(window)
    page = window.page("dossiers")
    assert page is not None
    qtbot.waitUntil(lambda: page.count_label.text() == "0 hồ sơ")
    assert threads and threading.main_thread().name not in threads


class FakeDashboard(QWidget):
    """What the dashboard of another engineer looks like to the window."""

    from PySide6.QtCore import Signal

    open_list = Signal(object)
    unexported_count_changed = Signal(int)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx


def test_registry_adds_pages_with_one_line_and_connects_their_signals(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    keys = [spec.key for spec in default_pages()]
    assert keys == [
        "reception",
        "dossiers",
        "return",
        "paper_survey",
        "queue",
        "complaints",
        "dashboard",
        "reports",
        "sync",
        "backup",
        "audit",
        "settings",
    ]
    specs = [
        *default_pages(),
        PageSpec("fake-dashboard", "Tổng quan (thử)", "Ctrl+F4", Permission.SEARCH, FakeDashboard),
    ]
    window = MainWindow(context(office_store, clock), specs)
    qtbot.addWidget(window)
    dashboard = window.show_page("fake-dashboard")
    assert isinstance(dashboard, FakeDashboard) and dashboard.ctx is window.ctx
    dashboard.open_list.emit(DossierFilter(due=DueFilter.OVERDUE))
    assert window.current_key() == "dossiers"
    page = window.page("dossiers")
    assert page.model.filter.due is DueFilter.OVERDUE and page.due.currentData() == DueFilter.OVERDUE.value
    dashboard.unexported_count_changed.emit(3)
    assert window.unexported_label.text() == "Chưa xuất: 3 hồ sơ"


def test_qt_strings_are_vietnamese() -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QCoreApplication.translate("QLineEdit", "&Paste") == "&Dán"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert {b.text().replace("&", "") for b in box.buttons()} == {"Đồng ý", "Hủy"}
    assert QApplication.font().family() == "Liberation Sans"


def test_known_errors_are_shown_and_bugs_logged_with_a_friendly_dialog(
    qtbot, monkeypatch, answers, caplog, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(errors.ErrorDialog, "exec", lambda self: shown.append(self.details) or 0)
    errors.install_excepthook(tmp_path / "motcua.log")
    try:
        errors.handle_exception(NotFound, NotFound("Không tìm thấy hồ sơ X."), None)
        assert answers.shown == [("warn", "Chưa thực hiện được", "Không tìm thấy hồ sơ X.")]
        with caplog.at_level(logging.ERROR, logger="motcua.ui"):
            try:
                raise ZeroDivisionError("ôi")
            except ZeroDivisionError as exc:
                sys.excepthook(type(exc), exc, exc.__traceback__)
        assert "ZeroDivisionError" in shown[0] and "unexpected error" in caplog.text
    finally:
        sys.excepthook = sys.__excepthook__
    dialog = errors.ErrorDialog("chi tiết lỗi", tmp_path / "motcua.log")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "chi tiết lỗi"


def test_generated_forms_are_up_to_date() -> None:
    from motcua_desktop.ui import build_forms

    assert build_forms.stale() == []
    assert {path.name for path, _ in [(t, s) for s, t in build_forms.targets()]} >= {
        "ui_person_form.py",
        "ui_office_form.py",
        "qtbase_vi.qm",
    }


def test_screenshot_tool_draws_the_screens(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from motcua_desktop.ui.screenshots import take

    saved = take(tmp_path, (1024, 640), only={"02-login", "05-reception-filled", "07-dossiers"}, dossiers=120)
    assert [p.name for p in saved] == ["02-login.png", "05-reception-filled.png", "07-dossiers.png"]
    image = QImage(str(saved[1]))
    assert (image.width(), image.height()) == (1024, 640)


def pick(picker, name: str) -> None:  # type: ignore[no-untyped-def]
    """Chooses ``name`` in the picker's open list of look-alikes, as a clerk does with the keyboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    completer = picker.completer()
    popup = completer.popup()
    assert popup.isVisible(), "the look-alikes are offered"
    model = completer.completionModel()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    row = next(i for i in rows if i.data() == name)
    popup.setCurrentIndex(row)
    QTest.keyClick(popup, Qt.Key.Key_Return)
