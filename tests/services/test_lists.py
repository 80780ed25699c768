from __future__ import annotations

from datetime import date, timedelta

import pytest

from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter, SortColumn, SortOrder
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.text import vietnamese_sort_key
from motcua_desktop.domain.transitions import ResultReadyInput, ReturnInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lists import count_dossiers, list_dossiers, next_key
from motcua_desktop.services.dossiers.lookup import find_dossier
from motcua_desktop.services.dossiers.registration import record_pre_reception, register
from tests.factories import applicant, birth_registration, context

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Ánh",
    "Lê Văn Ăn",
    "Phạm Thị Ân",
    "Đỗ Văn Bình",
    "Đào Thị Đạt",
    "Ngô Văn Dũng",
    "Vũ Thị Hà",
    "Bùi Văn Hạ",
    "Hồ Thị Hà",
]


@pytest.fixture
def ctx(office_store, clock):  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    for i, name in enumerate(NAMES):
        clock.advance(minutes=7)
        request = birth_registration(
            procedure="1.004873" if i % 3 == 0 else "1.001193",
            applicant=applicant(full_name=name, id_number=f"0380870{i:05d}"),
            duration_unit="working-days",
            duration_amount=str(1 + i % 4),
        )
        register(ctx, request)
    record_pre_reception(
        ctx, birth_registration(), Status.GUIDED, reason="Thiếu giấy", missing_items=["Giấy chứng sinh"]
    )
    return ctx


def all_pages(ctx, f: DossierFilter, order: SortOrder, size: int = 3) -> list:  # type: ignore[no-untyped-def]
    rows, after = [], None
    while True:
        page = list_dossiers(ctx, f, order, limit=size, after=after)
        rows += page
        if len(page) < size:
            return rows
        after = next_key(page[-1], order)


@pytest.mark.parametrize("column", list(SortColumn))
@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_cover_every_row_once_in_order(ctx, column, descending) -> None:  # type: ignore[no-untyped-def]
    order = SortOrder(column, descending)
    rows = all_pages(ctx, DossierFilter(), order)
    assert len(rows) == len({r.uuid for r in rows}) == count_dossiers(ctx, DossierFilter()) == 11
    one_page = list_dossiers(ctx, DossierFilter(), order, limit=100)
    assert [r.uuid for r in rows] == [r.uuid for r in one_page]


def test_name_order_is_vietnamese_given_name_first(ctx) -> None:  # type: ignore[no-untyped-def]
    rows = list_dossiers(ctx, DossierFilter(with_code_only=True), SortOrder(SortColumn.NAME, descending=False))
    given = [r.applicant_name.split()[-1] for r in rows]
    assert given == ["An", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đạt", "Hà", "Hà", "Hạ"]
    assert vietnamese_sort_key("Hồ Thị Hà") < vietnamese_sort_key("Vũ Thị Hà")  # same given name: family name decides
    assert (
        vietnamese_sort_key("Lê Ha")
        < vietnamese_sort_key("Vũ Hà")
        < vietnamese_sort_key("Lê Hạ")
        < vietnamese_sort_key("Lê Hai")
    )


def test_due_filters_and_counts_agree(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    pending = count_dossiers(ctx, DossierFilter(pending_only=True))
    assert pending == 10
    clock.advance(days=2)  # Wed 18/11: 1-day dossiers (due Tue) are overdue, 2-day ones due today
    for due in DueFilter:
        rows = list_dossiers(ctx, DossierFilter(due=due), limit=100)
        assert len(rows) == count_dossiers(ctx, DossierFilter(due=due))
    overdue = list_dossiers(ctx, DossierFilter(due=DueFilter.OVERDUE), limit=100)
    today = list_dossiers(ctx, DossierFilter(due=DueFilter.DUE_TODAY), limit=100)
    assert overdue and all(r.due_at < clock.now() for r in overdue)
    assert today and all(r.due_at.date() == date(2026, 11, 18) for r in today)
    in_time = count_dossiers(ctx, DossierFilter(due=DueFilter.IN_TIME))
    assert len(overdue) + in_time == pending


def test_returned_on_and_clerk_filters(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    code = list_dossiers(ctx, DossierFilter(with_code_only=True), limit=1)[0].code
    transition(ctx, find_dossier(ctx, code), ResultReadyInput())
    transition(ctx, find_dossier(ctx, code), ReturnInput())
    returned = list_dossiers(ctx, DossierFilter(returned_on=clock.now().date()))
    assert [r.code for r in returned] == [code]
    assert count_dossiers(ctx, DossierFilter(returned_on=clock.now().date() + timedelta(days=1))) == 0
    assert count_dossiers(ctx, DossierFilter(received_by="lan.nguyen")) == 11
    assert count_dossiers(ctx, DossierFilter(procedure_key="1.004873")) == 4
