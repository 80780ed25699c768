"""«Ngày không hẹn»: receiving a dossier and resolving it at the counter in one action.

On a weekday the office marked (``domain.settings.NO_APPOINTMENT_WEEKDAYS``) a dossier of an eligible
procedure (``SAME_DAY_PROCEDURES``) is received, its result recorded as ready and handed over while the
citizen waits: three events (reception, result ready, return) written in one transaction, the receipt
saying "Giải quyết ngay" in place of the appointment. A procedure that is not eligible is received as
usual, with its appointment and a note saying why (``domain.same_day``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.registration import RegistrationRequest
from motcua_desktop.domain.same_day import SameDayDecision, same_day_decision
from motcua_desktop.domain.settings import NO_APPOINTMENT_WEEKDAYS, SAME_DAY_PROCEDURES
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.transitions import ResultReadyInput, ReturnInput
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.registration import RegistrationResult, register
from motcua_desktop.services.office.catalogue import get_procedure

RESOLVED_NOTE = "Giải quyết ngay tại quầy (Ngày không hẹn)"


def decision_for(ctx: AppContext, procedure: str) -> SameDayDecision:
    """What today means for a dossier of ``procedure`` (catalogue key or national code)."""
    found = get_procedure(ctx, procedure)
    weekdays: tuple[int, ...] = ctx.store.settings.value(NO_APPOINTMENT_WEEKDAYS)
    procedures: tuple[str, ...] = ctx.store.settings.value(SAME_DAY_PROCEDURES)
    return same_day_decision(business_day(ctx.clock.now()), (found.key, found.code), weekdays, procedures)


@dataclass(frozen=True)
class SameDayResult:
    registration: RegistrationResult
    decision: SameDayDecision

    @property
    def resolved(self) -> bool:
        """Received, resolved and handed over at once (else: received with its appointment)."""
        return self.registration.dossier.same_day


def receive(ctx: AppContext, request: RegistrationRequest, handover: ReturnInput | None = None) -> SameDayResult:
    """Receives a dossier on a «Ngày không hẹn»: resolved on the spot when its procedure is eligible
    (``handover``: who collects the result, the fee, the rating; the applicant by default), else
    registered with its appointment and the note. Refused on a day that is not a «Ngày không hẹn»."""
    decision = decision_for(ctx, request.procedure)
    if not decision.no_appointment_day:
        raise ValidationError(
            Field("same_day", "Giải quyết ngay (Ngày không hẹn)"),
            "hôm nay không phải ngày không hẹn của đơn vị.",
            "Tiếp nhận bình thường, hoặc chọn ngày không hẹn trong Cài đặt.",
        )
    if not decision.eligible:
        note = "; ".join(part for part in (clean_text(request.note), decision.note) if part)
        result = register(ctx, dataclasses.replace(request, note=note))
        return SameDayResult(result, decision)
    with ctx.store.transaction():
        result = register(ctx, request, same_day=True)
        dossier = result.dossier
        if not result.already_registered:
            dossier = transition(ctx, dossier.ref, ResultReadyInput(note=RESOLVED_NOTE)).dossier
            dossier = transition(ctx, dossier.ref, handover or ReturnInput()).dossier
    return SameDayResult(dataclasses.replace(result, dossier=dossier), decision)
