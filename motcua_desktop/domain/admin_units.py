"""Provinces and communes after the 2025 two-tier reform (34 provinces, 3,321 communes/wards).

The list comes from the ``vietnam-provinces`` package, never from a hand-typed table. It is
imported on first use: its code tables take a noticeable part of the program's start-up.

Names are matched **with their diacritics** (``docs/legal-basis.md``, "Places"). In one province
two units may differ only by a tone mark (Xã Cẩm Giang and Xã Cẩm Giàng in Hải Phòng) or by the
prefix (Phường Đông Tiến and Xã Đồng Tiến in Thanh Hóa): folding the text first would pick one of
them silently and print another commune's name on every form. So a text matches a unit only when
it is its code, its full name, or its name without the prefix, spelt with the same letters and
marks (upper/lower case and the old or new place of the tone mark — "Hoá"/"Hóa" — do not matter).
Anything else finds no unit but a list of look-alikes to choose from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from motcua_desktop.domain.text import fold

PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")
COMMUNE_PREFIXES = ("Phường ", "Xã ", "Đặc khu ")
# Prefixes a person may still type for a unit: the kinds before 2025 and the district level.
OLD_PREFIXES = ("Thị trấn ", "Huyện ", "Quận ", "Thị xã ")


@dataclass(frozen=True)
class Unit:
    code: str  # 2-digit province code / 5-digit ward code, as text
    name: str
    province_code: str  # same as code for a province


@dataclass(frozen=True)
class UnitMatch:
    """The unit a text names exactly, or else the units it looks like (same letters without marks)."""

    unit: Unit | None
    look_alikes: tuple[Unit, ...] = ()


@cache
def provinces() -> tuple[Unit, ...]:
    from vietnam_provinces import Province

    units = [Unit(f"{int(p.code):02d}", p.name, f"{int(p.code):02d}") for p in Province.iter_all()]
    return tuple(sorted(units, key=lambda u: fold(bare(u.name))))


@cache
def communes(province_code: str) -> tuple[Unit, ...]:
    from vietnam_provinces import ProvinceCode, Ward

    province = ProvinceCode(int(province_code))
    units = [Unit(f"{int(w.code):05d}", w.name, f"{int(w.province_code):02d}") for w in Ward.iter_by_province(province)]
    return tuple(sorted(units, key=lambda u: fold(bare(u.name))))


@cache
def _province_by_code() -> dict[str, Unit]:
    return {u.code: u for u in provinces()}


@cache
def _commune_by_code() -> dict[str, Unit]:
    from vietnam_provinces import Ward

    return {
        f"{int(w.code):05d}": Unit(f"{int(w.code):05d}", w.name, f"{int(w.province_code):02d}") for w in Ward.iter_all()
    }


def province(code: str) -> Unit | None:
    return _province_by_code().get(code.zfill(2)) if code else None


def commune(code: str) -> Unit | None:
    return _commune_by_code().get(code.zfill(5)) if code else None


def bare(name: str) -> str:
    """The name without its kind: ``Phường Đông Tiến`` → ``Đông Tiến`` (the kind spelt right, any case)."""
    for prefix in (*PROVINCE_PREFIXES, *COMMUNE_PREFIXES, *OLD_PREFIXES):
        if spelling(name[: len(prefix)]) == spelling(prefix):
            return name[len(prefix) :].strip()
    return name


def folded_bare(text: str) -> str:
    """``xa dong tien`` → ``dong tien``: the kind typed without marks, for look-alikes only."""
    folded = fold(text)
    for prefix in (*PROVINCE_PREFIXES, *COMMUNE_PREFIXES, *OLD_PREFIXES):
        if folded.startswith(fold(prefix) + " "):
            return folded[len(fold(prefix)) + 1 :]
    return folded


_bare = bare  # the older private name, kept for callers outside this module

# Tone marks, and the vowel pairs whose tone moved between the old and the new spelling rule in
# an open syllable ("hoá" / "hóa", "thuỷ" / "thủy", "khoẻ" / "khỏe").
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_MOVABLE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_])")


def spelling(text: str) -> str:
    """The comparison key of a name: NFC letters with their marks, case-free, one tone placement.

    Not a fold: ``Đông`` and ``Đồng`` stay different.
    """
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()))
    decomposed = _MOVABLE.sub(lambda m: m[1] + m[3] + m[2], decomposed)
    return unicodedata.normalize("NFC", decomposed).casefold()


# A counter's applicants mostly live in a handful of communes: the same few texts are looked up
# all day (every registration form and pre-fill); the answer depends only on the text and the
# shipped list, so it is kept.
@lru_cache(maxsize=1024)
def match_province(text: str) -> UnitMatch:
    """A province by code, or by name with its diacritics (with or without «Tỉnh»/«Thành phố»)."""
    return _match(provinces(), text.strip(), 2)


@lru_cache(maxsize=4096)
def match_commune(province_code: str, text: str) -> UnitMatch:
    """A commune of ``province_code`` by code, or by name with its diacritics and the right kind
    (Xã/Phường/Đặc khu) or no kind at all."""
    return _match(communes(province_code), text.strip(), 5)


def match_in(units: tuple[Unit, ...], text: str) -> UnitMatch:
    """``match_province``/``match_commune`` over a list a picker already holds."""
    width = len(units[0].code) if units else 2
    return _match(units, text.strip(), width)


def find_province(text: str) -> Unit | None:
    return match_province(text).unit


def find_commune(province_code: str, text: str) -> Unit | None:
    return match_commune(province_code, text).unit


def _match(units: tuple[Unit, ...], text: str, code_width: int) -> UnitMatch:
    if not text:
        return UnitMatch(None)
    if text.isdigit():
        code = text.zfill(code_width)
        return UnitMatch(next((u for u in units if u.code == code), None))
    key, bare_key = spelling(text), spelling(bare(text))
    # The full name as spelt; a typed kind is dropped only for names listed without one (provinces).
    exact = [u for u in units if spelling(u.name) in (key, bare_key if bare(u.name) == u.name else key)]
    if not exact and bare(text) == text:  # no kind typed: the name alone, if only one unit has it
        exact = [u for u in units if spelling(bare(u.name)) == key]
    if len(exact) == 1:
        return UnitMatch(exact[0])
    return UnitMatch(None, tuple(exact) or look_alikes(units, text))


def look_alikes(units: tuple[Unit, ...], text: str) -> tuple[Unit, ...]:
    """Units whose name without its kind reads like ``text`` once marks and case are dropped."""
    text = text.strip()
    wanted = {fold(text), fold(bare(text)), folded_bare(text)} - {""}
    return tuple(u for u in units if fold(bare(u.name)) in wanted or fold(u.name) in wanted)


def choices(found: tuple[Unit, ...]) -> str:
    """``Phường Đông Tiến (mã 15853), Xã Đồng Tiến (mã 15724)`` for a message."""
    return ", ".join(f"{u.name} (mã {u.code})" for u in found)


def homograph_pairs() -> list[tuple[Unit, Unit]]:
    """Pairs of units of one province whose full names differ only by diacritics."""
    from vietnam_provinces import Ward

    groups: dict[tuple[str, str], list[Unit]] = {}
    for w in Ward.iter_all():
        unit = Unit(f"{int(w.code):05d}", w.name, f"{int(w.province_code):02d}")
        groups.setdefault((unit.province_code, fold(unit.name)), []).append(unit)
    pairs = []
    for group in groups.values():
        ordered = sorted(group, key=lambda u: u.code)
        pairs += [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    return sorted(pairs, key=lambda p: (p[0].province_code, p[0].code))
