"""The fee line of form 01 for every procedure of the starter catalogue: an amount, "Không thu phí",
or no line at all; never a research note ("ví dụ 8.000đ", "Theo HĐND tỉnh", a per-page rule)."""

from __future__ import annotations

import re

import pytest

from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.catalogue import list_procedures
from motcua_desktop.services.printing.forms import print_form
from tests.factories import applicant, birth_registration, context
from tests.printing import pdfcheck as pc

FEE_LINE = re.compile(r"7\. Phí, lệ phí: (.*?) Vào Sổ theo dõi")
PRINTABLE = re.compile(r"^(?:[1-9]\d{0,2}(?:\.\d{3})* đồng|Không thu phí)$")
NOTES = ("ví dụ", "Ví dụ", "HĐND", "Như thủ tục", "Theo", "theo", "/bản", "/trang", "Miễn nếu", "một cổng")


def _fee_printed(ctx, key: str, n: int, **extra: str) -> str | None:  # type: ignore[no-untyped-def]
    procedure = next(p for p in list_procedures(ctx) if p.key == key)
    request = birth_registration(
        procedure=key, applicant=applicant(full_name=f"nguyễn văn {chr(97 + n % 26)}", id_number=f"0380870{n:05d}")
    )
    if procedure.effective_duration is None:  # the clerk enters the time limit the catalogue lacks
        request.duration_unit, request.duration_amount = "NGAY_LAM_VIEC", "5"
    for name, value in extra.items():
        setattr(request, name, value)
    dossier = register(ctx, request).dossier
    pdf = print_form(ctx, dossier.uuid, "01", layout="a5").pdf
    found = FEE_LINE.search(pc.flat_text(pdf))
    return found.group(1) if found else None


def test_every_procedure_prints_an_amount_or_no_fee_or_nothing(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    printed = {}
    for n, procedure in enumerate(list_procedures(ctx)):
        clock.advance(minutes=1)
        fee = _fee_printed(ctx, procedure.key, n)
        printed[procedure.key] = fee
        if fee is not None:
            assert PRINTABLE.match(fee), (procedure.key, fee)
            assert not any(note in fee for note in NOTES), (procedure.key, fee)
        if procedure.effective_fee is None:
            assert fee is None, (procedure.key, fee)  # nothing established, nothing typed: no fee line
    assert len(printed) == 85
    assert printed["2.000908"] == "Không thu phí"  # established free ([V] Lào Cai portal)
    assert printed["1.001193"] is None  # "Miễn nếu đăng ký đúng hạn …; ví dụ 8.000đ": the clerk states it
    assert printed["1.012796"] == "25.000 đồng"  # one amount per dossier ([V-3P])
    assert sum(fee is not None for fee in printed.values()) == 12  # the established ones (see the catalogue)


@pytest.mark.parametrize(
    ("typed", "expected"), [("0", "Không thu phí"), ("8.000", "8.000 đồng"), ("50000", "50.000 đồng")]
)
def test_the_fee_the_clerk_states_is_printed(office_store, clock, typed: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    assert _fee_printed(ctx, "1.001193", 1, fee_amount=typed) == expected
