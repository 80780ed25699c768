"""Golden text of every form: the PDF's text, line by line, equals the form as it should read, filled
with the sample dossier (``tests/printing/samples.py``).

Each golden file in ``tests/printing/golden/`` is the template of ``shared/domain/forms.md`` filled in
by hand-checked values; it was reviewed line by line against forms.md and the rendered page images
(``docs/forms/``). Before a line-by-line comparison, each form's official items are also checked to
appear in the order forms.md gives them, so a golden file rewritten after a layout change still has to
follow the circular. After an intended change of wording or layout, rewrite the files with
``MOTCUA_UPDATE_GOLDEN=1 pytest tests/printing/test_golden_text.py`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from motcua_desktop.domain.codes import barcode_key
from motcua_desktop.printing import BookLine, PrintOptions, render_book, render_form
from tests.printing import pdfcheck as pc
from tests.printing import samples as s

GOLDEN = Path(__file__).parent / "golden"
PAGE_BREAK = "———— trang mới ————"

HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

# The items of each form in the order forms.md prints them (§3–§9), as they read on paper.
ORDER: dict[str, list[str]] = {
    "form01": [
        "UBND XÃ ĐÔNG TIẾN",
        *HEADER,
        "Đông Tiến, ngày 05 tháng 01 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {s.CODE}",
        barcode_key(s.CODE),
        "Bộ phận tiếp nhận và trả kết quả:",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Địa chỉ:",
        "Số điện thoại:",
        "Email:",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "1. Thành phần hồ sơ nộp gồm:",
        "2. Số lượng hồ sơ: 1 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 05 tháng 01 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 08 tháng 01 năm 2026",
        "6. Đăng ký nhận kết quả tại:",
        "7. Phí, lệ phí: Không thu phí",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Ghi chú:",
        "(Liên 2: Giao người nộp hồ sơ)",
    ],
    "form02": [
        *HEADER,
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Tiếp nhận hồ sơ/yêu cầu của Ông/Bà: Nguyễn Thị Hồng Nhung",
        "Nội dung yêu cầu giải quyết:",
        "Địa chỉ:",
        "Số điện thoại:",
        "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:",
        "1. Bản sao Giấy chứng nhận kết hôn có chứng thực",
        "Lý do:",
        "NGƯỜI HƯỚNG DẪN",
    ],
    "form03": [
        *HEADER,
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Địa chỉ:",
        "Số điện thoại:",
        "Nội dung yêu cầu giải quyết:",
        "không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "Xin thông báo cho Ông/Bà được biết và thực hiện.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TỪ CHỐI TIẾP NHẬN",
    ],
    "form04": [
        "UBND XÃ ĐÔNG TIẾN",
        "Số: ………/………",
        "V/v xin lỗi và đề nghị gia hạn",
        *HEADER,
        "Đông Tiến, ngày 07 tháng 01 năm 2026",
        "VĂN BẢN XIN LỖI",
        "VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
        "Ngày 05/01/2026",
        "Lý do: Cần xác minh",
        "xin lỗi Ông/Bà và đề nghị gia hạn",
        "16 giờ 30 phút, ngày 13 tháng 01 năm 2026",
        "Nơi nhận:",
        "CHỦ TỊCH",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "Lê Đình Thắng",
    ],
    "form05": [
        "UBND XÃ ĐÔNG TIẾN",
        "Số: ………/………",
        *HEADER,
        "Đông Tiến, ngày 07 tháng 01 năm 2026",
        "THÔNG BÁO",
        "Dừng giải quyết hồ sơ",
        "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung",
        f"Mã hồ sơ: {s.CODE}",
        "Căn cứ Điều 21 Nghị định số 118/2025/NĐ-CP",
        "Nơi nhận:",
        "CHỦ TỊCH",
    ],
    "form06": [
        *HEADER,
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Kèm theo hồ sơ của: Nguyễn Thị Hồng Nhung",
        f"Mã hồ sơ: {s.CODE}",
        "Ngày nhận:",
        "Ngày, giờ hẹn trả kết quả:",
        "Cơ quan (bộ phận) giải quyết hồ sơ:",
        "Cơ quan phối hợp giải quyết hồ sơ:",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "GHI CHÚ",
        "1. Giao:",
        "Trước hạn",
        "3. Giao:",
        "Đúng hạn",
        "Ghi chú:",
    ],
    "form07": [
        *HEADER,
        "SỔ THEO DÕI HỒ SƠ",
        "TT",
        "Mã hồ sơ",
        "Tên TTHC",
        "Số lượng hồ sơ (bộ)",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Hẹn trả kết quả",
        "Trả kết quả cho cá nhân, tổ chức",
        "Ghi chú",
    ],
}


def _pdfs() -> dict[str, bytes]:
    book = [BookLine.from_dossier(s.returned_dossier(i)) for i in range(1, 4)]
    return {
        "form01": render_form("01", s.dossier(), s.context(), PrintOptions(layout="a5")),
        "form02": render_form("02", s.supplement_dossier(), s.context()),
        "form03": render_form("03", s.refused_dossier(), s.context()),
        "form04": render_form("04", s.extended_dossier(), s.context()),
        "form05": render_form("05", s.stopped_dossier(), s.context()),
        "form06": render_form("06", s.result_dossier(), s.context()),
        "form07": render_book(book, s.context(), date(2026, 1, 1), date(2026, 1, 31)),
    }


def text_lines(pdf: bytes) -> list[str]:
    """The text of every page, one printed line per line (runs of spaces collapsed), pages separated."""
    lines: list[str] = []
    for i, page in enumerate(pc.page_texts(pdf)):
        if i:
            lines.append(PAGE_BREAK)
        lines += [" ".join(line.split()) for line in page.splitlines() if line.strip()]
    return lines


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return _pdfs()


@pytest.mark.parametrize("name", sorted(ORDER))
def test_items_follow_the_circulars_order(pdfs: dict[str, bytes], name: str) -> None:
    flat = pc.flat_text(pdfs[name])
    position = 0
    for phrase in ORDER[name]:
        found = flat.find(phrase, position)
        assert found >= 0, f"{name}: {phrase!r} missing or out of order"
        position = found + len(phrase)


@pytest.mark.parametrize("name", sorted(ORDER))
def test_text_equals_the_golden_file_line_by_line(pdfs: dict[str, bytes], name: str) -> None:
    actual = text_lines(pdfs[name])
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("MOTCUA_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(actual) + "\n", encoding="utf-8")
    expected = path.read_text(encoding="utf-8").splitlines()
    for number, (want, got) in enumerate(zip(expected, actual, strict=False), 1):
        assert got == want, f"{name}.txt line {number}: expected {want!r}, printed {got!r}"
    assert len(actual) == len(expected), f"{name}: {len(actual)} lines printed, {len(expected)} expected"
