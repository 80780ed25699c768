"""Provinces and communes after the 2025 two-tier reform (34 provinces, 3,321 communes/wards).

The list comes from the ``vietnam-provinces`` package, never from a hand-typed table. It is
imported on first use: its code tables take a noticeable part of the program's start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from motcua_desktop.domain.text import fold


@dataclass(frozen=True)
class Unit:
    code: str  # 2-digit province code / 5-digit ward code, as text
    name: str
    province_code: str  # same as code for a province


@cache
def provinces() -> tuple[Unit, ...]:
    from vietnam_provinces import Province

    units = [Unit(f"{int(p.code):02d}", p.name, f"{int(p.code):02d}") for p in Province.iter_all()]
    return tuple(sorted(units, key=lambda u: fold(_bare(u.name))))


@cache
def communes(province_code: str) -> tuple[Unit, ...]:
    from vietnam_provinces import ProvinceCode, Ward

    province = ProvinceCode(int(province_code))
    units = [Unit(f"{int(w.code):05d}", w.name, f"{int(w.province_code):02d}") for w in Ward.iter_by_province(province)]
    return tuple(sorted(units, key=lambda u: fold(_bare(u.name))))


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


def _bare(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# A counter's applicants mostly live in a handful of communes: the same few texts are looked up
# all day (every registration form and pre-fill); the answer depends only on the text and the
# shipped list, so it is kept.
@lru_cache(maxsize=1024)
def find_province(text: str) -> Unit | None:
    """A province by code or by name typed with or without diacritics and prefix."""
    return _first_match(_index(None), text.strip().zfill(2), fold(_bare(text.strip())))


@lru_cache(maxsize=4096)
def find_commune(province_code: str, text: str) -> Unit | None:
    return _first_match(_index(province_code), text.strip().zfill(5), fold(text.strip()))


@cache
def _index(province_code: str | None) -> tuple[dict[str, tuple[int, Unit]], dict[str, tuple[int, Unit]]]:
    """(by code, by folded name with and without prefix) → (position in the sorted list, unit); on a
    shared name the first unit in list order wins, as a scan of the list would find it."""
    units = provinces() if province_code is None else communes(province_code)
    by_code: dict[str, tuple[int, Unit]] = {}
    by_name: dict[str, tuple[int, Unit]] = {}
    for i, unit in enumerate(units):
        by_code.setdefault(unit.code, (i, unit))
        by_name.setdefault(fold(unit.name), (i, unit))
        by_name.setdefault(fold(_bare(unit.name)), (i, unit))
    return by_code, by_name


def _first_match(
    index: tuple[dict[str, tuple[int, Unit]], dict[str, tuple[int, Unit]]], code: str, folded: str
) -> Unit | None:
    found = [hit for hit in (index[0].get(code), index[1].get(folded)) if hit is not None]
    return min(found, key=lambda hit: hit[0])[1] if found else None
