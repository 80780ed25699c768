"""The criteria and levels of Decree 118/2025 Art. 33: one list for the return screen and the report."""

from __future__ import annotations

from motcua_desktop.domain.dossier import Rating
from motcua_desktop.domain.satisfaction import CRITERIA, CRITERION_LABELS, SCALE


def test_the_nine_items_of_article_33_in_the_decree_order() -> None:
    assert [c.key for c in CRITERIA] == ["a", "b", "c", "d", "đ", "e", "g", "h", "i"]
    assert CRITERION_LABELS["đ"].startswith("Thái độ, cách ứng xử của cán bộ")
    assert all(c.short and len(c.short) <= len(c.label) for c in CRITERIA)


def test_three_levels_best_first() -> None:
    assert SCALE == (Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.DISSATISFIED)
    assert [r.label for r in SCALE] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
