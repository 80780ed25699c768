"""Form 01, the receipt and appointment slip: content, barcode, QR, copies, markers, layouts."""

from __future__ import annotations

import dataclasses

import pytest

from motcua_desktop.domain.codes import barcode_key, parse_code, parse_lookup
from motcua_desktop.printing import FormDataError, PrintOptions, render_form
from tests.printing import pdfcheck as pc
from tests.printing import samples as s

LAYOUTS = ("a4x2", "a5", "80mm")


def form01(dossier=None, **options) -> bytes:  # type: ignore[no-untyped-def]
    return render_form("01", dossier or s.dossier(), s.context(), PrintOptions(**options))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_field_is_printed_in_order(layout: str) -> None:
    text = pc.flat_text(form01(layout=layout))
    expected_in_order = [
        "UBND XÃ ĐÔNG TIẾN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {s.CODE}",
        barcode_key(s.CODE),
        "Bộ phận tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công xã Đông Tiến",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung (Trực tiếp)",
        "Địa chỉ: Số 12, thôn Phú Thượng, Xã Đông Tiến, Tỉnh Thanh Hóa",
        "Số điện thoại: 0912 345 678",
        "nhung.nguyen@example.vn",
        "038190012345",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh: Khai sinh cho cháu Trần Minh Đức",
        "1. Thành phần hồ sơ nộp gồm:",
        "1) Tờ khai đăng ký khai sinh (Bản chính: 1)",
        "2) Giấy chứng sinh (Bản chính: 1)",
        "3) Giấy chứng nhận kết hôn của cha mẹ (Bản sao chứng thực: 1)",
        "2. Số lượng hồ sơ: 1 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 05 tháng 01 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 08 tháng 01 năm 2026",
        "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả",
        "7. Phí, lệ phí: Không thu phí",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026 Số thứ tự: 137",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Phạm Thị Thu Hà",
        "Ghi chú:",
    ]
    position = 0
    for phrase in expected_in_order:
        found = text.find(phrase, position)
        assert found >= 0, f"{phrase!r} missing or out of order in {layout}"
        position = found + len(phrase)


def test_place_and_date_line_is_official() -> None:
    assert "Đông Tiến, ngày 05 tháng 01 năm 2026" in pc.flat_text(form01())


@pytest.mark.parametrize("layout", LAYOUTS)
def test_two_copies_with_their_labels(layout: str) -> None:
    pdf = form01(layout=layout)
    text = pc.flat_text(pdf)
    assert "(Liên 1: Lưu)" in text
    assert "(Liên 2: Giao người nộp hồ sơ)" in text
    assert pc.page_count(pdf) == (1 if layout == "a4x2" else 2)


def test_copies_option_prints_only_the_applicants_copy() -> None:
    text = pc.flat_text(form01(layout="a5", copies=(2,), reprint=True))
    assert "Liên 2" in text
    assert "Liên 1" not in text


def test_unknown_copy_number_is_refused() -> None:
    with pytest.raises(ValueError, match="copy 3"):
        form01(copies=(3,))


def test_representative_and_channel_are_printed() -> None:
    rep = dataclasses.replace(s.long_dossier().representative)  # type: ignore[arg-type]
    text = pc.flat_text(form01(s.dossier(representative=rep), layout="a5"))
    assert "Người nộp hồ sơ (được ủy quyền): Lê Văn Quyết (Trực tiếp)" in text
    assert "038085001111" in text
    assert "Lê Văn Quyết" in text.split("NGƯỜI NỘP HỒ SƠ")[1]  # the submitter signs


def test_appointment_falls_back_to_due_time_when_not_given() -> None:
    pdf = render_form("01", s.dossier(), s.context(appointment_text=""), PrintOptions())
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 08 tháng 01 năm 2026" in pc.flat_text(pdf)


def test_fee_amount_is_formatted_in_dong() -> None:
    assert "7. Phí, lệ phí: 50.000 đồng" in pc.flat_text(form01(s.dossier(fee_amount=50000)))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nfd_input_is_printed_as_nfc(layout: str) -> None:
    text = " ".join(pc.page_texts(form01(s.nfd_dossier(), layout=layout)))
    assert not pc.has_combining_marks(text)
    flat = " ".join(text.split())
    assert "Nguyễn Thị Hồng Nhung" in flat
    assert "Khai sinh cho cháu Trần Minh Đức" in flat
    assert "Giấy chứng nhận kết hôn của cha mẹ" in flat


@pytest.mark.parametrize("layout", LAYOUTS)
def test_barcode_scans_back_to_the_dossier_on_every_copy(layout: str) -> None:
    pdf = form01(layout=layout)
    codes = []
    for page in range(pc.page_count(pdf)):
        codes += [d for d in pc.decode(pc.render(pdf, page, dpi=200)) if d.format == "Code128"]
    assert len(codes) == 2  # one per copy
    expected = parse_code(s.CODE)
    assert expected is not None
    for found in codes:
        assert found.text == barcode_key(s.CODE)
        lookup = parse_lookup(found.text)
        assert lookup.barcode is not None and lookup.barcode.matches(expected)


def test_a4x2_has_one_barcode_in_each_half() -> None:
    decoded = [d for d in pc.decode(pc.render(form01(layout="a4x2"), dpi=200)) if d.format == "Code128"]
    assert [d.y < 0.5 for d in decoded] == [True, False]


def test_human_readable_key_is_printed_under_the_bars() -> None:
    pdf = form01(layout="a5")
    boxes = pc.char_boxes(pdf)
    key = barcode_key(s.CODE)
    text = "".join(b.char for b in boxes)
    start = text.index(key)
    digits = boxes[start : start + len(key)]
    code_line = boxes[text.index(s.CODE)]
    assert all(d.top < code_line.bottom for d in digits)  # below the "Mã hồ sơ" line, i.e. under the bars


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_option_holds_the_dossier_code(layout: str) -> None:
    with_qr = [d for d in pc.decode(pc.render(form01(layout=layout, qr=True), dpi=200)) if d.format == "QRCode"]
    without = [d for d in pc.decode(pc.render(form01(layout=layout), dpi=200)) if d.format == "QRCode"]
    assert with_qr and all(d.text == s.CODE for d in with_qr)
    assert without == []


def test_reprint_and_corrected_markers() -> None:
    plain = pc.flat_text(form01())
    reprint = pc.flat_text(form01(reprint=True))
    corrected = pc.flat_text(form01(reprint=True, corrected=True))
    assert "BẢN IN LẠI" not in plain
    assert "BẢN IN LẠI ngày 05/01/2026" in reprint and "đã sửa thông tin" not in reprint
    assert "BẢN IN LẠI ngày 05/01/2026 (đã sửa thông tin)" in corrected


def test_receipt_needs_a_dossier_code() -> None:
    with pytest.raises(FormDataError, match="chưa có mã hồ sơ"):
        form01(s.guidance_dossier())


def test_output_is_deterministic() -> None:
    assert form01(qr=True) == form01(qr=True)


def test_unknown_layout_names_the_choices() -> None:
    with pytest.raises(Exception, match="a4x2, a5, 80mm"):
        form01(layout="a3")


def test_a4x2_typical_receipt_keeps_the_nominal_size() -> None:
    """A three-document dossier fits half a sheet without shrinking the 10 pt body."""
    boxes = pc.char_boxes(form01(layout="a4x2"))
    text = "".join(b.char for b in boxes)
    i = text.index("Bộphận")  # spaces are not in the box list
    assert boxes[i].size == pytest.approx(10, abs=0.01)


def test_a4x2_long_receipt_shrinks_or_takes_a_sheet_per_copy() -> None:
    pdf = form01(s.long_dossier(), layout="a4x2")
    sizes = {round(b.size, 1) for b in pc.char_boxes(pdf) if b.char == "B"}
    assert pc.page_count(pdf) == 2 or min(sizes) < 10


def test_roll_paper_page_is_as_tall_as_its_content() -> None:
    short = pc.page_sizes(form01(layout="80mm"))[0]
    tall = pc.page_sizes(form01(s.long_dossier(), layout="80mm"))[0]
    assert short[0] == pytest.approx(80 * pc.MM)
    assert tall[1] > short[1] + 100
