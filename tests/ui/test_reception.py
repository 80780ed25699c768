"""Reception by keyboard only: procedure, CCCD scan, F9 → a registered dossier and its printed receipt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from motcua_desktop.domain.codes import barcode_key
from motcua_desktop.domain.identity import Sex
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.services.dossiers.drafts import load_draft
from motcua_desktop.services.dossiers.lookup import load_dossier, resolve, search_dossiers
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from motcua_desktop.ui.shell.main_window import MainWindow
from tests.helpers.keyboards import telex, windows_vietnamese_layout
from tests.printing.pdfcheck import decode, flat_text, render
from tests.ui.conftest import focused, press, refocus, type_keys

pytestmark = pytest.mark.gui

QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"


def reception(window: MainWindow) -> ReceptionPage:
    page = window.page("reception")
    assert isinstance(page, ReceptionPage)
    return page


def test_register_by_keyboard_and_scan_prints_a_receipt_that_scans_back(window, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    assert window.current_key() == "reception" and focused() is page.picker.edit
    type_keys("khai sinh")
    press(Qt.Key.Key_Return)  # the first match: Đăng ký khai sinh
    assert page.picker.procedure().code == "1.001193"
    assert focused() is page.form.applicant_box.scan  # ready for the citizen's card
    assert "16 tháng 11 năm 2026" in page.action_bar.due_label.text()  # same-day procedure: due today
    type_keys(QR)  # the scanner types the QR payload…
    press(Qt.Key.Key_Return)  # …and its Enter suffix
    assert page.form.applicant_box.applicant.ui.full_name.text() == "Nguyễn Văn An"
    assert page.form.applicant_box.applicant.value().id_number == "038087042028"
    assert page.form.applicant_box.applicant.value().sex == Sex.MALE.value
    # A card issued in 2021 prints the old map: kept whole, never mapped to a new unit.
    applicant = page.form.applicant_box.applicant
    assert applicant.places.codes() == ("", "")
    assert applicant.card_address.text() == "Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa"
    type_keys("0912345678")  # the cursor moved to the phone field
    press(Qt.Key.Key_F9)
    assert len(printed) == 1 and printed[0].form == "01"
    results = search_dossiers(clerk, "038087042028")
    assert len(results) == 1
    dossier = load_dossier(clerk.store, results[0].uuid)
    assert dossier.status is Status.RECEIVED and dossier.applicant.phone == "0912345678"
    assert dossier.code in page.banner.text()
    text = flat_text(printed[0].pdf)
    assert "Nguyễn Văn An" in text and dossier.code in text
    assert dossier.applicant.address.card_address == "Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa"
    assert "Huyện Triệu Sơn" in text  # printed as on the card, district included
    codes = [d.text for d in decode(render(printed[0].pdf))]
    assert barcode_key(dossier.code) in codes
    assert resolve(clerk, codes[0]) == dossier.uuid
    # The form is ready for the next citizen, and F9 on an empty form registers nothing.
    assert page.picker.procedure() is None and focused() is page.picker.edit
    press(Qt.Key.Key_F9)
    assert len(search_dossiers(clerk, "038087042028")) == 1
    assert page.action_bar.save_button.text() == "Còn thiếu: Thủ tục  [F9]"


def test_double_f9_registers_once(window, clerk, printed, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    page.picker.choose_key("1.001193")
    page.form.applicant_box.fill_from_scan(QR, page.form.applicant_box.applicant)
    request_id = page.request_id
    page._saving = True  # a second press while the first save is still running
    page.save()
    assert printed == []
    page._saving = False
    page.save()
    page.save()  # the form was reset: nothing left to register
    assert len(search_dossiers(clerk, "038087042028")) == 1
    assert page.request_id != request_id


def test_missing_fields_are_named_and_shown_under_the_fields(window, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    page.picker.choose_key("1.001193")
    page.form.applicant_box.applicant.ui.full_name.setText("Nguyễn Văn An")
    page.validate_live()
    assert page.action_bar.save_button.text() == "Còn thiếu: Số giấy tờ  [F9]"  # the button says what is missing
    assert "Số giấy tờ" in page.action_bar.missing_label.text() and "chưa nhập" in page.action_bar.missing_label.text()
    page.form.applicant_box.applicant.ui.id_number.setText("12345")
    press(Qt.Key.Key_F9)
    assert printed == []
    message = page.form.applicant_box.applicant.message_label("id_number")
    assert message.isVisibleTo(page) and "12 chữ số" in message.text()
    assert focused() is page.form.applicant_box.applicant.ui.id_number
    page.form.documents_box.documents.set_all(False)
    page.save()
    assert "chưa đánh dấu" in page.form.documents_box.messages["documents"].text()


def test_cccd_qr_fills_through_input_methods_and_bad_scans_fill_nothing(window) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    page.picker.choose_key("1.001193")
    assert page.form.applicant_box.fill_from_scan(windows_vietnamese_layout(QR), page.form.applicant_box.applicant)
    assert page.form.applicant_box.applicant.value().id_number == "038087042028"
    assert page.form.applicant_box.applicant.value().birth_date == "15/03/1987"
    page.new_form()
    assert page.form.applicant_box.fill_from_scan(telex(QR, decomposed=True), page.form.applicant_box.applicant)
    assert page.form.applicant_box.applicant.ui.full_name.text() == "Nguyễn Văn An"  # NFC again
    page.new_form()
    assert not page.form.applicant_box.fill_from_scan("038087042028|Nguyễn", page.form.applicant_box.applicant)
    assert page.form.applicant_box.applicant.is_blank()
    assert (
        "7 trường" in page.form.applicant_box.scan_message.text()
        and page.form.applicant_box.scan_message.isVisibleTo(page)
    )


def test_a_scan_into_another_field_is_recognised(window) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    page.picker.choose_key("1.001193")
    page.form.applicant_box.applicant.ui.full_name.setFocus()
    type_keys(QR)
    press(Qt.Key.Key_Return)
    assert page.form.applicant_box.applicant.ui.full_name.text() == "Nguyễn Văn An"
    assert page.form.applicant_box.applicant.value().id_number == "038087042028"


def test_returning_citizen_is_suggested_and_fills_blanks(window, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.dossiers.registration import register
    from tests.factories import birth_registration

    register(clerk, birth_registration())  # Nguyễn Văn An, 038087042028, phone 0912 345 678
    page = reception(window)
    page.picker.choose_key("2.000815")
    page.form.applicant_box.applicant.ui.id_number.setText("038087042028")
    page.form.applicant_box.suggest_returning_citizen()
    assert (
        page.form.applicant_box.suggestion.isVisibleTo(page) and "1 hồ sơ" in page.form.applicant_box.suggestion.text()
    )
    page.form.applicant_box.applicant.ui.id_number.setFocus()
    press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert page.form.applicant_box.applicant.ui.full_name.text() == "Nguyễn Văn An"
    assert page.form.applicant_box.applicant.ui.phone.text() == "0912345678"


def test_guidance_and_refusal_are_one_key_away(window, clerk, printed, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from motcua_desktop.ui.dossiers.pre_reception_dialog import PreReceptionDialog

    page = reception(window)
    page.picker.choose_key("1.001193")
    page.form.applicant_box.fill_from_scan(QR, page.form.applicant_box.applicant)
    page.form.documents_box.documents.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # no birth certificate

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreReceptionDialog)
        assert dialog.items()[0].startswith("Giấy chứng sinh")
        dialog.reason_edit.setPlainText("Thiếu Giấy chứng sinh bản chính")
        dialog.accept()

    QTimer.singleShot(0, answer)
    page.form.applicant_box.applicant.ui.phone.setFocus()
    press(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert [job.form for job in printed] == ["02"]
    found = search_dossiers(clerk, "038087042028")
    assert [s.status for s in found] == [Status.GUIDED] and found[0].code is None

    page.picker.choose_key("1.001193")
    page.form.applicant_box.fill_from_scan(QR, page.form.applicant_box.applicant)

    def refuse() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreReceptionDialog)
        dialog.accept()  # no reason: refused by the service, the dialog stays open with the message
        assert "Lý do từ chối" in dialog.error.text()
        dialog.reason_edit.setPlainText("Không thuộc thẩm quyền của xã")
        dialog.accept()

    refocus(page.action_bar.save_button)
    QTimer.singleShot(0, refuse)
    press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert [job.form for job in printed] == ["02", "03"]
    assert {s.status for s in search_dossiers(clerk, "038087042028")} == {Status.GUIDED, Status.REFUSED_AT_COUNTER}


def test_draft_survives_a_close_and_restores_with_its_request_id(qtbot, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(clerk)
    qtbot.addWidget(first)
    page = reception(first)
    page.picker.choose_key("1.001193")
    page.form.applicant_box.fill_from_scan(QR, page.form.applicant_box.applicant)
    page.form.applicant_box.applicant.ui.phone.setText("0912345678")
    page.form.applicant_box.applicant.changed.emit()
    request_id = page.request_id
    first.close()  # the window closes (or the PC loses power after the draft timer fired)
    draft = load_draft(clerk, "reception")
    assert draft is not None and draft.data["request_id"] == request_id

    second = MainWindow(clerk)
    qtbot.addWidget(second)
    restored = reception(second)
    assert restored.picker.procedure().code == "1.001193"
    assert restored.form.applicant_box.applicant.ui.full_name.text() == "Nguyễn Văn An"
    assert restored.form.applicant_box.applicant.ui.phone.text() == "0912345678"
    assert restored.request_id == request_id
    assert "khôi phục" in restored.banner.text()
    restored.save()
    assert len(printed) == 1 and load_draft(clerk, "reception") is None


def test_draft_is_written_while_typing(qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    page = reception(window)
    page.picker.choose_key("1.001193")
    window.show()
    refocus(page.form.applicant_box.applicant.ui.full_name)
    type_keys("Lê Thị Hoa")
    qtbot.waitUntil(lambda: load_draft(clerk, "reception") is not None, timeout=3000)
    assert load_draft(clerk, "reception").data["applicant"]["full_name"] == "Lê Thị Hoa"
    # A crash now (no close event): the next start restores the draft.
    again = MainWindow(clerk)
    qtbot.addWidget(again)
    assert reception(again).form.applicant_box.applicant.ui.full_name.text() == "Lê Thị Hoa"


def test_tab_order_follows_the_paper_form(window) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    page.picker.choose_key("1.001193")
    refocus(page.picker.edit)
    seen = []
    for _ in range(16):
        seen.append(focused().objectName())
        press(Qt.Key.Key_Tab)
    assert seen[:12] == [
        "procedure_search",
        "cccd_scan",
        "full_name",  # Tiếp nhận hồ sơ của
        "birth_date",
        "sex",
        "address_detail",  # Địa chỉ
        "province",
        "commune",
        "phone",  # Số điện thoại, Email
        "email",
        "id_type",  # Số căn cước / hộ chiếu
        "id_number",
    ]
    assert "documents" in seen[12:]  # then the papers received
