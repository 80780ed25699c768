"""Forms 02–07: each prints its dossier's fields, with diacritics intact."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from motcua_desktop.domain.codes import barcode_key
from motcua_desktop.printing import BookLine, FormDataError, PrintOptions, render_book, render_form
from tests.printing import pdfcheck as pc
from tests.printing import samples as s

HEADER = ("UBND XÃ ĐÔNG TIẾN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def text_of(form_id: str, dossier, **options) -> str:  # type: ignore[no-untyped-def]
    pdf = render_form(form_id, dossier, s.context(), PrintOptions(**options))
    raw = " ".join(pc.page_texts(pdf))
    assert not pc.has_combining_marks(raw)
    flat = " ".join(raw.split())
    for phrase in HEADER:
        assert phrase in flat
    return flat


def test_form02_for_an_open_supplement_round() -> None:
    text = text_of("02", s.supplement_dossier())
    for phrase in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {s.CODE}",
        "Tiếp nhận hồ sơ/yêu cầu của Ông/Bà: Nguyễn Thị Hồng Nhung",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh: Khai sinh cho cháu Trần Minh Đức",
        "1. Bản sao Giấy chứng nhận kết hôn có chứng thực",
        "2. Giấy ủy quyền có xác nhận của UBND xã",
        "Lý do: Giấy chứng nhận kết hôn nộp kèm là bản photo không chứng thực",
        "Quá 15 ngày",
        "NGƯỜI HƯỚNG DẪN",
        "Phạm Thị Thu Hà",
        "dichvucong.gov.vn",
        "0237 3868 123",
    ):
        assert phrase in text, phrase


def test_form02_for_guidance_before_reception_has_no_code() -> None:
    text = text_of("02", s.guidance_dossier())
    assert "Mã hồ sơ" not in text
    assert "Quá 15 ngày" not in text  # no clock before reception
    assert "1. Giấy chứng sinh (bản chính)" in text
    assert "2. Căn cước của người đi khai sinh" in text
    assert "Lý do: Hồ sơ chưa đủ thành phần theo quy định" in text


def test_form02_with_nfd_items_prints_nfc() -> None:
    dossier = dataclasses.replace(s.guidance_dossier(), missing_items=(s.nfd("Giấy chứng sinh (bản chính)"),))
    assert "1. Giấy chứng sinh (bản chính)" in text_of("02", dossier)


def test_form03_desk_refusal_without_code() -> None:
    text = text_of("03", s.refused_dossier())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Mã hồ sơ" not in text
    assert "không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: Việc đăng ký khai sinh thuộc" in text
    assert "Xin thông báo cho Ông/Bà được biết và thực hiện." in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TỪ CHỐI TIẾP NHẬN" in text
    assert "038190012345" in text


def test_form04_apology_and_extension() -> None:
    text = text_of("04", s.extended_dossier())
    for phrase in (
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
        "Ngày 05/01/2026",
        f"mã hồ sơ {s.CODE}",
        "16 giờ 30 phút, ngày 08 tháng 01 năm 2026",  # old appointment
        "16 giờ 30 phút, ngày 13 tháng 01 năm 2026",  # new one
        "Lý do: Cần xác minh thông tin hộ tịch",
        "xin lỗi Ông/Bà",
        "CHỦ TỊCH",
        "Lê Đình Thắng",
        "Nơi nhận:",
    ):
        assert phrase in text, phrase


def test_form04_needs_an_extension() -> None:
    with pytest.raises(FormDataError, match="chưa được gia hạn"):
        render_form("04", s.dossier(), s.context())


def test_form05_notice_of_stopping() -> None:
    text = text_of("05", s.stopped_dossier())
    for phrase in (
        "THÔNG BÁO Dừng giải quyết hồ sơ",
        f"Mã hồ sơ: {s.CODE}",
        "Ngày Ông/Bà đề nghị dừng giải quyết: ngày 07 tháng 01 năm 2026",
        "Lý do: Người nộp hồ sơ đề nghị dừng giải quyết",
        "chưa ban hành văn bản giải quyết",
    ):
        assert phrase in text, phrase


def test_form05_request_date_from_context() -> None:
    pdf = render_form("05", s.stopped_dossier(), s.context(stop_requested_on=date(2026, 1, 6)))
    assert "dừng giải quyết: ngày 06 tháng 01 năm 2026" in pc.flat_text(pdf)


def test_form06_one_row_per_hand_over_plus_blank_rows() -> None:
    pdf = render_form("06", s.handed_dossier(3), s.context())
    text = pc.flat_text(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Kèm theo hồ sơ của: Nguyễn Thị Hồng Nhung" in text
    for phrase in (
        "1. Giao: Trung tâm Phục vụ hành chính công xã Đông Tiến",
        "2. Giao: Công chức Tư pháp - Hộ tịch",
        "3. Giao: Lãnh đạo UBND xã",
        "10 giờ 15 phút, ngày 05 tháng 01 năm 2026",
        "Người giao: Nguyễn Văn Bình",
        "Người nhận: Trần Thị Lan",
        "4. Giao:",
        "5. Giao:",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "Cơ quan phối hợp giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch, Lãnh đạo UBND xã",
    ):
        assert phrase in text, phrase
    assert barcode_key(s.CODE) in [d.text for d in pc.decode(pc.render(pdf, 0, 200))]


def test_form06_long_history_repeats_the_table_header() -> None:
    pdf = render_form("06", s.handed_dossier(12), s.context())
    pages = pc.page_texts(pdf)
    assert len(pages) > 1
    assert all("THỜI GIAN GIAO, NHẬN HỒ SƠ" in " ".join(p.split()) for p in pages)
    assert "12. Giao:" in pc.flat_text(pdf)


def book_lines(count: int) -> list[BookLine]:
    return [BookLine.from_dossier(s.returned_dossier(i)) for i in range(1, count + 1)]


def test_book_line_from_dossier_takes_dates_from_history() -> None:
    line = BookLine.from_dossier(s.returned_dossier(1))
    dossier = s.returned_dossier(1)
    assert line.handed_over_at == dossier.handovers[0].at
    assert line.result_at == dossier.result_at
    assert line.returned_at == dossier.return_record.returned_at  # type: ignore[union-attr]
    assert line.due_at == dossier.original_due_at
    assert line.number == 1 and line.volume == "01/2026"
    assert BookLine.from_dossier(s.returned_dossier(2)).returned_at is None


def test_form07_book_has_the_2018_columns_and_one_line_per_dossier() -> None:
    pdf = render_book(book_lines(5), s.context(), date(2026, 1, 1), date(2026, 1, 31))
    width, height = pc.page_sizes(pdf)[0]
    assert width > height  # A4 landscape
    text = pc.flat_text(pdf)
    for column in (
        "TT",
        "Mã hồ sơ",
        "Tên TTHC",
        "Số lượng hồ sơ (bộ)",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Nhận kết quả từ cơ quan giải quyết",
        "Trả kết quả cho cá nhân, tổ chức",
        "Ký nhận",
        "Ghi chú",
    ):
        assert column in text, column
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 01/01/2026 đến ngày 31/01/2026 (5 hồ sơ)" in text
    assert text.count("Nguyễn Thị Hồng Nhung") == 5
    assert "ĐT: 0912 345 678" in text
    assert "08/01/2026" in text


def test_form07_repeats_the_header_row_on_every_page() -> None:
    pdf = render_book(book_lines(40), s.context(), date(2026, 1, 1), date(2026, 1, 31))
    pages = pc.page_texts(pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        assert "Tên cá nhân, tổ chức" in flat
        assert f"Trang {number}/{len(pages)}" in flat
    assert "SỔ THEO DÕI HỒ SƠ" not in " ".join(pages[1].split())  # title only on the first page


def test_form07_empty_period() -> None:
    text = pc.flat_text(render_book([], s.context(), date(2026, 2, 1), date(2026, 2, 28)))
    assert "Không có hồ sơ nào trong khoảng thời gian này." in text


def test_a4_layout_of_an_a5_form() -> None:
    pdf = render_form("02", s.supplement_dossier(), s.context(), PrintOptions(layout="a4"))
    assert pc.page_sizes(pdf)[0] == pytest.approx((595.27, 841.89), abs=0.1)
    a5 = render_form("02", s.supplement_dossier(), s.context())
    assert pc.page_sizes(a5)[0] == pytest.approx((419.53, 595.27), abs=0.1)


def test_forms_without_code_are_refused_where_the_code_is_needed() -> None:
    for form_id in ("04", "05", "06"):
        with pytest.raises(FormDataError):
            render_form(form_id, s.guidance_dossier(), s.context())
    with pytest.raises(ValueError, match="render_book"):
        render_form("07", s.dossier(), s.context())
