"""Long names, addresses and lists wrap inside the margins; nothing overlaps or is cut off."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from motcua_desktop.domain.dossier import HandOver
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.printing import BookLine, PrintOptions, render_book, render_form, template_for
from motcua_desktop.printing.fonts import font_family
from motcua_desktop.printing.wrapping import Measurer, wrap
from tests.printing import pdfcheck as pc
from tests.printing import samples as s

SLACK = 1.5  # points: italic overhang, anti-aliased glyph edges
ACCENT_SLACK = 4.0  # stacked marks on capitals ("Ấ") rise above the line box at the top margin


def long_for(form_id: str):  # type: ignore[no-untyped-def]
    base = s.long_dossier()
    reason = "Lý do rất dài: " + "thiếu xác nhận của cơ quan có thẩm quyền về tình trạng hôn nhân, " * 4
    items = tuple(
        f"Giấy tờ thứ {i}: bản sao có chứng thực giấy chứng nhận quyền sử dụng đất số {i}" for i in range(1, 16)
    )
    units = (
        "Trung tâm Phục vụ hành chính công xã Đông Tiến (Bộ phận tiếp nhận và trả kết quả)",
        "Phòng Kinh tế, Hạ tầng và Đô thị kiêm Văn phòng đăng ký đất đai chi nhánh khu vực",
    )
    handovers = tuple(
        HandOver(vn_datetime(2026, 1, 5 + i, 9, 0), units[i % 2], units[(i + 1) % 2], "Nguyễn Văn Bình", "Trần Thị Lan")
        for i in range(6)
    )
    return dataclasses.replace(
        base,
        code=None if form_id in ("02", "03") else base.code,
        missing_items=items,
        reason=reason,
        handovers=handovers,
        extension=s.extended_dossier().extension,
        finished_at=vn_datetime(2026, 1, 7, 8, 0),
    )


CASES = [
    ("01", "a4x2"),
    ("01", "a5"),
    ("01", "80mm"),
    ("02", "a5"),
    ("02", "a4"),
    ("03", "a5"),
    ("04", "a5"),
    ("05", "a5"),
    ("06", "a5"),
    ("06", "a4"),
]


def assert_inside(pdf: bytes, form_id: str, layout: str) -> None:
    top_m, right_m, _, left_m = template_for(form_id).layout(layout).margins
    floor = 3 * pc.MM  # most printers cannot print closer to the edge
    texts = pc.page_texts(pdf)
    for page, (width, height) in enumerate(pc.page_sizes(pdf)):
        boxes = pc.char_boxes(pdf, page)
        assert boxes, f"page {page + 1} is empty"
        two_copies = "Liên 1" in texts[page] and "Liên 2" in texts[page]
        for b in boxes:
            assert b.left >= left_m - SLACK, (b, "left margin")
            assert b.right <= width - right_m + SLACK, (b, "right margin")
            assert b.bottom >= floor, (b, "bottom edge")
            assert b.top <= height - top_m + ACCENT_SLACK, (b, "top margin")
            if two_copies:
                assert b.top < height / 2 or b.bottom > height / 2, (b, "crosses the cut line")
        assert pc.overlapping_chars(boxes) == [], f"overlapping text on page {page + 1}"


@pytest.mark.parametrize(("form_id", "layout"), CASES)
def test_long_content_stays_inside_the_margins(form_id: str, layout: str) -> None:
    dossier = long_for(form_id)
    pdf = render_form(form_id, dossier, s.context(), PrintOptions(layout=layout, qr=True, reprint=True))
    assert_inside(pdf, form_id, layout)
    text = pc.flat_text(pdf)
    if form_id == "01":
        assert "Tôn Nữ Hoàng Thị Ngọc Bích Phương Thảo Nguyễn Huỳnh Đức" in text
        assert dossier.applicant.address.one_line() in text
        for i in range(1, 16):
            assert f"{i}) Bản sao giấy tờ chứng minh quyền sử dụng đất" in text
            assert f"thửa đất số {i} kèm" in text or f"đất số {i} kèm" in text


@pytest.mark.parametrize(("form_id", "layout"), [c for c in CASES if c[0] != "01"])
def test_typical_content_stays_inside_the_margins(form_id: str, layout: str) -> None:
    dossier = {
        "02": s.supplement_dossier(),
        "03": s.refused_dossier(),
        "04": s.extended_dossier(),
        "05": s.stopped_dossier(),
        "06": s.handed_dossier(),
    }[form_id]
    pdf = render_form(form_id, dossier, s.context(), PrintOptions(layout=layout))
    assert_inside(pdf, form_id, layout)
    assert pc.page_count(pdf) == 1


@pytest.mark.parametrize("layout", ["a4x2", "a5", "80mm"])
def test_typical_receipt_fits_one_frame_per_copy(layout: str) -> None:
    pdf = render_form("01", s.dossier(), s.context(), PrintOptions(layout=layout, qr=True))
    assert_inside(pdf, "01", layout)
    assert pc.page_count(pdf) == (1 if layout == "a4x2" else 2)


def test_long_book_lines_wrap_inside_their_columns() -> None:
    long = s.long_dossier()
    lines = [dataclasses.replace(BookLine.from_dossier(long), number=i) for i in range(1, 8)]
    pdf = render_book(lines, s.context(), date(2026, 1, 1), date(2026, 1, 31))
    assert_inside(pdf, "07", "a4_landscape")
    assert pc.page_count(pdf) >= 2


def test_barcode_bars_stay_inside_the_roll_width() -> None:
    pdf = render_form("01", s.long_dossier(), s.context(), PrintOptions(layout="80mm", qr=True))
    image = pc.render(pdf, 0, dpi=203)
    gray = image.convert("L")
    px_per_mm = 203 / 25.4
    for x in list(range(round(3.5 * px_per_mm))) + list(range(round(76.5 * px_per_mm), gray.width)):
        column = [gray.getpixel((x, y)) for y in range(0, gray.height, 4)]
        assert min(column) > 200, f"ink at x={x / px_per_mm:.1f} mm, outside the 72 mm printable width"


# --- the wrapper itself -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def measurer() -> Measurer:
    return Measurer(font_family())


def test_wrap_keeps_every_line_within_width(measurer: Measurer) -> None:
    runs = ((0, "Tiếp nhận hồ sơ của: "), (1, "Nguyễn Thị Hồng Nhung"), (0, " " + "rất dài " * 30))
    lines = wrap(runs, 150, 11, measurer)
    assert len(lines) > 3
    assert all(line.width <= 150.01 for line in lines)
    assert lines[0].segments[1][0] == measurer.font_name(1)  # the name stays bold


def test_wrap_cuts_a_long_code_after_a_dash(measurer: Measurer) -> None:
    lines = wrap(((0, "000.00.12.H56-260105-0137"),), 70, 10, measurer)
    texts = ["".join(seg[2] for seg in line.segments) for line in lines]
    assert "".join(texts) == "000.00.12.H56-260105-0137"
    assert texts[0].endswith(("-", "."))
    assert all(line.width <= 70.01 for line in lines)


def test_wrap_honours_newlines_and_first_line_indent(measurer: Measurer) -> None:
    lines = wrap(((0, "một\nhai ba"),), 200, 10, measurer)
    assert ["".join(s[2] for s in line.segments) for line in lines] == ["một", "hai ba"]
    text = ((0, "chữ " * 40),)
    indented = wrap(text, 200, 10, measurer, first_width=150)
    assert indented[0].width <= 150.01 < indented[1].width + 60


def test_a4x2_medium_receipt_shrinks_but_keeps_both_copies_on_one_sheet() -> None:
    dossier = s.dossier(documents=s.DOCUMENTS * 3, representative=s.long_dossier().representative)
    pdf = render_form("01", dossier, s.context(), PrintOptions(layout="a4x2"))
    assert pc.page_count(pdf) == 1
    sizes = {round(b.size, 1) for b in pc.char_boxes(pdf) if b.char == "B"}
    assert min(sizes) < 10  # shrunk from the nominal 10 pt body
    assert_inside(pdf, "01", "a4x2")
    assert len([d for d in pc.decode(pc.render(pdf, 0, 200)) if d.format == "Code128"]) == 2


def test_a_book_row_taller_than_a_page_is_split_across_pages() -> None:
    note = " ".join(f"mục{i}" for i in range(400))
    line = dataclasses.replace(BookLine.from_dossier(s.returned_dossier(1)), note=note)
    pdf = render_book(
        [line, BookLine.from_dossier(s.returned_dossier(2))], s.context(), date(2026, 1, 1), date(2026, 1, 31)
    )
    assert pc.page_count(pdf) > 2
    words = pc.flat_text(pdf).split()
    assert all(f"mục{i}" in words for i in range(400))
    assert "000.00.12.H56-260105-0001" in pc.page_texts(pdf)[0].replace("\r\n", "")  # starts on page 1
    assert_inside(pdf, "07", "a4_landscape")
