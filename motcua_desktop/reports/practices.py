"""The figures of the practices of the best counters (issue 19, ``docs/practices.md``).

- **Giải quyết ngay** (``SameDayReport``): dossiers received and resolved at the counter on a «Ngày không
  hẹn», per month of the period and per procedure, beside all dossiers received (Long Điền B: 180 dossiers
  resolved on the spot).
- **Đánh giá theo kênh** (``RatingChannelsReport``): ratings received over dossiers returned (the coverage
  rate: Quận 9, 29,322 ratings for 31,751 dossiers, 92.34 %), and the satisfied share per criterion of
  Decree 118 Art. 33, at the counter and on paper (Hòa Hiệp Bắc: 779/779 paper forms satisfied).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from motcua_desktop.domain.dossier import RatingChannel
from motcua_desktop.domain.satisfaction import CRITERION_LABELS
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import Period
from motcua_desktop.reports.satisfaction import OVERALL_LABEL, Tally
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, RowStyle, Sheet, Signer

SAME_DAY_TITLE = "BÁO CÁO HỒ SƠ GIẢI QUYẾT NGAY TẠI QUẦY (NGÀY KHÔNG HẸN)"
CHANNELS_TITLE = "BÁO CÁO TỶ LỆ ĐÁNH GIÁ SỰ HÀI LÒNG THEO KÊNH"


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


@dataclass(frozen=True)
class SameDayLine:
    label: str  # the month ("Tháng 11/2026") or the procedure ("Đăng ký khai sinh (1.001193)")
    received: int  # dossiers received (with a code)
    resolved: int  # … of which resolved on the spot

    @property
    def share(self) -> float | None:
        return _share(self.resolved, self.received)

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "received": self.received, "resolved": self.resolved, "share": self.share}


@dataclass(frozen=True)
class SameDayReport:
    kind: ClassVar[str] = "same_day"
    header: ReportHeader
    period: Period
    months: tuple[SameDayLine, ...]
    procedures: tuple[SameDayLine, ...]

    @property
    def total(self) -> SameDayLine:
        return SameDayLine("TỔNG SỐ", sum(m.received for m in self.months), sum(m.resolved for m in self.months))

    def as_json(self) -> dict[str, Any]:
        return {
            "report": self.kind,
            "title": SAME_DAY_TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "total": self.total.as_json(),
            "months": [m.as_json() for m in self.months],
            "procedures": [p.as_json() for p in self.procedures],
        }

    def sheets(self) -> list[Sheet]:
        subtitles = (f"Kỳ báo cáo: {self.period.label} ({self.period.range_text})",)
        columns = (
            Column(Kind.CENTER, 5),
            Column(Kind.TEXT, 60),
            Column(Kind.NUMBER, 14),
            Column(Kind.NUMBER, 14),
            Column(Kind.PERCENT, 12),
        )

        def headings(first: str) -> tuple[tuple[Heading, ...], ...]:
            return (
                (
                    Heading("TT"),
                    Heading(first),
                    Heading("Số hồ sơ tiếp nhận"),
                    Heading("Giải quyết ngay tại quầy"),
                    Heading("Tỷ lệ"),
                ),
            )

        def rows(lines: tuple[SameDayLine, ...]) -> tuple[Row, ...]:
            total = self.total
            body = [Row((str(i), x.label, x.received, x.resolved, x.share)) for i, x in enumerate(lines, 1)]
            return (Row(("", total.label, total.received, total.resolved, total.share), RowStyle.TOTAL), *body)

        notes = (
            "Hồ sơ giải quyết ngay: tiếp nhận, có kết quả và trả kết quả ngay tại quầy trong ngày không hẹn "
            "(không viết giấy hẹn). Tỷ lệ = giải quyết ngay / số hồ sơ tiếp nhận trong kỳ.",
        )
        return [
            Sheet(
                "Theo tháng",
                SAME_DAY_TITLE,
                subtitles,
                columns,
                headings("Tháng"),
                rows(self.months),
                letterhead=self.header.letterhead(),
                notes=notes,
            ),
            Sheet(
                "Theo thủ tục",
                SAME_DAY_TITLE + " THEO THỦ TỤC",
                subtitles,
                columns,
                headings("Thủ tục hành chính"),
                rows(self.procedures),
                place_date=self.header.place_date,
                signers=(Signer("NGƯỜI LẬP BÁO CÁO", name=self.header.preparer), Signer("THỦ TRƯỞNG ĐƠN VỊ")),
            ),
        ]


def build_same_day(
    header: ReportHeader,
    period: Period,
    counts: Iterable[tuple[str, str, int, int]],
    names: dict[str, tuple[str, str]],
) -> SameDayReport:
    """``counts``: (month "YYYY-MM", procedure key, received, resolved on the spot); ``names``: key →
    (national code, name). Procedures with no dossier resolved on the spot are left out of the
    procedure sheet (their dossiers still count in the months and the total)."""
    months: dict[str, list[int]] = {}
    procedures: dict[str, list[int]] = {}
    for month, key, received, resolved in counts:
        m = months.setdefault(month, [0, 0])
        m[0] += received
        m[1] += resolved
        p = procedures.setdefault(key, [0, 0])
        p[0] += received
        p[1] += resolved

    def procedure_label(key: str) -> str:
        code, name = names.get(key, ("", key))
        return f"{name} ({code})" if code else name

    month_lines = tuple(SameDayLine(f"Tháng {m[5:7]}/{m[:4]}", *months[m]) for m in sorted(months))
    procedure_lines = tuple(
        sorted(
            (SameDayLine(procedure_label(k), *v) for k, v in procedures.items() if v[1]),
            key=lambda line: (-line.resolved, line.label),
        )
    )
    return SameDayReport(header, period, month_lines, procedure_lines)


@dataclass(frozen=True)
class ChannelFigures:
    channel: RatingChannel
    overall: Tally  # one rating per rated dossier
    criteria: dict[str, Tally]

    def as_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel.value,
            "label": self.channel.label,
            "overall": self.overall.as_json(),
            "criteria": {k: t.as_json() for k, t in self.criteria.items()},
        }


@dataclass(frozen=True)
class RatingChannelsReport:
    kind: ClassVar[str] = "rating_channels"
    header: ReportHeader
    period: Period
    returned: int  # dossiers returned in the period
    channels: tuple[ChannelFigures, ...]  # at the counter, on paper (always both, in that order)

    @property
    def rated(self) -> int:
        return sum(c.overall.rated for c in self.channels)

    @property
    def coverage(self) -> float | None:
        """Ratings received / dossiers returned (one rating per dossier)."""
        return _share(self.rated, self.returned)

    def total(self, criterion: str | None = None) -> Tally:
        return sum(
            (c.overall if criterion is None else c.criteria.get(criterion, Tally()) for c in self.channels), Tally()
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "report": self.kind,
            "title": CHANNELS_TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "returned": self.returned,
            "rated": self.rated,
            "coverage": self.coverage,
            "overall": self.total().as_json(),
            "channels": [c.as_json() for c in self.channels],
        }

    def sheets(self) -> list[Sheet]:
        subtitles = (
            f"Kỳ báo cáo: {self.period.label} ({self.period.range_text})",
            f"Số hồ sơ đã trả kết quả: {self.returned}; số phiếu đánh giá nhận được: {self.rated}",
        )
        by_channel = [
            Row(("", "TỔNG SỐ", self.rated, self.coverage, self.total().satisfied_share), RowStyle.TOTAL),
            *(
                Row(
                    (
                        str(i),
                        c.channel.label,
                        c.overall.rated,
                        _share(c.overall.rated, self.returned),
                        c.overall.satisfied_share,
                    )
                )
                for i, c in enumerate(self.channels, 1)
            ),
        ]
        coverage = Sheet(
            "Tỷ lệ đánh giá",
            CHANNELS_TITLE,
            subtitles,
            (
                Column(Kind.CENTER, 5),
                Column(Kind.TEXT, 40),
                Column(Kind.NUMBER, 14),
                Column(Kind.PERCENT, 18),
                Column(Kind.PERCENT, 14),
            ),
            (
                (
                    Heading("TT"),
                    Heading("Kênh đánh giá"),
                    Heading("Số phiếu"),
                    Heading("Tỷ lệ phiếu / hồ sơ đã trả"),
                    Heading("Tỷ lệ hài lòng"),
                ),
            ),
            tuple(by_channel),
            letterhead=self.header.letterhead(),
            notes=(
                "Tỷ lệ đánh giá = số hồ sơ có phiếu đánh giá / số hồ sơ đã trả kết quả trong kỳ (mỗi hồ sơ một phiếu). "
                "Tỷ lệ hài lòng = (rất hài lòng + hài lòng) / số phiếu, theo đánh giá chung của phiếu.",
            ),
        )
        criteria_rows = [
            Row(
                ("", OVERALL_LABEL, *(c.overall.satisfied_share for c in self.channels), self.total().satisfied_share),
                RowStyle.TOTAL,
            )
        ]
        for key, label in CRITERION_LABELS.items():
            criteria_rows.append(
                Row(
                    (
                        f"({key})",
                        label,
                        *(c.criteria.get(key, Tally()).satisfied_share for c in self.channels),
                        self.total(key).satisfied_share,
                    )
                )
            )
        per_criterion = Sheet(
            "Theo tiêu chí và kênh",
            CHANNELS_TITLE + " VÀ TIÊU CHÍ",
            subtitles,
            (
                Column(Kind.CENTER, 5),
                Column(Kind.TEXT, 56),
                *(Column(Kind.PERCENT, 13) for _ in self.channels),
                Column(Kind.PERCENT, 13),
            ),
            (
                (
                    Heading("TT", rows=2),
                    Heading("Tiêu chí (Nghị định 118/2025, Điều 33)", rows=2),
                    Heading("Tỷ lệ hài lòng", columns=len(self.channels) + 1),
                ),
                (*(Heading(c.channel.label) for c in self.channels), Heading("Chung")),
            ),
            tuple(criteria_rows),
            place_date=self.header.place_date,
            signers=(Signer("NGƯỜI LẬP BÁO CÁO", name=self.header.preparer), Signer("THỦ TRƯỞNG ĐƠN VỊ")),
        )
        return [coverage, per_criterion]


def build_rating_channels(
    header: ReportHeader, period: Period, returned: int, ratings: Iterable[tuple[str, str, str, int]]
) -> RatingChannelsReport:
    """``ratings``: (channel, criterion, rating, count) of the dossiers returned in the period (criterion
    "" = the overall rating, one per rated dossier)."""
    overall: dict[RatingChannel, Tally] = {c: Tally() for c in RatingChannel}
    criteria: dict[RatingChannel, dict[str, Tally]] = {c: {} for c in RatingChannel}
    for channel_value, criterion, rating, count in ratings:
        channel = RatingChannel(channel_value)
        if criterion == "":
            overall[channel] = overall[channel].add(rating, count)
        else:
            criteria[channel][criterion] = criteria[channel].get(criterion, Tally()).add(rating, count)
    channels = tuple(ChannelFigures(c, overall[c], criteria[c]) for c in RatingChannel)
    return RatingChannelsReport(header, period, returned, channels)
