from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from motcua_desktop.domain.text import ascii_slug, clean_text, fold, fold_words, nfc, split_vietnamese_name, title_name


def test_nfd_input_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Đào")
    assert decomposed != "Nguyễn Thị Đào"
    assert nfc(decomposed) == "Nguyễn Thị Đào"
    assert clean_text(decomposed) == "Nguyễn Thị Đào"


def test_clean_text_strips_controls_zero_width_and_extra_spaces() -> None:
    assert clean_text("  Lê\u200b  Văn\tTám\x07 ") == "Lê Văn Tám"
    assert clean_text(None) == ""
    assert clean_text("dòng 1\r\n  dòng   2 ", multiline=True) == "dòng 1\ndòng 2"


def test_fold_removes_tones_and_maps_d_stroke() -> None:
    assert fold("Nguyễn Thị Đào") == "nguyen thi dao"
    assert fold("ĐỖ ĐỨC PHONG") == "do duc phong"
    assert fold_words("Trần-Thị  Ánh, 12") == ["tran", "thi", "anh", "12"]


@given(st.text(alphabet="aăâeêioôơuưyđAĂÂĐ ̣̀́̉̃ngmtThH", max_size=30))
def test_fold_is_the_same_for_nfc_and_nfd(text: str) -> None:
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


def test_names_are_capitalised_and_split_for_sorting() -> None:
    assert title_name("  nguyễn   văn AN ") == "Nguyễn Văn An"
    assert split_vietnamese_name("Nguyễn Văn An") == ("Nguyễn Văn", "An")
    assert split_vietnamese_name("Mai") == ("", "Mai")


def test_ascii_slug_for_file_names() -> None:
    assert ascii_slug("Xã Đông Tiến") == "xa-dong-tien"
