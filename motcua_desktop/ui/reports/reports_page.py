"""Báo cáo: pick a report and a period, preview it (table + chart), export XLSX/PDF, print.

Double-clicking a figure that one dossier list can show (II.06a columns (4), (6)–(11), the
closing sheet's "received" and "returned" sections) or a bar of the chart emits
``open_list(filter)``, like the dashboard.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.reports.period import Period, PeriodKind
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.reports.build import ReportKind, clerks, office_period_cutoff, office_rule
from motcua_desktop.services.reports.files import build_report, report_file, save_report
from motcua_desktop.services.reports.preview import cell_filter, make_period, preview, report_chart
from motcua_desktop.ui.reports import charts
from motcua_desktop.ui.shell.page import Page
from motcua_desktop.ui.shell.widgets import shortcut_button

STYLE_BACKGROUND = {"group": "#F2F2F2", "total": "#D9D9D9"}
CHART_COLORS = {
    "early": charts.COLORS["early"],
    "on_time": charts.COLORS["on_time"],
    "late": charts.COLORS["late"],
    "in_time": charts.COLORS["muted"],
    "overdue": "#EF9A9A",
    "very_satisfied": charts.COLORS["early"],
    "satisfied": charts.COLORS["on_time"],
    "dissatisfied": charts.COLORS["late"],
}
FILE_FILTERS = {"xlsx": "Bảng tính Excel (*.xlsx)", "pdf": "Tệp PDF (*.pdf)"}


class ReportsPage(Page):
    """Reports are built when asked for (Xem báo cáo), so no change makes this page out of date."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: Any = None
        self.tables: list[QTableWidget] = []
        self._canvas: Any = None
        self.setObjectName("reports_page")
        today = business_day(ctx.clock.now())

        self.kind = QComboBox(self)
        self.kind.setObjectName("report_kind")
        for kind in ReportKind:
            if self._allowed(kind):
                self.kind.addItem(kind.label, kind.value)
        self.period_kind = QComboBox(self)
        self.period_kind.setObjectName("period_kind")
        for pk in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR, PeriodKind.DAY, PeriodKind.CUSTOM):
            self.period_kind.addItem(pk.label, pk.value)
        self.number = QSpinBox(self)
        self.number.setObjectName("period_number")
        self.number.setRange(1, 12)
        self.number.setValue(today.month)
        # the month (or quarter) before the year: Tab goes left to right, as they stand
        self.year = QSpinBox(self)
        self.year.setObjectName("period_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.date_from = self._date_edit("period_from", today)
        self.date_to = self._date_edit("period_to", today)
        self.cutoff = QCheckBox("Từ ngày 15 tháng trước đến ngày 14", self)
        self.cutoff.setObjectName("period_cutoff")
        self.cutoff.setChecked(office_period_cutoff(ctx))
        self.rule = QComboBox(self)
        self.rule.setObjectName("report_rule")
        self.rule.addItem(f"Theo cài đặt của đơn vị ({office_rule(ctx).label})", "")
        for rule in TimelinessRule:
            self.rule.addItem(rule.label, rule.value)
        self.clerk = QComboBox(self)
        self.clerk.setObjectName("report_clerk")
        try:
            for username, name in clerks(ctx):
                self.clerk.addItem(f"{name} ({username})", username)
        except KnownError:
            pass
        if ctx.session is not None:
            self.clerk.setCurrentIndex(max(0, self.clerk.findData(ctx.session.username)))

        form = QFormLayout()
        form.addRow("&Báo cáo", self.kind)
        period_row = QHBoxLayout()
        for widget in (self.period_kind, self.number, self.year, self.date_from, self.date_to, self.cutoff):
            period_row.addWidget(widget)
        period_row.addStretch(1)
        period_label = QLabel("&Kỳ báo cáo", self)
        period_label.setBuddy(self.period_kind)
        form.addRow(period_label, period_row)
        self.rule_label = QLabel("&Cách tính đúng hạn", self)
        self.rule_label.setBuddy(self.rule)
        form.addRow(self.rule_label, self.rule)
        self.clerk_label = QLabel("Cá&n bộ", self)
        self.clerk_label.setBuddy(self.clerk)
        form.addRow(self.clerk_label, self.clerk)

        self.show_button = shortcut_button("Xem báo cáo", "F5")
        self.show_button.setObjectName("show_report")
        self.xlsx_button = shortcut_button("Xuất Excel…", "Ctrl+E")
        self.xlsx_button.setObjectName("export_xlsx")
        self.pdf_button = shortcut_button("Xuất PDF…", "Ctrl+Shift+E")
        self.pdf_button.setObjectName("export_pdf")
        self.print_button = shortcut_button("In…", "Ctrl+P", "In báo cáo")
        self.print_button.setObjectName("print_report")
        buttons = QHBoxLayout()
        for button in (self.show_button, self.xlsx_button, self.pdf_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("report_tables")
        self.chart_area = QWidget(self)
        self.chart_layout = QVBoxLayout(self.chart_area)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.notes = QLabel(self)
        self.notes.setObjectName("report_notes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.chart_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.status)

        self.kind.currentIndexChanged.connect(self._update_inputs)
        self.period_kind.currentIndexChanged.connect(self._update_inputs)
        for combo in (self.kind, self.period_kind, self.rule, self.clerk):
            combo.currentIndexChanged.connect(self._forget)
        for spin in (self.year, self.number):
            spin.valueChanged.connect(self._forget)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._forget)
        self.show_button.clicked.connect(self.show_report)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.print_button.clicked.connect(self.print_report)
        self.add_shortcut("Xem báo cáo", "F5", self.show_button.click)
        self.add_shortcut("Xuất báo cáo ra Excel…", "Ctrl+E", self.xlsx_button.click)
        self.add_shortcut("Xuất báo cáo ra PDF…", "Ctrl+Shift+E", self.pdf_button.click)
        self.add_shortcut("In báo cáo…", "Ctrl+P", self.print_button.click)
        self._update_inputs()

    # ----- choices ----------------------------------------------------------------------

    def _forget(self) -> None:
        """A choice changed: the next export or print builds the report again."""
        self.report = None

    def _allowed(self, kind: ReportKind) -> bool:
        if kind is ReportKind.BOOK:
            return self.ctx.can(Permission.PRINT)
        if kind is ReportKind.CLOSING:
            return self.ctx.can(Permission.SEARCH)
        return self.ctx.can(Permission.REPORTS)

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def selected_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def select(self, kind: ReportKind, period_kind: PeriodKind) -> None:
        """Chooses a report and a kind of period (as a user would with the two lists)."""
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.period_kind.setCurrentIndex(self.period_kind.findData(period_kind.value))

    def _update_inputs(self) -> None:
        kind = self.selected_kind() if self.kind.count() else None
        if kind is ReportKind.CLOSING and self.period_kind.currentData() != PeriodKind.DAY.value:
            self.period_kind.setCurrentIndex(self.period_kind.findData(PeriodKind.DAY.value))
            return
        pk = PeriodKind(self.period_kind.currentData())
        self.number.setVisible(pk in (PeriodKind.MONTH, PeriodKind.QUARTER))
        self.number.setRange(1, 4 if pk is PeriodKind.QUARTER else 12)
        self.number.setPrefix("Quý " if pk is PeriodKind.QUARTER else "Tháng ")
        self.year.setVisible(pk in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR))
        self.date_from.setVisible(pk in (PeriodKind.DAY, PeriodKind.CUSTOM))
        self.date_to.setVisible(pk is PeriodKind.CUSTOM)
        self.cutoff.setVisible(pk in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR))
        self.period_kind.setEnabled(kind is not ReportKind.CLOSING)
        for widget in (self.rule, self.rule_label):
            widget.setVisible(kind is ReportKind.II06A)
        for widget in (self.clerk, self.clerk_label):
            widget.setVisible(kind is ReportKind.CLOSING)

    def selected_period(self) -> Period:
        start, end = _day(self.date_from), _day(self.date_to)
        return make_period(
            self.period_kind.currentData(),
            year=self.year.value(),
            number=self.number.value(),
            start=start,
            end=end,
            cutoff=self.cutoff.isChecked(),
        )

    # ----- actions ------------------------------------------------------------------------

    def _run(self, action: Any) -> Any:
        """Runs a service call; a known problem is shown under the report, not raised."""
        try:
            result = action()
        except KnownError as exc:
            self.status.setText(str(exc))
            self.status.setStyleSheet("color: #b71c1c;")
            return None
        return result

    def show_report(self) -> Any:
        """Builds the chosen report and shows it; returns it (None after a known problem)."""
        kind = self.selected_kind()

        def build() -> Any:
            rule = TimelinessRule(self.rule.currentData()) if self.rule.currentData() else None
            clerk = self.clerk.currentData() if kind is ReportKind.CLOSING else None
            return build_report(self.ctx, kind, self.selected_period(), rule=rule, clerk=clerk)

        report = self._run(build)
        if report is None:
            return None
        self.report = report
        self._show_tables(report)
        self._show_chart(report)
        self.status.setStyleSheet("")
        self.status.setText(f"Đã lập: {kind.label}.")
        return report

    def _show_tables(self, report: Any) -> None:
        self.tabs.clear()
        self.tables = []
        notes: list[str] = []
        for index, table in enumerate(preview(report)):
            widget = QTableWidget(len(table.rows), len(table.headings), self.tabs)
            widget.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
            widget.setObjectName(f"report_table_{index}")
            widget.setHorizontalHeaderLabels(
                [_wrap(h) if numeric else h for h, numeric in zip(table.headings, table.numeric, strict=True)]
            )
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.verticalHeader().setVisible(False)
            widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for r, (values, style) in enumerate(zip(table.rows, table.styles, strict=True)):
                for c, text in enumerate(values):
                    item = QTableWidgetItem(text)
                    if table.numeric[c]:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if style in STYLE_BACKGROUND:
                        item.setBackground(QBrush(QColor(STYLE_BACKGROUND[style])))
                        font = QFont(item.font())
                        font.setBold(True)
                        item.setFont(font)
                    widget.setItem(r, c, item)
            widget.resizeColumnsToContents()
            for c in range(len(table.headings)):  # long labels wrap in their cell rather than widen it
                widget.setColumnWidth(c, min(widget.columnWidth(c), 110 if table.numeric[c] else 380))
            widget.setWordWrap(True)
            widget.resizeRowsToContents()
            widget.cellDoubleClicked.connect(lambda r, c, t=index: self.open_cell(t, r, c))
            self.tabs.addTab(widget, table.title.capitalize() if index else "Báo cáo")
            self.tables.append(widget)
            notes += [n for n in table.notes if n not in notes]
        self.notes.setText("\n".join(notes))

    def _show_chart(self, report: Any) -> None:
        chart = report_chart(report)
        self.chart_area.setVisible(chart is not None)
        if chart is None:
            return
        if self._canvas is None:
            self._canvas = charts.make_canvas(self.chart_area, width=3.6, height=3.0)
            self._canvas.setObjectName("report_chart")
            self.chart_layout.addWidget(self._canvas)
        filters = chart.filters
        charts.bar_chart(
            self._canvas,
            title=chart.title,
            labels=chart.labels,
            values=chart.values,
            keys=chart.keys,
            colors=[CHART_COLORS[k] for k in chart.keys],
            on_pick=lambda key: self.open_list.emit(filters[key]) if key in filters else None,
            horizontal=True,
        )

    def chart_canvas(self) -> Any:
        return self._canvas

    def open_cell(self, table: int, row: int, column: int) -> None:
        """Opens the list behind a figure of the preview, when there is one."""
        if self.report is None:
            return
        found = cell_filter(self.report, table, row, column)
        if found is not None:
            self.open_list.emit(found)

    def export(self, fmt: str, path: str | None = None) -> str | None:
        """Saves the shown report (built first if needed) as ``fmt``; asks where unless ``path``."""
        if self.report is None and self.show_report() is None:
            return None
        made = self._run(lambda: report_file(self.ctx, self.report, fmt))
        if made is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Lưu báo cáo", made.file_name, FILE_FILTERS.get(fmt, ""))
            if not path:
                return None
        target = Path(path)

        def save() -> bool:
            save_report(target, made.data)
            return True

        if self._run(save) is None:
            return None
        self.status.setStyleSheet("")
        self.status.setText(f"Đã lưu {path}.")
        return path

    def print_report(self) -> Any:
        """Opens the print preview of the report's PDF (its Print button prints)."""
        if self.report is None and self.show_report() is None:
            return None
        made = self._run(lambda: report_file(self.ctx, self.report, "pdf"))
        if made is None:
            return None
        from motcua_desktop.ui.printing.qt_printing import preview_dialog

        dialog = self._run(lambda: preview_dialog(made.data, parent=self))
        if dialog is not None:
            dialog.open()
        return dialog


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _wrap(heading: str, width: int = 16) -> str:
    """Narrow figure columns: their heading wraps over several lines."""
    import textwrap

    return "\n".join(textwrap.fill(part, width) for part in heading.split("\n"))
