"""Biểu số II.06a/VPCP/KSTT – Tình hình, kết quả giải quyết TTHC (``rules.md`` §6.1).

Rows: a total, then each field ("lĩnh vực") with its subtotal and its procedures. Columns (3)–(13):

- (4)/(5) received in the period online / in person or by post; (6) carried over: received before
  the period and not finished before it starts, i.e. the previous period's column (11);
- (7) finished in the period, split (8)–(10) early / on time / late under the chosen rule;
- (11) still pending at the end of the period, split (12)/(13) within / past the deadline then;
  a dossier waiting for the citizen's supplement at the end is counted in (9) by default, or in
  (12) (``SupplementReading``, printed in the notes).

So (3) = (4) + (5) + (6) = (7) + (11), (7) = (8) + (9) + (10) and (11) = (12) + (13) for every row.
Dossiers only guided or refused at the counter (no dossier code) are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any, ClassVar

from motcua_desktop.domain.dossier import Channel, Outcome
from motcua_desktop.domain.dossier_filter import DossierFilter
from motcua_desktop.domain.statistics_readings import DurationBasis, SupplementReading
from motcua_desktop.domain.text import fold
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.domain.vntime import fmt_date
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import ROMAN, Period
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, RowStyle, Sheet, Signer

FORM_CODE = "Biểu số II.06a/VPCP/KSTT"
# Title and headings of the template (rules.md §6.1; the template of a provincial system, S7 BaoCao06a.html).
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"

# (column number, key, heading) of columns (3)–(13)
COLUMNS: tuple[tuple[int, str, str], ...] = (
    (3, "total_received", "Tiếp nhận: tổng số"),
    (4, "online", "Tiếp nhận trong kỳ: trực tuyến"),
    (5, "direct_postal", "Tiếp nhận trong kỳ: trực tiếp, dịch vụ bưu chính"),
    (6, "carried_over", "Tiếp nhận: từ kỳ trước"),
    (7, "resolved", "Số lượng hồ sơ đã giải quyết: tổng số"),
    (8, "early", "Đã giải quyết: trước hạn"),
    (9, "on_time", "Đã giải quyết: đúng hạn"),
    (10, "late", "Đã giải quyết: quá hạn"),
    (11, "pending", "Số lượng hồ sơ đang giải quyết: tổng số"),
    (12, "in_time", "Đang giải quyết: trong hạn"),
    (13, "overdue", "Đang giải quyết: quá hạn"),
)

RULE_NOTES = {
    TimelinessRule.DATE_PART: (
        "so sánh ngày có kết quả (hoặc ngày trả kết quả) với ngày hẹn trả trên giấy tiếp nhận, hoặc ngày hẹn mới "
        "khi nhận đủ hồ sơ bổ sung (không dùng ngày hẹn lại khi gia hạn: văn bản xin lỗi không làm hồ sơ trễ hạn "
        "thành đúng hạn): trước ngày hẹn là trước hạn, đúng ngày hẹn là đúng hạn, sau ngày hẹn là quá hạn; hồ sơ "
        "công dân rút, dừng giải quyết hoặc đóng do không bổ sung được tính là giải quyết đúng hạn."
    ),
    TimelinessRule.QD766: (
        "so sánh ngày kết thúc (sự kiện đầu tiên trong: từ chối, dừng, có kết quả, trả kết quả, rút hồ sơ) với ngày "
        "hẹn trả ghi trên giấy tiếp nhận cộng thời gian chờ bổ sung; không tính gia hạn; hồ sơ bị yêu cầu bổ sung "
        "quá một lần là quá hạn; hồ sơ công dân rút, dừng hoặc đóng do không bổ sung theo ngày kết thúc."
    ),
}


@dataclass(frozen=True)
class Counts:
    online: int = 0
    direct_postal: int = 0
    carried_over: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_time: int = 0
    overdue: int = 0
    waiting: int = 0  # of these, waiting for a supplement at the end (in (9) or (12) as the reading says)

    @property
    def received_in_period(self) -> int:
        return self.online + self.direct_postal

    @property
    def total_received(self) -> int:
        return self.online + self.direct_postal + self.carried_over

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def pending(self) -> int:
        return self.in_time + self.overdue

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)})

    def figures(self) -> dict[str, int]:
        """Columns (3)–(13) by key, in form order."""
        return {key: int(getattr(self, key)) for _, key, _ in COLUMNS}

    def broken_identities(self) -> list[str]:
        """The identities of the form that do not hold (none, unless the data is inconsistent)."""
        broken = []
        if self.total_received != self.resolved + self.pending:
            broken.append(f"(3) {self.total_received} ≠ (7) {self.resolved} + (11) {self.pending}")
        return broken


@dataclass(frozen=True)
class ProcedureTally:
    field: str
    procedure_key: str
    procedure_code: str
    procedure_name: str
    counts: Counts


@dataclass(frozen=True)
class Ii06aRow:
    level: str  # "total" | "field" | "procedure"
    number: str  # "", "I", "1"
    label: str
    counts: Counts
    field: str = ""
    procedure_key: str = ""
    procedure_code: str = ""


@dataclass(frozen=True)
class Ii06aReport:
    kind: ClassVar[str] = "ii06a"
    header: ReportHeader
    period: Period
    as_of: date  # pending dossiers are judged at the end of this day (period end, or today if earlier)
    rule: TimelinessRule
    rows: tuple[Ii06aRow, ...]
    recomputed: int = 0  # finished before outcomes were recorded per rule, worked out now
    supplement_reading: SupplementReading = SupplementReading.RESOLVED
    duration_basis: DurationBasis = DurationBasis.PROMISED

    @property
    def total(self) -> Counts:
        return self.rows[0].counts

    @property
    def notes(self) -> tuple[str, ...]:
        notes = [
            f"Cách tính trước hạn, đúng hạn, quá hạn: {self.rule.label} – {RULE_NOTES[self.rule]}",
            f"Hồ sơ chờ bổ sung: {self.supplement_reading.note} Cuối kỳ có {self.total.waiting} hồ sơ đang chờ bổ sung.",
            f"Thời hạn dùng để xét: {self.duration_basis.label.lower()}.",
            f"Hồ sơ đang giải quyết được xét trong hạn, quá hạn vào cuối ngày {fmt_date(self.as_of)}.",
            "(3) = (4) + (5) + (6) = (7) + (11); (7) = (8) + (9) + (10); (11) = (12) + (13). Không tính hồ sơ chỉ "
            "được hướng dẫn hoặc bị từ chối tiếp nhận tại quầy (không cấp mã hồ sơ).",
        ]
        if self.as_of < self.period.end:
            notes.append(f"Kỳ báo cáo chưa kết thúc: số liệu tính đến hết ngày {fmt_date(self.as_of)}.")
        if self.recomputed:
            notes.append(
                f"{self.recomputed} hồ sơ kết thúc trước khi chương trình ghi kết quả theo từng cách tính được tính "
                "lại theo lịch làm việc hiện hành."
            )
        return tuple(notes)

    def filters(self, row: Ii06aRow) -> dict[str, DossierFilter]:
        """The dossier list behind each figure of ``row`` that one list can show: (4), (6), (7)–(10), (11).

        (3) and (5) join two sets and (12)/(13) depend on the due dates in force at the period end; when
        dossiers waiting for a supplement are counted as resolved, (7), (9) and (11) are not one list."""
        period = self.period
        base = DossierFilter(field=row.field, procedure_key=row.procedure_key)
        resolved = replace(base, finished_from=period.start, finished_to=period.end)
        filters = {
            "online": replace(
                base, with_code_only=True, received_from=period.start, received_to=period.end, channel=Channel.ONLINE
            ),
            "carried_over": replace(base, pending_on=period.start - timedelta(days=1)),
            "resolved": resolved,
            "early": replace(resolved, outcome=Outcome.EARLY, outcome_rule=self.rule),
            "on_time": replace(resolved, outcome=Outcome.ON_TIME, outcome_rule=self.rule),
            "late": replace(resolved, outcome=Outcome.LATE, outcome_rule=self.rule),
            "pending": replace(base, pending_on=period.end),
        }
        if row.counts.waiting and self.supplement_reading is SupplementReading.RESOLVED:
            for key in ("resolved", "on_time", "pending"):
                del filters[key]
        return filters

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "ii06a",
            "form": FORM_CODE,
            "title": TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "as_of": self.as_of.isoformat(),
            "rule": self.rule.value,
            "rule_label": self.rule.label,
            "supplement_reading": self.supplement_reading.value,
            "duration_basis": self.duration_basis.value,
            "waiting": self.total.waiting,
            "columns": [{"number": n, "key": k, "heading": h} for n, k, h in COLUMNS],
            "rows": [
                {
                    "level": r.level,
                    "number": r.number,
                    "label": r.label,
                    "field": r.field,
                    "procedure_key": r.procedure_key,
                    "procedure_code": r.procedure_code,
                    "figures": r.counts.figures(),
                    "waiting": r.counts.waiting,
                }
                for r in self.rows
            ],
            "recomputed": self.recomputed,
            "notes": list(self.notes),
        }

    def sheets(self) -> list[Sheet]:
        waiting_in = "(Bao gồm cả hồ sơ chờ bổ sung và trả lại, xin rút)"
        on_time = "Đúng hạn\n" + (
            waiting_in
            if self.supplement_reading is SupplementReading.RESOLVED
            else "(Bao gồm cả hồ sơ trả lại, xin rút)"
        )
        in_time = "Trong hạn" + (
            "\n(Bao gồm cả hồ sơ chờ bổ sung)" if self.supplement_reading is SupplementReading.PENDING else ""
        )
        headings = (
            (
                Heading("TT", rows=3),
                Heading("Lĩnh vực, công việc giải quyết theo cấp", rows=3),
                Heading("Tiếp nhận", columns=4),
                Heading("Số lượng hồ sơ đã giải quyết", columns=4),
                Heading("Số lượng hồ sơ đang giải quyết", columns=3),
            ),
            (
                Heading("Tổng số", rows=2),
                Heading("Trong đó", columns=2),
                Heading("Từ kỳ trước", rows=2),
                Heading("Tổng số", rows=2),
                Heading("Trước hạn", rows=2),
                Heading(on_time, rows=2),
                Heading("Quá hạn", rows=2),
                Heading("Tổng số", rows=2),
                Heading(in_time, rows=2),
                Heading("Quá hạn", rows=2),
            ),
            (Heading("Trực tuyến"), Heading("Trực tiếp, dịch vụ bưu chính")),
        )
        styles = {"total": RowStyle.TOTAL, "field": RowStyle.GROUP, "procedure": RowStyle.NORMAL}
        rows = tuple(Row((r.number, r.label, *r.counts.figures().values()), styles[r.level]) for r in self.rows)
        sheet = Sheet(
            name="II.06a",
            title=TITLE,
            subtitles=(
                f"Kỳ báo cáo: {self.period.label} ({self.period.range_text.capitalize()})",
                f"Đơn vị báo cáo: {self.header.unit} – Đơn vị nhận báo cáo: {self.header.recipient}",
                "Đơn vị tính: Số hồ sơ TTHC.",
            ),
            columns=(Column(Kind.CENTER, 5), Column(Kind.TEXT, 44), *(Column(Kind.NUMBER, 10) for _ in COLUMNS)),
            headings=headings,
            rows=rows,
            letterhead=self.header.letterhead(FORM_CODE),
            notes=tuple(f"Ghi chú {i}: {n}" for i, n in enumerate(self.notes, 1)),
            place_date=self.header.place_date,
            signers=(
                Signer("NGƯỜI LẬP BÁO CÁO", name=self.header.preparer),
                Signer("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)"),
            ),
            number_headings=True,
        )
        return [sheet]


def build_ii06a(
    header: ReportHeader,
    period: Period,
    as_of: date,
    rule: TimelinessRule,
    tallies: Iterable[ProcedureTally],
    *,
    recomputed: int = 0,
    supplement_reading: SupplementReading = SupplementReading.RESOLVED,
    duration_basis: DurationBasis = DurationBasis.PROMISED,
) -> Ii06aReport:
    """Rows grouped by field (alphabetical) and procedure (by national code), with subtotals."""
    by_field: dict[str, list[ProcedureTally]] = {}
    for tally in tallies:
        by_field.setdefault(tally.field, []).append(tally)
    rows: list[Ii06aRow] = []
    total = Counts()
    for i, field_name in enumerate(sorted(by_field, key=_field_order)):
        procedures = sorted(by_field[field_name], key=lambda t: (t.procedure_code, t.procedure_name))
        subtotal = Counts()
        for t in procedures:
            subtotal += t.counts
        rows.append(Ii06aRow("field", _roman(i), field_name or "Chưa phân lĩnh vực", subtotal, field=field_name))
        for j, t in enumerate(procedures, 1):
            label = f"{t.procedure_name} ({t.procedure_code})" if t.procedure_code else t.procedure_name
            rows.append(Ii06aRow("procedure", str(j), label, t.counts, t.field, t.procedure_key, t.procedure_code))
        total += subtotal
    return Ii06aReport(
        header,
        period,
        as_of,
        rule,
        (Ii06aRow("total", "", "TỔNG SỐ", total), *rows),
        recomputed,
        supplement_reading,
        duration_basis,
    )


def _field_order(name: str) -> tuple[bool, str, str]:
    return (not name, fold(name), name)


def _roman(index: int) -> str:
    return ROMAN[index] if index < len(ROMAN) else str(index + 1)
