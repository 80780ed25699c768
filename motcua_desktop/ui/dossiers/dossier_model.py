"""The dossier list as a lazy table model over keyset pages (``services.dossiers.lists``).

The view asks for rows as the user scrolls (``canFetchMore``/``fetchMore``); each page costs the
same at the millionth row as at the first, and rows never shown are never loaded. Sorting goes
back to the database (``SortOrder``), names in Vietnamese order through the stored key. A search
(code, barcode, ID number, phone, name without diacritics) shows its results instead of pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from motcua_desktop.domain.deadline import Tone, urgency
from motcua_desktop.domain.dossier import DossierSummary
from motcua_desktop.domain.dossier_filter import DossierFilter, SortColumn, SortOrder
from motcua_desktop.domain.text import vietnamese_sort_key
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime, to_vn
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lists import list_dossiers, near_due_before, next_key
from motcua_desktop.services.dossiers.lookup import search_dossiers

PAGE_SIZE = 100
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 10
OVERDUE_BG = QColor("#fce8e6")
NEAR_DUE_BG = QColor("#fef7e0")
_BRUSHES = {Tone.ALERT: QBrush(OVERDUE_BG), Tone.WARNING: QBrush(NEAR_DUE_BG)}
_ROLES = frozenset(
    int(role.value)
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole)
) | {SUMMARY_ROLE}


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort: SortColumn | None = None


COLUMNS = (
    Column("code", "Mã hồ sơ", SortColumn.CODE),
    Column("applicant", "Người nộp", SortColumn.NAME),
    Column("procedure", "Thủ tục"),
    Column("received", "Ngày nhận", SortColumn.RECEIVED),
    Column("due", "Hẹn trả", SortColumn.DUE),
    Column("deadline", "Thời hạn"),
    Column("status", "Trạng thái", SortColumn.STATUS),
    Column("clerk", "Cán bộ nhận"),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


def deadline_text(summary: DossierSummary, now: datetime, near_due_before: datetime) -> str:
    """The "Thời hạn" column: the deadline's urgency (``domain.deadline``), or how it ended."""
    found = urgency(summary.status, summary.due_at, now, near_due_before)
    if found is not None:
        return found.label
    return summary.outcome.label if summary.outcome is not None else ""


class DossierListModel(QAbstractTableModel):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = DossierFilter()
        self.order = SortOrder()
        self.search_text = ""
        self.rows: list[DossierSummary] = []
        self.pages_fetched = 0
        self._loaded = False  # the first page is read by the first set_filter/set_search, not before
        self._more = False
        self._now = ctx.clock.now()
        self._near = self._now
        self._cache: dict[int, tuple[tuple[str, ...], QBrush | None, dict[int, str]]] = {}

    # --- loading ----------------------------------------------------------------------------
    def set_filter(self, dossier_filter: DossierFilter) -> None:
        self.filter = dossier_filter
        self.search_text = ""
        self.reload()

    def set_search(self, text: str) -> None:
        self.search_text = text.strip()
        self.reload()

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._cache.clear()
        self._now = self.ctx.clock.now()
        self._near = near_due_before(self.ctx)
        self.pages_fetched = 0
        if self.search_text:
            self.rows = search_dossiers(self.ctx, self.search_text, limit=200, prefix=True)
            self._more = False
        else:
            self.rows = self._page(None)
        self.endResetModel()

    def _page(self, after: tuple[object, int] | None) -> list[DossierSummary]:
        page = list_dossiers(self.ctx, self.filter, self.order, limit=PAGE_SIZE, after=after)
        self.pages_fetched += 1
        self._more = len(page) == PAGE_SIZE
        return page

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self.rows:
            return
        page = self._page(next_key(self.rows[-1], self.order))
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def row_of(self, dossier_uuid: str) -> int | None:
        """The line of a dossier among those loaded so far."""
        return next((row for row, s in enumerate(self.rows) if s.uuid == dossier_uuid), None)

    def holds(self, dossier_uuid: str) -> bool:
        return self.row_of(dossier_uuid) is not None

    def refresh_row(self, summary: DossierSummary) -> None:
        """Shows the new state of a dossier that was changed from the detail panel."""
        for row, old in enumerate(self.rows):
            if old.uuid == summary.uuid:
                self.rows[row] = summary
                self._cache.pop(row, None)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return

    # --- the table --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            column = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Bấm để sắp xếp theo {column.title.lower()}" if column.sort else "Cột này không sắp xếp được"
        return None

    def summary(self, row: int) -> DossierSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and every role on each paint: unknown roles leave at once,
        # and a row's texts and colour are worked out once, then cached until the next reload.
        if role not in _ROLES:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.rows) or not 0 <= column < len(COLUMNS):
            return None
        if role == SUMMARY_ROLE:
            return self.rows[row]
        cached = self._cache.get(row)
        if cached is None:
            cached = self._cache[row] = self._render(self.rows[row])
        texts, brush, tips = cached
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return brush
        return tips.get(column)

    def _render(self, summary: DossierSummary) -> tuple[tuple[str, ...], QBrush | None, dict[int, str]]:
        found = urgency(summary.status, summary.due_at, self._now, self._near)
        brush = _BRUSHES.get(found.tone) if found is not None else None
        tips = {COLUMN_INDEX["procedure"]: summary.procedure_name}
        if summary.representative_name:
            tips[COLUMN_INDEX["applicant"]] = (
                f"{summary.applicant_name} (người nộp thay: {summary.representative_name})"
            )
        if summary.due_at is not None:
            tips[COLUMN_INDEX["due"]] = fmt_datetime(summary.due_at)
        return tuple(self._text(summary, c.key) for c in COLUMNS), brush, tips

    def _text(self, s: DossierSummary, key: str) -> str:
        if key == "code":
            return s.code or "(chưa cấp mã)"
        if key == "applicant":
            return s.applicant_name
        if key == "procedure":
            return s.procedure_name
        if key == "received":
            return fmt_date(s.received_at)
        if key == "due":
            if s.due_at is None:
                return ""
            due = to_vn(s.due_at)
            return f"{due:%H:%M} {fmt_date(due)}" if s.status.is_pending else fmt_date(due)
        if key == "deadline":
            return deadline_text(s, self._now, self._near)
        if key == "status":
            return s.status.label
        if key == "clerk":
            return s.received_by
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        wanted = SortOrder(COLUMNS[column].sort, order == Qt.SortOrder.DescendingOrder)  # type: ignore[arg-type]
        if wanted == self.order and self.rows:
            return
        self.order = wanted
        if not self._loaded:  # the view's sort indicator, set before the page's first reload
            return
        if not self.search_text:
            self.reload()
            return
        self.layoutAboutToBeChanged.emit()
        self._cache.clear()
        self.rows.sort(key=lambda s: _sort_key(s, wanted.column), reverse=wanted.descending)
        self.layoutChanged.emit()

    def sort_section(self) -> tuple[int, Qt.SortOrder]:
        index = next(i for i, c in enumerate(COLUMNS) if c.sort is self.order.column)
        return index, Qt.SortOrder.DescendingOrder if self.order.descending else Qt.SortOrder.AscendingOrder


def _sort_key(s: DossierSummary, column: SortColumn) -> tuple[bool, str]:
    """In-memory order of search results, the same as the database's for pages."""
    value = {
        SortColumn.CODE: s.code,
        SortColumn.NAME: vietnamese_sort_key(s.applicant_name),
        SortColumn.RECEIVED: s.received_at.isoformat(),
        SortColumn.DUE: s.due_at.isoformat() if s.due_at else None,
        SortColumn.STATUS: s.status.value,
    }[column]
    return (value is not None, value or "")
