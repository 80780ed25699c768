"""The register of complaints and suggestions: receive, assign, answer, list, report.

Each change is an event in the append-only log (``complaint.received``, ``complaint.assigned``,
``complaint.answered``) written in the same transaction as the register's row.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.complaints import (
    ASSIGNEE_FIELD,
    Complaint,
    ComplaintFigures,
    ComplaintInput,
    ComplaintPeriod,
    answer_due,
    check_answer,
    check_input,
    complaint_code,
    complaint_figures,
    complaint_urgency,
)
from motcua_desktop.domain.deadline import Urgency
from motcua_desktop.domain.errors import NotFound, TransitionError, ValidationError
from motcua_desktop.domain.fields import clean_field
from motcua_desktop.domain.settings import COMPLAINT_ANSWER_DAYS
from motcua_desktop.domain.vntime import to_vn
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.services.dossiers.lists import near_due_before
from motcua_desktop.services.dossiers.lookup import load_dossier, resolve


@dataclass(frozen=True)
class ComplaintLine:
    """A line of the register as the page and the command show it."""

    complaint: Complaint
    urgency: Urgency | None


def receive_complaint(ctx: AppContext, raw: ComplaintInput) -> Complaint:
    """Records a complaint received now; its due date is the setting's working days later."""
    ctx.require(Permission.REGISTER)
    data = check_input(raw)
    dossier_code = ""
    if data.dossier_code:
        dossier_code = load_dossier(ctx.store, resolve(ctx, data.dossier_code)).code or data.dossier_code
    if data.assignee and ctx.store.users.get(data.assignee) is None:
        raise ValidationError(
            ASSIGNEE_FIELD, f"không có tài khoản «{data.assignee}».", "Gõ tên đăng nhập của người được giao."
        )
    now = ctx.clock.now()
    days = ctx.store.settings.value(COMPLAINT_ANSWER_DAYS)
    due = answer_due(ctx.calendar(), now, days)
    year = to_vn(now).year
    with ctx.store.transaction():
        number = ctx.store.complaints.next_number(year)
        complaint = Complaint(
            uuid=str(uuidlib.uuid4()),
            code=complaint_code(year, number),
            received_at=now,
            channel=data.channel,
            sender=data.sender,
            contact=data.contact,
            content=data.content,
            dossier_code=dossier_code,
            assignee=data.assignee,
            due_at=due,
            recorded_by=ctx.actor,
        )
        ctx.store.complaints.insert(complaint, year=year, number=number)
        ctx.store.events.append(
            kind=ev.COMPLAINT_RECEIVED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "uuid": complaint.uuid,
                "code": complaint.code,
                "channel": complaint.channel.value,
                "sender": complaint.sender,
                "contact": complaint.contact,
                "content": complaint.content,
                "dossier_code": complaint.dossier_code,
                "assignee": complaint.assignee,
                "due_at": due.isoformat(),
                "answer_days": days,
            },
        )
    return complaint


def set_answer_days(ctx: AppContext, days: int) -> int:
    """The office's time to answer, in working days, for complaints received from now on."""
    return change_setting(ctx, COMPLAINT_ANSWER_DAYS, days)


def _existing(ctx: AppContext, code: str) -> Complaint:
    found = ctx.store.complaints.get((code or "").strip().upper())
    if found is None:
        raise NotFound(f"Không có phản ánh, kiến nghị «{code}» trong sổ. Kiểm tra lại mã (dạng PA-2026-0001).")
    return found


def assign_complaint(ctx: AppContext, code: str, assignee: str) -> Complaint:
    ctx.require(Permission.FOLLOW)
    complaint = _existing(ctx, code)
    name = clean_field(assignee, ASSIGNEE_FIELD, limit=64, required=True)
    if ctx.store.users.get(name) is None:
        raise ValidationError(ASSIGNEE_FIELD, f"không có tài khoản «{name}».", "Gõ tên đăng nhập của người được giao.")
    now = ctx.clock.now()
    with ctx.store.transaction():
        ctx.store.complaints.assign(complaint.code, name)
        ctx.store.events.append(
            kind=ev.COMPLAINT_ASSIGNED,
            actor=ctx.actor,
            occurred_at=now,
            payload={"uuid": complaint.uuid, "code": complaint.code, "assignee": name},
        )
    return _existing(ctx, complaint.code)


def answer_complaint(ctx: AppContext, code: str, answer: str) -> Complaint:
    """Records the answer given now (once: a second answer is refused)."""
    ctx.require(Permission.FOLLOW)
    complaint = _existing(ctx, code)
    if complaint.is_answered:
        raise TransitionError(f"Phản ánh, kiến nghị {complaint.code} đã được trả lời; không trả lời lần hai.")
    text = check_answer(answer)
    now = ctx.clock.now()
    with ctx.store.transaction():
        ctx.store.complaints.answer(complaint.code, text, now, ctx.actor)
        ctx.store.events.append(
            kind=ev.COMPLAINT_ANSWERED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "uuid": complaint.uuid,
                "code": complaint.code,
                "answer": text,
                "on_time": now <= complaint.due_at,
            },
        )
    return _existing(ctx, complaint.code)


def complaint_register(ctx: AppContext, *, open_only: bool = False, limit: int = 500) -> list[ComplaintLine]:
    """The register, newest first (``open_only``: unanswered ones, the earliest due first), each with its
    urgency as a dossier's would be shown."""
    ctx.require(Permission.SEARCH)
    now = ctx.clock.now()
    threshold = near_due_before(ctx)
    return [
        ComplaintLine(c, complaint_urgency(c, now, threshold))
        for c in ctx.store.complaints.listing(open_only=open_only, limit=limit)
    ]


def complaint_report(ctx: AppContext, periods: list[ComplaintPeriod]) -> list[ComplaintFigures]:
    """Open at the start, received, answered on time / late, open and overdue at the end, per period."""
    ctx.require(Permission.REPORTS)
    if not periods:
        return []
    start: date = min(p.start for p in periods)
    end: date = max(p.end for p in periods)
    return complaint_figures(ctx.store.complaints.touching(start, end), periods)
