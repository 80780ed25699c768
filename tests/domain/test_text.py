from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from motcua_desktop.domain.text import (
    _CONTROL,
    _SPACES,
    ascii_slug,
    clean_text,
    fold,
    fold_words,
    nfc,
    split_vietnamese_name,
    title_name,
)


def test_nfd_input_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Đào")
    assert decomposed != "Nguyễn Thị Đào"
    assert nfc(decomposed) == "Nguyễn Thị Đào"
    assert clean_text(decomposed) == "Nguyễn Thị Đào"


def test_clean_text_strips_controls_zero_width_and_extra_spaces() -> None:
    assert clean_text("  Lê\u200b  Văn\tTám\x07 ") == "Lê Văn Tám"
    assert clean_text(None) == ""
    assert clean_text("dòng 1\r\n  dòng   2 ", multiline=True) == "dòng 1\ndòng 2"


def _clean_reference(text: str, *, multiline: bool = False) -> str:
    """``clean_text`` without its shortcut for text that is already clean."""
    text = _CONTROL.sub("", nfc(text))
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return _SPACES.sub(" ", text).strip()


def test_clean_text_shortcut_is_safe_for_every_character() -> None:
    """The shortcut returns printable text as it is (trimmed): no printable character is one the
    slow path removes or treats as whitespace, except the plain space."""
    for code in range(0x110000):
        ch = chr(code)
        if ch.isprintable():
            assert not _CONTROL.match(ch) and (ch == " " or not _SPACES.match(ch)), hex(code)


@given(st.text(alphabet=st.sampled_from("aâđĐ ̣̀  \t\r\n\x07\u200b\u00a0\u2028\ufeffXy1"), max_size=20), st.booleans())
def test_clean_text_matches_its_reference(text: str, multiline: bool) -> None:
    assert clean_text(text, multiline=multiline) == _clean_reference(text, multiline=multiline)


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
