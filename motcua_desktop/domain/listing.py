"""The public listing a counter posts on its wall ("niêm yết công khai" of the procedures).

Every article behind issue 19 insists on it: Long Điền B posts every procedure where citizens can read
it, with the address that takes complaints and the leaders' telephone numbers, and the apology rules for
late dossiers. What each procedure shows is worked out here from the catalogue, the same way the receipt
does: the office's shorter time next to the statutory one, a fee only when it rests on an established
source (``domain.catalogue``), the documents of the office's checklist, the agency that issues the result.
``printing.listing`` lays it out on A4 or A3; a QR code per procedure carries only its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from motcua_desktop.domain.catalogue import Procedure, local_exceeds
from motcua_desktop.domain.money import format_vnd
from motcua_desktop.domain.text import fold

TITLE = "NIÊM YẾT CÔNG KHAI THỦ TỤC HÀNH CHÍNH"
PAPERS = ("A4", "A3")
FEE_NOT_ESTABLISHED = "Theo mức thu do Hội đồng nhân dân tỉnh quy định (hỏi cán bộ tiếp nhận)"
TIME_NOT_ESTABLISHED = "Theo quy định của thủ tục (hỏi cán bộ tiếp nhận)"
# The apology rules of Decree 118/2025 Art. 19(6) as the counter posts them.
APOLOGY_RULES: tuple[str, ...] = (
    "Hồ sơ quá hạn giải quyết: cơ quan giải quyết gửi văn bản xin lỗi tổ chức, cá nhân, nêu rõ lý do quá hạn "
    "và hẹn lại ngày trả kết quả (Nghị định 118/2025/NĐ-CP, Điều 19 khoản 6; mẫu 04).",
    "Văn bản xin lỗi được gửi chậm nhất 01 ngày trước ngày hẹn trả kết quả; ngày hẹn chỉ được hẹn lại một lần.",
)


@dataclass(frozen=True)
class ListingEntry:
    """One procedure as the wall shows it."""

    code: str  # national code: also the content of its QR code
    name: str
    field: str
    documents: tuple[str, ...]
    fee: str
    local_time: str  # the office's shorter time ("" when it has none)
    statutory_time: str
    result_from: str  # the agency that decides and issues the result
    receiving_place: str

    @property
    def qr_value(self) -> str:
        """What the QR code encodes: the procedure code only (nothing online opens from it)."""
        return self.code


@dataclass(frozen=True)
class Listing:
    unit_name: str
    superior_name: str
    address: str
    phone: str
    complaints: str  # where complaints and suggestions are received (address, phone, e-mail)
    leader: str  # the leader taking complaints: name, title, phone
    entries: tuple[ListingEntry, ...]
    apology_rules: tuple[str, ...] = APOLOGY_RULES


def fee_text(procedure: Procedure) -> str:
    fee = procedure.effective_fee
    if fee is None:
        return FEE_NOT_ESTABLISHED
    return "Không thu phí, lệ phí" if fee == 0 else format_vnd(fee)


def listing_entry(procedure: Procedure, default_result_from: str = "") -> ListingEntry:
    statutory = procedure.duration if procedure.duration_confirmed else None
    local = procedure.local_duration
    local_text = local.label() if local is not None and not local_exceeds(local, statutory) else ""
    return ListingEntry(
        code=procedure.code or procedure.key,
        name=procedure.name,
        field=procedure.field,
        documents=procedure.effective_documents,
        fee=fee_text(procedure),
        local_time=local_text,
        statutory_time=statutory.label() if statutory is not None else TIME_NOT_ESTABLISHED,
        result_from=procedure.deciding_agency or default_result_from,
        receiving_place=procedure.receiving_place,
    )


def listing_entries(procedures: Iterable[Procedure], default_result_from: str = "") -> tuple[ListingEntry, ...]:
    """The procedures by field, then by name (Vietnamese order without diacritics)."""
    entries = [listing_entry(p, default_result_from) for p in procedures]
    return tuple(sorted(entries, key=lambda e: (fold(e.field), fold(e.name), e.code)))
