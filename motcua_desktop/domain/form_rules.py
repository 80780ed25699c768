"""Which counter forms a dossier may print in its current state (``shared/domain/forms.md``).

Each form records one step of Decree 118/2025, so it is printed only while that step is what the
dossier is at: a supplement request while a request is open, a refusal for a refused dossier, an
apology letter for an extended dossier still being handled, a stop notice for a stopped one. The
widgets offer only these forms and ``services.printing.forms.print_form`` refuses the others with
``form_refusal``'s message, so a form never reaches paper for a dossier it does not describe.
"""

from __future__ import annotations

from motcua_desktop.domain.dossier import Dossier
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.vntime import fmt_date

DOSSIER_FORMS = ("01", "02", "03", "04", "05", "06")

# After these the citizen has nothing left to collect with the receipt (Decree 118 Art. 6: a lost
# receipt is replaced by an ID document, so no receipt is reprinted once the dossier has ended).
_RECEIPT_ENDED = frozenset({Status.RETURNED, Status.STOPPED, Status.WITHDRAWN, Status.CLOSED})
_BEFORE_RECEPTION = frozenset({Status.GUIDED, Status.REFUSED_AT_COUNTER})


def forms_allowed(status: Status, dossier: Dossier) -> tuple[str, ...]:
    """The forms 01–06 that describe ``dossier`` when it is in ``status`` (form 07 is the book)."""
    return tuple(form for form in DOSSIER_FORMS if form_refusal(form, dossier, status) is None)


def form_refusal(form: str, dossier: Dossier, status: Status | None = None) -> str | None:
    """Why ``form`` does not fit the dossier in ``status`` (default: its own), in Vietnamese; None
    when it may be printed."""
    status = status or dossier.status
    received = dossier.code is not None and status not in _BEFORE_RECEPTION
    label = f"«{status.label}»"
    if form == "01":
        if not received:
            return "Hồ sơ chưa được tiếp nhận (chưa có mã hồ sơ) nên không có giấy tiếp nhận và hẹn trả kết quả."
        # A dossier resolved on the spot (Ngày không hẹn) is returned in the same action as its reception:
        # its receipt, saying "Giải quyết ngay", carries the barcode the paper survey form is scanned by.
        if status in _RECEIPT_ENDED and not (dossier.same_day and status is Status.RETURNED):
            return (
                f"Hồ sơ đã kết thúc ({label}); giấy tiếp nhận và hẹn trả kết quả không in lại. Nếu công dân mất giấy, "
                "xuất trình giấy tờ tùy thân khi nhận lại giấy tờ (Nghị định 118/2025, Điều 6)."
            )
        return None
    if form == "02":
        if status is Status.GUIDED:
            return None
        if status is Status.AWAITING_SUPPLEMENT and dossier.open_supplement is not None:
            return None
        return (
            f"Phiếu yêu cầu bổ sung chỉ in khi hướng dẫn hoàn thiện trước tiếp nhận hoặc khi hồ sơ đang chờ bổ sung; "
            f"hồ sơ đang ở trạng thái {label}."
        )
    if form == "03":
        if status is Status.REFUSED_AT_COUNTER:
            return None
        return (
            f"Phiếu từ chối tiếp nhận chỉ in cho hồ sơ bị từ chối tiếp nhận tại quầy; hồ sơ đang ở trạng thái {label}."
        )
    if form == "04":
        if not received:
            return "Hồ sơ chưa được tiếp nhận nên không có văn bản xin lỗi và đề nghị gia hạn."
        if dossier.extension is None:
            return (
                "Hồ sơ chưa được gia hạn nên chưa in được văn bản xin lỗi và đề nghị gia hạn (mẫu 04). "
                "Hãy ghi nhận gia hạn trước (ngày hẹn mới và lý do)."
            )
        if not status.is_pending:
            return (
                f"Văn bản xin lỗi và đề nghị gia hạn ngày {fmt_date(dossier.extension.at)} chỉ in khi hồ sơ còn đang "
                f"giải quyết; hồ sơ đang ở trạng thái {label}."
            )
        return None
    if form == "05":
        if status is Status.STOPPED and received:
            return None
        return f"Thông báo dừng giải quyết chỉ in cho hồ sơ đã dừng giải quyết; hồ sơ đang ở trạng thái {label}."
    if form == "06":
        if received:
            return None
        return "Hồ sơ chưa được tiếp nhận (chưa có mã hồ sơ) nên không có phiếu kiểm soát quá trình giải quyết."
    return f"Mẫu «{form}» không có."
