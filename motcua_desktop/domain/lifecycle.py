"""Dossier statuses and the transitions the law allows between them.

Statuses follow ``rules.md`` §3.5 and map to the national ``TrangThaiHoSo`` codes 1–10. Every
transition is an event (actor, time, note, form number); only the transitions listed here are
possible, anything else raises ``TransitionError`` with a Vietnamese message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from motcua_desktop.domain.errors import TransitionError


class Status(StrEnum):
    GUIDED = "HUONG_DAN_BO_SUNG"  # pre-reception: guidance to complete, no code, no clock
    REFUSED_AT_COUNTER = "TU_CHOI_TIEP_NHAN"
    RECEIVED = "DA_TIEP_NHAN"
    IN_PROCESSING = "DANG_XU_LY"
    AWAITING_SUPPLEMENT = "CHO_BO_SUNG"
    SUPPLEMENTED = "DA_BO_SUNG"
    AWAITING_FEES = "CHO_NGHIA_VU_TAI_CHINH"
    EXTENDED = "DA_GIA_HAN"
    STOPPED = "DUNG_XU_LY"
    WITHDRAWN = "RUT_HO_SO"
    REFUSED_AFTER_APPRAISAL = "TU_CHOI_GIAI_QUYET"
    RESULT_READY = "DA_CO_KET_QUA"
    RETURNED = "DA_TRA_KET_QUA"
    CLOSED = "DONG_HO_SO"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def national_code(self) -> int | None:
        """``TrangThaiHoSo`` of the national portal sync (None: not sent, pre-reception only)."""
        return NATIONAL_STATUS[self]

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL

    @property
    def is_pending(self) -> bool:
        """Received and not yet resolved (counts in "đang giải quyết")."""
        return self in PENDING

    @property
    def is_returnable(self) -> bool:
        """Its result (or the refusal letter) can be handed to the citizen now."""
        return self in ACTIONS[Action.RETURN].sources

    @property
    def is_correctable(self) -> bool:
        """The applicant's data may still be corrected: while the dossier is open, and after the
        return (the citizen notices a typing mistake on the result), not once it ended otherwise."""
        return not self.is_terminal or self is Status.RETURNED

    @property
    def is_pre_reception(self) -> bool:
        """Guidance to complete or refusal at the counter: recorded without a code or a deadline."""
        return self in PRE_RECEPTION


STATUS_LABELS: dict[Status, str] = {
    Status.GUIDED: "Đã hướng dẫn hoàn thiện (chưa tiếp nhận)",
    Status.REFUSED_AT_COUNTER: "Từ chối tiếp nhận",
    Status.RECEIVED: "Đã tiếp nhận",
    Status.IN_PROCESSING: "Đang xử lý",
    Status.AWAITING_SUPPLEMENT: "Chờ bổ sung",
    Status.SUPPLEMENTED: "Đã bổ sung",
    Status.AWAITING_FEES: "Chờ thực hiện nghĩa vụ tài chính",
    Status.EXTENDED: "Đã gia hạn",
    Status.STOPPED: "Dừng xử lý",
    Status.WITHDRAWN: "Đã rút hồ sơ",
    Status.REFUSED_AFTER_APPRAISAL: "Từ chối giải quyết",
    Status.RESULT_READY: "Đã có kết quả",
    Status.RETURNED: "Đã trả kết quả",
    Status.CLOSED: "Đã đóng (không bổ sung)",
}

NATIONAL_STATUS: dict[Status, int | None] = {
    Status.GUIDED: None,
    Status.REFUSED_AT_COUNTER: 3,
    Status.RECEIVED: 2,
    Status.IN_PROCESSING: 4,
    Status.AWAITING_SUPPLEMENT: 5,
    Status.SUPPLEMENTED: 4,
    Status.AWAITING_FEES: 6,
    Status.EXTENDED: 4,
    Status.STOPPED: 8,
    Status.WITHDRAWN: 7,
    Status.REFUSED_AFTER_APPRAISAL: 9,  # the refusal letter is the result; "Đã xử lý xong"
    Status.RESULT_READY: 9,
    Status.RETURNED: 10,
    Status.CLOSED: 8,
}

TERMINAL = frozenset(
    {Status.GUIDED, Status.REFUSED_AT_COUNTER, Status.STOPPED, Status.WITHDRAWN, Status.RETURNED, Status.CLOSED}
)
PRE_RECEPTION = frozenset({Status.GUIDED, Status.REFUSED_AT_COUNTER})
PENDING = frozenset(
    {
        Status.RECEIVED,
        Status.IN_PROCESSING,
        Status.AWAITING_SUPPLEMENT,
        Status.SUPPLEMENTED,
        Status.AWAITING_FEES,
        Status.EXTENDED,
    }
)
# Statuses whose dossier has a result (or an end) and a fixed timeliness.
FINISHED = frozenset(
    {
        Status.RESULT_READY,
        Status.REFUSED_AFTER_APPRAISAL,
        Status.RETURNED,
        Status.STOPPED,
        Status.WITHDRAWN,
        Status.CLOSED,
    }
)


class Action(StrEnum):
    HAND_OVER = "hand-over"
    REQUEST_SUPPLEMENT = "request-supplement"
    RECEIVE_SUPPLEMENT = "receive-supplement"
    CLOSE_UNSUPPLEMENTED = "close"
    REQUEST_FEES = "request-fees"
    PAY_FEES = "pay-fees"
    EXTEND = "extend"
    STOP = "stop"
    WITHDRAW = "withdraw"
    REFUSE = "refuse"
    RESULT_READY = "result-ready"
    RETURN = "return"

    @property
    def label(self) -> str:
        return ACTIONS[self].label

    @property
    def form(self) -> str | None:
        return ACTIONS[self].form


@dataclass(frozen=True)
class ActionRule:
    label: str
    sources: frozenset[Status]
    target: Status | None  # None: computed (see ``target_status``)
    form: str | None = None
    needs_reason: bool = False


_WORKING = frozenset({Status.IN_PROCESSING, Status.EXTENDED})
_BEFORE_DECISION = frozenset(
    {
        Status.RECEIVED,
        Status.IN_PROCESSING,
        Status.EXTENDED,
        Status.AWAITING_SUPPLEMENT,
        Status.SUPPLEMENTED,
        Status.AWAITING_FEES,
    }
)

ACTIONS: dict[Action, ActionRule] = {
    Action.HAND_OVER: ActionRule(
        "Chuyển xử lý", frozenset({Status.RECEIVED, Status.SUPPLEMENTED}) | _WORKING, None, form="06"
    ),
    Action.REQUEST_SUPPLEMENT: ActionRule(
        "Yêu cầu bổ sung hồ sơ",
        frozenset({Status.RECEIVED}) | _WORKING,
        Status.AWAITING_SUPPLEMENT,
        form="02",
        needs_reason=True,
    ),
    Action.RECEIVE_SUPPLEMENT: ActionRule(
        "Nhận hồ sơ bổ sung", frozenset({Status.AWAITING_SUPPLEMENT}), Status.SUPPLEMENTED
    ),
    Action.CLOSE_UNSUPPLEMENTED: ActionRule(
        "Đóng hồ sơ (quá 15 ngày không bổ sung)", frozenset({Status.AWAITING_SUPPLEMENT}), Status.CLOSED
    ),
    Action.REQUEST_FEES: ActionRule(
        "Yêu cầu thực hiện nghĩa vụ tài chính", _WORKING, Status.AWAITING_FEES, needs_reason=True
    ),
    Action.PAY_FEES: ActionRule("Đã thực hiện nghĩa vụ tài chính", frozenset({Status.AWAITING_FEES}), None),
    Action.EXTEND: ActionRule(
        "Gia hạn và xin lỗi", frozenset({Status.IN_PROCESSING}), Status.EXTENDED, form="04", needs_reason=True
    ),
    Action.STOP: ActionRule("Dừng giải quyết", _BEFORE_DECISION, Status.STOPPED, form="05", needs_reason=True),
    Action.WITHDRAW: ActionRule("Công dân rút hồ sơ", _BEFORE_DECISION, Status.WITHDRAWN),
    Action.REFUSE: ActionRule(
        "Từ chối giải quyết (sau thẩm định)",
        _WORKING | {Status.SUPPLEMENTED},
        Status.REFUSED_AFTER_APPRAISAL,
        needs_reason=True,
    ),
    Action.RESULT_READY: ActionRule(
        "Đã có kết quả", _WORKING | {Status.RECEIVED, Status.SUPPLEMENTED}, Status.RESULT_READY
    ),
    Action.RETURN: ActionRule(
        "Trả kết quả", frozenset({Status.RESULT_READY, Status.REFUSED_AFTER_APPRAISAL}), Status.RETURNED
    ),
}


def target_status(current: Status, action: Action, *, extension_used: bool, supplement_used: bool = False) -> Status:
    """The status after ``action``; raises TransitionError when ``current`` does not allow it.

    ``supplement_used``: the dossier was already asked to supplement once. Decree 118/2025 lets the
    counter and the deciding office ask only once, listing everything missing in one go (Art. 11,
    Art. 19(5); ``rules.md`` §4.1), so a second request is refused."""
    rule = ACTIONS[action]
    if current not in rule.sources:
        allowed = ", ".join(
            ACTIONS[a].label.lower()
            for a in allowed_actions(current, extension_used=extension_used, supplement_used=supplement_used)
        )
        raise TransitionError(
            f"Không thể «{rule.label.lower()}» khi hồ sơ đang ở trạng thái «{current.label}»."
            + (f" Các thao tác được phép: {allowed}." if allowed else " Hồ sơ đã kết thúc.")
        )
    if action is Action.EXTEND and extension_used:
        raise TransitionError(
            "Hồ sơ đã được gia hạn một lần; theo Nghị định 118/2025 (Điều 19 khoản 6) chỉ được hẹn lại một lần."
        )
    if action is Action.REQUEST_SUPPLEMENT and supplement_used:
        raise TransitionError(SUPPLEMENT_ONCE)
    if rule.target is not None:
        return rule.target
    if action is Action.HAND_OVER:
        return current if current in _WORKING else Status.IN_PROCESSING
    if action is Action.PAY_FEES:
        return Status.EXTENDED if extension_used else Status.IN_PROCESSING
    raise AssertionError(action)


SUPPLEMENT_ONCE = (
    "Hồ sơ đã được yêu cầu bổ sung một lần. Theo Nghị định 118/2025 (Điều 11 và Điều 19 khoản 5), chỉ được "
    "yêu cầu bổ sung, hoàn thiện hồ sơ một lần, nêu đầy đủ các nội dung cần bổ sung trong lần đó; không lập "
    "phiếu yêu cầu bổ sung lần thứ hai. Nếu hồ sơ không đáp ứng, cơ quan giải quyết từ chối giải quyết và nêu rõ lý do."
)


def allowed_actions(current: Status, *, extension_used: bool, supplement_used: bool = False) -> list[Action]:
    """Actions offered for a dossier in ``current`` status (the UI shows only these)."""
    return [
        action
        for action, rule in ACTIONS.items()
        if current in rule.sources
        and not (action is Action.EXTEND and extension_used)
        and not (action is Action.REQUEST_SUPPLEMENT and supplement_used)
    ]


def not_returnable_reason(code: str | None, status: Status) -> str:
    """Why the result of dossier ``code`` in ``status`` cannot be handed over; empty when it can."""
    if status.is_returnable:
        return ""
    already = " (đã trả trước đó)" if status is Status.RETURNED else ""
    return f"Hồ sơ {code} đang ở trạng thái «{status.label}», chưa thể trả kết quả{already}."


def lists_missing_items(outcome: Status) -> bool:
    """A pre-reception outcome that names the papers still missing (guidance, form 02); a refusal
    at the counter gives only its reason (form 03)."""
    return outcome is Status.GUIDED
