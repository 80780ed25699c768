"""The catalogue as a CSV file in the program's own layout (``motcua catalogue export``).

The same columns as the starter catalogue, plus the office's own fields (``*_dia_phuong``), so a
file exported on one counter and imported on another carries the office's time limits, fees and
checklists with it, and an export imported back changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.duration import Duration, DurationUnit, format_amount

HEADER = (
    "stt",
    "ma_tthc",
    "ma_tthc_khac",
    "ten_thu_tuc",
    "linh_vuc",
    "noi_tiep_nhan",
    "co_quan_giai_quyet",
    "loai_thoi_han",
    "thoi_han",
    "gio_cat",
    "thoi_han_ghi_chu",
    "le_phi",
    "le_phi_ghi_chu",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "nguon_ma",
    "nguon_thoi_han",
    "nguon_le_phi",
    "nguon_thanh_phan",
    "nguon",
    "ghi_chu",
    "loai_thoi_han_dia_phuong",
    "thoi_han_dia_phuong",
    "gio_cat_dia_phuong",
    "le_phi_dia_phuong",
    "thanh_phan_dia_phuong",
    "can_cu_dia_phuong",
)


def _duration(duration: Duration | None) -> tuple[str, str, str]:
    if duration is None:
        return "", "", ""
    if duration.unit is DurationUnit.SAME_DAY:
        return duration.unit.value, "", duration.cutoff.strftime("%H:%M")
    return duration.unit.value, format_amount(duration.amount).replace(",", "."), ""


def _money(amount: int | None) -> str:
    return "" if amount is None else str(amount)


def catalogue_csv(procedures: Iterable[Procedure]) -> bytes:
    """UTF-8 with a byte-order mark (Excel on Windows then reads the diacritics right), LF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for n, p in enumerate(procedures, 1):
        unit, amount, cutoff = _duration(p.duration)
        local_unit, local_amount, local_cutoff = _duration(p.local_duration)
        writer.writerow(
            (
                n,
                p.code,
                p.alt_code,
                p.name,
                p.field,
                p.receiving_place,
                p.deciding_agency,
                unit,
                amount,
                cutoff,
                p.duration_note,
                _money(p.fee_amount),
                p.fee_text,
                " | ".join(p.documents),
                p.legal_basis,
                p.code_source,
                p.duration_source,
                p.fee_source,
                p.documents_source,
                p.source,
                p.note,
                local_unit,
                local_amount,
                local_cutoff,
                _money(p.local_fee_amount),
                " | ".join(p.local_documents),
                p.local_basis,
            )
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
