from __future__ import annotations

import pytest

from motcua_desktop.domain.dossier import CollectorKind, Outcome, Rating
from motcua_desktop.domain.errors import ConflictError, TransitionError, ValidationError
from motcua_desktop.domain.lifecycle import Action, Status, allowed_actions
from motcua_desktop.domain.registration import PersonInput
from motcua_desktop.services.dossiers.lifecycle import TransitionInput, transition
from motcua_desktop.services.dossiers.lookup import (
    correct,
    load_dossier,
    open_dossier,
    rebuild_projection,
    set_file_location,
)
from motcua_desktop.services.dossiers.registration import register
from tests.factories import MARRIAGE_STATUS, birth_registration, context


def test_full_life_of_a_dossier(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration()).dossier.code
    clock.advance(minutes=30)
    d = transition(ctx, code, TransitionInput(Action.HAND_OVER, receiver="bà Hoa (tư pháp)")).dossier
    assert d.status is Status.IN_PROCESSING and d.handovers[0].to_unit == "UBND phường Đông Tiến"
    clock.advance(hours=2)
    d = transition(
        ctx,
        code,
        TransitionInput(
            Action.REQUEST_SUPPLEMENT, note="Giấy chứng sinh mờ", items=["Giấy chứng sinh (bản chính rõ nét)"]
        ),
    ).dossier
    assert d.status is Status.AWAITING_SUPPLEMENT and d.open_supplement is not None
    clock.advance(days=2)
    due_before = d.due_at
    d = transition(ctx, code, TransitionInput(Action.RECEIVE_SUPPLEMENT)).dossier
    assert d.status is Status.SUPPLEMENTED and d.due_at > due_before  # the clock restarted
    assert d.supplements[0].due_before == due_before and d.supplements[0].due_after == d.due_at
    assert [r.reason for r in d.due_history] == ["received", "supplement-restart"]
    d = transition(ctx, code, TransitionInput(Action.HAND_OVER)).dossier
    d = transition(ctx, code, TransitionInput(Action.RESULT_READY)).dossier
    assert d.status is Status.RESULT_READY and d.outcome in (Outcome.EARLY, Outcome.ON_TIME)
    d = transition(
        ctx,
        code,
        TransitionInput(
            Action.RETURN,
            collector_kind="nguoi_duoc_uy_quyen",
            collector_name="lê văn bình",
            collector_id_number="038090001234",
            originals_returned=1,
            fee_collected="8.000",
            rating="hai_long",
        ),
    ).dossier
    assert d.status is Status.RETURNED
    record = d.return_record
    assert record.collector_kind is CollectorKind.AUTHORISED and record.collector_name == "Lê Văn Bình"
    assert record.fee_collected == 8000 and record.satisfaction.overall is Rating.SATISFIED
    view = open_dossier(ctx, code)
    titles = [h.title for h in view.history]
    assert titles[0] == "Tiếp nhận hồ sơ" and "Trả kết quả" in titles
    with pytest.raises(TransitionError, match="Hồ sơ đã kết thúc"):
        transition(ctx, code, TransitionInput(Action.HAND_OVER))


def test_reason_required_and_extension_only_once(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration(**MARRIAGE_STATUS)).dossier.code  # 3 working days: Thu 19/11
    transition(ctx, code, TransitionInput(Action.HAND_OVER))
    with pytest.raises(ValidationError, match="Lý do"):
        transition(ctx, code, TransitionInput(Action.STOP))
    d = load_dossier(office_store, office_store.dossiers.uuid_for_code(code))
    new_due = f"{d.due_at.day + 6:02d}/{d.due_at.month:02d}/{d.due_at.year}"  # Wed 25/11 (24/11 is a day off)
    result = transition(ctx, code, TransitionInput(Action.EXTEND, note="Cần xác minh", new_due=new_due))
    assert result.dossier.status is Status.EXTENDED and result.dossier.extension.old_due_at == d.due_at
    assert result.dossier.original_due_at == d.original_due_at  # the printed promise is kept
    with pytest.raises(TransitionError):
        transition(ctx, code, TransitionInput(Action.EXTEND, note="Lần hai", new_due=new_due))


def test_extension_later_than_one_working_day_before_the_due_date_is_refused(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    """Decree 118 Art. 19(6): the apology and extension come at least one working day before the due
    date; a letter after that would propose what the law no longer allows, so nothing is recorded."""
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration(**MARRIAGE_STATUS)).dossier.code  # due Thu 19/11/2026
    transition(ctx, code, TransitionInput(Action.HAND_OVER))
    clock.advance(days=3)  # Thu 19/11, the due date itself
    events = office_store.events.count()
    with pytest.raises(TransitionError, match="chậm nhất ngày 18/11/2026, 01 ngày làm việc trước hạn 19/11/2026"):
        transition(ctx, code, TransitionInput(Action.EXTEND, note="Cần xác minh", new_due="25/11/2026"))
    assert office_store.events.count() == events


def test_a_second_supplement_request_is_refused(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    """Decree 118 Arts. 11 and 19(5): one request, listing everything missing (rules.md §4.1)."""
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration(**MARRIAGE_STATUS)).dossier.code
    transition(ctx, code, TransitionInput(Action.REQUEST_SUPPLEMENT, note="Thiếu", items=["Giấy chứng sinh"]))
    transition(ctx, code, TransitionInput(Action.RECEIVE_SUPPLEMENT))
    transition(ctx, code, TransitionInput(Action.HAND_OVER))
    with pytest.raises(TransitionError, match="chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần"):
        transition(ctx, code, TransitionInput(Action.REQUEST_SUPPLEMENT, note="Vẫn thiếu", items=["Tờ khai"]))
    dossier = load_dossier(office_store, office_store.dossiers.uuid_for_code(code))
    assert len(dossier.supplements) == 1
    assert Action.REQUEST_SUPPLEMENT not in allowed_actions(
        dossier.status, extension_used=dossier.extension_used, supplement_used=dossier.supplement_used
    )


def test_close_only_after_fifteen_days(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration()).dossier.code
    transition(ctx, code, TransitionInput(Action.REQUEST_SUPPLEMENT, note="Thiếu", items=["Giấy chứng sinh"]))
    clock.advance(days=15)  # requested Mon 16/11: the 15th day is Tue 01/12 (Civil Code Arts. 147–148)
    with pytest.raises(TransitionError, match="từ ngày 02/12/2026"):
        transition(ctx, code, TransitionInput(Action.CLOSE_UNSUPPLEMENTED))
    clock.advance(days=1)
    closed = transition(ctx, code, TransitionInput(Action.CLOSE_UNSUPPLEMENTED)).dossier
    assert closed.status is Status.CLOSED and closed.outcome is not None


def test_stale_revision_is_refused(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    dossier = register(ctx, birth_registration()).dossier
    transition(ctx, dossier.code, TransitionInput(Action.HAND_OVER, expected_rev=dossier.rev))
    with pytest.raises(ConflictError, match="vừa được cập nhật"):
        transition(ctx, dossier.code, TransitionInput(Action.RESULT_READY, expected_rev=dossier.rev))


def test_correction_keeps_the_old_values_in_history(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    dossier = register(ctx, birth_registration()).dossier
    fixed = correct(
        ctx,
        dossier.code,
        reason="Gõ nhầm tên",
        applicant=PersonInput(
            full_name="Nguyễn Văn Ân", id_number="038087042028", birth_date="15/03/1987", sex="nam", phone="0912345678"
        ),
    )
    assert fixed.applicant.full_name == "Nguyễn Văn Ân" and fixed.corrections == 1
    event = office_store.events.for_dossier(dossier.uuid)[-1]
    assert event.payload["before"]["applicant"]["full_name"] == "Nguyễn Văn An"
    assert office_store.dossiers.summary(dossier.uuid).applicant_name == "Nguyễn Văn Ân"
    with pytest.raises(ValidationError, match="Lý do sửa"):
        correct(ctx, dossier.code, reason=" ", summary="x")


def test_projection_rebuilds_identically_from_events(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    codes = [register(ctx, birth_registration()).dossier.code for _ in range(3)]
    transition(ctx, codes[0], TransitionInput(Action.HAND_OVER))
    transition(ctx, codes[0], TransitionInput(Action.RESULT_READY))
    set_file_location(ctx, codes[1], "Tủ hồ sơ 2, ngăn 3")
    correct(ctx, codes[2], reason="sửa", summary="Khai sinh cho cháu Minh")
    before = [dict(r) for r in office_store.db.query("SELECT * FROM dossiers ORDER BY uuid")]
    assert rebuild_projection(office_store) == 3
    after = [dict(r) for r in office_store.db.query("SELECT * FROM dossiers ORDER BY uuid")]
    strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
    assert strip(after) == strip(before)
    found = office_store.db.execute("SELECT count(*) FROM dossiers_fts WHERE dossiers_fts MATCH 'nguyen'").fetchone()[0]
    assert found == 3
