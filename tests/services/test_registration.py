from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.codes import SequenceExhausted, parse_code, sequence_block
from motcua_desktop.domain.errors import NotFound, PermissionDenied, ValidationErrors
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.registration import PersonInput
from motcua_desktop.services.dossiers.registration import record_pre_reception, register
from motcua_desktop.services.office.setup import first_run_setup, is_set_up
from tests.factories import applicant, birth_registration, context, make_office


def test_first_run_creates_office_admin_and_starter_catalogue(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    assert is_set_up(office_store)
    assert office_store.catalogue.count_current() == 85
    assert office_store.users.get("admin").role == "quan_tri"
    with pytest.raises(Exception, match="đã được thiết lập"):
        first_run_setup(
            office_store,
            clock,
            make_office(),
            admin_username="admin2",
            admin_full_name="B",
            admin_password="mat-khau-dai",
        )


def test_register_issues_code_book_line_and_due_date(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    first = register(ctx, birth_registration()).dossier
    second = register(
        ctx,
        birth_registration(
            applicant=applicant(full_name="Trần Thị Bình", id_number="038190012345", sex="nu", birth_date="01/01/1990")
        ),
    ).dossier
    assert first.code == "000.00.12.H56-261116-0001" and second.code == "000.00.12.H56-261116-0002"
    assert (first.book_volume, first.book_line, second.book_line) == ("01/2026", 1, 2)
    assert first.status is Status.RECEIVED and first.received_by == "lan.nguyen"
    assert first.due_at is not None and first.due_at > first.received_at and first.original_due_at == first.due_at
    assert first.applicant.full_name == "Nguyễn Văn An"
    assert first.procedure.name == "Đăng ký khai sinh" and first.procedure.duration is not None
    row = office_store.dossiers.summary(first.uuid)
    assert row.code == first.code and row.status is Status.RECEIVED


def test_counter_two_issues_from_its_own_block(store, clock) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import set_up_office

    set_up_office(store, clock, counter_no=2)
    dossier = register(context(store, clock), birth_registration()).dossier
    assert parse_code(dossier.code).seq == 1000


def test_same_form_submitted_twice_registers_once(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    first = register(ctx, birth_registration(request_id="form-123"))
    again = register(ctx, birth_registration(request_id="form-123"))
    assert again.already_registered and again.dossier.uuid == first.dossier.uuid
    assert office_store.dossiers.count() == 1


def test_invalid_form_writes_nothing(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    events_before = office_store.events.count()
    with pytest.raises(ValidationErrors) as caught:
        register(ctx, birth_registration(applicant=PersonInput(full_name="An", id_number="123")))
    assert "applicant.id_number" in caught.value.keys
    assert office_store.events.count() == events_before
    assert office_store.dossiers.count() == 0
    assert office_store.sequences.last_code_seq("000.00.12.H56", date(2026, 11, 16)) is None
    with pytest.raises(NotFound, match="Không có thủ tục"):
        register(ctx, birth_registration(procedure="9.999999"))


def test_only_clerks_and_leaders_register(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    for role, allowed in ((Role.ADMIN, False), (Role.LEADER, True), (Role.CLERK, True)):
        ctx = context(office_store, clock, role=role, username=f"u.{role.value}")
        if allowed:
            assert register(ctx, birth_registration()).dossier.code
        else:
            with pytest.raises(PermissionDenied, match="không có quyền tiếp nhận"):
                register(ctx, birth_registration())
    anonymous = context(office_store, clock, role=None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied, match="đăng nhập"):
        register(anonymous, birth_registration())


def test_exhausted_block_refuses_and_writes_nothing(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    with office_store.transaction():
        office_store.sequences.advance_code_seq("000.00.12.H56", date(2026, 11, 16), 999, sequence_block(1))
    with pytest.raises(SequenceExhausted, match="0001–0999"):
        register(ctx, birth_registration())
    assert office_store.dossiers.count() == 0


def test_pre_reception_outcome_is_recorded_once_per_form(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    request = birth_registration(request_id="form-guided-7")
    first = record_pre_reception(ctx, request, Status.GUIDED, reason="Thiếu giấy tờ", missing_items=["Giấy chứng sinh"])
    again = record_pre_reception(ctx, request, Status.GUIDED, reason="Thiếu giấy tờ", missing_items=["Giấy chứng sinh"])
    assert again.uuid == first.uuid
    assert office_store.dossiers.count() == 1


def test_possible_duplicate_is_flagged_not_blocked(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    first = register(ctx, birth_registration()).dossier
    second = register(ctx, birth_registration())
    assert [d.code for d in second.possible_duplicates] == [first.code]
    assert any("cùng người nộp" in w for w in second.warnings)


def test_pre_reception_outcomes_get_no_code(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    guided = record_pre_reception(
        ctx,
        birth_registration(),
        Status.GUIDED,
        reason="Thiếu giấy chứng sinh",
        missing_items=["Giấy chứng sinh (bản chính)"],
    )
    refused = record_pre_reception(
        ctx, birth_registration(), Status.REFUSED_AT_COUNTER, reason="Không thuộc thẩm quyền của UBND xã"
    )
    assert guided.code is None and guided.due_at is None and guided.missing_items == ("Giấy chứng sinh (bản chính)",)
    assert refused.status is Status.REFUSED_AT_COUNTER and refused.code is None
    assert office_store.sequences.last_code_seq("000.00.12.H56", date(2026, 11, 16)) is None
    with pytest.raises(ValidationErrors):
        record_pre_reception(ctx, birth_registration(), Status.GUIDED, reason="x", missing_items=[])
