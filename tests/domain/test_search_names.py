"""A name whose marked vowels a keyboard layout would turn into digits is still searched as a name."""

from __future__ import annotations

from motcua_desktop.domain.search import plan_search


def test_a_long_marked_name_is_not_taken_for_a_code() -> None:
    plan = plan_search("Hoàng Thùy Hồng")
    assert plan.name_words == ("hoang", "thuy", "hong") and plan.compact is None


def test_a_code_typed_without_separators_is_still_a_code() -> None:
    assert plan_search("00000012H562602120001").compact == "00000012H562602120001"
