"""«Ngày không hẹn»: an eligible dossier is received, resolved and handed over in one action."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.same_day import (
    NOT_ELIGIBLE_NOTE,
    SAME_DAY_TEXT,
    parse_weekdays,
    same_day_decision,
    weekdays_text,
)
from motcua_desktop.domain.settings import NO_APPOINTMENT_WEEKDAYS, SAME_DAY_PROCEDURES
from motcua_desktop.domain.transitions import ReturnInput
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.services.dossiers.lookup import load_dossier, rebuild_projection
from motcua_desktop.services.dossiers.same_day import receive
from tests.factories import MARRIAGE_STATUS, birth_registration, context


def test_the_domain_decides_by_weekday_and_procedure() -> None:
    monday, tuesday = date(2026, 11, 16), date(2026, 11, 17)
    assert same_day_decision(monday, ("k", "1.001193"), [0], ["1.001193"]).eligible
    other = same_day_decision(monday, ("k", "1.004873"), [0], ["1.001193"])
    assert other.no_appointment_day and not other.eligible and other.note == NOT_ELIGIBLE_NOTE
    assert not same_day_decision(tuesday, ("k", "1.001193"), [0], ["1.001193"]).no_appointment_day
    assert parse_weekdays("Thứ tư, CN, t2") == (0, 2, 6)
    assert weekdays_text((2, 0)) == "Thứ hai, Thứ tư"
    with pytest.raises(ValidationError) as caught:
        parse_weekdays("thứ mười")
    assert caught.value.key == "practices.no_appointment_weekdays"


def _no_appointment_monday(store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(store, clock, Role.ADMIN, username="admin")
    change_setting(admin, NO_APPOINTMENT_WEEKDAYS, "Thứ hai")
    change_setting(admin, SAME_DAY_PROCEDURES, "1.001193")


def test_an_eligible_dossier_is_received_resolved_and_returned_at_once(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    _no_appointment_monday(office_store, clock)
    ctx = context(office_store, clock)
    result = receive(ctx, birth_registration(request_id="r-1"), ReturnInput(rating="rat_hai_long"))
    d = result.registration.dossier
    assert result.resolved and d.same_day and d.status is Status.RETURNED
    assert d.return_record is not None and d.return_record.returned_at == d.received_at
    kinds = [(e.kind, e.payload.get("action")) for e in office_store.events.for_dossier(d.uuid)]
    assert kinds == [
        (ev.DOSSIER_REGISTERED, None),
        (ev.DOSSIER_TRANSITIONED, "result-ready"),
        (ev.DOSSIER_TRANSITIONED, "return"),
    ]
    assert load_dossier(office_store, d.uuid).same_day  # the fold keeps the mark
    rebuild_projection(office_store)
    row = office_store.db.execute("SELECT same_day, status FROM dossiers WHERE uuid = ?", [d.uuid]).fetchone()
    assert row == (1, Status.RETURNED.value)
    # the same form submitted twice records one dossier
    again = receive(ctx, birth_registration(request_id="r-1"))
    assert again.registration.already_registered and again.registration.dossier.uuid == d.uuid


def test_the_receipt_says_resolved_at_once(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.printing import FormContext, render_form
    from tests.factories import make_office
    from tests.printing.pdfcheck import page_texts

    _no_appointment_monday(office_store, clock)
    d = receive(context(office_store, clock), birth_registration()).registration.dossier
    pdf = render_form("01", d, FormContext(office=make_office(), printed_at=clock.now()))
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert SAME_DAY_TEXT in text


def test_a_procedure_not_eligible_gets_its_appointment_and_a_note(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    _no_appointment_monday(office_store, clock)
    ctx = context(office_store, clock)
    result = receive(ctx, birth_registration(**MARRIAGE_STATUS))
    d = result.registration.dossier
    assert not result.resolved and d.status is Status.RECEIVED and d.due_at is not None and d.due_at > d.received_at
    assert NOT_ELIGIBLE_NOTE in d.note


def test_on_another_day_the_counter_receives_as_usual(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, Role.ADMIN, username="admin")
    change_setting(admin, NO_APPOINTMENT_WEEKDAYS, "Thứ tư")
    with pytest.raises(ValidationError) as caught:
        receive(context(office_store, clock), birth_registration())
    assert caught.value.key == "same_day"
    assert office_store.db.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 0
