"""Periodic reports as pure functions from figures to report objects and files.

No Qt and no SQL: ``services.reports.build`` reads the figures (``storage.report_queries``) and calls the
builders here; every report turns into ``Sheet``s that ``xlsx``, ``pdf`` and ``csv_file`` render,
and into the JSON the command line prints. Definitions: ``docs/reports.md``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.sheet import Sheet

if TYPE_CHECKING:
    from motcua_desktop.reports.pdf import Fonts

FORMATS = ("xlsx", "pdf", "csv", "json")


class Report(Protocol):
    kind: ClassVar[str]  # "ii06a", "book", "closing", "satisfaction", "trips"

    @property
    def header(self) -> ReportHeader: ...

    def sheets(self) -> list[Sheet]: ...

    def as_json(self) -> dict[str, Any]: ...


def render(report: Report, fmt: str, fonts: Fonts | None = None) -> bytes:
    """The file of ``report`` in ``fmt`` (one of ``FORMATS``); PDF needs the registered fonts."""
    # The renderers (XlsxWriter, reportlab) are imported here: the dashboard and the period
    # pickers use this package without needing them.
    if fmt == "json":
        return json.dumps(report.as_json(), ensure_ascii=False, indent=2).encode("utf-8")
    sheets = report.sheets()
    if fmt == "xlsx":
        from motcua_desktop.reports.xlsx import write_workbook

        return write_workbook(sheets, created=report.header.generated_at, author=report.header.unit)
    if fmt == "pdf":
        from motcua_desktop.reports.pdf import render_pdf

        if fonts is None:
            raise ValueError("PDF needs the registered fonts")
        return render_pdf(sheets, fonts, author=report.header.unit)
    if fmt == "csv":
        from motcua_desktop.reports.csv_file import BOM, write_csv

        if len(sheets) == 1:
            return write_csv(sheets[0])
        parts = [write_csv(s).decode("utf-8").removeprefix(BOM) for s in sheets]
        titled = [f"{s.title}\r\n{part}" for s, part in zip(sheets, parts, strict=True)]
        return (BOM + "\r\n".join(titled)).encode("utf-8")
    raise ValueError(f"unknown report format {fmt!r}")
