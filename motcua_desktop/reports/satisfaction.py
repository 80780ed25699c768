"""Báo cáo kết quả đánh giá sự hài lòng: ratings given when results were returned in a period.

Per criterion of Decree 118 Art. 33(1) and per procedure: the number of ratings at each level
(rất hài lòng / hài lòng / không hài lòng) and the share satisfied (rất hài lòng + hài lòng over
the ratings given), next to the number of dossiers returned, so the share of returns that were
rated shows too (``rules.md`` §7). Evaluators are never named (Art. 29(3)).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from motcua_desktop.domain.dossier import Rating
from motcua_desktop.domain.satisfaction import CRITERION_LABELS, SCALE
from motcua_desktop.domain.text import fold
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import ROMAN, Period
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, RowStyle, Sheet, Signer

TITLE = "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG"
OVERALL_LABEL = "Đánh giá chung"


@dataclass(frozen=True)
class Tally:
    very_satisfied: int = 0
    satisfied: int = 0
    dissatisfied: int = 0

    @property
    def rated(self) -> int:
        return self.very_satisfied + self.satisfied + self.dissatisfied

    @property
    def satisfied_share(self) -> float | None:
        """(Rất hài lòng + hài lòng) / lượt đánh giá; None without ratings."""
        return (self.very_satisfied + self.satisfied) / self.rated if self.rated else None

    def add(self, rating: str, count: int) -> Tally:
        level = Rating(rating)
        return Tally(
            self.very_satisfied + (count if level is Rating.VERY_SATISFIED else 0),
            self.satisfied + (count if level is Rating.SATISFIED else 0),
            self.dissatisfied + (count if level is Rating.DISSATISFIED else 0),
        )

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.very_satisfied + other.very_satisfied,
            self.satisfied + other.satisfied,
            self.dissatisfied + other.dissatisfied,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "rated": self.rated,
            "very_satisfied": self.very_satisfied,
            "satisfied": self.satisfied,
            "dissatisfied": self.dissatisfied,
            "satisfied_share": self.satisfied_share,
        }


@dataclass(frozen=True)
class ProcedureSatisfaction:
    field: str
    procedure_key: str
    procedure_code: str
    procedure_name: str
    returned: int
    overall: Tally

    @property
    def rated_share(self) -> float | None:
        return self.overall.rated / self.returned if self.returned else None


@dataclass(frozen=True)
class SatisfactionReport:
    kind: ClassVar[str] = "satisfaction"
    header: ReportHeader
    period: Period
    returned: int
    overall: Tally
    criteria: tuple[tuple[str, str, Tally], ...]  # (key, label, tally)
    procedures: tuple[ProcedureSatisfaction, ...]

    @property
    def rated_share(self) -> float | None:
        return self.overall.rated / self.returned if self.returned else None

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "satisfaction",
            "title": TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "returned": self.returned,
            "rated_share": self.rated_share,
            "overall": self.overall.as_json(),
            "criteria": [{"key": k, "label": label, **t.as_json()} for k, label, t in self.criteria],
            "procedures": [
                {
                    "field": p.field,
                    "procedure_key": p.procedure_key,
                    "procedure_code": p.procedure_code,
                    "procedure_name": p.procedure_name,
                    "returned": p.returned,
                    "rated_share": p.rated_share,
                    **p.overall.as_json(),
                }
                for p in self.procedures
            ],
        }

    def sheets(self) -> list[Sheet]:
        subtitles = (
            f"Kỳ báo cáo: {self.period.label} ({self.period.range_text})",
            f"Số hồ sơ đã trả kết quả: {self.returned}; số hồ sơ được đánh giá: {self.overall.rated}",
        )
        levels = tuple(Heading(rating.label) for rating in SCALE)
        criteria_rows = [Row(("", OVERALL_LABEL, *_tally_values(self.overall)), RowStyle.TOTAL)]
        criteria_rows += [Row((f"({key})", label, *_tally_values(tally))) for key, label, tally in self.criteria]
        by_criterion = Sheet(
            name="Theo tiêu chí",
            title=TITLE,
            subtitles=subtitles,
            columns=(
                Column(Kind.CENTER, 5),
                Column(Kind.TEXT, 52),
                Column(Kind.NUMBER, 11),
                Column(Kind.NUMBER, 11),
                Column(Kind.NUMBER, 11),
                Column(Kind.NUMBER, 11),
                Column(Kind.PERCENT, 12),
            ),
            headings=(
                (
                    Heading("TT", rows=2),
                    Heading("Tiêu chí (Nghị định 118/2025, Điều 33 khoản 1)", rows=2),
                    Heading("Số lượt đánh giá", rows=2),
                    Heading("Mức độ", columns=3),
                    Heading("Tỷ lệ hài lòng", rows=2),
                ),
                levels,
            ),
            rows=tuple(criteria_rows),
            letterhead=self.header.letterhead(),
            notes=(
                "Tỷ lệ hài lòng = (rất hài lòng + hài lòng) / số lượt đánh giá của tiêu chí. Không ghi nhận danh tính "
                "người đánh giá (Nghị định 118/2025, Điều 29 khoản 3).",
            ),
        )
        procedure_rows: list[Row] = []
        returned_total = 0
        total = Tally()
        fields: dict[str, list[ProcedureSatisfaction]] = {}
        for p in self.procedures:
            fields.setdefault(p.field, []).append(p)
        for i, name in enumerate(sorted(fields, key=lambda n: (not n, fold(n), n))):
            items = fields[name]
            returned = sum(p.returned for p in items)
            tally = sum((p.overall for p in items), Tally())
            procedure_rows.append(
                Row(
                    (
                        ROMAN[i] if i < len(ROMAN) else str(i + 1),
                        name or "Chưa phân lĩnh vực",
                        returned,
                        *_rated(tally, returned),
                    ),
                    RowStyle.GROUP,
                )
            )
            for j, p in enumerate(items, 1):
                label = f"{p.procedure_name} ({p.procedure_code})" if p.procedure_code else p.procedure_name
                procedure_rows.append(Row((str(j), label, p.returned, *_rated(p.overall, p.returned))))
            returned_total += returned
            total += tally
        procedure_rows.insert(0, Row(("", "TỔNG SỐ", returned_total, *_rated(total, returned_total)), RowStyle.TOTAL))
        by_procedure = Sheet(
            name="Theo thủ tục",
            title=TITLE + " THEO THỦ TỤC HÀNH CHÍNH",
            subtitles=subtitles,
            columns=(
                Column(Kind.CENTER, 5),
                Column(Kind.TEXT, 44),
                Column(Kind.NUMBER, 11),
                Column(Kind.NUMBER, 11),
                Column(Kind.PERCENT, 11),
                Column(Kind.NUMBER, 10),
                Column(Kind.NUMBER, 10),
                Column(Kind.NUMBER, 10),
                Column(Kind.PERCENT, 11),
            ),
            headings=(
                (
                    Heading("TT", rows=2),
                    Heading("Lĩnh vực, thủ tục hành chính", rows=2),
                    Heading("Số hồ sơ đã trả kết quả", rows=2),
                    Heading("Số hồ sơ được đánh giá", rows=2),
                    Heading("Tỷ lệ được đánh giá", rows=2),
                    Heading("Đánh giá chung", columns=3),
                    Heading("Tỷ lệ hài lòng", rows=2),
                ),
                levels,
            ),
            rows=tuple(procedure_rows),
            place_date=self.header.place_date,
            signers=(Signer("NGƯỜI LẬP BÁO CÁO", name=self.header.preparer), Signer("THỦ TRƯỞNG ĐƠN VỊ")),
        )
        return [by_criterion, by_procedure]


def _tally_values(tally: Tally) -> tuple[int, int, int, int, float | None]:
    return (tally.rated, tally.very_satisfied, tally.satisfied, tally.dissatisfied, tally.satisfied_share)


def _rated(tally: Tally, returned: int) -> tuple[int, float | None, int, int, int, float | None]:
    share = tally.rated / returned if returned else None
    return (tally.rated, share, tally.very_satisfied, tally.satisfied, tally.dissatisfied, tally.satisfied_share)


def build_satisfaction(
    header: ReportHeader,
    period: Period,
    returned: Iterable[tuple[str, str, int]],
    ratings: Iterable[tuple[str, str, str, str, int]],
    names: dict[str, tuple[str, str]],
) -> SatisfactionReport:
    """``returned``: (field, procedure key, count); ``ratings``: (field, key, criterion, rating, count);
    ``names``: procedure key → (national code, name). The overall rating has criterion ""."""
    returned_by: dict[tuple[str, str], int] = {}
    for field_name, key, count in returned:
        returned_by[(field_name, key)] = returned_by.get((field_name, key), 0) + count
    overall_by: dict[tuple[str, str], Tally] = {}
    criteria: dict[str, Tally] = {}
    for field_name, key, criterion, rating, count in ratings:
        if criterion == "":
            overall_by[(field_name, key)] = overall_by.get((field_name, key), Tally()).add(rating, count)
        else:
            criteria[criterion] = criteria.get(criterion, Tally()).add(rating, count)
    groups = sorted(set(returned_by) | set(overall_by), key=lambda g: (g[0], *names.get(g[1], ("", g[1]))))
    procedures = tuple(
        ProcedureSatisfaction(
            field_name,
            key,
            names.get(key, ("", key))[0],
            names.get(key, ("", key))[1],
            returned_by.get((field_name, key), 0),
            overall_by.get((field_name, key), Tally()),
        )
        for field_name, key in groups
    )
    keys = [*CRITERION_LABELS, *sorted(set(criteria) - set(CRITERION_LABELS))]  # every criterion, rated or not
    return SatisfactionReport(
        header,
        period,
        sum(returned_by.values()),
        sum(overall_by.values(), Tally()),
        tuple((k, CRITERION_LABELS.get(k, k), criteria.get(k, Tally())) for k in keys),
        procedures,
    )
