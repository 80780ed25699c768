"""Issue 15.5: the print preview from the keyboard, and only a real print counts as printed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from motcua_desktop.domain import events as ev
from motcua_desktop.services.dossiers.lookup import search_dossiers
from motcua_desktop.ui.dossiers.reception_page import NOT_PRINTED, ReceptionPage
from motcua_desktop.ui.printing import qt_printing
from tests.ui.conftest import press, refocus, type_keys

pytestmark = pytest.mark.gui

QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"


def in_preview(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, seen: list | None = None) -> None:  # type: ignore[no-untyped-def]
    """Presses ``key`` in the preview once it is open (the preview is modal: it runs its own loop)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            QTimer.singleShot(20, answer)
            return
        if seen is not None:
            seen.append(dialog.findChild(QPrintPreviewWidget).zoomMode())
        dialog.activateWindow()  # what Windows does for a dialog that opens (offscreen does not always)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
        qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)

    QTimer.singleShot(0, answer)


def back_to(widget) -> None:  # type: ignore[no-untyped-def]
    """The closed preview is gone (deleted) and the window has the keys again (offscreen, the window
    is not reactivated when a modal dialog closes, as Windows does)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    refocus(widget)


def prints(clerk, code: str) -> list[dict]:  # type: ignore[no-untyped-def]
    uuid = clerk.store.dossiers.uuid_for_code(code)
    return [e.payload for e in clerk.store.events.for_dossier(uuid) if e.kind == ev.DOSSIER_PRINTED]


def test_esc_prints_nothing_and_the_next_paper_is_still_the_first(window, clerk, qtbot, paper) -> None:  # type: ignore[no-untyped-def]
    page = window.page("reception")
    assert isinstance(page, ReceptionPage)
    type_keys("khai sinh")
    press(Qt.Key.Key_Return)
    type_keys(QR)
    press(Qt.Key.Key_Return)
    type_keys("0912345678")
    zoom: list = []
    in_preview(qtbot, Qt.Key.Key_Escape, seen=zoom)  # the clerk closes the preview without printing
    press(Qt.Key.Key_F9)
    assert zoom == [QPrintPreviewWidget.ZoomMode.FitToWidth]  # opens at page width
    [found] = search_dossiers(clerk, "038087042028")
    code = found.code
    assert prints(clerk, code) == []  # a cancelled preview is no print
    assert NOT_PRINTED in page.banner.text() and code in page.banner.text()
    assert not any(p.exists() for p in paper)

    back_to(page.picker.edit)
    in_preview(qtbot, Qt.Key.Key_Return, seen=zoom)  # Ctrl+P opens the preview again; Enter prints
    press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert [p["reprint"] for p in prints(clerk, code)] == [False]
    assert paper[-1].exists()  # printed (as images: the PDF has no text to read back)
    assert NOT_PRINTED not in page.banner.text() and code in page.banner.text()  # the warning is gone

    back_to(page.picker.edit)
    in_preview(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P prints too
    press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert [p["reprint"] for p in prints(clerk, code)] == [False, True]
    assert paper[-1].exists()


def test_a_print_that_fails_offers_the_pdf_and_records_only_a_saved_file(  # type: ignore[no-untyped-def]
    window, clerk, qtbot, monkeypatch, answers, tmp_path
) -> None:
    from motcua_desktop.domain.errors import KnownError
    from motcua_desktop.ui.shell import ask

    def broken(printer, pdf, max_dpi=300):  # type: ignore[no-untyped-def]
        if qt_printing.is_preview(printer):
            return 1
        raise KnownError("Không mở được máy in để in.")

    monkeypatch.setattr(qt_printing, "paint_pdf", broken)
    saved = tmp_path / "giay-tiep-nhan.pdf"
    monkeypatch.setattr(ask, "save_file", lambda *a, **k: str(saved))
    page = window.page("reception")
    page.picker.choose_key("1.001193")
    page.form.applicant_box.fill_from_scan(QR, page.form.applicant_box.applicant)
    type_keys("0912345678")
    in_preview(qtbot, Qt.Key.Key_Return)
    press(Qt.Key.Key_F9)
    assert answers.shown and "Lưu phiếu thành tệp PDF" in answers.shown[0][2]
    [found] = search_dossiers(clerk, "038087042028")
    assert saved.exists() and [p["reprint"] for p in prints(clerk, found.code)] == [False]
    assert NOT_PRINTED not in page.banner.text()
