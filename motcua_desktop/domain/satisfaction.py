"""What a citizen may rate when collecting a result, and on which scale (Decree 118/2025 Art. 33).

The return screen offers these criteria and levels, the satisfaction report counts them, and the
national sync sends them: all from here, so a criterion never reads one way on the screen and
another on the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua_desktop.domain.dossier import Rating


@dataclass(frozen=True)
class Criterion:
    key: str  # the decree's item letter: a, b, c, d, đ, e, g, h, i
    label: str  # as the decree words it (reports)
    short: str  # as the return screen shows it, beside a small list box


CRITERIA: tuple[Criterion, ...] = (
    Criterion("a", "Thời gian trả kết quả so với quy định", "Thời gian trả kết quả so với quy định"),
    Criterion("b", "Số lượng cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ", "Số cơ quan phải liên hệ"),
    Criterion("c", "Số lần phải liên hệ với cơ quan tiếp nhận hồ sơ", "Số lần phải liên hệ với cơ quan tiếp nhận"),
    Criterion(
        "d",
        "Tính chính xác, đầy đủ, kịp thời của thông tin thủ tục hành chính được công khai",
        "Thông tin công khai về thủ tục",
    ),
    Criterion(
        "đ",
        "Thái độ, cách ứng xử của cán bộ hướng dẫn, tiếp nhận, giải quyết hồ sơ",
        "Thái độ, cách ứng xử của cán bộ",
    ),
    Criterion("e", "Kết quả giải quyết đúng quy định; chi phí thực hiện thủ tục", "Kết quả đúng quy định; chi phí"),
    Criterion(
        "g",
        "Thời gian, chất lượng giải đáp phản ánh, kiến nghị, khiếu nại, tố cáo",
        "Giải trình, xử lý phản ánh, kiến nghị",
    ),
    Criterion("h", "Tiến độ, chất lượng dịch vụ công trực tuyến", "Dịch vụ công trực tuyến"),
    Criterion("i", "Nội dung khác", "Nội dung khác"),
)
CRITERION_LABELS: dict[str, str] = {c.key: c.label for c in CRITERIA}
# The levels, best first: the order of the return screen's keys 1, 2, 3 and of the report's columns.
SCALE: tuple[Rating, ...] = (Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.DISSATISFIED)
