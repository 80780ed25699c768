"""Báo cáo số lần đi lại của công dân: the trips of the dossiers returned in a period.

Per procedure: dossiers returned, trips in all, the average and the most for one dossier, the
dossiers done in one or two trips and their share, beside the same average and share for the
previous period of the same length; then the procedures that made citizens come back most often
(trips beyond the first). What counts as a trip: ``domain.trips``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.text import fold
from motcua_desktop.domain.trips import FEW_TRIPS, TripTally, tally
from motcua_desktop.reports.header import ReportHeader
from motcua_desktop.reports.period import ROMAN, Period
from motcua_desktop.reports.sheet import Column, Heading, Kind, Row, RowStyle, Sheet, Signer

TITLE = "BÁO CÁO SỐ LẦN ĐI LẠI CỦA CÔNG DÂN"
TOP = 10  # procedures listed in "most repeat trips"


@dataclass(frozen=True)
class ProcedureTrips:
    field: str
    procedure_key: str
    procedure_code: str
    procedure_name: str
    now: TripTally
    before: TripTally  # the previous period

    @property
    def label(self) -> str:
        return f"{self.procedure_name} ({self.procedure_code})" if self.procedure_code else self.procedure_name


@dataclass(frozen=True)
class TripsReport:
    kind: ClassVar[str] = "trips"
    header: ReportHeader
    period: Period
    previous: Period
    procedures: tuple[ProcedureTrips, ...]
    total_before: TripTally  # every dossier returned in the previous period, whatever its procedure

    @property
    def total(self) -> TripTally:
        return sum((p.now for p in self.procedures), TripTally())

    def most_repeated(self) -> list[ProcedureTrips]:
        """Procedures whose citizens came back most (trips beyond the first), most first."""
        repeated = [p for p in self.procedures if p.now.repeat_trips > 0]
        return sorted(repeated, key=lambda p: (-p.now.repeat_trips, -(p.now.average or 0), fold(p.label)))[:TOP]

    def as_json(self) -> dict[str, Any]:
        return {
            "report": "trips",
            "title": TITLE,
            **self.header.as_json(),
            "period": self.period.as_json(),
            "previous_period": self.previous.as_json(),
            "total": _tally_json(self.total),
            "total_previous": _tally_json(self.total_before),
            "procedures": [
                {
                    "field": p.field,
                    "procedure_key": p.procedure_key,
                    "procedure_code": p.procedure_code,
                    "procedure_name": p.procedure_name,
                    **_tally_json(p.now),
                    "previous": _tally_json(p.before),
                }
                for p in self.procedures
            ],
            "most_repeated": [p.procedure_key for p in self.most_repeated()],
        }

    def sheets(self) -> list[Sheet]:
        subtitles = (
            f"Kỳ báo cáo: {self.period.label} ({self.period.range_text}); "
            f"kỳ trước: {self.previous.label} ({self.previous.range_text})",
            f"Số hồ sơ đã trả kết quả: {self.total.dossiers}; bình quân {_average(self.total)} lần đi lại một hồ sơ",
        )
        rows = [Row(("", "TỔNG SỐ", *_values(self.total, self.total_before)), RowStyle.TOTAL)]
        fields: dict[str, list[ProcedureTrips]] = {}
        for p in self.procedures:
            fields.setdefault(p.field, []).append(p)
        for i, name in enumerate(sorted(fields, key=lambda n: (not n, fold(n), n))):
            items = fields[name]
            now = sum((p.now for p in items), TripTally())
            before = sum((p.before for p in items), TripTally())
            group = ROMAN[i] if i < len(ROMAN) else str(i + 1)
            rows.append(Row((group, name or "Chưa phân lĩnh vực", *_values(now, before)), RowStyle.GROUP))
            rows += [Row((str(j), p.label, *_values(p.now, p.before))) for j, p in enumerate(items, 1)]
        by_procedure = Sheet(
            name="Theo thủ tục",
            title=TITLE,
            subtitles=subtitles,
            columns=(
                Column(Kind.CENTER, 5),
                Column(Kind.TEXT, 40),
                Column(Kind.NUMBER, 10),
                Column(Kind.NUMBER, 10),
                Column(Kind.CENTER, 10),
                Column(Kind.NUMBER, 9),
                Column(Kind.NUMBER, 10),
                Column(Kind.PERCENT, 10),
                Column(Kind.CENTER, 10),
                Column(Kind.PERCENT, 10),
            ),
            headings=(
                (
                    Heading("TT", rows=2),
                    Heading("Lĩnh vực, thủ tục hành chính", rows=2),
                    Heading("Số hồ sơ đã trả kết quả", rows=2),
                    Heading("Kỳ này", columns=5),
                    Heading("Kỳ trước", columns=2),
                ),
                (
                    Heading("Tổng số lần đi lại"),
                    Heading("Bình quân"),
                    Heading("Nhiều nhất"),
                    Heading(f"Số hồ sơ 1–{FEW_TRIPS} lần"),
                    Heading(f"Tỷ lệ 1–{FEW_TRIPS} lần"),
                    Heading("Bình quân"),
                    Heading(f"Tỷ lệ 1–{FEW_TRIPS} lần"),
                ),
            ),
            rows=tuple(rows),
            letterhead=self.header.letterhead(),
            notes=(
                "Mỗi lần đi lại là một lần công dân đến bộ phận một cửa vì hồ sơ: nộp hồ sơ, nộp bổ sung, đến nhận "
                "nhưng chưa có kết quả, nhận kết quả; các lần trong cùng một ngày làm việc tính là một lần. Chỉ tính "
                "hồ sơ đã trả kết quả trong kỳ.",
            ),
        )
        repeated = self.most_repeated()
        top_rows = [
            Row((str(i), p.label, p.now.dossiers, p.now.repeat_trips, _average(p.now), p.now.most_trips))
            for i, p in enumerate(repeated, 1)
        ] or [Row(("", "Không có hồ sơ nào công dân phải đi lại quá một lần.", None, None, None, None), merge=(1, 5))]
        most = Sheet(
            name="Đi lại nhiều nhất",
            title="CÁC THỦ TỤC CÔNG DÂN PHẢI ĐI LẠI NHIỀU NHẤT",
            subtitles=subtitles[:1],
            columns=(
                Column(Kind.CENTER, 5),
                Column(Kind.TEXT, 52),
                Column(Kind.NUMBER, 12),
                Column(Kind.NUMBER, 14),
                Column(Kind.CENTER, 11),
                Column(Kind.NUMBER, 11),
            ),
            headings=(
                (
                    Heading("TT"),
                    Heading("Thủ tục hành chính"),
                    Heading("Số hồ sơ đã trả"),
                    Heading("Số lần đi lại thêm"),
                    Heading("Bình quân"),
                    Heading("Nhiều nhất"),
                ),
            ),
            rows=tuple(top_rows),
            place_date=self.header.place_date,
            signers=(Signer("NGƯỜI LẬP BÁO CÁO", name=self.header.preparer), Signer("THỦ TRƯỞNG ĐƠN VỊ")),
        )
        return [by_procedure, most]


def _average(t: TripTally) -> str:
    return vn_number(t.average, 2) if t.average is not None else "–"


def _values(now: TripTally, before: TripTally) -> tuple[Any, ...]:
    return (
        now.dossiers,
        now.total_trips,
        _average(now),
        now.most_trips,
        now.few_trips,
        now.few_share,
        _average(before),
        before.few_share,
    )


def _tally_json(t: TripTally) -> dict[str, Any]:
    return {
        "dossiers": t.dossiers,
        "trips": t.total_trips,
        "average": t.average,
        "most": t.most_trips,
        "few_trips": t.few_trips,
        "few_share": t.few_share,
        "repeat_trips": t.repeat_trips,
    }


def build_trips(
    header: ReportHeader,
    period: Period,
    previous: Period,
    now: Iterable[tuple[str, str, int, int]],
    before: Iterable[tuple[str, str, int, int]],
    names: dict[str, tuple[str, str]],
) -> TripsReport:
    """``now``/``before``: (field, procedure key, trips, dossiers) of the period and the previous one;
    ``names``: procedure key → (national code, name). Procedures only returned before are left out."""
    counts_now: dict[tuple[str, str], list[tuple[int, int]]] = {}
    counts_before: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for field_name, key, count, dossiers in now:
        counts_now.setdefault((field_name, key), []).append((count, dossiers))
    before = list(before)
    for field_name, key, count, dossiers in before:
        counts_before.setdefault((field_name, key), []).append((count, dossiers))
    groups = sorted(counts_now, key=lambda g: (g[0], *names.get(g[1], ("", g[1]))))
    procedures = tuple(
        ProcedureTrips(
            field_name,
            key,
            names.get(key, ("", key))[0],
            names.get(key, ("", key))[1],
            tally(counts_now[(field_name, key)]),
            tally(counts_before.get((field_name, key), [])),
        )
        for field_name, key in groups
    )
    return TripsReport(header, period, previous, procedures, tally((count, n) for _f, _k, count, n in before))
