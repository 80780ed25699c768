"""The lazy dossier list model: Qt's model checks, keyset pages, sorting, filters, deadline words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter, SortColumn
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.text import vietnamese_sort_key
from motcua_desktop.services.dossiers.lists import count_dossiers
from motcua_desktop.ui.dossiers.dossier_model import COLUMN_INDEX, OVERDUE_BG, PAGE_SIZE, SUMMARY_ROLE, DossierListModel

pytestmark = pytest.mark.gui


def test_qt_model_checks(demo_clerk, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DossierListModel(demo_clerk)
    model.reload()
    qtmodeltester.check(model)
    model.set_search("nguyen")
    qtmodeltester.check(model)


def test_pages_load_on_demand_and_never_all_rows(demo_clerk, demo_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = DossierListModel(demo_clerk)
    model.reload()
    assert model.rowCount() == PAGE_SIZE and model.pages_fetched == 1
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE and model.pages_fetched == 2
    uuids = [s.uuid for s in model.rows]
    assert len(set(uuids)) == len(uuids)  # keyset pages never repeat a row
    received = [s.received_at for s in model.rows]
    assert received == sorted(received, reverse=True)
    # A view on it shows the first screen without reading the whole table.
    view = QTableView()
    qtbot.addWidget(view)
    fresh = DossierListModel(demo_clerk)
    fresh.reload()
    view.setModel(fresh)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    assert fresh.pages_fetched <= 2 and fresh.rowCount() < demo_db.count


def test_sorting_goes_to_the_database(demo_clerk) -> None:  # type: ignore[no-untyped-def]
    model = DossierListModel(demo_clerk)
    model.reload()
    model.sort(COLUMN_INDEX["applicant"], Qt.SortOrder.AscendingOrder)
    assert model.order.column is SortColumn.NAME and not model.order.descending
    keys = [vietnamese_sort_key(s.applicant_name) for s in model.rows]
    assert keys == sorted(keys)
    model.fetchMore(QModelIndex())
    keys = [vietnamese_sort_key(s.applicant_name) for s in model.rows]
    assert keys == sorted(keys)
    before = model.order
    model.sort(COLUMN_INDEX["procedure"], Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert model.order == before
    model.sort(COLUMN_INDEX["due"], Qt.SortOrder.DescendingOrder)
    dues = [s.due_at for s in model.rows if s.due_at is not None]
    assert dues == sorted(dues, reverse=True)


def test_filters_and_deadline_words_with_colour(demo_clerk) -> None:  # type: ignore[no-untyped-def]
    demo_clerk.clock.advance(days=40)  # a month and more later, the dossiers still pending are overdue
    model = DossierListModel(demo_clerk)
    overdue = DossierFilter(due=DueFilter.OVERDUE)
    model.set_filter(overdue)
    assert model.rowCount() == min(PAGE_SIZE, count_dossiers(demo_clerk, overdue)) > 0
    for row in range(model.rowCount()):
        assert model.index(row, COLUMN_INDEX["deadline"]).data() == "Quá hạn"  # the word, not only the colour
        assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BG
    model.set_filter(DossierFilter(statuses=frozenset({Status.RETURNED})))
    summary = model.index(0, 0).data(SUMMARY_ROLE)
    assert summary.status is Status.RETURNED
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, COLUMN_INDEX["status"]).data() == "Đã trả kết quả"


def test_search_results_sort_in_memory(demo_clerk) -> None:  # type: ignore[no-untyped-def]
    model = DossierListModel(demo_clerk)
    model.set_search("nguyen")
    assert model.rows and not model.canFetchMore(QModelIndex())
    model.sort(COLUMN_INDEX["code"], Qt.SortOrder.AscendingOrder)
    codes = [s.code or "" for s in model.rows if s.code]
    assert codes == sorted(codes)
