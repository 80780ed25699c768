"""What every report prints besides its figures: who reports, to whom, when, and who prepared it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain.vntime import fmt_datetime
from motcua_desktop.reports.sheet import Letterhead, place_date_line


@dataclass(frozen=True)
class ReportHeader:
    superior: str  # "UBND phường Đông Tiến"
    unit: str  # "Trung tâm Phục vụ hành chính công phường Đông Tiến" (the reporting unit)
    recipient: str  # "Đơn vị nhận báo cáo"
    place: str  # "Đông Tiến" in "Đông Tiến, ngày … tháng … năm …"
    generated_at: datetime
    preparer: str  # full name of the signed-in user

    def letterhead(self, form_code: str = "") -> Letterhead:
        return Letterhead(self.superior, self.unit, form_code)

    @property
    def place_date(self) -> str:
        return place_date_line(self.place, self.generated_at)

    def as_json(self) -> dict[str, str]:
        return {
            "superior": self.superior,
            "unit": self.unit,
            "recipient": self.recipient,
            "generated_at": self.generated_at.isoformat(),
            "generated_at_text": fmt_datetime(self.generated_at),
            "preparer": self.preparer,
        }
