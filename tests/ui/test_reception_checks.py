"""Issue 15.9: reception refuses what would print wrong, and never blocks on what cannot be done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from motcua_desktop.services.dossiers.lookup import load_dossier, search_dossiers
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from tests.ui.conftest import focused, press, type_keys

pytestmark = pytest.mark.gui

QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"
NO_CHECKLIST = "1.014028"  # Hỗ trợ chi phí mai táng…: the starter catalogue lists no papers for it


def reception(window) -> ReceptionPage:  # type: ignore[no-untyped-def]
    page = window.page("reception")
    assert isinstance(page, ReceptionPage)
    return page


def test_a_ticked_representative_left_empty_is_refused_naming_the_field(window, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    type_keys("khai sinh")
    press(Qt.Key.Key_Return)
    type_keys(QR)
    press(Qt.Key.Key_Return)
    type_keys("0912345678")
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)  # "Có người được ủy quyền", nothing typed in it
    assert page.form.applicant_box.has_representative.isChecked()
    press(Qt.Key.Key_F9)
    assert printed == [] and search_dossiers(clerk, "038087042028") == []  # nothing saved
    representative = page.form.applicant_box.representative
    assert focused() is representative.ui.full_name  # the cursor is where the name goes
    assert representative.message_label("full_name").isVisibleTo(page)
    assert "Người được ủy quyền" in page.action_bar.missing_label.text()
    type_keys("Trần Thị Bình")
    press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)  # unticked: submitted in person after all
    press(Qt.Key.Key_F9)
    assert len(printed) == 1
    [found] = search_dossiers(clerk, "038087042028")
    assert load_dossier(clerk.store, found.uuid).representative is None


def test_a_procedure_without_a_checklist_does_not_block_f9_and_keeps_what_is_typed(window, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    page.picker.choose_key(NO_CHECKLIST)  # what typing its name and Enter does
    assert page.form.documents_box.documents.rowCount() == 0  # nothing to tick
    assert focused() is page.form.applicant_box.scan
    type_keys(QR)
    press(Qt.Key.Key_Return)
    type_keys("0912345678")
    page.validate_live()
    assert "Thành phần hồ sơ" not in page.action_bar.missing_label.text()
    press(Qt.Key.Key_F9)
    assert len(printed) == 1  # registered and printed; no "Đánh dấu các giấy tờ…"
    [found] = search_dossiers(clerk, "038087042028")
    dossier = load_dossier(clerk.store, found.uuid)
    assert dossier.applicant.phone == "0912345678" and dossier.documents == ()


def test_a_procedure_without_a_checklist_takes_the_papers_typed_by_name(window, clerk, printed) -> None:  # type: ignore[no-untyped-def]
    page = reception(window)
    page.picker.choose_key(NO_CHECKLIST)
    page.form.documents_box.other_document.setFocus()
    type_keys("Giấy chứng tử")
    press(Qt.Key.Key_Return)
    assert page.form.documents_box.documents.rowCount() == 1
    page.form.applicant_box.fill_from_scan(QR, page.form.applicant_box.applicant)
    type_keys("0912345678")
    press(Qt.Key.Key_F9)
    [found] = search_dossiers(clerk, "038087042028")
    assert [d.name for d in load_dossier(clerk.store, found.uuid).documents] == ["Giấy chứng tử"]
