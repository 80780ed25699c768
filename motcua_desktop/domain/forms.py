"""The counter forms (Circular 03/2025/TT-VPCP, Appendix I: 01–07) by their numbers, and when a form
goes with an action.

Which forms a dossier's state allows is ``domain.form_rules``; here: the form of a pre-reception
outcome, the letters ticked for printing after their action, and the forms that print a code. The
dialogs that offer to print after an action, the reception page's pre-reception records and the
printing layer's checks ask here. Their names are in ``printing.names``.
"""

from __future__ import annotations

from motcua_desktop.domain.lifecycle import Status

RECEIPT = "01"  # Giấy tiếp nhận hồ sơ và hẹn trả kết quả
GUIDANCE = "02"  # Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
REFUSAL = "03"  # Phiếu từ chối tiếp nhận giải quyết hồ sơ
APOLOGY = "04"  # Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết
STOP_NOTICE = "05"  # Thông báo dừng giải quyết hồ sơ
CONTROL_SHEET = "06"  # Phiếu kiểm soát quá trình giải quyết hồ sơ
TRACKING_BOOK = "07"  # Sổ theo dõi hồ sơ

# Forms that print a dossier's code: a record made before reception (no code) cannot have them.
NEED_A_CODE = frozenset({RECEIPT, APOLOGY, STOP_NOTICE, CONTROL_SHEET})
# Letters the citizen must be handed after the action that calls for them: printed by default.
HANDED_TO_THE_CITIZEN = frozenset({GUIDANCE, APOLOGY, STOP_NOTICE})
_PRE_RECEPTION_FORMS = {Status.GUIDED: GUIDANCE, Status.REFUSED_AT_COUNTER: REFUSAL}


def pre_reception_form(outcome: Status) -> str:
    """The form given to the citizen for a pre-reception outcome: guidance (02) or refusal (03)."""
    return _PRE_RECEPTION_FORMS[outcome]


def printed_after_action(form: str | None) -> bool:
    """Whether the dialog of an action ticks "print form …" at first."""
    return form in HANDED_TO_THE_CITIZEN
