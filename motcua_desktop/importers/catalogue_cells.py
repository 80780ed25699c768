"""Reading one catalogue cell: a time limit, a fee, a list of documents, a code, a sector heading.

Published lists write these as text ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ", "Lệ phí: 8.000
đồng/bản", "- Tờ khai…\\n- Giấy chứng sinh…"). A value is taken only when the text says one thing
plainly; anything else stays as a note and the value is left unknown, so a time limit or a fee is
never guessed (the clerk enters it at reception).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time

from motcua_desktop.domain.duration import DEFAULT_CUTOFF, Duration, DurationUnit, make_duration
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.text import fold

Problem = Callable[[str, str, str], None]  # (column, problem, fix)

_NATIONAL_CODE = re.compile(r"^\d\.\d{6}(\.[0-9A-Z]{1,3})*$")
_FULL_CODE = re.compile(r"^(\d\.\d{6})\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")  # with the agency suffix
_AMOUNT_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ngay lam viec|gio lam viec|ngay|gio)\b")
_SAME_DAY = ("trong ngay", "ngay trong ngay", "giai quyet ngay", "tra ngay")
_CUTOFF = re.compile(r"sau (\d{1,2})\s*(?:gio|h)\s*(\d{2})?")
_FREE = ("mien", "khong thu", "khong co", "khong quy dinh", "khong phai nop", "0 dong", "0d")
_MONEY = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:dong|d|vnd)\b")
_BULLET = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])\s*")
_SECTION = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d{1,2})\s*[.)/-]\s*(.+)$")


def national_code(text: str) -> tuple[str, str]:
    """(code, alternate) from a code cell: ``1.001193``, or the full form ``1.001193.000.00.00.H37``
    which is kept as the alternate; ("", "") when empty. Raises ValueError when it is not a code."""
    code = text.strip().upper()
    if not code:
        return "", ""
    full = _FULL_CODE.match(code)
    if full:
        return full.group(1), code
    if not _NATIONAL_CODE.match(code):
        raise ValueError(code)
    return code, ""


def code_fix(code: str) -> str:
    fix = "Mã thủ tục có dạng 1.001193."
    if re.fullmatch(r"\d\.\d{1,5}", code):
        fix += " Có thể Excel đã đổi mã thành số và bỏ chữ số 0 ở cuối; hãy định dạng cột là Văn bản."
    return fix


def duration_from_columns(unit_text: str, amount_text: str, cutoff_text: str, problem: Problem) -> Duration | None:
    """Our own layout: a unit code (NGAY_LAM_VIEC, NGAY, GIO, TRONG_NGAY), an amount and a cut-off."""
    if not unit_text:
        if amount_text:
            problem(
                "loai_thoi_han",
                "có số thời hạn nhưng thiếu loại thời hạn.",
                "Ghi NGAY_LAM_VIEC, NGAY, GIO hoặc TRONG_NGAY.",
            )
        return None
    try:
        unit = DurationUnit(unit_text.strip().upper())
    except ValueError:
        problem(
            "loai_thoi_han", f"«{unit_text}» không phải loại thời hạn.", "Ghi NGAY_LAM_VIEC, NGAY, GIO hoặc TRONG_NGAY."
        )
        return None
    if unit is not DurationUnit.SAME_DAY and not amount_text:
        return None  # the unit is known, the amount depends on the case: entered at reception
    try:
        return make_duration(unit.value, amount_text, cutoff_text)
    except ValidationError as exc:
        problem("gio_cat" if exc.field == "Giờ cắt" else "thoi_han", exc.problem, exc.fix)
        return None


def duration_from_text(text: str, unit_hint: str = "") -> Duration | None:
    """A published time limit in words, when it names exactly one: "05 ngày làm việc", "15 ngày",
    "Trong ngày; sau 15 giờ thì trả trong ngày làm việc tiếp theo". A bare number takes the unit
    from its heading ("Thời hạn giải quyết (ngày làm việc)"). None when the text gives several
    periods or none."""
    words = fold(text).replace(",", ".")
    if not words:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words) and unit_hint:
        words = f"{words} {fold(unit_hint)}"
    found = {(amount, unit) for amount, unit in _AMOUNT_UNIT.findall(words)}
    cutoff = _CUTOFF.search(words)
    if any(phrase in words for phrase in _SAME_DAY) and not (found - {_cutoff_pair(cutoff)}):
        at = time(int(cutoff.group(1)), int(cutoff.group(2) or 0)) if cutoff and int(cutoff.group(1)) < 24 else None
        return Duration(DurationUnit.SAME_DAY, cutoff=at or DEFAULT_CUTOFF)
    if len(found) != 1:
        return None
    amount, unit = found.pop()
    code = {
        "ngay lam viec": DurationUnit.WORKING_DAYS,
        "gio lam viec": DurationUnit.WORKING_HOURS,
        "gio": DurationUnit.WORKING_HOURS,
        "ngay": DurationUnit.CALENDAR_DAYS,
    }[unit]
    try:
        return make_duration(code.value, amount)
    except ValidationError:
        return None


def _cutoff_pair(match: re.Match[str] | None) -> tuple[str, str]:
    return (match.group(1), "gio") if match else ("", "")


def unit_of_heading(heading: str) -> str:
    """ "Thời hạn giải quyết (ngày làm việc)" → "ngày làm việc"; "" when the heading names no unit."""
    words = fold(heading)
    for unit in ("ngay lam viec", "gio lam viec", "ngay", "gio"):
        if re.search(rf"\(\s*{unit}\s*\)", words):
            return unit
    return ""


def fee_amount(text: str) -> int | None:
    """A fee cell: 0 when it says there is none; the amount when it names exactly one amount per
    dossier; None for anything else (per page, per copy, "theo Nghị quyết HĐND", examples)."""
    words = fold(text)
    if not words:
        return None
    if words.replace(".", "").replace(" ", "").isdigit():
        return int(words.replace(".", "").replace(" ", ""))
    if (words in ("khong", "mien") or words.startswith(_FREE)) and not _MONEY.search(words):
        return 0
    if "/" in words or "vi du" in words or "theo" in words or ";" in words:
        return None
    amounts = {m.replace(".", "").replace(",", "") for m in _MONEY.findall(words)}
    return int(amounts.pop()) if len(amounts) == 1 else None


def documents(text: str) -> tuple[str, ...]:
    """Items of a documents cell: ours are separated by " | ", published lists put one per line
    with a dash or a number in front."""
    parts = text.split("|") if "|" in text else text.splitlines()
    return tuple(item for item in (_BULLET.sub("", part).strip(" ;") for part in parts) if item)


def sector_heading(cells: list[str]) -> str | None:
    """The sector a heading row opens ("I. LĨNH VỰC HỘ TỊCH", "Lĩnh vực: Chứng thực", "II. Đất đai"),
    in sentence case; None when the row is not a sector heading (a level heading such as
    "A. THỦ TỤC HÀNH CHÍNH CẤP XÃ" is not one)."""
    filled = [c for c in cells if c]
    if not filled or len(set(filled)) != 1:
        return None
    text = filled[0].strip()
    numbered = _SECTION.match(text)
    body = numbered.group(1).strip() if numbered else text
    words = fold(body)
    if words.startswith("linh vuc"):
        body = re.sub(r"^\s*\S+\s+\S+\s*[:\-–]?\s*", "", body)  # "Lĩnh vực" and what follows it
    elif not numbered or "thu tuc" in words or "cap " in words:
        return None
    body = body.strip(" :.-–")
    if not body:
        return None
    return body[0].upper() + body[1:].lower() if body.isupper() else body
