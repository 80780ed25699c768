"""The rest of a dossier's day at the counter: found by name, followed up from the detail panel,
handed back by a scan with two more keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from motcua_desktop.domain.codes import barcode_key
from motcua_desktop.domain.dossier import CollectorKind, Rating
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.transitions import ResultReadyInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, resolve
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.ui.dossiers.action_dialogs import ActionDialog
from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage
from motcua_desktop.ui.dossiers.return_page import ReturnPage
from tests.factories import applicant, birth_registration
from tests.helpers.keyboards import telex, vni, windows_vietnamese_layout
from tests.ui.conftest import focused, press, refocus, type_keys

pytestmark = pytest.mark.gui


def registered(ctx, name: str = "Nguyễn Văn An", number: str = "038087042028") -> str:  # type: ignore[no-untyped-def]
    return register(ctx, birth_registration(applicant=applicant(full_name=name, id_number=number))).dossier.code


def ready(ctx, name: str, number: str) -> str:  # type: ignore[no-untyped-def]
    code = registered(ctx, name, number)
    transition(ctx, find_dossier(ctx, code), ResultReadyInput())
    return code


def answer_dialog(fill) -> None:  # type: ignore[no-untyped-def]
    """Fills the action dialog that is about to open, then presses its OK button."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ActionDialog), dialog
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, run)


def test_find_by_name_without_diacritics_and_walk_the_lifecycle(window, clerk, printed, answers, qtbot) -> None:  # type: ignore[no-untyped-def]
    code = registered(clerk, "Đào Thị Ngọc Ánh", "038195012345")
    registered(clerk)  # someone else
    press(Qt.Key.Key_F2)
    page = window.page("dossiers")
    assert isinstance(page, DossiersPage) and window.current_key() == "dossiers"
    assert focused() is page.search
    type_keys("dao thi ngoc anh")
    press(Qt.Key.Key_Return)  # one result: its detail opens at once
    detail = page.detail
    assert detail.isVisibleTo(page) and detail.dossier() is not None and detail.dossier().code == code
    assert set(detail.action_buttons) >= {Action.REQUEST_SUPPLEMENT.value, Action.RESULT_READY.value}
    assert Action.RETURN.value not in detail.action_buttons  # only what the status allows

    def supplement(dialog: ActionDialog) -> None:
        dialog.inputs["items"].setPlainText("Giấy chứng sinh bản chính\nTờ khai có chữ ký")
        dialog.inputs["note"].setPlainText("Giấy chứng sinh là bản photo")
        assert dialog.wants_print()

    answer_dialog(supplement)
    detail.action_buttons[Action.REQUEST_SUPPLEMENT.value].click()
    d = load_dossier(clerk.store, resolve(clerk, code))
    assert d.status is Status.AWAITING_SUPPLEMENT and d.supplements[0].items[1] == "Tờ khai có chữ ký"
    assert [job.form for job in printed] == ["02"]  # the request slip
    assert set(detail.action_buttons) >= {Action.RECEIVE_SUPPLEMENT.value, Action.CLOSE_UNSUPPLEMENTED.value}
    assert page.model.rows[0].status is Status.AWAITING_SUPPLEMENT  # the list line follows

    answer_dialog(lambda dialog: None)
    detail.action_buttons[Action.RECEIVE_SUPPLEMENT.value].click()
    answer_dialog(lambda dialog: None)
    detail.action_buttons[Action.RESULT_READY.value].click()
    assert load_dossier(clerk.store, resolve(clerk, code)).status is Status.RESULT_READY
    assert Action.RETURN.value in detail.action_buttons
    titles = [detail.history.topLevelItem(i).text(2) for i in range(detail.history.topLevelItemCount())]
    assert any(t.startswith("Yêu cầu bổ sung hồ sơ") for t in titles)
    assert any(t.startswith("Đã có kết quả") for t in titles)

    # Trả kết quả… takes it to the return page.
    detail.action_buttons[Action.RETURN.value].click()
    assert window.current_key() == "return"
    back = window.page("return")
    assert isinstance(back, ReturnPage) and back.dossier is not None and back.dossier.code == code


def test_action_refused_by_the_service_keeps_the_dialog_and_esc_keeps_the_text(window, clerk, qtbot, printed) -> None:  # type: ignore[no-untyped-def]
    code = registered(clerk)
    page = window.show_page("dossiers")
    page.open_reference(code)
    dossier = page.detail.dossier()
    dialog = ActionDialog(clerk, dossier, Action.STOP, page)
    qtbot.addWidget(dialog)
    dialog.accept()  # no reason
    assert dialog.error.isVisibleTo(dialog) and "Lý do" in dialog.error.text()
    dialog.inputs["note"].setPlainText("Công dân đề nghị dừng")
    dialog.reject()  # Esc
    again = ActionDialog(clerk, dossier, Action.STOP, page)
    qtbot.addWidget(again)
    assert again.inputs["note"].toPlainText() == "Công dân đề nghị dừng"


def test_correction_is_kept_in_history_and_reprint_is_marked(window, clerk, printed, qtbot) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.printing.forms import print_form
    from motcua_desktop.ui.dossiers.action_dialogs import CorrectionDialog
    from tests.printing.pdfcheck import flat_text

    code = registered(clerk)
    print_form(clerk, code)  # the receipt given at reception
    page = window.show_page("dossiers")
    page.open_reference(code)

    def fix() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CorrectionDialog)
        dialog.person.ui.birth_date.setText("16/03/1987")
        dialog.reason.setText("Gõ nhầm ngày sinh")
        dialog.accept()

    QTimer.singleShot(0, fix)
    page.detail.action_buttons["correct"].click()
    d = load_dossier(clerk.store, resolve(clerk, code))
    assert d.applicant.birth_date.day == 16 and d.corrections == 1
    page.detail.print("01")
    assert "BẢN IN LẠI" in flat_text(printed[-1].pdf)


@pytest.mark.parametrize(
    ("layout", "expected_changed"),
    [
        ("scanner", False),  # plain digits
        ("telex", False),  # Unikey/EVKey Telex: digits pass through
        ("vni", False),  # VNI: digits after no vowel pass through
        ("windows_vietnamese", True),  # the Windows Vietnamese layout: ă â ê ô, tone marks, đ
    ],
)
def test_return_by_scan_in_two_keys(window, clerk, qtbot, layout: str, expected_changed: bool) -> None:  # type: ignore[no-untyped-def]
    code = ready(clerk, "Trần Thị Bích", "038195011111")
    key = barcode_key(code)
    typed = {
        "scanner": key,
        "telex": telex(key),
        "vni": vni(key),
        "windows_vietnamese": windows_vietnamese_layout(key),
    }[layout]
    assert (typed != key) is expected_changed
    press(Qt.Key.Key_F3)
    page = window.page("return")
    assert isinstance(page, ReturnPage) and focused() is page.scan
    type_keys(typed)  # the scanner, as fast as it can
    assert page.scan.text() == key  # the field shows the digits printed on the slip
    press(Qt.Key.Key_Return)  # the scanner's suffix
    assert page.dossier is not None and page.dossier.code == code
    press(Qt.Key.Key_Return)  # key 1: the applicant collects, the fee due is collected
    assert focused() is page.rating
    type_keys("2")  # key 2: "Hài lòng"
    d = load_dossier(clerk.store, resolve(clerk, code))
    assert d.status is Status.RETURNED
    assert d.return_record.collector_kind is CollectorKind.APPLICANT
    assert d.return_record.collector_name == "Trần Thị Bích"
    assert d.return_record.satisfaction.overall is Rating.SATISFIED
    assert focused() is page.scan and code in page.message.text()


def test_return_to_an_authorised_person_with_criteria(window, clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    code = ready(clerk, "Lê Văn Cường", "038087022222")
    page = window.show_page("return")
    assert page.load(code.replace(".", "").replace("-", ""))  # typed without separators
    page.collector_other.setChecked(True)
    page.confirm()
    assert page.dossier is not None and not page.rating.isVisibleTo(page)  # name and ID still missing
    page.collector_name.setText("phạm thị dung")
    page.collector_id.setText("038190033333")
    page.originals.setValue(1)
    page.confirm()
    assert page.rating.isVisibleTo(page)
    page.rating.criteria["a"].setCurrentIndex(1)
    page.rating.criteria["đ"].setCurrentIndex(1)
    refocus(page.rating)
    type_keys("1")
    d = load_dossier(clerk.store, resolve(clerk, code))
    record = d.return_record
    assert record.collector_kind is CollectorKind.AUTHORISED and record.collector_name == "Phạm Thị Dung"
    assert record.originals_returned == 1
    assert record.satisfaction.overall is Rating.VERY_SATISFIED
    assert set(record.satisfaction.criteria) == {"a", "đ"}


def test_return_refuses_what_cannot_be_returned(window, clerk) -> None:  # type: ignore[no-untyped-def]
    code = registered(clerk)
    page = window.show_page("return")
    assert not page.load(code)
    assert "chưa thể trả kết quả" in page.message.text()
    assert not page.load("123456789012")  # a scan with a wrong check digit
    assert "Mã vạch" in page.message.text()
    assert focused() is page.scan


def test_list_filters_by_status_due_and_clerk(window, clerk, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.domain.dossier_filter import DueFilter

    first = registered(clerk)
    second = registered(clerk, "Lê Văn Cường", "038087022222")
    transition(clerk, find_dossier(clerk, second), ResultReadyInput())
    page = window.show_page("dossiers")
    assert {s.code for s in page.model.rows} == {first, second}
    page.status.setCurrentIndex(page.status.findData(Status.RESULT_READY.value))
    assert [s.code for s in page.model.rows] == [second]
    page.status.setCurrentIndex(page.status.findData("pending"))
    assert [s.code for s in page.model.rows] == [first]
    clock.advance(days=1)  # the same-day dossier is now overdue
    page.due.setCurrentIndex(page.due.findData(DueFilter.OVERDUE.value))
    assert [s.code for s in page.model.rows] == [first]
    page.clerk.setCurrentIndex(page.clerk.findData("admin"))
    assert page.model.rows == [] and page.count_label.text() in ("Đang đếm…", "0 hồ sơ")
    page.clear_filters()
    assert len(page.model.rows) == 2


def test_a_citizen_who_came_too_early_is_one_more_trip_in_one_key(window, clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Scanned on the return page before the result is ready: the message says so and Ctrl+K records
    the visit (``domain.trips``); a ready dossier offers no such key."""
    from motcua_desktop.domain.trips import trips

    code = registered(clerk, "Hoàng Văn Phúc", "038087044444")
    press(Qt.Key.Key_F3)
    page = window.page("return")
    assert isinstance(page, ReturnPage)
    type_keys(barcode_key(code))
    press(Qt.Key.Key_Return)
    assert "chưa thể trả kết quả" in page.message.text() and "Ctrl+K" in page.message.text()
    assert page.visit_button.isVisibleTo(page)
    press(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    d = load_dossier(clerk.store, resolve(clerk, code))
    assert len(d.visits_not_ready) == 1 and trips(d) == 1  # the same day as the reception: one trip
    assert "lần đi lại thứ 1" in page.message.text() and focused() is page.scan
    assert not page.visit_button.isVisibleTo(page)
    press(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # nothing on the counter: nothing recorded
    assert len(load_dossier(clerk.store, resolve(clerk, code)).visits_not_ready) == 1
    ready_code = ready(clerk, "Trần Thị Bích", "038195011111")
    type_keys(barcode_key(ready_code))
    press(Qt.Key.Key_Return)
    assert page.dossier is not None and not page.visit_button.isVisibleTo(page)


def test_one_scan_hands_over_every_ready_part_of_a_linked_group(window, clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 19 §1: the receipt's barcode is the first part's; the return takes every ready part."""
    from motcua_desktop.services.dossiers.bundles import receive

    request = birth_registration(procedure="khai-sinh", duration_unit="NGAY_LAM_VIEC", duration_amount="7")
    birth, residence = receive(clerk, request).bundle
    for part in (birth, residence):
        transition(clerk, find_dossier(clerk, part.code), ResultReadyInput())
    press(Qt.Key.Key_F3)
    page = window.page("return")
    assert isinstance(page, ReturnPage)
    type_keys(barcode_key(birth.code))
    press(Qt.Key.Key_Return)
    assert "Hồ sơ liên thông" in page.card.text() and residence.code in page.card.text()
    press(Qt.Key.Key_Return)
    type_keys("1")
    for part in (birth, residence):
        assert load_dossier(clerk.store, part.uuid).status is Status.RETURNED
    assert residence.code in page.message.text()
