"""The reception page while an antivirus holds its draft file: typing goes on, the banner says why."""

from __future__ import annotations

import pytest

from motcua_desktop.services.dossiers.drafts import load_draft
from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
from motcua_desktop.ui.shell.app import prepare_application
from tests.factories import context
from tests.windows.imitate import held_for

pytestmark = pytest.mark.gui


def test_a_held_draft_file_never_interrupts_typing(qtbot, qapp, office_store, clock, monkeypatch, no_waiting) -> None:  # type: ignore[no-untyped-def]
    prepare_application(qapp)
    clerk = context(office_store, clock)
    page = ReceptionPage(clerk)
    qtbot.addWidget(page)
    page.picker.choose_key("1.001193")
    page.form.applicant_box.applicant.ui.full_name.setText("Lê Thị Hoa")
    held_for(monkeypatch, -1)
    page.save_state()  # what the 400 ms draft timer calls: no exception, so no error dialog
    assert "Chưa lưu được bản nháp" in page.banner.text() and page.banner.isVisibleTo(page)
    assert page.form.applicant_box.applicant.ui.full_name.text() == "Lê Thị Hoa"
    monkeypatch.undo()
    page.save_state()
    assert load_draft(clerk, "reception").data["applicant"]["full_name"] == "Lê Thị Hoa"  # type: ignore[union-attr]
