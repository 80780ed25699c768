"""Form 07, the tracking book ("Sổ theo dõi hồ sơ"): one line per dossier for a date range."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.text import nfc
from motcua_desktop.domain.vntime import fmt_date, to_vn
from motcua_desktop.printing.builder import Fields, Row
from motcua_desktop.printing.context import FormContext, PrintOptions
from motcua_desktop.printing.fields import common_values


@dataclass(frozen=True)
class BookLine:
    """What one line of the book shows; ``number`` is the book's "Số thứ tự" (0: use list order)."""

    code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    sets_count: int = 1
    address: str = ""
    phone: str = ""
    deciding_unit: str = ""
    due_at: datetime | None = None
    handed_over_at: datetime | None = None  # sent to the deciding unit
    result_at: datetime | None = None  # result received back from it
    returned_at: datetime | None = None  # result given to the citizen
    collector_name: str = ""
    note: str = ""
    number: int = 0
    volume: str = ""

    @classmethod
    def from_dossier(cls, dossier: Dossier) -> BookLine:
        """The first hand-over is the dispatch to the deciding unit; the promised due date is printed."""
        handed = dossier.handovers[0].at if dossier.handovers else None
        record = dossier.return_record
        return cls(
            code=dossier.code or "",
            procedure_name=dossier.procedure.name,
            applicant_name=dossier.applicant.full_name,
            received_at=dossier.received_at,
            sets_count=dossier.sets_count,
            address=dossier.applicant.address.one_line(),
            phone=dossier.applicant.phone,
            deciding_unit=dossier.deciding_unit or dossier.procedure.deciding_agency,
            due_at=dossier.original_due_at or dossier.due_at,
            handed_over_at=handed,
            result_at=dossier.result_at,
            returned_at=record.returned_at if record else None,
            collector_name=record.collector_name if record else "",
            note=dossier.note,
            number=dossier.book_line,
            volume=dossier.book_volume,
        )


def book_fields(
    lines: Sequence[BookLine], context: FormContext, options: PrintOptions, date_from: date, date_to: date
) -> Fields:
    values = common_values(context, options)
    volumes = sorted({line.volume for line in lines if line.volume})
    values.update(
        {
            "date_from": fmt_date(date_from),
            "date_to": fmt_date(date_to),
            "book_volume": ", ".join(volumes),
            "line_count": str(len(lines)),
        }
    )
    rows: list[Row] = []
    for i, line in enumerate(lines, 1):
        address_phone = line.address
        if line.phone:
            address_phone = f"{address_phone}\nĐT: {line.phone}" if address_phone else f"ĐT: {line.phone}"
        rows.append(
            {
                "n": str(line.number or i),
                "code": line.code,
                "procedure_name": line.procedure_name,
                "sets_count": str(line.sets_count),
                "applicant_name": line.applicant_name,
                "address": line.address,
                "phone": line.phone,
                "address_phone": address_phone,
                "deciding_unit": line.deciding_unit,
                "received_date": fmt_date(line.received_at),
                "received_time": f"{to_vn(line.received_at):%H:%M}",
                "due_date": fmt_date(line.due_at),
                "handed_over_date": fmt_date(line.handed_over_at),
                "result_date": fmt_date(line.result_at),
                "returned_date": fmt_date(line.returned_at),
                "collector_name": line.collector_name,
                "note": line.note,
            }
        )
    return Fields(
        {k: nfc(v) for k, v in values.items()},
        {"lines": [{k: nfc(v) for k, v in row.items()} for row in rows]},
    )
