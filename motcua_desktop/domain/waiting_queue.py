"""The waiting queue: a numbered ticket per arriving citizen, by field, called to a counter.

A citizen takes a ticket of a field (hộ tịch, đất đai, chứng thực…; the office's list is a setting,
``QUEUE_FIELDS``); numbers restart at 1 each day in each field on this PC and read ``HT-007``. A counter
calls the next waiting ticket (of its fields, oldest first); the call is shown on the waiting room's
screen; the clerk finishes the ticket (served) or marks the citizen absent. Waiting time runs from the
ticket to the (first) call, service time from the call to the end.

The report (``queue_figures``) gives per field and per hour of the day (the hour the ticket was taken):
tickets, served, absent, average and longest waiting time, average service time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.fields import clean_field
from motcua_desktop.domain.money import vn_number
from motcua_desktop.domain.vntime import to_vn

FIELDS_FIELD = Field("queue.fields", "Lĩnh vực của hàng chờ")
COUNTER_FIELD = Field("queue.counter", "Số quầy")


@dataclass(frozen=True)
class QueueField:
    code: str  # 1 to 3 capital letters, printed before the number: HT-007
    name: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name}


DEFAULT_QUEUE_FIELDS = (
    QueueField("HT", "Hộ tịch"),
    QueueField("DD", "Đất đai"),
    QueueField("CT", "Chứng thực"),
    QueueField("XH", "Lao động, chính sách xã hội"),
    QueueField("K", "Lĩnh vực khác"),
)
_CODE = re.compile(r"[A-Z]{1,3}")


def parse_queue_fields(value: Any) -> tuple[QueueField, ...]:
    """The office's fields from a list of ``{"code", "name"}`` (or ``"HT=Hộ tịch"`` lines)."""
    if not isinstance(value, list | tuple) or not value:
        raise ValidationError(FIELDS_FIELD, "phải có ít nhất một lĩnh vực.", "Ví dụ: HT=Hộ tịch.")
    fields: list[QueueField] = []
    for item in value:
        if isinstance(item, QueueField):
            code, name = item.code, item.name
        elif isinstance(item, dict):
            code, name = str(item.get("code", "")), str(item.get("name", ""))
        else:
            code, _, name = str(item).partition("=")
        code = code.strip().upper()
        name = clean_field(name, FIELDS_FIELD, limit=60)
        if not _CODE.fullmatch(code) or not name:
            raise ValidationError(
                FIELDS_FIELD,
                f"«{code}={name}» không hợp lệ.",
                "Mỗi lĩnh vực là MÃ=Tên, mã từ 1 đến 3 chữ cái không dấu (HT=Hộ tịch).",
            )
        if any(f.code == code for f in fields):
            raise ValidationError(FIELDS_FIELD, f"mã «{code}» bị trùng.", "Mỗi lĩnh vực một mã riêng.")
        fields.append(QueueField(code, name))
    if len(fields) > 12:
        raise ValidationError(FIELDS_FIELD, "quá 12 lĩnh vực.", "Gộp các lĩnh vực ít người vào «Lĩnh vực khác».")
    return tuple(fields)


def stored_queue_fields(raw: Any) -> tuple[QueueField, ...]:
    try:
        return parse_queue_fields(raw)
    except ValidationError:
        return DEFAULT_QUEUE_FIELDS


def queue_field(fields: Sequence[QueueField], code: str) -> QueueField:
    wanted = (code or "").strip().upper()
    for f in fields:
        if f.code == wanted or f.name.casefold() == (code or "").strip().casefold():
            return f
    allowed = ", ".join(f"{f.code} ({f.name})" for f in fields)
    raise ValidationError(Field("queue.field", "Lĩnh vực"), f"«{code}» không có trong danh sách.", f"Chọn: {allowed}.")


def parse_counter(value: object) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 99:
        raise ValidationError(COUNTER_FIELD, f"«{value}» không hợp lệ.", "Số quầy từ 1 đến 99.")
    return number


def ticket_label(field_code: str, number: int) -> str:
    return f"{field_code}-{number:03d}"


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVED = "served"
    ABSENT = "absent"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    TicketState.WAITING: "Đang chờ",
    TicketState.CALLED: "Đang phục vụ",
    TicketState.SERVED: "Đã phục vụ xong",
    TicketState.ABSENT: "Vắng mặt khi gọi",
}


@dataclass(frozen=True)
class Ticket:
    uuid: str
    day: date
    field_code: str
    number: int
    taken_at: datetime
    called_at: datetime | None = None
    counter: int | None = None
    called_by: str = ""
    finished_at: datetime | None = None
    absent: bool = False

    @property
    def label(self) -> str:
        return ticket_label(self.field_code, self.number)

    @property
    def state(self) -> TicketState:
        if self.finished_at is not None:
            return TicketState.ABSENT if self.absent else TicketState.SERVED
        return TicketState.WAITING if self.called_at is None else TicketState.CALLED

    @property
    def waiting_seconds(self) -> float | None:
        return None if self.called_at is None else (self.called_at - self.taken_at).total_seconds()

    @property
    def service_seconds(self) -> float | None:
        if self.called_at is None or self.finished_at is None or self.absent:
            return None
        return (self.finished_at - self.called_at).total_seconds()


def next_to_call(waiting: Iterable[Ticket], fields: Iterable[str] | None = None) -> Ticket | None:
    """The ticket a counter calls next: the one waiting longest among ``fields`` (all when None); of
    tickets taken in the same second, the first in ``waiting``'s order (the order they were taken)."""
    allowed = None if fields is None else set(fields)
    candidates = [t for t in waiting if t.state is TicketState.WAITING and (allowed is None or t.field_code in allowed)]
    return min(candidates, key=lambda t: t.taken_at, default=None)


def call_words(ticket_label_text: str, counter: int) -> str:
    """What the waiting-room screen says (and a speaker would read): ``Mời số HT-007 đến quầy 2``."""
    return f"Mời số {ticket_label_text} đến quầy {counter}"


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue report: a field, or an hour of the day."""

    label: str
    tickets: int
    served: int
    absent: int
    waiting: int  # not called yet (or called, not finished) at the time of the report
    average_wait: float | None  # seconds, over the tickets called
    longest_wait: float | None
    average_service: float | None  # seconds, over the tickets served

    def cells(self) -> list[str]:
        """The row as the report prints it (minutes with one decimal)."""
        return [
            self.label,
            vn_number(self.tickets, 0),
            vn_number(self.served, 0),
            vn_number(self.absent, 0),
            vn_number(self.waiting, 0),
            minutes_text(self.average_wait),
            minutes_text(self.longest_wait),
            minutes_text(self.average_service),
        ]


QUEUE_COLUMNS = (
    "",
    "Số phiếu",
    "Đã phục vụ",
    "Vắng mặt",
    "Chưa xong",
    "Chờ trung bình (phút)",
    "Chờ lâu nhất (phút)",
    "Phục vụ trung bình (phút)",
)


def minutes_text(seconds: float | None) -> str:
    return "–" if seconds is None else vn_number(seconds / 60, 1)


def _row(label: str, tickets: list[Ticket]) -> QueueRow:
    waits = [w for t in tickets if (w := t.waiting_seconds) is not None]
    services = [s for t in tickets if (s := t.service_seconds) is not None]
    return QueueRow(
        label=label,
        tickets=len(tickets),
        served=sum(1 for t in tickets if t.state is TicketState.SERVED),
        absent=sum(1 for t in tickets if t.state is TicketState.ABSENT),
        waiting=sum(1 for t in tickets if t.state in (TicketState.WAITING, TicketState.CALLED)),
        average_wait=sum(waits) / len(waits) if waits else None,
        longest_wait=max(waits) if waits else None,
        average_service=sum(services) / len(services) if services else None,
    )


@dataclass(frozen=True)
class QueueFigures:
    by_field: list[QueueRow]
    by_hour: list[QueueRow]
    total: QueueRow


def queue_figures(tickets: Iterable[Ticket], fields: Sequence[QueueField]) -> QueueFigures:
    """Per field (in the office's order, then any field no longer listed) and per hour of the day the
    tickets were taken (only hours with tickets), and the total."""
    items = list(tickets)
    names = {f.code: f.name for f in fields}
    codes = [f.code for f in fields] + sorted({t.field_code for t in items} - set(names))
    by_field = [
        _row(names.get(code, code), [t for t in items if t.field_code == code])
        for code in codes
        if any(t.field_code == code for t in items)
    ]
    hours = sorted({to_vn(t.taken_at).hour for t in items})
    by_hour = [_row(f"{h:02d}:00–{h + 1:02d}:00", [t for t in items if to_vn(t.taken_at).hour == h]) for h in hours]
    return QueueFigures(by_field, by_hour, _row("Tổng cộng", items))
