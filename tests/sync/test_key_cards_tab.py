"""Issue 15.3: key cards managed in the window (Cài đặt → Thẻ khóa), by keyboard: import the upstream
office's card (fingerprints shown large, confirmed), list, remove, write this PC's card to a USB
folder, enrol a counter at the consolidation PC."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.ui.shell import ask
from motcua_desktop.ui.sync.key_cards import CardConfirmDialog, KeyCardsTab
from tests.factories import ADMIN_PASSWORD, FakeClock
from tests.sync.helpers import make_pc

pytestmark = pytest.mark.gui


@pytest.fixture
def fresh(tmp_path: Path, clock: FakeClock):  # type: ignore[no-untyped-def]
    """A counter PC just set up (no key card yet) and the upstream office's home folder."""
    pc = make_pc(tmp_path, "c1", 1, clock)
    upstream = tmp_path / "upstream"
    sync_upstream.keygen(upstream, "Sở Nội vụ tỉnh Thanh Hóa", clock)
    yield pc, upstream
    pc.close()


def open_tab(qtbot, ctx, **kwargs) -> KeyCardsTab:  # type: ignore[no-untyped-def]
    tab = KeyCardsTab(ctx, **kwargs)
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)
    return tab


def press(qtbot, tab: KeyCardsTab, key: Qt.Key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:  # type: ignore[no-untyped-def]
    """A key to the tab once it is the active window again (offscreen, a closed dialog does not
    give the activation back, as Windows does)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)
    qtbot.keyClick(tab, key, modifier)


def answer_card(qtbot, key: Qt.Key, seen: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CardConfirmDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append([label.text() for label in dialog.fingerprint_labels])
        qtbot.keyClick(dialog, key)

    QTimer.singleShot(0, answer)


def test_the_upstream_card_is_imported_after_comparing_its_fingerprints(qtbot, fresh) -> None:  # type: ignore[no-untyped-def]
    pc, upstream = fresh
    pc.register()
    with pytest.raises(ValidationError) as refused:
        pc.export(pc.folder / "usb")
    assert "Cài đặt → Thẻ khóa" in refused.value.message and "Đồng bộ → Khóa" not in refused.value.message
    card_file = upstream / sync_upstream.CARD_FILE
    card = sync_keys.read_card_file(pc.admin, card_file.read_bytes(), card_file.name)
    tab = open_tab(qtbot, pc.admin, choose_file=lambda _title: str(card_file))
    assert "Chưa có nơi nhận nào" in tab.recipients.item(0).text()

    seen: list[list[str]] = []
    answer_card(qtbot, Qt.Key.Key_Escape, seen)  # not the same as read out on the phone: not added
    press(qtbot, tab, Qt.Key.Key_O)
    assert seen == [[card.encryption_fingerprint, card.signing_fingerprint]]
    assert sync_keys.list_recipients(pc.admin) == [] and "Chưa thêm" in tab.status.text()

    answer_card(qtbot, Qt.Key.Key_Return, seen)
    press(qtbot, tab, Qt.Key.Key_O)
    [row] = sync_keys.list_recipients(pc.admin)
    assert row.role == sync_keys.UPSTREAM and row.fingerprint == card.encryption_fingerprint
    assert card.encryption_fingerprint in tab.recipients.item(0).text()
    assert "Đã thêm nơi nhận" in tab.status.text()
    assert pc.export(pc.folder / "usb").message  # the end-of-day export works now


def test_a_card_past_the_password_window_asks_for_the_password(qtbot, fresh) -> None:  # type: ignore[no-untyped-def]
    pc, upstream = fresh
    ctx = pc.admin
    ctx.forget_authentication()
    prompts: list[str] = []

    def ask_password(prompt: str) -> str:
        prompts.append(prompt)
        return ADMIN_PASSWORD

    tab = open_tab(
        qtbot, ctx, choose_file=lambda _title: str(upstream / sync_upstream.CARD_FILE), ask_password=ask_password
    )
    answer_card(qtbot, Qt.Key.Key_Return, [])
    press(qtbot, tab, Qt.Key.Key_O)
    assert prompts and len(sync_keys.list_recipients(ctx)) == 1


def test_a_place_is_removed_with_delete(qtbot, fresh, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pc, upstream = fresh
    card_file = upstream / sync_upstream.CARD_FILE
    sync_keys.add_recipient(pc.admin, card_file.read_bytes(), card_file.name)
    asked: list[str] = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text, **_: asked.append(text) is None)
    tab = open_tab(qtbot, pc.admin)
    tab.recipients.setFocus()
    qtbot.keyClick(tab.recipients, Qt.Key.Key_Down)
    qtbot.keyClick(tab.recipients, Qt.Key.Key_Delete)
    assert asked and sync_keys.list_recipients(pc.admin) == []
    assert "Chưa có nơi nhận nào" in tab.recipients.item(0).text()


def test_this_pcs_card_goes_to_a_usb_folder_and_is_enrolled_at_the_consolidation_pc(  # type: ignore[no-untyped-def]
    qtbot, fresh, tmp_path: Path, clock: FakeClock
) -> None:
    pc, _upstream = fresh
    usb = tmp_path / "USB KINGSTON"
    usb.mkdir()
    tab = open_tab(qtbot, pc.admin, choose_folder=lambda: str(usb))
    press(qtbot, tab, Qt.Key.Key_G)
    [written] = list(usb.glob("*.card.json"))
    own = pc.card().card
    assert own.signing_fingerprint in tab.status.text() and str(written) in tab.status.text()

    leader = make_pc(tmp_path, "leader", 3, clock)
    try:
        at_leader = open_tab(qtbot, leader.admin, choose_file=lambda _title: str(written))
        assert at_leader.enrol_button.isVisibleTo(at_leader)
        seen: list[list[str]] = []
        answer_card(qtbot, Qt.Key.Key_Return, seen)
        press(qtbot, at_leader, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert seen == [[own.signing_fingerprint]]
        [device] = sync_keys.list_devices(leader.admin)
        assert device.device_id == pc.device_id and "Quầy 1" in at_leader.devices.item(0).text()
    finally:
        leader.close()
