"""Decoding text files as Vietnamese offices produce them.

Excel's "CSV" on a Vietnamese Windows saves in Windows-1258 (which stores many tones as
combining marks, hence NFC afterwards); newer tools write UTF-8, with or without a BOM, or
UTF-16. Old documents still use the legacy font encodings TCVN3 (ABC, ".VnTime") and VNI
("VNI-Times"): their bytes decode without error as single-byte text, and Excel keeps them as such
in XLSX cells typed with those fonts.

Legacy text is recognised by comparing readings, whatever the size of the file: the same bytes
are read as Windows-1258 (or the Unicode text as it is), as TCVN3 and as VNI, and each reading is
scored by what real Vietnamese never contains (``§ ¨ Þ ø ñ ä``…, a tone mark left on a consonant).
One line is enough: "§¨ng ký" read as TCVN3 is "Đăng ký", with nothing odd left. A reading that
leaves nothing odd when the plain one does is converted (both tables are complete for the letters
of Vietnamese); when no reading is clean but a legacy one is clearly better, the file is refused
with the fix, never imported as gibberish.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from motcua_desktop.domain.errors import FileProblem

# --- TCVN3 (TCVN 5712:1993, "ABC"): one byte per letter; capitals of toned letters use the same
# codes in a capital font (.VnTimeH), so only the seven capital base letters have codes of their own.
_TCVN3_LETTERS = {
    "a": "àáảãạ",
    "ă": "ằắẳẵặ",
    "â": "ầấẩẫậ",
    "e": "èéẻẽẹ",
    "ê": "ềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọ",
    "ô": "ồốổỗộ",
    "ơ": "ờớởỡợ",
    "u": "ùúủũụ",
    "ư": "ừứửữự",
    "y": "ỳýỷỹỵ",
}
# Byte codes of the five toned forms (huyền, sắc, hỏi, ngã, nặng) of each vowel above.
_TCVN3_CODES = {
    "a": (0xB5, 0xB8, 0xB6, 0xB7, 0xB9),
    "ă": (0xBB, 0xBE, 0xBC, 0xBD, 0xC6),
    "â": (0xC7, 0xCA, 0xC8, 0xC9, 0xCB),
    "e": (0xCC, 0xD0, 0xCE, 0xCF, 0xD1),
    "ê": (0xD2, 0xD5, 0xD3, 0xD4, 0xD6),
    "i": (0xD7, 0xDD, 0xD8, 0xDC, 0xDE),
    "o": (0xDF, 0xE3, 0xE1, 0xE2, 0xE4),
    "ô": (0xE5, 0xE8, 0xE6, 0xE7, 0xE9),
    "ơ": (0xEA, 0xED, 0xEB, 0xEC, 0xEE),
    "u": (0xEF, 0xF3, 0xF1, 0xF2, 0xF4),
    "ư": (0xF5, 0xF8, 0xF6, 0xF7, 0xF9),
    "y": (0xFA, 0xFD, 0xFB, 0xFC, 0xFE),
}
_TCVN3: dict[int, str] = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}
for _vowel, _codes in _TCVN3_CODES.items():
    _TCVN3.update(zip(_codes, _TCVN3_LETTERS[_vowel], strict=True))

# --- VNI (VNI-Windows): an ASCII vowel followed by a byte carrying its shape and tone; ơ ư đ and
# the toned i (and ỵ) are single bytes. Seen as Windows-1252 characters; capitals use capital marks.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_TONES = {"ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "à": _GRAVE, "á": _ACUTE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "è": _GRAVE, "é": _ACUTE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "ì": "ì",
    "í": "í",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _vni_marks() -> dict[str, dict[str, str]]:
    """Which mark bytes may follow which base letter, as the combining marks they stand for."""
    lower: dict[str, dict[str, str]] = {}
    for base in "aeouy":
        lower[base] = dict(_VNI_TONES)
    for base in "aeo":
        lower[base].update({k: _CIRCUMFLEX + v for k, v in _VNI_CIRCUMFLEX.items()})
    lower["a"].update({k: _BREVE + v for k, v in _VNI_BREVE.items()})
    for base in "ơư":
        lower[base] = dict(_VNI_TONES)
    table = dict(lower)
    for base, marks in lower.items():
        table[base.upper()] = {k.upper(): v for k, v in marks.items()}
    return table


_VNI_MARKS = _vni_marks()
_VNI_SINGLES = {**_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}}

# What a reading of real Vietnamese never contains: Latin-1 symbols and letters of other languages.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_ODD_LATIN1 = {chr(c) for c in range(0x80, 0x100)} - _VIETNAMESE_LATIN1 - {"\u00a0"}
_VIETNAMESE_EXTRA = set("ĂăĐđĨĩŨũƠơƯư")
_FONTS = {"TCVN3": ".VnTime/ABC", "VNI": "VNI-Times"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "UTF-8", "UTF-16", "Windows-1258", "TCVN3" or "VNI" (the last two converted)


def decode_text(data: bytes, file_name: str) -> str:
    """Unicode NFC text of a file; raises FileProblem for empty, binary or unreadable files.
    TCVN3 and VNI files are converted to Unicode (``decode``)."""
    return decode(data, file_name).text


def decode(data: bytes, file_name: str) -> Decoded:
    """The file's text and the encoding it was found in."""
    if not data.strip():
        raise FileProblem(file_name, "tệp rỗng.", fix="Chọn đúng tệp dữ liệu.")
    if data.startswith(b"\xef\xbb\xbf"):
        return _best(_strict(data[3:], "utf-8", file_name), "UTF-8", file_name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _best(_strict(data, "utf-16", file_name), "UTF-16", file_name)
    if b"\x00" in data[:4096]:
        raise FileProblem(
            file_name, "không phải tệp văn bản (có ký tự nhị phân).", fix="Lưu tệp dạng CSV (UTF-8) rồi nhập lại."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _best(_strict(data, "cp1258", file_name), "Windows-1258", file_name, raw=data)
    return _best(text, "UTF-8", file_name)


def repair_legacy_cells(cells: list[str], file_name: str) -> list[str]:
    """Cells of a spreadsheet typed with a legacy font (Excel keeps the font's bytes as Latin-1
    letters): judged together, converted one by one, or a FileProblem when unsure."""
    found = _best("\n".join(cells), "UTF-8", file_name)
    if found.encoding not in _FONTS:
        return cells
    converted = []
    for cell in cells:
        raw = _raw_of(cell)
        converted.append(cell if raw is None else _legacy_readings(raw)[found.encoding])
    return converted


def legacy_encoding(view: str) -> str | None:
    """'TCVN3' or 'VNI' when ``view`` (Unicode text, or bytes read as Windows-1252) reads as
    Vietnamese in that legacy encoding and not as it is; None otherwise."""
    raw = _raw_of(view)
    if raw is None:
        return None
    plain = _implausible(unicodedata.normalize("NFC", view))
    if not plain:
        return None
    scores = {name: _implausible(reading) for name, reading in _legacy_readings(raw).items()}
    best = min(scores, key=lambda name: scores[name])
    return best if scores[best] < plain else None


def _best(text: str, encoding: str, file_name: str, *, raw: bytes | None = None) -> Decoded:
    """The plain reading, or a legacy one that is plausible Vietnamese when the plain one is not."""
    plain = unicodedata.normalize("NFC", text)
    plain_score = _implausible(plain)
    if not plain_score:
        return Decoded(plain, encoding)
    if raw is None:  # Unicode text: legacy bytes re-saved as if they were Windows-1252 or Latin-1
        raw = _raw_of(text)
        if raw is None:
            return Decoded(plain, encoding)
    readings = _legacy_readings(raw)
    score, name = min((_implausible(reading), name) for name, reading in readings.items())
    if score == 0 and _vietnamese(readings[name]) > 0:
        return Decoded(readings[name], name)
    if score < plain_score and _vietnamese(readings[name]) > _vietnamese(plain):
        raise FileProblem(
            file_name,
            f"tệp có vẻ dùng bảng mã cũ {name} (phông {_FONTS[name]}), không phải Unicode, nhưng có chỗ không chuyển được.",
            fix="Dùng công cụ chuyển mã (ví dụ Unikey Toolkit: nguồn "
            f"{name}, đích Unicode) để chuyển tệp sang Unicode rồi nhập lại. Không có dữ liệu nào được ghi.",
        )
    return Decoded(plain, encoding)


def _raw_of(text: str) -> bytes | None:
    """The bytes a legacy font's text was, when a tool read them as Windows-1252 or Latin-1."""
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


def _legacy_readings(raw: bytes) -> dict[str, str]:
    return {"TCVN3": _from_tcvn3(raw), "VNI": _from_vni(raw.decode("cp1252", errors="replace"))}


def _from_tcvn3(raw: bytes) -> str:
    """Toned capitals have no codes of their own (the capital font .VnTimeH shows the small
    letters' codes as capitals), so a converted cell otherwise in capitals is put in capitals."""
    text = "".join(_TCVN3.get(byte, chr(byte)) for byte in raw)
    return _CELL.sub(_capital_cell, text)


_CELL = re.compile(r"[^,;\t\n\"]+")


def _capital_cell(match: re.Match[str]) -> str:
    cell = match.group(0)
    letters = [ch for ch in cell if ch.isascii() and ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters) and not cell.isascii():
        return cell.upper()
    return cell


def _from_vni(view: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(view):
        ch = view[i]
        base = _VNI_SINGLES.get(ch, ch)
        marks = _VNI_MARKS.get(base)
        nxt = view[i + 1] if i + 1 < len(view) else ""
        if marks is not None and nxt in marks:
            out.append(unicodedata.normalize("NFC", base + marks[nxt]))
            i += 2
            continue
        out.append(base)
        i += 1
    return "".join(out)


def _odd(text: str) -> int:
    """Characters real Vietnamese text does not contain (symbols of the legacy tables, letters of
    other languages, a combining mark that NFC could not attach)."""
    odd = 0
    previous = ""
    for ch in text:
        if (
            ch in _ODD_LATIN1
            or ch == "\ufffd"
            or unicodedata.category(ch) == "Mn"
            or (ch == "₫" and previous.isalpha())
        ):
            odd += 1
        previous = ch
    return odd


_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = "aăâeêioôơuưy"
_VOWEL_GROUPS = re.compile(f"[{_VOWELS}]+")
# The vowel nuclei of Vietnamese syllables (tones aside), after the onsets "qu" and "gi".
_NUCLEI = frozenset(
    [
        "a",
        "ă",
        "â",
        "e",
        "ê",
        "i",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
        "y",
        "ai",
        "ao",
        "au",
        "ay",
        "âu",
        "ây",
        "eo",
        "êu",
        "ia",
        "iê",
        "iu",
        "oa",
        "oă",
        "oe",
        "oi",
        "oo",
        "ôi",
        "ơi",
        "ua",
        "uâ",
        "uê",
        "ui",
        "uô",
        "uơ",
        "uy",
        "ưa",
        "ưi",
        "ươ",
        "ưu",
        "yê",
        "oai",
        "oay",
        "oeo",
        "iêu",
        "yêu",
        "uây",
        "uôi",
        "uya",
        "uyê",
        "uyu",
        "ươi",
        "ươu",
    ]
)


def _implausible(text: str) -> int:
    """How far a reading is from Vietnamese: odd characters, plus words that no Vietnamese
    syllable looks like (two vowel groups or one that is no Vietnamese nucleus, two tones, a
    capital inside the word, a final p/t/c/ch without the sắc or nặng tone). Words of plain ASCII
    are not judged (codes, headers, foreign words), nor words without a vowel (abbreviations)."""
    bad = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        decomposed = unicodedata.normalize("NFD", word)
        tones = sum(ch in _TONES for ch in decomposed)
        shaped = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
        lower_then_upper = any(a.islower() and b.isupper() for a, b in itertools.pairwise(shaped))
        lower = shaped.lower().replace("đ", "d")
        if lower.startswith(("qu", "gi")) and len(lower) > 2 and lower[2] in _VOWELS:
            lower = lower[2:]
        groups = _VOWEL_GROUPS.findall(lower)
        if not groups:
            continue  # an abbreviation (HĐND, NĐ) or the đồng sign "đ"
        odd_nucleus = len(groups) > 1 or groups[0] not in _NUCLEI
        stop = lower.endswith(("p", "t", "c", "ch")) and not (tones == 1 and _stop_tone(decomposed))
        if tones > 1 or lower_then_upper or odd_nucleus or stop:
            bad += 1
    return _odd(text) + bad


def _stop_tone(decomposed: str) -> bool:
    """A syllable ending in p, t, c or ch carries the sắc or nặng tone, no other."""
    return any(ch in "\u0301\u0323" for ch in decomposed)


def _vietnamese(text: str) -> int:
    return sum(ch in _VIETNAMESE_LATIN1 or ch in _VIETNAMESE_EXTRA or 0x1EA0 <= ord(ch) <= 0x1EF9 for ch in text)


def _strict(data: bytes, encoding: str, file_name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileProblem(
            file_name,
            f"không đọc được bảng mã (byte lỗi ở vị trí {exc.start}).",
            fix="Lưu lại tệp với bảng mã Unicode (UTF-8) rồi nhập lại.",
        ) from None
