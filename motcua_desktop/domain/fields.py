"""What a typed or scanned field may hold: its length, its characters, its digits, its amounts.

Every text a clerk types (the window, the command line, a scanner acting as a keyboard) passes
through here before anything is written, so bad input is *refused* with the field's name and the
fix, never silently changed into something else:

- **Invisible characters** (zero-width spaces and joiners, direction marks, byte-order marks,
  escape and other control characters, unpaired surrogates from a wrongly decoded command line,
  private-use and unassigned code points) are refused. Removing them would merge words or change
  a name behind the clerk's back; they come from text pasted from web pages or chat apps.
- **Length**: each field has a limit (``LIMITS``) well above any real value and far below what
  would bloat the database or the printed forms.
- **Digits** of any script (fullwidth ``０１２``, Arabic-Indic ``٠١٢``, Devanagari …) are folded to
  ASCII with ``unicodedata.decimal``; characters that only *look* like digits (``²``, ``①``,
  ``½``: no decimal value) are refused. ``str.isdigit`` accepts those, and ``int`` then fails.
- **Amounts of money** are whole đồng, written the Vietnamese way (``parse_vnd``).

Whitespace is normalised (NFC, runs of spaces, tabs and line breaks become one space, trimmed;
multi-line fields keep their line breaks), which is what the clerk sees on screen and on paper.
"""

from __future__ import annotations

import re
import unicodedata

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.text import title_name

# Maximum length (characters, after normalising) of each free-text field, by what it holds.
PERSON_NAME = 100  # "Nguyễn Thị Ngọc Bảo Trân" is 24; Decree 123/2015 names are far shorter than 100
ADDRESS = 300
EMAIL = 254  # RFC 5321
UNIT_NAME = 200  # deciding unit, hand-over unit, office names
PLACE = 100
OFFICE_PHONE = 30
REQUEST_ID = 100  # a UUID is 36
SHORT_TEXT = 200  # a paper's name, a storage location, a day's name, a supplement item
REASON = 1000  # reasons and notes on one action, printed on forms 02–05
LONG_TEXT = 2000  # summary and note of a registration
USERNAME = 32
LIST_ITEMS = 50  # papers listed in one supplement request, papers received

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SPACES = re.compile(r"[^\S\n]+")
_ANY_SPACES = re.compile(r"\s+")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_NAMES = {
    "\u200b": "khoảng trắng độ rộng 0",
    "\u200c": "ký tự nối ẩn",
    "\u200d": "ký tự nối ẩn",
    "\u2060": "ký tự nối ẩn",
    "\ufeff": "dấu BOM",
    "\u00ad": "dấu gạch nối ẩn",
    "\x1b": "ký tự ESC",
}


def invisible_character(text: str) -> tuple[int, str] | None:
    """(position from 1, description) of the first character refused in typed text, or None."""
    if text.isprintable():
        return None
    for index, ch in enumerate(text, start=1):
        if ch in _ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(ch)
        if category in _REFUSED_CATEGORIES:
            if category == "Cs":
                return index, "ký tự không đọc được (sai bảng mã)"
            name = _NAMES.get(ch) or ("ký tự điều khiển" if category == "Cc" else "ký tự ẩn")
            return index, f"{name} U+{ord(ch):04X}"
    return None


def clean_field(raw: object, field: str, *, limit: int, multiline: bool = False, required: bool = False) -> str:
    """The field's text as it will be stored and shown, or ValidationError naming ``field``.

    NFC; whitespace runs become one space (line breaks kept when ``multiline``); trimmed.
    """
    text = "" if raw is None else str(raw)
    found = invisible_character(text)
    if found is not None:
        position, what = found
        raise ValidationError(
            field,
            f"có {what} ở vị trí {position}.",
            "Ký tự này không nhìn thấy được và sẽ làm sai dữ liệu; hãy gõ lại nội dung (không dán từ trang web).",
        )
    text = unicodedata.normalize("NFC", text)
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        text = "\n".join(lines).strip()
    else:
        text = _ANY_SPACES.sub(" ", text).strip()
    if required and not text:
        raise ValidationError(field, "chưa nhập.")
    if len(text) > limit:
        raise ValidationError(field, f"dài {len(text)} ký tự, quá giới hạn.", f"Tối đa {limit} ký tự.")
    return text


def fold_digits(text: str) -> str:
    """Decimal digits of every script become ASCII (``０３８`` → ``038``); anything else is kept,
    so that a following check refuses it (``²`` has no decimal value and stays ``²``)."""
    if text.isascii():
        return text
    return "".join(_ascii_digit(ch) for ch in text)


def _ascii_digit(ch: str) -> str:
    value = unicodedata.decimal(ch, None)
    return ch if value is None else str(value)


def is_ascii_digits(text: str) -> bool:
    """Only ASCII digits 0–9 (``str.isdigit`` also accepts ``²`` and other scripts)."""
    return _ASCII_DIGITS.fullmatch(text) is not None


def parse_whole_number(raw: object, field: str, *, minimum: int, maximum: int, default: int | None = None) -> int:
    """A count typed in a field (copies, sets, a counter number, a list limit); refuses signs,
    decimals and digit look-alikes. Empty gives ``default`` (or is refused when there is none)."""
    text = fold_digits(_ANY_SPACES.sub("", "" if raw is None else str(raw)))
    if not text:
        if default is None:
            raise ValidationError(field, "chưa nhập.", f"Nhập số từ {minimum} đến {maximum}.")
        return default
    if not is_ascii_digits(text) or len(text) > 12:
        raise ValidationError(field, f"«{shown(raw)}» không phải số.", f"Nhập số từ {minimum} đến {maximum}.")
    value = int(text)
    if not minimum <= value <= maximum:
        raise ValidationError(field, f"{value} không hợp lệ.", f"Nhập số từ {minimum} đến {maximum}.")
    return value


MAX_VND = 1_000_000_000
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd|₫)\s*$", re.IGNORECASE)
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_THOUSANDS_SPACE = re.compile(r"[0-9]{1,3}( [0-9]{3})+")


def parse_vnd(raw: object, field: str, *, maximum: int = MAX_VND) -> int | None:
    """An amount in đồng as Vietnamese write it; None when empty.

    Accepted: ``50000``, ``50.000``, ``1.500.000``, ``50 000``, with ``đ``/``đồng``/``VND`` after.
    The đồng has no subunit in use, and in Vietnamese the dot groups thousands while the comma is
    the decimal mark, so a dot followed by other than groups of three digits (``1.5``, ``50.00``)
    and any comma (``50,000`` is fifty thousand in English and fifty in Vietnamese) are
    ambiguous: refused with the fix rather than guessed (``1.5`` was once stored as 15).
    """
    quoted = shown(raw)
    text = fold_digits(unicodedata.normalize("NFC", "" if raw is None else str(raw)))
    text = _CURRENCY.sub("", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()
    text = re.sub(r" +", " ", text)
    if not text:
        return None
    fix = "Nhập số đồng, không có phần lẻ: ví dụ 50000 hoặc 50.000 (năm mươi nghìn đồng)."
    if "," in text:
        raise ValidationError(field, f"«{quoted}» có dấu phẩy nên không rõ số tiền.", fix)
    if is_ascii_digits(text):
        digits = text
    elif _THOUSANDS_DOT.fullmatch(text) or _THOUSANDS_SPACE.fullmatch(text):
        digits = text.replace(".", "").replace(" ", "")
    elif re.fullmatch(r"[0-9. ]+", text):
        raise ValidationError(field, f"«{quoted}» không rõ: dấu chấm chỉ dùng để tách hàng nghìn (nhóm 3 chữ số).", fix)
    else:
        raise ValidationError(field, f"«{quoted}» không phải số tiền.", fix)
    if len(digits) > 12 or int(digits) > maximum:
        raise ValidationError(field, f"«{quoted}» quá lớn.", f"Tối đa {maximum:,} đồng.".replace(",", "."))
    return int(digits)


def shown(raw: object) -> str:
    """The raw value as quoted in a message: short, and with invisible characters made visible."""
    text = "" if raw is None else str(raw)
    text = "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in text)
    return text if len(text) <= 40 else text[:40] + "…"


_NAME_PUNCTUATION = frozenset(" '’-.")


def person_name(raw: object, field: str, *, required: bool = True) -> str:
    """A person's name as printed on forms (each word capitalised), or ValidationError.

    Letters of any script, combining marks, spaces and ``' - .`` only: a digit or a symbol in a
    name is a typing or scanning mistake that would be printed on a legal receipt.
    """
    text = title_name(clean_field(raw, field, limit=PERSON_NAME, required=required))
    if not text:
        return ""
    odd = next((ch for ch in text if not _name_character(ch)), None)
    if odd is not None or not any(ch.isalpha() for ch in text):
        what = f"có ký tự «{odd}»" if odd is not None else "không có chữ cái"
        raise ValidationError(field, f"«{shown(text)}» {what}.", "Nhập họ, chữ đệm và tên bằng chữ cái.")
    return text


def _name_character(ch: str) -> bool:
    return ch.isalpha() or ch in _NAME_PUNCTUATION or unicodedata.category(ch).startswith("M")
