"""What a dossier's state allows, answered by the domain for the screens, the printing and the services:
the letter of a pre-reception outcome (the forms a state prints: test_form_rules), whether its result
can be handed over, whether its data can be corrected."""

from __future__ import annotations

import dataclasses

from motcua_desktop.domain.forms import pre_reception_form, printed_after_action
from motcua_desktop.domain.lifecycle import ACTIONS, Action, Status, lists_missing_items, not_returnable_reason
from tests.domain.calendar_support import at, make_dossier

RECEIVED = at("2026-03-02 09:00")
DUE = at("2026-03-05 09:00")


def dossier(**changes: object):  # type: ignore[no-untyped-def]
    return dataclasses.replace(make_dossier(RECEIVED, DUE), **changes)  # type: ignore[arg-type]


def test_pre_reception_records_have_no_code_and_print_their_own_letter() -> None:
    assert pre_reception_form(Status.GUIDED) == "02" and pre_reception_form(Status.REFUSED_AT_COUNTER) == "03"
    assert lists_missing_items(Status.GUIDED) and not lists_missing_items(Status.REFUSED_AT_COUNTER)
    assert {s for s in Status if s.is_pre_reception} == {Status.GUIDED, Status.REFUSED_AT_COUNTER}


def test_letters_for_the_citizen_are_printed_after_their_action_by_default() -> None:
    printed = {ACTIONS[a].form for a in Action if printed_after_action(ACTIONS[a].form)}
    assert printed == {"02", "04", "05"}
    assert not printed_after_action(None)


def test_returnable_is_what_the_return_transition_accepts() -> None:
    assert {s for s in Status if s.is_returnable} == ACTIONS[Action.RETURN].sources
    assert not_returnable_reason("X-1", Status.RESULT_READY) == ""
    assert not_returnable_reason("X-1", Status.RETURNED) == (
        "Hồ sơ X-1 đang ở trạng thái «Đã trả kết quả», chưa thể trả kết quả (đã trả trước đó)."
    )
    assert not_returnable_reason("X-1", Status.IN_PROCESSING).endswith("«Đang xử lý», chưa thể trả kết quả.")


def test_correctable_while_open_and_after_the_return() -> None:
    correctable = {s for s in Status if s.is_correctable}
    assert {Status.RECEIVED, Status.IN_PROCESSING, Status.RESULT_READY, Status.RETURNED} <= correctable
    assert not correctable & {Status.STOPPED, Status.WITHDRAWN, Status.CLOSED, Status.GUIDED, Status.REFUSED_AT_COUNTER}
