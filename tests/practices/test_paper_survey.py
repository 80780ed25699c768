"""Paper survey forms: one key per criterion, one rating per dossier unless corrected with a reason."""

from __future__ import annotations

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.dossier import Rating, RatingChannel
from motcua_desktop.domain.errors import TransitionError, ValidationError
from motcua_desktop.domain.paper_survey import overall_of, parse_keys
from motcua_desktop.domain.transitions import ResultReadyInput, ReturnInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, rebuild_projection
from motcua_desktop.services.dossiers.paper_survey import enter_paper_rating
from motcua_desktop.services.dossiers.registration import register
from tests.factories import birth_registration, context


def test_keys_follow_the_decree_criteria_in_order() -> None:
    form = parse_keys("11203")
    assert dict(form.criteria) == {
        "a": Rating.VERY_SATISFIED,
        "b": Rating.VERY_SATISFIED,
        "c": Rating.SATISFIED,
        "đ": Rating.DISSATISFIED,
    }
    assert overall_of(form.criteria) is Rating.DISSATISFIED
    assert overall_of(parse_keys({"a": "1", "b": "2"}).criteria) is Rating.SATISFIED
    with pytest.raises(ValidationError, match="1, 2, 3"):
        parse_keys("14")
    with pytest.raises(ValidationError, match="chưa có tiêu chí"):
        parse_keys("00")


def _returned(ctx, rating: str = "") -> str:  # type: ignore[no-untyped-def]
    code = register(ctx, birth_registration()).dossier.code
    transition(ctx, find_dossier(ctx, code), ResultReadyInput())
    transition(ctx, find_dossier(ctx, code), ReturnInput(rating=rating))
    return str(code)


def test_a_paper_form_rates_a_returned_dossier_once(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = _returned(ctx)
    d = enter_paper_rating(ctx, find_dossier(ctx, code), "11111")
    assert d.return_record is not None and d.return_record.satisfaction is not None
    assert d.return_record.satisfaction.channel is RatingChannel.PAPER
    assert d.return_record.satisfaction.overall is Rating.VERY_SATISFIED
    rows = office_store.db.execute(
        "SELECT criterion, rating, channel FROM satisfaction_ratings WHERE dossier_uuid = ? ORDER BY criterion",
        [d.uuid],
    ).fetchall()
    assert rows[0] == ("", "rat_hai_long", "phieu_giay") and len(rows) == 6
    with pytest.raises(ValidationError) as caught:
        enter_paper_rating(ctx, find_dossier(ctx, code), "33333")
    assert caught.value.key == "correction_reason" and "đã có đánh giá" in caught.value.message
    fixed = enter_paper_rating(ctx, find_dossier(ctx, code), "2", correction_reason="Nhập nhầm phiếu của hồ sơ khác")
    assert fixed.return_record is not None and fixed.return_record.satisfaction is not None
    assert fixed.return_record.satisfaction.criteria == {"a": Rating.SATISFIED}
    rated = [e for e in office_store.events.for_dossier(d.uuid) if e.kind == ev.DOSSIER_RATED]
    assert [e.payload["reason"] for e in rated] == ["", "Nhập nhầm phiếu của hồ sơ khác"]
    assert rated[1].payload["before"]["overall"] == "rat_hai_long"
    from motcua_desktop.services.dossiers.lookup import history_entry

    assert history_entry(rated[1]).detail == "Phiếu giấy: Hài lòng; Lý do sửa: Nhập nhầm phiếu của hồ sơ khác"
    rebuild_projection(office_store)  # the rating is a fact of the log, folded again
    again = load_dossier(office_store, d.uuid)
    assert again.return_record is not None and again.return_record.satisfaction == fixed.return_record.satisfaction


def test_a_rating_given_at_the_counter_counts_as_the_first(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = _returned(ctx, rating="hai_long")
    with pytest.raises(ValidationError, match="tại quầy"):
        enter_paper_rating(ctx, find_dossier(ctx, code), "1")


def test_a_dossier_not_returned_cannot_be_rated(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration()).dossier.code
    with pytest.raises(TransitionError, match="chưa trả kết quả"):
        enter_paper_rating(ctx, find_dossier(ctx, str(code)), "1")
