"""Province and commune look-ups through the cached index give what a scan of the sorted list gives."""

from __future__ import annotations

from motcua_desktop.domain import admin_units
from motcua_desktop.domain.admin_units import _bare, communes, find_commune, find_province, provinces
from motcua_desktop.domain.text import fold


def scan_province(text: str) -> admin_units.Unit | None:
    wanted = fold(_bare(text.strip()))
    for unit in provinces():
        if unit.code == text.strip().zfill(2) or fold(_bare(unit.name)) == wanted or fold(unit.name) == wanted:
            return unit
    return None


def scan_commune(province_code: str, text: str) -> admin_units.Unit | None:
    wanted = fold(text.strip())
    for unit in communes(province_code):
        if unit.code == text.strip().zfill(5) or fold(unit.name) == wanted or fold(_bare(unit.name)) == wanted:
            return unit
    return None


def test_province_lookup_matches_a_scan() -> None:
    for unit in provinces():
        for text in (unit.code, unit.name, fold(unit.name), _bare(unit.name), fold(_bare(unit.name)), " x "):
            assert find_province(text) == scan_province(text)


def test_commune_lookup_matches_a_scan_including_shared_names() -> None:
    for province in ("38", "01", "79"):
        units = communes(province)
        for unit in units:
            for text in (unit.code, unit.name, fold(unit.name), fold(_bare(unit.name)), str(int(unit.code))):
                assert find_commune(province, text) == scan_commune(province, text)
    # "Đông Tiến" is the bare name of a ward and (folded) of a commune in Thanh Hóa: the list order decides.
    assert find_commune("38", "dong tien") == scan_commune("38", "dong tien") is not None
