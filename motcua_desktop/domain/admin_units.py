"""Provinces and communes after the 2025 two-tier reform (34 provinces, 3,321 communes/wards).

The list comes from the ``vietnam-provinces`` package, never from a hand-typed table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, ProvinceCode, Ward

from motcua_desktop.domain.text import fold


@dataclass(frozen=True)
class Unit:
    code: str  # 2-digit province code / 5-digit ward code, as text
    name: str
    province_code: str  # same as code for a province


@cache
def provinces() -> tuple[Unit, ...]:
    units = [Unit(f"{int(p.code):02d}", p.name, f"{int(p.code):02d}") for p in Province.iter_all()]
    return tuple(sorted(units, key=lambda u: fold(_bare(u.name))))


@cache
def communes(province_code: str) -> tuple[Unit, ...]:
    province = ProvinceCode(int(province_code))
    units = [Unit(f"{int(w.code):05d}", w.name, f"{int(w.province_code):02d}") for w in Ward.iter_by_province(province)]
    return tuple(sorted(units, key=lambda u: fold(_bare(u.name))))


@cache
def _province_by_code() -> dict[str, Unit]:
    return {u.code: u for u in provinces()}


@cache
def _commune_by_code() -> dict[str, Unit]:
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


def find_province(text: str) -> Unit | None:
    """A province by code or by name typed with or without diacritics and prefix."""
    wanted = fold(_bare(text.strip()))
    for unit in provinces():
        if unit.code == text.strip().zfill(2) or fold(_bare(unit.name)) == wanted or fold(unit.name) == wanted:
            return unit
    return None


def find_commune(province_code: str, text: str) -> Unit | None:
    wanted = fold(text.strip())
    for unit in communes(province_code):
        if unit.code == text.strip().zfill(5) or fold(unit.name) == wanted or fold(_bare(unit.name)) == wanted:
            return unit
    return None
