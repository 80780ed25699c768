"""Vietnamese text at the boundaries: NFC normalisation, cleaning, folding for search.

Every string that enters the program goes through ``clean_text`` (or ``nfc``): Unikey in
"Unicode tổ hợp" mode, the Windows Vietnamese layout and text pasted from the web produce
decomposed (NFD) text, which compares unequal to the same name typed precomposed and prints
with misplaced accents in reportlab.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC (precomposed) form."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str | None, *, multiline: bool = False) -> str:
    """NFC, no control or zero-width characters, whitespace collapsed, trimmed."""
    if text is None:
        return ""
    text = nfc(str(text))
    if text.isprintable() and "  " not in text:
        # Nothing to remove or collapse: printable text has no control, format or zero-width
        # characters and no whitespace but the plain space (so no line breaks either).
        return text.strip()
    text = _CONTROL.sub("", text)
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Accent-free lower-case form for search: ``Nguyễn Thị Đào`` → ``nguyen thi dao``.

    ``đ`` is a letter of its own (not d + a mark), so it is mapped explicitly.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text.casefold()).strip()


def fold_words(text: str) -> list[str]:
    """Folded words of a name or query: letters and digits only."""
    return re.findall(r"[0-9a-z]+", fold(text))


def title_name(text: str) -> str:
    """A person's name as written on forms: each word capitalised (``nguyễn văn an`` → ``Nguyễn Văn An``)."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in clean_text(text).split(" ") if word)


def split_vietnamese_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name): Vietnamese lists sort by the given name first."""
    words = clean_text(full_name).split(" ")
    if len(words) == 1:
        return "", words[0]
    return " ".join(words[:-1]), words[-1]


def ascii_slug(text: str) -> str:
    """File-name-safe ASCII form (``Xã Đông Tâm`` → ``xa-dong-tam``)."""
    return "-".join(fold_words(text))


# Vietnamese alphabetical order: ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u.
# Tones are a secondary level: unmarked < huyền < hỏi < ngã < sắc < nặng (the dictionary order).
_BASE_ORDER = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_BASE_INDEX = {ch: i for i, ch in enumerate(_BASE_ORDER)}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def _letters_and_tones(word: str) -> tuple[list[str], str]:
    letters: list[str] = []
    tones = ""
    for ch in unicodedata.normalize("NFD", word.replace("Đ", "đ").lower()):
        if ch in _TONES:
            tones += _TONES[ch]
        elif unicodedata.category(ch) == "Mn":
            if letters and (letters[-1], ch) in _LETTER_MARKS:
                letters[-1] = _LETTER_MARKS[(letters[-1], ch)]
        else:
            letters.append(ch)
    return letters, tones


def vietnamese_sort_key(full_name: str) -> str:
    """A text key whose plain binary order is Vietnamese dictionary order of the name, given
    name first (Vietnamese lists sort by "tên", then "họ" and middle names).

    Each word is its letters in alphabet order, then its tone (``ha`` < ``hà`` < ``hạ`` < ``hai``).
    """
    family, given = split_vietnamese_name(full_name)
    keys = []
    for word in [given, *family.split(" ")]:
        if not word:
            continue
        letters, tones = _letters_and_tones(word)
        keys.append("".join(chr(0x41 + _BASE_INDEX.get(ch, 60)) for ch in letters) + "!" + (tones or "0"))
    return " ".join(keys)
