"""The same password typed with Unikey/EVKey in "dựng sẵn" (NFC) or "tổ hợp" (NFD) mode (finding 10).

Hashes are made from the NFC form; a hash made before, from a decomposed password, still works
and is redone in NFC at the next sign-in.
"""

from __future__ import annotations

import unicodedata

import pytest

from motcua_desktop.domain.accounts import Role, password_forms
from motcua_desktop.services.accounts import auth
from motcua_desktop.services.accounts.auth import SignInFailed, change_password, create_user, sign_in
from motcua_desktop.storage import Store
from tests.factories import FakeClock, context

TYPED = "Mật khẩu của Lan: Đồng Tháp 2026"
NFC = unicodedata.normalize("NFC", TYPED)
NFD = unicodedata.normalize("NFD", TYPED)


def test_the_same_password_typed_composed_or_decomposed(store: Store, clock: FakeClock) -> None:
    assert NFC != NFD
    create_user(store, clock, username="lan", full_name="Nguyễn Thị Lan", role=Role.CLERK, password=NFD)
    assert sign_in(store, clock, "lan", NFC).username == "lan"
    assert sign_in(store, clock, "lan", NFD).username == "lan"
    with pytest.raises(SignInFailed):
        sign_in(store, clock, "lan", NFC.replace("2026", "2025"))


def test_a_hash_made_before_normalisation_still_works_and_is_redone(store: Store, clock: FakeClock) -> None:
    create_user(store, clock, username="lan", full_name="Nguyễn Thị Lan", role=Role.CLERK, password=NFC)
    legacy = auth._hasher().hash(NFD)  # what the previous version stored for a password typed in NFD
    store.users.update("lan", password_hash=legacy)
    assert sign_in(store, clock, "lan", NFC).username == "lan"  # typed today in the other mode
    redone = store.users.get("lan").password_hash  # type: ignore[union-attr]
    assert redone != legacy and auth._hasher().verify(redone, NFC)


def test_a_new_password_equal_to_the_old_one_in_another_form_is_refused(store: Store, clock: FakeClock) -> None:
    create_user(store, clock, username="lan", full_name="Nguyễn Thị Lan", role=Role.CLERK, password=NFC)
    lan = context(store, clock, username="lan")
    from motcua_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="khác mật khẩu cũ"):
        change_password(lan, NFC, NFD)


def test_forms_tried_in_order() -> None:
    assert password_forms(NFD) == (NFC, NFD)
    assert password_forms("abc") == ("abc",)
