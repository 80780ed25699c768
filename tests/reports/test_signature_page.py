"""II.06a on paper: a signature block is never alone on a page, whatever the number of rows."""

from __future__ import annotations

from datetime import date

from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.printing.fonts import font_family
from motcua_desktop.reports import render
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.ii06a import Counts, ProcedureTally, build_ii06a
from motcua_desktop.reports.period import month_period
from tests.printing import pdfcheck as pc

HEADER = ReportHeader(
    superior="UBND xã Đông Tiến",
    unit="Trung tâm Phục vụ hành chính công xã Đông Tiến",
    recipient="UBND xã Đông Tiến",
    place="Đông Tiến",
    generated_at=vn_datetime(2026, 12, 1, 9, 0),
    preparer="Trần Văn Lãnh",
)


def report_pdf(procedures: int) -> bytes:
    tallies = [
        ProcedureTally(
            f"Lĩnh vực {i % 3}", f"9.{i:06d}", f"9.{i:06d}", f"Thủ tục số {i:03d}", Counts(direct_postal=i, on_time=i)
        )
        for i in range(1, procedures + 1)
    ]
    report = build_ii06a(HEADER, month_period(2026, 11), date(2026, 11, 30), TimelinessRule.DATE_PART, tallies)
    return render(report, "pdf", font_family())


# Row counts around each page end (without the keep-together the signatures of 2–17 and 31–47
# procedures landed alone on a page).
COUNTS = (1, 2, 5, 9, 13, 17, 18, 30, 31, 39, 47, 48, 60)


def test_the_signatures_always_share_their_page_with_rows_of_the_table() -> None:
    moved = 0
    for procedures in COUNTS:
        pages = pc.page_texts(report_pdf(procedures))
        signed = [i for i, text in enumerate(pages) if "NGƯỜI LẬP BÁO CÁO" in text]
        assert len(signed) == 1, procedures
        page = pages[signed[0]]
        assert "Thủ tục số" in page or "TỔNG SỐ" in page, f"{procedures} procedures: signatures alone on a page"
        if signed[0] and "TỔNG SỐ" not in page:
            moved += 1
            assert "Lĩnh vực, công việc giải quyết theo cấp" in page  # the moved rows keep their headings
    assert moved > 0  # some row counts do reach the case where rows had to follow the signatures
