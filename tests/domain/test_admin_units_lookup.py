"""Provinces and communes are matched with their diacritics: a look-alike is offered, never chosen."""

from __future__ import annotations

import pytest

from motcua_desktop.domain.admin_units import (
    Unit,
    bare,
    communes,
    find_commune,
    find_province,
    homograph_pairs,
    match_commune,
    match_province,
    provinces,
    spelling,
)
from motcua_desktop.domain.text import fold

# Computed from the vietnam-provinces data (2025 reform): units of one province whose names differ
# only by diacritics. Issue 16 counted eight; the test below recomputes them from the data.
HOMOGRAPHS = [
    ("19", "Xã Văn Lang", "Xã Văn Lăng"),
    ("31", "Xã Cẩm Giang", "Xã Cẩm Giàng"),
    ("51", "Xã Sơn Hà", "Xã Sơn Hạ"),
    ("51", "Xã Ba Tơ", "Xã Ba Tô"),
    ("75", "Xã Lộc Thạnh", "Xã Lộc Thành"),
    ("79", "Xã Thanh An", "Xã Thạnh An"),
    ("80", "Xã Tân Thành", "Xã Tân Thạnh"),
    ("82", "Xã Tân Thành", "Xã Tân Thạnh"),
]
# Same letters, different kind: typing the wrong kind must not pick the other one.
PREFIX_LOOK_ALIKES = [("38", "Phường Đông Tiến", "Xã Đồng Tiến"), ("82", "Phường Mỹ Tho", "Xã Mỹ Thọ")]


def test_the_homograph_pairs_are_the_eight_of_the_data() -> None:
    found = {(a.province_code, *sorted((a.name, b.name))) for a, b in homograph_pairs()}
    assert found == {(p, *sorted((x, y))) for p, x, y in HOMOGRAPHS}


@pytest.mark.parametrize(("province", "one", "other"), HOMOGRAPHS, ids=[f"{p}-{a}" for p, a, _ in HOMOGRAPHS])
def test_each_homograph_pair_is_told_apart(province: str, one: str, other: str) -> None:
    first, second = find_commune(province, one), find_commune(province, other)
    assert first is not None and second is not None and first != second
    assert (first.name, second.name) == (one, other)
    assert find_commune(province, one.lower()) == first  # case does not matter
    assert find_commune(province, bare(other)) == second  # nor the kind left out
    typed = fold(one)  # without diacritics: both offered, none chosen
    match = match_commune(province, typed)
    assert match.unit is None and {u.name for u in match.look_alikes} == {one, other}


@pytest.mark.parametrize(("province", "ward", "commune"), PREFIX_LOOK_ALIKES)
def test_the_wrong_kind_offers_a_choice(province: str, ward: str, commune: str) -> None:
    wrong = "Xã " + bare(ward)  # "Xã Đông Tiến": no such commune; Phường Đông Tiến and Xã Đồng Tiến exist
    match = match_commune(province, wrong)
    assert match.unit is None and {u.name for u in match.look_alikes} == {ward, commune}
    assert find_commune(province, bare(ward)).name == ward  # the name alone, with its marks, is enough
    assert find_commune(province, "Thị trấn " + bare(ward)) is None  # kinds before 2025 are not units now


def test_thanh_hoa_has_phuong_dong_tien_not_xa_dong_tien() -> None:
    assert find_commune("38", "Xã Đông Tiến") is None
    assert find_commune("38", "Phường Đông Tiến") == Unit("15853", "Phường Đông Tiến", "38")
    assert find_commune("38", "15853") == find_commune("38", "Phường Đông Tiến")


def test_every_unit_is_found_by_code_name_and_bare_name_and_never_by_a_fold_alone() -> None:
    for province in provinces():
        assert find_province(province.code) == province
        assert find_province(province.name) == province
        assert find_province(bare(province.name)) == province
        if fold(province.name) != province.name.casefold():
            assert find_province(fold(province.name)) is None
            assert province in match_province(fold(province.name)).look_alikes
        for unit in communes(province.code):
            assert find_commune(province.code, unit.code) == unit
            assert find_commune(province.code, unit.name) == unit
            assert find_commune(province.code, str(int(unit.code))) == unit


def test_old_and_new_tone_placement_are_the_same_spelling() -> None:
    assert find_province("Thanh Hoá") == find_province("Thanh Hóa") is not None
    assert spelling("Thuỷ") == spelling("Thủy") and spelling("khoẻ") == spelling("khỏe")
    assert spelling("Đông") != spelling("Đồng") and spelling("Hoàn") == spelling("hoàn")
