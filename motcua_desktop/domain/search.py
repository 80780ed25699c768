"""What a search box query means: a code, a barcode key, an ID number, a phone, or a name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from motcua_desktop.domain.codes import BadScan, BarcodeKey, compact_code, parse_lookup, unmangle_digits
from motcua_desktop.domain.fields import is_ascii_digits
from motcua_desktop.domain.text import clean_text, fold_words


@dataclass(frozen=True)
class SearchPlan:
    code: str | None = None
    compact: str | None = None
    barcode: BarcodeKey | None = None
    id_numbers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    name_words: tuple[str, ...] = ()
    prefix_last: bool = False
    raw: str = field(default="", compare=False)

    @property
    def is_empty(self) -> bool:
        return not (self.code or self.compact or self.barcode or self.id_numbers or self.phones or self.name_words)


def plan_search(query: str, *, prefix: bool = False) -> SearchPlan:
    """Classifies the query. ``prefix`` (search-as-you-type) treats the last name word as a prefix;
    a trailing ``*`` does the same."""
    text = clean_text(query)
    if not text:
        return SearchPlan(raw=query)
    digits_text = clean_text(unmangle_digits(query))  # before NFC: see ``codes.unmangle_digits``
    bare = re.sub(r"[\s.\-]", "", digits_text)
    if is_ascii_digits(bare):
        return _plan_digits(bare, query)
    try:
        key = parse_lookup(text)
    except BadScan:
        key = None
    if key is not None and key.code:
        return SearchPlan(code=key.code, raw=query)
    # A code without separators carries a 6-digit date and a 4-digit number; a name typed through the
    # Windows Vietnamese layout turns only its marked vowels into digits ("Hoàng Thùy Hồng").
    if key is not None and key.compact and _digit_count(key.compact) >= 10 and len(key.compact) >= 16:
        return SearchPlan(compact=key.compact, raw=query)
    words = tuple(fold_words(text))
    star = text.endswith("*")
    return SearchPlan(name_words=words, prefix_last=(prefix or star) and bool(words), raw=query)


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _plan_digits(bare: str, raw: str) -> SearchPlan:
    barcode = None
    if len(bare) == 12:
        try:
            key = parse_lookup(bare)
            barcode = key.barcode
        except BadScan:
            barcode = None
    ids = (bare,) if len(bare) in (9, 12) else ()
    phones: tuple[str, ...] = ()
    if bare.startswith("84") and len(bare) in (11, 12):
        phones = ("0" + bare[2:],)
    elif bare.startswith("0") and len(bare) in (10, 11):
        phones = (bare,)
    compact = compact_code(bare) if len(bare) >= 16 else None
    return SearchPlan(barcode=barcode, id_numbers=ids, phones=phones, compact=compact, raw=raw)


def fts_query(plan: SearchPlan) -> str:
    """FTS5 MATCH expression: every word must appear; the last may be a prefix."""
    parts = [f'"{w}"' for w in plan.name_words]
    if plan.prefix_last and parts:
        parts[-1] += "*"
    return " ".join(parts)
