"""Dossier codes ``<agency id>-YYMMDD-NNNN`` and the barcode key printed on the receipt.

Several counter PCs of one office share the agency identifier and work offline, so the daily
4-digit sequence is partitioned between them (``docs/codes.md``): counter ``c`` (1–10) issues
only from its own block of a thousand numbers, so two PCs can never issue the same code.

The barcode carries a digits-only key, not the code itself: Unikey/EVKey (Telex, VNI) and the
Windows Vietnamese layout rewrite letters and punctuation a keyboard-wedge scanner "types",
but leave digits alone (or, for the layout, map them to ten characters we map back). A Damm
check digit catches anything that still goes wrong.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from motcua_desktop.domain.errors import Field, KnownError, ValidationError
from motcua_desktop.domain.fields import fold_digits, is_ascii_digits, shown

AGENCY_ID_RE = re.compile(r"[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,3}\Z")
CODE_RE = re.compile(r"^(?P<agency>[0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){2,3})-(?P<day>[0-9]{6})-(?P<seq>[0-9]{4})$")
MAX_COUNTERS = 10
BLOCK_SIZE = 1000


def normalise_agency_id(raw: str, *, field: Field = Field("agency_id", "Mã định danh đơn vị")) -> str:
    text = (raw or "").strip().upper()
    if not text:
        raise ValidationError(field, "chưa nhập.", "Ví dụ: 000.00.12.H56 (do tỉnh cấp theo QĐ 20/2020/QĐ-TTg).")
    if len(text) > 35 or not AGENCY_ID_RE.match(text):
        raise ValidationError(
            field,
            f"«{shown(raw)}» không đúng dạng mã định danh điện tử.",
            "Dạng đúng gồm 3–4 nhóm chữ số/chữ in hoa ngăn bởi dấu chấm, ví dụ 000.00.12.H56.",
        )
    return text


@dataclass(frozen=True)
class SequenceBlock:
    """The numbers one PC may issue each day."""

    first: int
    last: int

    def label(self) -> str:
        return f"{self.first:04d}–{self.last:04d}"


def sequence_block(counter_no: int, *, sole_issuer: bool = False) -> SequenceBlock:
    """Counter 1 → 0001–0999, counter 2 → 1000–1999 … counter 10 → 9000–9999.

    An office with only one PC issuing codes may declare it sole issuer: 0001–9999.
    """
    if sole_issuer:
        return SequenceBlock(1, 9999)
    if not 1 <= counter_no <= MAX_COUNTERS:
        raise ValidationError(
            Field("counter_no", "Số quầy"),
            f"phải từ 1 đến {MAX_COUNTERS}.",
            "Mỗi máy tính tại Bộ phận Một cửa có một số quầy riêng.",
        )
    return SequenceBlock(max(1, (counter_no - 1) * BLOCK_SIZE), counter_no * BLOCK_SIZE - 1)


class SequenceExhausted(KnownError):
    def __init__(self, block: SequenceBlock, day: date) -> None:
        super().__init__(
            f"Máy này đã cấp hết dải số thứ tự {block.label()} của ngày {day:%d/%m/%Y}; không thể cấp thêm mã hồ sơ "
            "trong hôm nay mà không có nguy cơ trùng mã với quầy khác. Hãy tiếp nhận tại quầy khác hoặc liên hệ "
            "quản trị viên để phân lại dải số (có hiệu lực từ ngày mai)."
        )


def next_in_block(last_issued: int | None, block: SequenceBlock, day: date) -> int:
    """The next number after ``last_issued`` (None: nothing issued yet today)."""
    candidate = block.first if last_issued is None else last_issued + 1
    candidate = max(candidate, block.first)
    if candidate > block.last:
        raise SequenceExhausted(block, day)
    return candidate


def format_code(agency_id: str, day: date, seq: int) -> str:
    # (the same text as ``{day:%y%m%d}``, without going through strftime)
    return f"{agency_id}-{day.year % 100:02d}{day.month:02d}{day.day:02d}-{seq:04d}"


@dataclass(frozen=True)
class DossierCode:
    agency_id: str
    day: date
    seq: int

    @property
    def text(self) -> str:
        return format_code(self.agency_id, self.day, self.seq)


def parse_code(text: str) -> DossierCode | None:
    """A full dossier code (case and surrounding spaces tolerated), or None."""
    match = CODE_RE.match((text or "").strip().upper())
    if not match:
        return None
    day_text = match["day"]
    try:
        day = date(2000 + int(day_text[:2]), int(day_text[2:4]), int(day_text[4:]))
    except ValueError:
        return None
    return DossierCode(match["agency"], day, int(match["seq"]))


_NOT_CODE_CHARS = re.compile(r"[^0-9A-Z]")


def compact_code(text: str) -> str:
    """Letters and digits only, upper case: how a code typed without separators is matched."""
    return _NOT_CODE_CHARS.sub("", unicodedata.normalize("NFC", text or "").upper())


# --- Damm check digit: detects every single-digit error and every adjacent transposition. ---
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm_digit(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def agency_digit(agency_id: str) -> int:
    """One digit derived from the agency identifier, to tell apart same-day numbers of two agencies."""
    return hashlib.sha256(agency_id.encode()).digest()[0] % 10


def barcode_key(code: str) -> str:
    """12 digits ``YYMMDD NNNN A C`` (A = agency digit, C = Damm check digit); even length → Code 128 set C."""
    parsed = parse_code(code)
    if parsed is None:
        raise ValueError(f"not a dossier code: {code!r}")
    body = f"{parsed.day:%y%m%d}{parsed.seq:04d}{agency_digit(parsed.agency_id)}"
    return body + str(damm_digit(body))


@dataclass(frozen=True)
class BarcodeKey:
    day: date
    seq: int
    agency_digit: int

    def matches(self, code: DossierCode) -> bool:
        return code.day == self.day and code.seq == self.seq and agency_digit(code.agency_id) == self.agency_digit


# What the Windows "Vietnamese" keyboard layout types for the number-row keys 1…0: ă â ê ô,
# five combining tone marks, đ. A scanner "pressing" 1 therefore produces ă.
_SHAPES = {("a", "\u0306"): "1", ("a", "\u0302"): "2", ("e", "\u0302"): "3", ("o", "\u0302"): "4"}
_TONE_DIGITS = {"\u0300": "5", "\u0309": "6", "\u0303": "7", "\u0301": "8", "\u0323": "9"}


def unmangle_digits(text: str) -> str:
    """Undo the Windows Vietnamese layout on text that should be digits (others pass through).

    Works on the text as typed: each character is decomposed on its own, never the whole string,
    because Unicode normalisation reorders a run of combining marks (the dot below of key 9 sorts
    before the other tone marks), which would turn the keys 5 9 into 9 5. Within one character
    the letter's shape (keys 1–4) always came first, then the tone key. Callers must call this
    before any NFC/NFD normalisation of scanner input. Decimal digits of other scripts
    (fullwidth, Arabic-Indic …) come out as ASCII digits too (``fields.fold_digits``).
    """
    chars: list[str] = []
    for ch in text:
        chars.extend(unicodedata.normalize("NFD", ch))
    out: list[str] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch in "đĐ":
            out.append("0")
            i += 1
            continue
        if ch in _TONE_DIGITS:
            out.append(_TONE_DIGITS[ch])
            i += 1
            continue
        marks_end = i + 1
        while marks_end < len(chars) and unicodedata.category(chars[marks_end]) == "Mn":
            marks_end += 1
        marks = chars[i + 1 : marks_end]
        shape = next((m for m in marks if (ch.lower(), m) in _SHAPES), None)
        if shape is not None:
            out.append(_SHAPES[(ch.lower(), shape)])
            marks.remove(shape)
        else:
            out.append(ch)
        out.extend(_TONE_DIGITS.get(m, m) for m in marks)
        i = marks_end
    return fold_digits("".join(out))


class BadScan(KnownError):
    pass


@dataclass(frozen=True)
class LookupKey:
    """What a scan or a typed code means: exactly one of the three is set."""

    barcode: BarcodeKey | None = None
    code: str | None = None
    compact: str | None = None


def parse_lookup(raw: str) -> LookupKey:
    """Interprets scanner or keyboard input in the return screen's scan field.

    Accepts the 12-digit barcode key (also as produced through the Vietnamese layout), a full
    dossier code, or a code typed without its dots and dashes.
    """
    text = unmangle_digits((raw or "").strip())
    digits = re.sub(r"\s", "", text)
    if is_ascii_digits(digits) and len(digits) == 12:
        if damm_digit(digits) != 0:
            raise BadScan(
                "Mã vạch đọc được không hợp lệ (sai số kiểm tra). Hãy quét lại, hoặc gõ mã hồ sơ in dưới mã vạch."
            )
        try:
            day = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
        except ValueError:
            raise BadScan("Mã vạch đọc được có ngày không hợp lệ. Hãy quét lại hoặc gõ mã hồ sơ.") from None
        return LookupKey(barcode=BarcodeKey(day, int(digits[6:10]), int(digits[10])))
    parsed = parse_code(text)
    if parsed is not None:
        return LookupKey(code=parsed.text)
    compact = compact_code(text)
    if len(compact) >= 12:
        return LookupKey(compact=compact)
    raise BadScan(
        f"«{raw.strip()}» không phải mã hồ sơ. Mã hồ sơ có dạng 000.00.12.H56-261122-0001; "
        "có thể quét mã vạch trên giấy hẹn."
    )


def looks_like_receipt_scan(raw: str) -> bool:
    """Whether keyboard input is a receipt's barcode (12 digits whose check digit holds, also as the
    Vietnamese layout types them) or a whole dossier code: what a scan anywhere in the window opens."""
    try:
        key = parse_lookup(raw)
    except BadScan:
        return False
    return key.barcode is not None or key.code is not None
