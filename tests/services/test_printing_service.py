from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest
import zxingcpp

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.codes import parse_lookup
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.transitions import SupplementRequestInput
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier, open_dossier, resolve
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.printing.forms import print_form, print_tracking_book, set_receipt_options
from tests.factories import birth_registration, context


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in doc)


def barcodes(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    found = []
    for page in doc:
        image = page.render(scale=200 / 72).to_pil().convert("L")
        found += [r.text for r in zxingcpp.read_barcodes(image)]
    return found


def test_receipt_after_registration_prints_and_scans_back(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    dossier = register(ctx, birth_registration()).dossier
    job = print_form(ctx, dossier.code)
    text = pdf_text(job.pdf)
    for expected in (
        dossier.code,
        "Nguyễn Văn An",
        "Đăng ký khai sinh",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Nguyễn Thị Lan",
        "Liên 1",
        "Liên 2",
    ):
        assert expected in text
    scanned = barcodes(job.pdf)
    assert len(scanned) == 2  # two copies on one A4 sheet
    assert all(resolve(ctx, code) == dossier.uuid for code in scanned)
    assert parse_lookup(scanned[0]).barcode is not None
    assert not job.reprint and job.file_name.startswith("mau-01_") and job.file_name.isascii()


def test_reprint_is_recorded_and_marked(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration()).dossier.code
    print_form(ctx, code)
    again = print_form(ctx, code)
    assert again.reprint and "BẢN IN LẠI" in pdf_text(again.pdf)
    view = open_dossier(ctx, code)
    assert view.prints == {"01": 2}
    assert [h.title for h in view.history if h.form == "01"] == ["In mẫu 01", "In mẫu 01 (in lại)"]


def test_office_layout_option_and_other_forms(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, role=Role.ADMIN, username="admin2")
    set_receipt_options(admin, layout="80mm", qr=True)
    with pytest.raises(ValidationError, match="Khổ giấy"):
        set_receipt_options(admin, layout="A3")
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration()).dossier.code
    receipt = print_form(ctx, code)
    assert pdfium.PdfDocument(receipt.pdf)[0].get_size()[0] == pytest.approx(80 / 25.4 * 72, abs=1)
    assert any(code == value for value in barcodes(receipt.pdf))  # the QR holds the code itself
    transition(
        ctx, find_dossier(ctx, code), SupplementRequestInput(note="Thiếu giấy", items=["Giấy chứng sinh bản chính"])
    )
    assert "Giấy chứng sinh bản chính" in pdf_text(print_form(ctx, code, "02").pdf)
    book = print_tracking_book(ctx, date(2026, 11, 1), date(2026, 11, 30))
    assert code in "".join(pdf_text(book.pdf).split())  # the code wraps inside its narrow column
    with pytest.raises(ValidationError):
        print_tracking_book(ctx, date(2026, 11, 30), date(2026, 11, 1))
