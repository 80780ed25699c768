"""The whole window with the keyboard alone: in every page of every role (each tab, the dossier
detail in each status, the reception form with a representative, the return form) and in every
dialog, each Alt+letter is used once (the menu bar's included) and Tab reaches every control.

A duplicated letter makes Alt+letter only move the focus between its owners (the clerk pressed
Alt+B twice for "Yêu cầu bổ sung"); a letter shared with the menu bar opens the menu instead
(Alt+T opened "Tệp" in Cài đặt). ``tests/ui/walk.py`` does the walking.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTabWidget, QToolButton, QWidget, QWizard

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.transitions import (
    FeesRequestInput,
    HandOverInput,
    ResultReadyInput,
    SupplementReceivedInput,
    SupplementRequestInput,
)
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, resolve
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.ui.shell.main_window import MainWindow
from tests.factories import applicant, birth_registration, context
from tests.ui.walk import (
    controls_outside,
    duplicate_mnemonics,
    menu_duplicates,
    mnemonic,
    shown_widgets,
    unreachable_by_tab,
)

pytestmark = pytest.mark.gui

ROLES = [(Role.CLERK, "lan.nguyen"), (Role.LEADER, "minh.tran"), (Role.ADMIN, "quan.tri")]
UI = Path(__file__).resolve().parents[2] / "motcua_desktop" / "ui"


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # replaced buttons go, as in the event loop


def problems_of(window: QWidget, where: str) -> list[str]:
    _settle()
    found = [f"{where}: {fault}" for fault in duplicate_mnemonics(window)]
    found += [f"{where}: Tab never reaches {name}" for name in unreachable_by_tab(window)]
    return found


def buttons_without_a_key(window: QWidget, where: str) -> list[str]:
    """Push buttons a clerk cannot press from the keyboard but by Tab: no Alt+letter, no key of
    their own (in the caption «[F9]», as a shortcut, or named in the tooltip «(Ctrl+E)»)."""
    found = []
    for button in shown_widgets(window):
        if not isinstance(button, (QPushButton, QToolButton)) or button.isCheckable() or not button.text():
            continue
        tip = button.toolTip()
        if mnemonic(button.text()) or "[" in button.text() or not button.shortcut().isEmpty():
            continue
        if tip.endswith(")") and any(k in tip for k in ("Ctrl+", "Alt+", "Enter", "Esc", "F")):
            continue
        found.append(f"{where}: no key for {button.text()!r}")
    return found


def walk_page(window: MainWindow, key: str, where: str) -> list[str]:
    page = window.show_page(key)
    assert page is not None
    found = problems_of(window, where) + buttons_without_a_key(window, where)
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            if tabs.isVisible():
                here = f"{where} › {tabs.tabText(index)}"
                found += problems_of(window, here) + buttons_without_a_key(window, here)
    return found


def open_window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)
    return window


@pytest.mark.parametrize("role", [r for r, _ in ROLES], ids=[r.name.lower() for r, _ in ROLES])
def test_every_page_of_each_role(qtbot, office_store, clock, role) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock, role=role, username=dict(ROLES)[role])
    window = open_window(qtbot, ctx)
    found = [f"menu: {fault}" for fault in menu_duplicates(window.menuBar())]
    for spec in window.specs:
        found += walk_page(window, spec.key, f"{role.value} {spec.key}")
    assert not found, "\n".join(found)


def _dossier_in(ctx, status: Status, number: str) -> str:  # type: ignore[no-untyped-def]
    code = register(ctx, birth_registration(applicant=applicant(id_number=number))).dossier.code
    steps: dict[Status, list[object]] = {
        Status.RECEIVED: [],
        Status.IN_PROCESSING: [HandOverInput()],
        Status.AWAITING_SUPPLEMENT: [SupplementRequestInput(items=("Giấy chứng sinh",), note="Thiếu")],
        Status.SUPPLEMENTED: [
            SupplementRequestInput(items=("Giấy chứng sinh",), note="Thiếu"),
            SupplementReceivedInput(),
        ],
        Status.AWAITING_FEES: [HandOverInput(), FeesRequestInput(amount=50000, note="Lệ phí")],
        Status.RESULT_READY: [ResultReadyInput()],
    }
    for step in steps[status]:
        transition(ctx, find_dossier(ctx, code), step)  # type: ignore[arg-type]
    assert load_dossier(ctx.store, resolve(ctx, code)).status is status
    return code


STATUSES = [
    Status.RECEIVED,
    Status.IN_PROCESSING,
    Status.AWAITING_SUPPLEMENT,
    Status.SUPPLEMENTED,
    Status.AWAITING_FEES,
    Status.RESULT_READY,
]


def test_the_clerks_forms_in_each_state(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    codes = {status: _dossier_in(ctx, status, f"0380870420{i:02d}") for i, status in enumerate(STATUSES)}
    window = open_window(qtbot, ctx)
    found: list[str] = []
    dossiers = window.show_page("dossiers")
    for status, code in codes.items():
        dossiers.open_reference(code)  # type: ignore[union-attr]
        found += problems_of(window, f"Hồ sơ, detail of a dossier «{status.label}»")
    reception = window.show_page("reception")
    reception.picker.choose_key("1.001193")  # type: ignore[union-attr]
    found += problems_of(window, "Tiếp nhận with a procedure and its papers")
    reception.form.applicant_box.has_representative.setChecked(True)  # type: ignore[union-attr]
    found += problems_of(window, "Tiếp nhận with a representative")
    returns = window.show_page("return")
    assert returns.load(codes[Status.RESULT_READY])  # type: ignore[union-attr]
    found += problems_of(window, "Trả kết quả with a dossier")
    assert not found, "\n".join(found)


# --- every dialog -------------------------------------------------------------------------------


def _dialog_classes() -> set[str]:
    """Every QDialog or QWizard subclass in ui/ (by name), so that a new dialog is walked too."""
    names = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & {"QDialog", "QWizard"}:
                    names.add(node.name)
    return names


def _dialogs(ctx, admin, code: str, tmp_path: Path) -> dict[str, list[Callable[[], QDialog]]]:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.office.calendar_notice import preview_reported
    from motcua_desktop.services.office.due_flags import MovedAppointment
    from motcua_desktop.ui.accounts.login import ChangePasswordDialog, LoginDialog
    from motcua_desktop.ui.accounts.settings_users import UserDialog
    from motcua_desktop.ui.dossiers.action_dialogs import ActionDialog, CorrectionDialog, LocationDialog
    from motcua_desktop.ui.dossiers.pre_reception_dialog import PreReceptionDialog
    from motcua_desktop.ui.office.calendar_dialogs import DueFlagsDialog, KeepDueDialog, NoticePreviewDialog
    from motcua_desktop.ui.office.first_run import FirstRunWizard
    from motcua_desktop.ui.office.settings_calendar import ClosureDialog
    from motcua_desktop.ui.printing.tracking_book import BookDialog
    from motcua_desktop.ui.safety.clock_dialog import ClockConfirmDialog
    from motcua_desktop.ui.shell.errors import ErrorDialog
    from motcua_desktop.ui.sync.key_cards import CardConfirmDialog

    dossier = load_dossier(ctx.store, resolve(ctx, code))
    return {
        "LoginDialog": [lambda: LoginDialog(ctx)],
        "ChangePasswordDialog": [
            lambda: ChangePasswordDialog(ctx, forced=False),
            lambda: ChangePasswordDialog(ctx, forced=True, old_password="x"),
        ],
        "UserDialog": [UserDialog],
        "ActionDialog": [lambda a=a: ActionDialog(ctx, dossier, a) for a in Action if a is not Action.RETURN],
        "CorrectionDialog": [lambda: CorrectionDialog(ctx, dossier)],
        "LocationDialog": [lambda: LocationDialog(ctx, dossier)],
        "PreReceptionDialog": [
            lambda: PreReceptionDialog(Status.GUIDED, ["Giấy chứng sinh"], lambda *_: dossier),
            lambda: PreReceptionDialog(Status.REFUSED_AT_COUNTER, [], lambda *_: dossier),
        ],
        "NoticePreviewDialog": [
            lambda: NoticePreviewDialog(preview_reported(admin, 2027)),
            lambda: NoticePreviewDialog(preview_reported(admin, 2027), ask_checked=True),
        ],
        "DueFlagsDialog": [lambda: DueFlagsDialog(admin)],
        "KeepDueDialog": [
            lambda: KeepDueDialog(
                MovedAppointment(
                    dossier.uuid, code, "Nguyễn Văn An", ctx.clock.now(), ctx.clock.now() + timedelta(days=1)
                )
            )
        ],
        "ClosureDialog": [ClosureDialog],
        "BookDialog": [lambda: BookDialog(date(2026, 11, 1), date(2026, 11, 16))],
        "ClockConfirmDialog": [lambda: ClockConfirmDialog(ctx)],
        "ErrorDialog": [lambda: ErrorDialog("Traceback…", tmp_path / "motcua.log")],
        "FirstRunWizard": [lambda: FirstRunWizard(ctx)],
        "CardConfirmDialog": [
            lambda: CardConfirmDialog(
                "Thêm nơi nhận",
                "Thẻ khóa của cơ quan cấp trên",
                [("Dấu vân tay khóa mã hóa:", "3F2A-91C0-0B7E-55D1"), ("Dấu vân tay khóa ký:", "A1B2-C3D4-E5F6-0718")],
                None,
            )
        ],
    }


# Not built here: the safe-mode dialog needs a damaged database and the conflict dialog two
# counters' conflicting packages (their own tests build them); listed so that no other is forgotten.
NOT_WALKED_HERE = {"SafeModeDialog", "ConflictDialog"}


def test_every_dialog(qtbot, office_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    admin = context(office_store, clock, role=Role.ADMIN, username="quan.tri")
    code = register(ctx, birth_registration()).dossier.code
    builders = _dialogs(ctx, admin, code, tmp_path)
    assert set(builders) | NOT_WALKED_HERE == _dialog_classes()
    found: list[str] = []
    for name, makes in builders.items():
        for make in makes:
            dialog = make()
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            where = f"{name} «{dialog.windowTitle()}»"
            if isinstance(dialog, QWizard):
                while True:
                    found += problems_of(dialog, f"{where} page {dialog.currentId()}")
                    if dialog.nextId() == -1:
                        break
                    dialog.setStartId(dialog.nextId())
                    dialog.restart()
            else:
                found += problems_of(dialog, where)
            # …and it fits a 1366×768 screen with its task bar, every control inside it.
            found += [f"{where}: {fault}" for fault in controls_outside(dialog)]
            if dialog.width() > 1366 or dialog.height() > 728 - 31:
                found.append(f"{where}: {dialog.width()}×{dialog.height()} does not fit a 1366×768 screen")
            dialog.close()
    assert not found, "\n".join(found)


def test_page_keys_work_at_once_after_unlocking(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.ui.accounts.idle_lock import IdleLock
    from tests.factories import CLERK_PASSWORD

    ctx = context(office_store, clock)
    window = open_window(qtbot, ctx)
    lock = IdleLock(window, ctx, minutes=5)
    lock.locked.connect(window.remember_focus)
    lock.unlocked.connect(window.focus_current_page)
    window.show_page("dossiers")
    page = window.page("dossiers")
    assert page is not None and page.isAncestorOf(QApplication.focusWidget())  # type: ignore[arg-type]
    lock.lock()
    lock.screen.password.setText(CLERK_PASSWORD)
    lock.screen.unlock_button.click()
    assert not lock.is_locked
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)  # the page's keys (F5, Ctrl+F…) work without a Tab
    window.show_page("reception")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert window.current_key() == "dossiers"
    lock.stop()


def test_the_walk_finds_what_it_should(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QPushButton, QTableWidget, QVBoxLayout

    window = QMainWindow()
    window.menuBar().addMenu("&Tệp")
    central = QWidget()
    layout = QVBoxLayout(central)
    field = QLineEdit()
    label = QLabel("&Tỉnh")
    label.setBuddy(field)
    table = QTableWidget(3, 3)  # keeps Tab for its cells
    after = QPushButton("&Lưu")
    click_only = QPushButton("Chỉ bấm chuột")
    click_only.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    for widget in (label, field, table, after, click_only, QPushButton("&Đóng")):
        layout.addWidget(widget)
    window.setCentralWidget(central)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    faults = duplicate_mnemonics(window)
    assert any(f.startswith("Alt+T:") and "menu" in f and "Tỉnh" in f for f in faults)
    assert any("cannot be typed" in f for f in faults)
    missing = unreachable_by_tab(window, presses=6)
    assert any("Chỉ bấm chuột" in m for m in missing) and any("&Lưu" in m for m in missing)


def test_the_report_page_by_keys_alone(qtbot, office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock, role=Role.LEADER, username="minh.tran")
    window = open_window(qtbot, ctx)
    page = window.show_page("reports")
    page.number.setFocus()  # type: ignore[union-attr]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (page.year, page.year.findChild(QWidget))  # type: ignore[union-attr]
    keys = {label: key for key, label in window.shortcut_rows()}
    assert keys["Xem báo cáo"] == "F5" and keys["In báo cáo"] == "Ctrl+P"
    assert keys["Xuất báo cáo ra Excel"] == "Ctrl+E" and keys["Xuất báo cáo ra PDF"] == "Ctrl+Shift+E"
    shown: list[int] = []
    page.show_report = lambda: shown.append(1)  # type: ignore[method-assign, union-attr]
    page.show_button.clicked.disconnect()  # type: ignore[union-attr]
    page.show_button.clicked.connect(page.show_report)  # type: ignore[union-attr]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)
    assert shown == [1]
