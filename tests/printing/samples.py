"""Dossiers and contexts for printing tests and the bench, built straight from domain dataclasses."""

from __future__ import annotations

import dataclasses
import unicodedata
from decimal import Decimal

from motcua_desktop.domain.catalogue import ProcedureSnapshot
from motcua_desktop.domain.dossier import (
    Address,
    Channel,
    CollectorKind,
    CopyKind,
    DocumentItem,
    Dossier,
    Extension,
    HandOver,
    Person,
    ResultDelivery,
    ReturnRecord,
    SupplementRound,
)
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.identity import IdType, Sex
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.office import OfficeSettings
from motcua_desktop.domain.vntime import vn_datetime
from motcua_desktop.printing import FormContext

CODE = "000.00.12.H56-260105-0137"

OFFICE = OfficeSettings(
    superior_name="UBND xã Đông Tiến",
    unit_name="Trung tâm Phục vụ hành chính công xã Đông Tiến",
    agency_id="000.00.12.H56",
    province_code="38",
    commune_code="16012",
    counter_no=1,
    deciding_unit="UBND xã Đông Tiến",
    place_name="Đông Tiến",
    phone="0237 3868 123",
    address="Thôn Phú Thượng, xã Đông Tiến, tỉnh Thanh Hóa",
)

PROCEDURE = ProcedureSnapshot(
    procedure_id=1,
    key="1.001193",
    version=1,
    code="1.001193",
    name="Đăng ký khai sinh",
    field="Hộ tịch",
    deciding_agency="UBND xã Đông Tiến",
    duration=Duration(DurationUnit.WORKING_DAYS, Decimal(3)),
    fee_amount=0,  # established free in the catalogue
)

APPLICANT = Person(
    full_name="Nguyễn Thị Hồng Nhung",
    sex=Sex.FEMALE,
    id_type=IdType.CCCD,
    id_number="038190012345",
    phone="0912 345 678",
    email="nhung.nguyen@example.vn",
    address=Address(detail="Số 12, thôn Phú Thượng", commune_name="Xã Đông Tiến", province_name="Tỉnh Thanh Hóa"),
)

DOCUMENTS = (
    DocumentItem("Tờ khai đăng ký khai sinh", CopyKind.ORIGINAL, 1),
    DocumentItem("Giấy chứng sinh", CopyKind.ORIGINAL, 1),
    DocumentItem("Giấy chứng nhận kết hôn của cha mẹ", CopyKind.CERTIFIED_COPY, 1),
)


def dossier(**changes: object) -> Dossier:
    base = Dossier(
        uuid="7f1c2d3e-0000-4000-8000-000000000137",
        code=CODE,
        status=Status.RECEIVED,
        applicant=APPLICANT,
        procedure=PROCEDURE,
        channel=Channel.DIRECT,
        received_at=vn_datetime(2026, 1, 5, 9, 30),
        received_by="tiepnhan1",
        device_id="PC-01",
        receiving_agency_id="000.00.12.H56",
        receiving_unit="Trung tâm Phục vụ hành chính công xã Đông Tiến",
        documents=DOCUMENTS,
        sets_count=1,
        summary="Khai sinh cho cháu Trần Minh Đức",
        deciding_unit="UBND xã Đông Tiến",
        result_delivery=ResultDelivery.COUNTER,
        due_at=vn_datetime(2026, 1, 8, 16, 30),
        original_due_at=vn_datetime(2026, 1, 8, 16, 30),
        book_volume="01/2026",
        book_line=137,
    )
    return dataclasses.replace(base, **changes)


def long_dossier() -> Dossier:
    """15 documents, a 200-character address, a long name and a long summary."""
    address = Address(
        detail=(
            "Nhà số 1234/56/78 ngõ 910 đường Nguyễn Văn Trỗi kéo dài, tổ dân phố số 15, khu tái định cư "
            "Đồng Xoài mở rộng giai đoạn hai, gần chợ đầu mối nông sản phía tây, cạnh trạm y tế xã cũ"
        ),
        commune_name="Xã Đông Tiến",
        province_name="Tỉnh Thanh Hóa",
    )
    assert len(address.one_line()) >= 200
    docs = tuple(
        DocumentItem(
            f"Bản sao giấy tờ chứng minh quyền sử dụng đất và tài sản gắn liền với đất số {i} kèm sơ đồ thửa đất",
            (CopyKind.ORIGINAL, CopyKind.CERTIFIED_COPY, CopyKind.PHOTOCOPY)[i % 3],
            1 + i % 2,
        )
        for i in range(1, 16)
    )
    person = dataclasses.replace(
        APPLICANT, full_name="Tôn Nữ Hoàng Thị Ngọc Bích Phương Thảo Nguyễn Huỳnh Đức", address=address
    )
    rep = Person(full_name="Lê Văn Quyết", id_number="038085001111", phone="0987 654 321")
    return dossier(
        applicant=person,
        representative=rep,
        documents=docs,
        summary="Đề nghị cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu cho hộ gia đình",
        sets_count=2,
    )


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfd_dossier() -> Dossier:
    """The sample dossier typed in decomposed form (Unikey "Unicode tổ hợp")."""
    applicant = dataclasses.replace(
        APPLICANT,
        full_name=nfd(APPLICANT.full_name),
        address=dataclasses.replace(APPLICANT.address, detail=nfd(APPLICANT.address.detail)),
    )
    return dossier(
        applicant=applicant,
        summary=nfd("Khai sinh cho cháu Trần Minh Đức"),
        documents=tuple(dataclasses.replace(d, name=nfd(d.name)) for d in DOCUMENTS),
    )


def supplement_dossier() -> Dossier:
    round_ = SupplementRound(
        requested_at=vn_datetime(2026, 1, 6, 10, 0),
        requested_by="tiepnhan1",
        items=("Bản sao Giấy chứng nhận kết hôn có chứng thực", "Giấy ủy quyền có xác nhận của UBND xã"),
        reason="Giấy chứng nhận kết hôn nộp kèm là bản photo không chứng thực",
    )
    return dossier(status=Status.AWAITING_SUPPLEMENT, supplements=(round_,))


def guidance_dossier() -> Dossier:
    """Pre-reception guidance: no code, missing items on the dossier itself."""
    return dossier(
        code=None,
        status=Status.GUIDED,
        missing_items=("Giấy chứng sinh (bản chính)", "Căn cước của người đi khai sinh"),
        reason="Hồ sơ chưa đủ thành phần theo quy định",
        book_volume="",
        book_line=0,
    )


def refused_dossier() -> Dossier:
    return dossier(
        code=None,
        status=Status.REFUSED_AT_COUNTER,
        reason="Việc đăng ký khai sinh thuộc thẩm quyền của UBND xã nơi cư trú của người cha hoặc người mẹ",
    )


def extended_dossier() -> Dossier:
    ext = Extension(
        at=vn_datetime(2026, 1, 7, 15, 0),
        old_due_at=vn_datetime(2026, 1, 8, 16, 30),
        new_due_at=vn_datetime(2026, 1, 13, 16, 30),
        reason="Cần xác minh thông tin hộ tịch tại nơi đăng ký kết hôn của cha mẹ",
        by="lanhdao",
    )
    return dossier(status=Status.EXTENDED, extension=ext, due_at=ext.new_due_at)


def stopped_dossier() -> Dossier:
    return dossier(
        status=Status.STOPPED,
        reason="Người nộp hồ sơ đề nghị dừng giải quyết để bổ sung giấy tờ khác",
        finished_at=vn_datetime(2026, 1, 7, 8, 15),
    )


def handed_dossier(count: int = 3) -> Dossier:
    units = ("Trung tâm Phục vụ hành chính công xã Đông Tiến", "Công chức Tư pháp - Hộ tịch", "Lãnh đạo UBND xã")
    hands = tuple(
        HandOver(
            at=vn_datetime(2026, 1, 5 + i // 2, 10 + i % 6, 15),
            from_unit=units[i % 3],
            to_unit=units[(i + 1) % 3],
            giver=("Nguyễn Văn Bình", "Trần Thị Lan", "Phạm Quốc Hưng")[i % 3],
            receiver=("Trần Thị Lan", "Phạm Quốc Hưng", "Nguyễn Văn Bình")[i % 3],
            note="Đủ thành phần" if i % 2 == 0 else "",
        )
        for i in range(count)
    )
    return dossier(status=Status.IN_PROCESSING, handovers=hands)


def result_dossier() -> Dossier:
    """Handed over twice, the result back at the counter on the due date (form 06's last row)."""
    return dataclasses.replace(
        handed_dossier(2),
        status=Status.RESULT_READY,
        result_at=vn_datetime(2026, 1, 8, 15, 0),
        finished_at=vn_datetime(2026, 1, 8, 15, 0),
    )


def returned_dossier(i: int) -> Dossier:
    base = handed_dossier(2)
    record = ReturnRecord(
        returned_at=vn_datetime(2026, 1, 8, 14, 0),
        returned_by="tiepnhan1",
        collector_kind=CollectorKind.APPLICANT,
        collector_name=APPLICANT.full_name,
    )
    return dataclasses.replace(
        base,
        code=f"000.00.12.H56-260105-{i:04d}",
        status=Status.RETURNED,
        book_line=i,
        result_at=vn_datetime(2026, 1, 8, 9, 0),
        return_record=record if i % 2 else None,
    )


def context(**changes: object) -> FormContext:
    base = FormContext(
        office=OFFICE,
        printed_at=vn_datetime(2026, 1, 5, 9, 35),
        clerk_name="Phạm Thị Thu Hà",
        appointment_text="16 giờ 30 phút, ngày 08 tháng 01 năm 2026",
        website="dichvucong.gov.vn",
        signer_title="CHỦ TỊCH",
        signer_name="Lê Đình Thắng",
    )
    return dataclasses.replace(base, **changes)


def write_reference_pngs(folder: str, dpi: int = 80) -> list[str]:
    """Reference images of every form and form-01 layout (``python -m tests.printing.samples docs/forms``)."""
    from datetime import date
    from pathlib import Path

    import pypdfium2 as pdfium

    from motcua_desktop.printing import BookLine, PrintOptions, render_book, render_form

    book = [BookLine.from_dossier(returned_dossier(i)) for i in range(1, 13)]
    pdfs = {
        "form01_a4x2": render_form("01", dossier(), context(), PrintOptions(layout="a4x2", qr=True)),
        "form01_a5": render_form("01", dossier(), context(), PrintOptions(layout="a5")),
        "form01_80mm": render_form("01", dossier(), context(), PrintOptions(layout="80mm")),
        "form01_a4x2_long": render_form("01", long_dossier(), context(), PrintOptions(layout="a4x2", reprint=True)),
        "form02_supplement": render_form("02", supplement_dossier(), context()),
        "form02_guidance": render_form("02", guidance_dossier(), context()),
        "form03": render_form("03", refused_dossier(), context()),
        "form04": render_form("04", extended_dossier(), context()),
        "form05": render_form("05", stopped_dossier(), context()),
        "form06": render_form("06", result_dossier(), context()),
        "form07": render_book(book, context(), date(2026, 1, 1), date(2026, 1, 31)),
    }
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, pdf in pdfs.items():
        doc = pdfium.PdfDocument(pdf)
        image = doc[0].render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil().convert("L")
        doc.close()
        path = out / f"{name}.png"
        image.save(path, optimize=True)
        written.append(str(path))
    return written


if __name__ == "__main__":
    import sys

    print("\n".join(write_reference_pngs(sys.argv[1] if len(sys.argv) > 1 else "docs/forms")))
