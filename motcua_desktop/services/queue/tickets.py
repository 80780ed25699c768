"""Tickets of the waiting queue on this PC: take one, call the next, finish, what the screen shows.

Numbers restart at 1 each day in each field (``UNIQUE(day, field, number)``); every step is an event in
the append-only log (``queue.ticket_taken``, ``queue.ticket_called``, ``queue.ticket_finished``) written
with the ticket's row. One PC alone keeps the whole queue; sharing it between counter PCs through the
office hub is not done yet (``docs/practices.md``).
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import NotFound
from motcua_desktop.domain.setting_types import Setting
from motcua_desktop.domain.settings import QUEUE_FIELDS, QUEUE_TICKET_LAYOUT
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.domain.waiting_queue import (
    QueueField,
    QueueFigures,
    Ticket,
    TicketState,
    next_to_call,
    parse_counter,
    queue_field,
    queue_figures,
)
from motcua_desktop.printing.queue_ticket import TicketLayout, TicketPrint, render_ticket
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.settings import change_settings


def queue_fields(ctx: AppContext) -> tuple[QueueField, ...]:
    return ctx.store.settings.value(QUEUE_FIELDS)


def set_queue_options(ctx: AppContext, *, fields: Sequence[str] | None = None, layout: str | None = None) -> None:
    """The office's fields (``"HT=Hộ tịch"`` each, in the order of the ticket buttons) and the ticket's
    paper; each change is a ``settings.changed`` event."""
    changes: list[tuple[Setting[Any], Any]] = []
    if fields is not None:
        changes.append((QUEUE_FIELDS, list(fields)))
    if layout is not None:
        changes.append((QUEUE_TICKET_LAYOUT, layout))
    change_settings(ctx, changes)


def take_ticket(ctx: AppContext, field: str) -> Ticket:
    """A new ticket of ``field`` (code or name), numbered after today's last one of that field."""
    ctx.require(Permission.REGISTER)
    chosen = queue_field(queue_fields(ctx), field)
    now = ctx.clock.now()
    day = business_day(now)
    with ctx.store.transaction():
        number = ctx.store.queue.next_number(day, chosen.code)
        ticket = Ticket(str(uuidlib.uuid4()), day, chosen.code, number, now)
        ctx.store.queue.insert(ticket)
        ctx.store.events.append(
            kind=ev.QUEUE_TICKET_TAKEN,
            actor=ctx.actor,
            occurred_at=now,
            payload={"uuid": ticket.uuid, "day": day.isoformat(), "field": chosen.code, "number": number},
        )
    return ticket


def _finish(ctx: AppContext, ticket: Ticket, *, absent: bool) -> Ticket:
    now = ctx.clock.now()
    ctx.store.queue.finish(ticket.uuid, now, absent=absent)
    ctx.store.events.append(
        kind=ev.QUEUE_TICKET_FINISHED,
        actor=ctx.actor,
        occurred_at=now,
        payload={"uuid": ticket.uuid, "label": ticket.label, "counter": ticket.counter, "absent": absent},
    )
    return replace(ticket, finished_at=now, absent=absent)


def call_next(ctx: AppContext, counter: int | str, fields: Sequence[str] | None = None) -> Ticket | None:
    """The counter's current ticket is finished (served) and the next waiting one of ``fields`` (every
    field when None) is called to it; None when nobody waits."""
    ctx.require(Permission.REGISTER)
    number = parse_counter(counter)
    now = ctx.clock.now()
    day = business_day(now)
    with ctx.store.transaction():
        current = ctx.store.queue.serving(day, number)
        if current is not None:
            _finish(ctx, current, absent=False)
        ticket = next_to_call(ctx.store.queue.of_day(day), fields)
        if ticket is None:
            return None
        ctx.store.queue.call(ticket.uuid, now, number, ctx.actor)
        ctx.store.events.append(
            kind=ev.QUEUE_TICKET_CALLED,
            actor=ctx.actor,
            occurred_at=now,
            payload={"uuid": ticket.uuid, "label": ticket.label, "counter": number},
        )
    return replace(ticket, called_at=now, counter=number, called_by=ctx.actor)


def finish_current(ctx: AppContext, counter: int | str, *, absent: bool = False) -> Ticket:
    """The counter is done with its current ticket (``absent``: the citizen did not come when called)."""
    ctx.require(Permission.REGISTER)
    number = parse_counter(counter)
    with ctx.store.transaction():
        current = ctx.store.queue.serving(business_day(ctx.clock.now()), number)
        if current is None:
            raise NotFound(f"Quầy {number} không có số nào đang phục vụ. Bấm «Gọi số tiếp theo» trước.")
        return _finish(ctx, current, absent=absent)


@dataclass(frozen=True)
class QueueBoard:
    """What the queue page and the waiting-room screen show."""

    day: date
    last_calls: list[Ticket]  # newest first
    waiting: dict[str, int]  # field code → tickets waiting
    fields: tuple[QueueField, ...]
    serving: Ticket | None  # this counter's current ticket (when asked for a counter)


def queue_board(ctx: AppContext, counter: int | None = None) -> QueueBoard:
    ctx.require(Permission.REGISTER)
    day = business_day(ctx.clock.now())
    tickets = ctx.store.queue.of_day(day)
    fields = queue_fields(ctx)
    waiting = {
        f.code: sum(1 for t in tickets if t.field_code == f.code and t.state is TicketState.WAITING) for f in fields
    }
    return QueueBoard(
        day=day,
        last_calls=ctx.store.queue.last_calls(day),
        waiting=waiting,
        fields=fields,
        serving=None if counter is None else ctx.store.queue.serving(day, counter),
    )


def queue_report(ctx: AppContext, start: date, end: date) -> QueueFigures:
    """Tickets, waiting and service times per field and per hour of the day, ``start``–``end``."""
    ctx.require(Permission.REPORTS)
    return queue_figures(ctx.store.queue.between(start, end), queue_fields(ctx))


TICKET_LAYOUTS = tuple(t.value for t in TicketLayout)  # what ``layout`` may be: "80mm", "a6"


def ticket_pdf(ctx: AppContext, ticket: Ticket, layout: str | None = None) -> bytes:
    """The printed ticket (80 mm roll or A6, the office's setting unless ``layout``): the office, the
    number, its field and how many of that field were waiting before it."""
    fields = queue_fields(ctx)
    name = next((f.name for f in fields if f.code == ticket.field_code), ticket.field_code)
    before = sum(
        1
        for t in ctx.store.queue.of_day(ticket.day)
        if t.field_code == ticket.field_code and t.number < ticket.number and t.state is TicketState.WAITING
    )
    chosen = TicketLayout(layout or ctx.store.settings.value(QUEUE_TICKET_LAYOUT))
    words = TicketPrint(ctx.office().unit_name, ticket.label, name, ticket.taken_at, before)
    return render_ticket(words, chosen)
