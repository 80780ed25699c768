from __future__ import annotations

import pytest

from motcua_desktop.domain.errors import TransitionError
from motcua_desktop.domain.lifecycle import (
    ACTIONS,
    FINISHED,
    PENDING,
    TERMINAL,
    Action,
    Status,
    allowed_actions,
    target_status,
)

LEGAL = [
    (Status.RECEIVED, Action.HAND_OVER, Status.IN_PROCESSING),
    (Status.IN_PROCESSING, Action.HAND_OVER, Status.IN_PROCESSING),
    (Status.RECEIVED, Action.REQUEST_SUPPLEMENT, Status.AWAITING_SUPPLEMENT),
    (Status.IN_PROCESSING, Action.REQUEST_SUPPLEMENT, Status.AWAITING_SUPPLEMENT),
    (Status.AWAITING_SUPPLEMENT, Action.RECEIVE_SUPPLEMENT, Status.SUPPLEMENTED),
    (Status.SUPPLEMENTED, Action.HAND_OVER, Status.IN_PROCESSING),
    (Status.AWAITING_SUPPLEMENT, Action.CLOSE_UNSUPPLEMENTED, Status.CLOSED),
    (Status.IN_PROCESSING, Action.REQUEST_FEES, Status.AWAITING_FEES),
    (Status.AWAITING_FEES, Action.PAY_FEES, Status.IN_PROCESSING),
    (Status.IN_PROCESSING, Action.EXTEND, Status.EXTENDED),
    (Status.EXTENDED, Action.RESULT_READY, Status.RESULT_READY),
    (Status.AWAITING_SUPPLEMENT, Action.WITHDRAW, Status.WITHDRAWN),
    (Status.IN_PROCESSING, Action.STOP, Status.STOPPED),
    (Status.IN_PROCESSING, Action.REFUSE, Status.REFUSED_AFTER_APPRAISAL),
    (Status.REFUSED_AFTER_APPRAISAL, Action.RETURN, Status.RETURNED),
    (Status.RECEIVED, Action.RESULT_READY, Status.RESULT_READY),
    (Status.RESULT_READY, Action.RETURN, Status.RETURNED),
]


@pytest.mark.parametrize(("current", "action", "expected"), LEGAL)
def test_allowed_transitions(current: Status, action: Action, expected: Status) -> None:
    assert target_status(current, action, extension_used=False) == expected
    assert action in allowed_actions(current, extension_used=False)


def test_every_other_pair_is_refused_with_a_vietnamese_message() -> None:
    legal = {(c, a) for c, a, _ in LEGAL}
    for status in Status:
        for action in Action:
            if status in ACTIONS[action].sources:
                continue
            assert (status, action) not in legal
            with pytest.raises(TransitionError) as caught:
                target_status(status, action, extension_used=False)
            assert status.label in caught.value.message


def test_terminal_statuses_allow_nothing() -> None:
    for status in TERMINAL:
        assert allowed_actions(status, extension_used=False) == []


def test_extension_only_once_and_fees_return_to_extended() -> None:
    with pytest.raises(TransitionError, match="một lần"):
        target_status(Status.IN_PROCESSING, Action.EXTEND, extension_used=True)
    assert Action.EXTEND not in allowed_actions(Status.IN_PROCESSING, extension_used=True)
    assert target_status(Status.AWAITING_FEES, Action.PAY_FEES, extension_used=True) is Status.EXTENDED


def test_national_codes_and_groups() -> None:
    assert {s.national_code for s in Status} - {None} == set(range(2, 11))
    assert Status.RECEIVED.national_code == 2 and Status.RETURNED.national_code == 10
    assert Status.REFUSED_AT_COUNTER.national_code == 3 and Status.GUIDED.national_code is None
    assert not PENDING & FINISHED
    assert all(s.label for s in Status) and all(a.label for a in Action)
