"""What Vietnamese input methods make of text a keyboard-wedge scanner "types" (simplified models).

- ``telex``: Unikey/EVKey in Telex mode (``aa ee oo dd w`` and tone keys ``s f r x j`` after a
  vowel of the current word; ``z`` removes the tone). Output precomposed or, like Unikey's
  "Unicode tổ hợp" charset, decomposed.
- ``vni``: the same engine in VNI mode (digits 1–9 and 0 after a vowel of the current word).
  ``pipe_ends_word`` decides whether ``|`` starts a new word (input methods differ).
- ``windows_vietnamese_layout``: the built-in Windows "Vietnamese" keyboard layout, whose number
  row types ă â ê ô, five combining tone marks and đ.
"""

from __future__ import annotations

import unicodedata

_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYáàảãạ")
_TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VNI_TONES = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
_ALL_TONES = set(_TONES.values())
_DOUBLE = {"a": "â", "e": "ê", "o": "ô", "A": "Â", "E": "Ê", "O": "Ô"}
_W = {"a": "ă", "o": "ơ", "u": "ư", "A": "Ă", "O": "Ơ", "U": "Ư"}
_VNI_SHAPE = {
    "6": {"a": "â", "e": "ê", "o": "ô", "A": "Â", "E": "Ê", "O": "Ô"},
    "7": {"o": "ơ", "u": "ư", "O": "Ơ", "U": "Ư"},
    "8": {"a": "ă", "A": "Ă"},
    "9": {"d": "đ", "D": "Đ"},
}


def _base(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _ALL_TONES)


def _is_vowel(ch: str) -> bool:
    return unicodedata.normalize("NFC", _base(ch))[:1] in _VOWELS


def _set_tone(word: list[str], tone: str | None) -> bool:
    for i in range(len(word) - 1, -1, -1):
        if _is_vowel(word[i]):
            base = unicodedata.normalize("NFC", _base(word[i]))
            word[i] = unicodedata.normalize("NFC", base + (tone or ""))
            return True
    return False


def _engine(text: str, *, vni: bool, pipe_ends_word: bool, decomposed: bool) -> str:
    out: list[str] = []
    word: list[str] = []

    def flush() -> None:
        out.extend(word)
        word.clear()

    for ch in text:
        letter = ch.isalpha()
        if vni and ch.isdigit() and word:
            if ch in _VNI_TONES and _set_tone(word, _VNI_TONES[ch]):
                continue
            if ch == "0" and _set_tone(word, None):
                continue
            shapes = _VNI_SHAPE.get(ch, {})
            for i in range(len(word) - 1, -1, -1):
                plain = _base(word[i])
                if plain in shapes:
                    word[i] = shapes[plain]
                    break
            else:
                flush()
                out.append(ch)
                continue
            continue
        if not letter and not (ch == "|" and not pipe_ends_word):
            flush()
            out.append(ch)
            continue
        if not vni and letter and word:
            lower = ch.lower()
            if lower in _TONES and any(_is_vowel(c) for c in word):
                _set_tone(word, _TONES[lower])
                continue
            if lower == "z" and any(_is_vowel(c) for c in word):
                _set_tone(word, None)
                continue
            if ch in _DOUBLE and word[-1] == ch:
                word[-1] = _DOUBLE[ch]
                continue
            if lower == "d" and word[-1] in "dD":
                word[-1] = "đ" if word[-1] == "d" else "Đ"
                continue
            if lower == "w" and word[-1] in _W:
                word[-1] = _W[word[-1]]
                continue
        word.append(ch)
    flush()
    result = "".join(out)
    return unicodedata.normalize("NFD" if decomposed else "NFC", result)


def telex(text: str, *, decomposed: bool = False) -> str:
    return _engine(text, vni=False, pipe_ends_word=True, decomposed=decomposed)


def vni(text: str, *, pipe_ends_word: bool = True, decomposed: bool = False) -> str:
    return _engine(text, vni=True, pipe_ends_word=pipe_ends_word, decomposed=decomposed)


_LAYOUT = {
    "1": "ă",
    "2": "â",
    "3": "ê",
    "4": "ô",
    "5": "\u0300",
    "6": "\u0309",
    "7": "\u0303",
    "8": "\u0301",
    "9": "\u0323",
    "0": "đ",
    "[": "ư",
    "]": "ơ",
}


def windows_vietnamese_layout(text: str) -> str:
    """Each character as the Windows Vietnamese layout types the key a US-layout scanner presses."""
    return "".join(_LAYOUT.get(ch, ch) for ch in text)
