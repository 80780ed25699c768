"""The public listing: what the wall shows per procedure, on A4 and A3, with a QR code holding the code."""

from __future__ import annotations

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import NotFound, ValidationError
from motcua_desktop.domain.listing import APOLOGY_RULES, FEE_NOT_ESTABLISHED
from motcua_desktop.domain.settings import LISTING_COMPLAINTS, LISTING_LEADER
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.services.printing.listing import print_listing, public_listing
from tests.factories import context
from tests.printing.pdfcheck import decode, page_count, page_sizes, page_texts, render

LEADER = "Ông Lê Đình Thắng, Phó Chủ tịch UBND phường, 0912 000 111"
COMPLAINTS = "Hộp thư góp ý tại Bộ phận Một cửa; điện thoại 0237 3 888 999"


def _office(store, clock):  # type: ignore[no-untyped-def]
    admin = context(store, clock, Role.ADMIN, username="admin")
    change_setting(admin, LISTING_LEADER, LEADER)
    change_setting(admin, LISTING_COMPLAINTS, COMPLAINTS)
    return context(store, clock)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def test_each_procedure_shows_its_documents_fee_time_and_result(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = _office(office_store, clock)
    listing = public_listing(ctx)
    birth = next(e for e in listing.entries if e.code == "1.001193")
    assert birth.name == "Đăng ký khai sinh" and birth.documents and birth.result_from
    assert birth.statutory_time.startswith("Trong ngày")
    assert all(e.fee for e in listing.entries) and any(e.fee == FEE_NOT_ESTABLISHED for e in listing.entries)
    assert len(listing.entries) == len(office_store.catalogue.current())
    text = _text(print_listing(ctx, "A4").pdf)
    for expected in (
        "NIÊM YẾT CÔNG KHAI THỦ TỤC HÀNH CHÍNH",
        LEADER,
        COMPLAINTS,
        "Đăng ký khai sinh",
        "Mã thủ tục: 1.001193",
        birth.documents[0],
        APOLOGY_RULES[1],
    ):
        assert " ".join(expected.split()) in text, expected


def test_a3_is_larger_and_the_qr_codes_hold_only_the_procedure_code(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = _office(office_store, clock)
    a4 = print_listing(ctx, "a4", ["1.001193", "1.004873"])
    a3 = print_listing(ctx, "A3", ["1.001193", "1.004873"])
    assert a4.procedures == 2 and a4.file_name == "niem-yet-thu-tuc_A4.pdf"
    (w4, h4), (w3, h3) = page_sizes(a4.pdf)[0], page_sizes(a3.pdf)[0]
    assert (round(w4), round(h4)) == (595, 842) and (round(w3), round(h3)) == (842, 1191)
    codes = sorted(
        d.text for page in range(page_count(a4.pdf)) for d in decode(render(a4.pdf, page)) if d.format == "QRCode"
    )
    assert codes == ["1.001193", "1.004873"]


def test_unknown_procedures_and_papers_are_refused(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = _office(office_store, clock)
    with pytest.raises(NotFound, match=r"9\.999999"):
        print_listing(ctx, "A4", ["9.999999"])
    with pytest.raises(ValidationError) as caught:
        print_listing(ctx, "A5")
    assert caught.value.key == "paper"
