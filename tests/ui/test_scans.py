"""Issue 15.10: a scan goes where the clerk means it, from any field — and a birth registration from
a chip ID card's QR takes at most 8 keys and 1 scan, no mouse (counted here)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from motcua_desktop.domain.codes import barcode_key, looks_like_receipt_scan
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.services.dossiers.lookup import load_dossier, search_dossiers
from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from motcua_desktop.ui.dossiers.return_page import ReturnPage
from motcua_desktop.ui.printing.qt_printing import PRINT_KEYS
from tests.ui.conftest import focused, press, refocus, type_keys
from tests.ui.test_follow_up_and_return import ready, registered
from tests.ui.test_print_preview import in_preview, prints

pytestmark = pytest.mark.gui

QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"


class Counter:
    """Counts what the clerk does: keys pressed and scans (a scan is typed by the scanner, fast)."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.scans = 0

    def type(self, text: str) -> None:
        self.keys.extend(text)
        type_keys(text)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.keys.append(str(key))
        press(key, modifier)

    def scan(self, payload: str) -> None:
        self.scans += 1
        type_keys(payload)  # no delay between the scanner's keys…
        press(Qt.Key.Key_Return)  # …and its Enter suffix


def test_a_birth_registration_from_a_qr_scan_takes_at_most_8_keys_and_1_scan(window, clerk, qtbot, paper) -> None:  # type: ignore[no-untyped-def]
    page = window.page("reception")
    assert isinstance(page, ReceptionPage)
    assert focused() is page.picker.edit  # an empty form: the cursor sits in "Thủ tục"
    clerk_did = Counter()
    clerk_did.scan(QR)  # the citizen hands over the card first: scanned into the procedure search
    applicant = page.form.applicant_box.applicant
    assert applicant.ui.full_name.text() == "Nguyễn Văn An" and applicant.value().id_number == "038087042028"
    assert page.picker.edit.text() == "" and page.picker.procedure() is None  # nothing of the QR left there
    assert focused() is page.picker.edit  # what is left: the procedure
    clerk_did.type("dkks")
    clerk_did.press(Qt.Key.Key_Return)
    assert page.picker.procedure().code == "1.001193"
    assert focused() is applicant.ui.phone  # the applicant is filled: the cursor skips the scan field
    in_preview(qtbot, Qt.Key.Key_Return)  # the preview opens; Enter prints (counted below)
    clerk_did.press(Qt.Key.Key_F9)
    clerk_did.keys.append(PRINT_KEYS[0])
    [found] = search_dossiers(clerk, "038087042028")
    assert [p["reprint"] for p in prints(clerk, found.code)] == [False] and paper[-1].exists()
    assert load_dossier(clerk.store, found.uuid).status is Status.RECEIVED
    assert (len(clerk_did.keys), clerk_did.scans) == (7, 1)  # measured: dkks Enter F9 Enter + the scan
    assert len(clerk_did.keys) <= 8


def test_typing_by_hand_in_the_procedure_search_is_not_a_scan(window, clerk) -> None:  # type: ignore[no-untyped-def]
    page = window.page("reception")
    type_keys("khai sinh")
    press(Qt.Key.Key_Return)
    assert page.picker.procedure().code == "1.001193"  # the Enter chose the procedure as always


def test_a_receipt_scanned_on_any_page_opens_its_dossier_the_return_page_when_ready(window, clerk) -> None:  # type: ignore[no-untyped-def]
    waiting = registered(clerk, "Trần Thị Bình", "038190001234")
    done = ready(clerk, "Lê Văn Cường", "038088001122")
    assert looks_like_receipt_scan(barcode_key(done)) and not looks_like_receipt_scan("khai sinh 12345")
    reception = window.page("reception")
    assert focused() is reception.picker.edit
    type_keys(barcode_key(done))  # the printed barcode, scanned on the reception page
    press(Qt.Key.Key_Return)
    assert window.current_key() == "return"
    page = window.page("return")
    assert isinstance(page, ReturnPage) and page.dossier is not None and page.dossier.code == done
    assert reception.picker.edit.text() == ""

    window.show_page("reception")
    refocus(reception.picker.edit)
    type_keys(barcode_key(waiting))  # not ready yet: its detail, in Hồ sơ
    press(Qt.Key.Key_Return)
    assert window.current_key() == "dossiers"
    dossiers = window.page("dossiers")
    assert isinstance(dossiers, DossiersPage) and dossiers.detail.dossier().code == waiting  # type: ignore[union-attr]


@pytest.mark.parametrize(("gap", "is_scan"), [(0.005, True), (0.2, False)])
def test_only_a_fast_burst_ended_by_enter_is_a_scan(qtbot, gap: float, is_scan: bool) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    from motcua_desktop.ui.shell.scanner import ScanListener

    area = QWidget()
    field = QLineEdit("nộp")
    QVBoxLayout(area).addWidget(field)
    qtbot.addWidget(area)
    area.show()
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area, timeout=2000)
    field.setFocus()
    field.end(False)
    ticks = iter(i * gap for i in range(1000))
    listener = ScanListener(area, monotonic=lambda: next(ticks))
    listener.watch(area)
    got: list[str] = []
    listener.receipt_scanned.connect(got.append)
    entered: list[bool] = []
    field.returnPressed.connect(lambda: entered.append(True))
    key = barcode_key("000.00.12.H56-261116-1000")
    try:
        type_keys(key)
        press(Qt.Key.Key_Return)
    finally:
        listener.stop()
    if is_scan:
        assert got == [key] and field.text() == "nộp" and not entered  # the field is as before the scan
    else:
        assert got == [] and field.text() == "nộp" + key and entered  # people type slower: theirs


def test_a_receipt_scanned_into_the_applicants_name_opens_it_and_leaves_the_name(window, clerk) -> None:  # type: ignore[no-untyped-def]
    done = ready(clerk, "Lê Văn Cường", "038088001122")
    page = window.page("reception")
    name = page.form.applicant_box.applicant.ui.full_name
    refocus(name)
    type_keys("Trần")
    QTest.qWait(80)  # the clerk paused: the scan that follows is a burst of its own
    type_keys(barcode_key(done))
    press(Qt.Key.Key_Return)
    assert window.current_key() == "return" and name.text() == "Trần"
