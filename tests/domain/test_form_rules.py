"""Each form prints only in the states where it records something (domain.form_rules)."""

from __future__ import annotations

import dataclasses

import pytest

from motcua_desktop.domain.form_rules import form_refusal, forms_allowed
from motcua_desktop.domain.lifecycle import Status
from tests.printing import samples as s

# (dossier, its status) → the forms it may print
CASES = [
    (s.dossier(), Status.RECEIVED, ("01", "06")),
    (s.handed_dossier(), Status.IN_PROCESSING, ("01", "06")),
    (s.supplement_dossier(), Status.AWAITING_SUPPLEMENT, ("01", "02", "06")),
    (s.guidance_dossier(), Status.GUIDED, ("02",)),
    (s.refused_dossier(), Status.REFUSED_AT_COUNTER, ("03",)),
    (s.extended_dossier(), Status.EXTENDED, ("01", "04", "06")),
    (s.stopped_dossier(), Status.STOPPED, ("05", "06")),
    (s.returned_dossier(1), Status.RETURNED, ("06",)),
    (dataclasses.replace(s.dossier(), status=Status.RESULT_READY), Status.RESULT_READY, ("01", "06")),
    (dataclasses.replace(s.dossier(), status=Status.WITHDRAWN), Status.WITHDRAWN, ("06",)),
]


@pytest.mark.parametrize(("dossier", "status", "forms"), CASES, ids=[c[1].value for c in CASES])
def test_forms_each_state_allows(dossier, status: Status, forms: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert dossier.status is status
    assert forms_allowed(status, dossier) == forms


def test_a_supplement_request_is_not_printed_once_the_supplement_arrived() -> None:
    """A dossier that had a request prints it while the request is open, not after (form 02 used to print
    for any dossier that ever had a supplement round)."""
    waiting = s.supplement_dossier()
    done = dataclasses.replace(
        waiting,
        status=Status.SUPPLEMENTED,
        supplements=(dataclasses.replace(waiting.supplements[0], received_at=waiting.received_at),),
    )
    assert "02" in forms_allowed(waiting.status, waiting)
    refusal = form_refusal("02", done)
    assert refusal is not None and "Đã bổ sung" in refusal


def test_refusal_and_stop_letters_only_for_their_states() -> None:
    received = s.dossier()
    assert "Phiếu từ chối tiếp nhận chỉ in" in str(form_refusal("03", received))
    assert "Thông báo dừng giải quyết chỉ in" in str(form_refusal("05", received))
    assert "chưa được gia hạn" in str(form_refusal("04", received))


def test_the_apology_letter_is_not_printed_after_the_dossier_ended() -> None:
    extended = s.extended_dossier()
    finished = dataclasses.replace(extended, status=Status.RETURNED)
    assert "04" in forms_allowed(extended.status, extended)
    assert "còn đang giải quyết" in str(form_refusal("04", finished))


def test_no_receipt_reprint_once_the_dossier_ended() -> None:
    returned = s.returned_dossier(1)
    assert "không in lại" in str(form_refusal("01", returned))
