"""What a dossier list shows: the filters of the Hồ sơ screen, the dashboard and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from motcua_desktop.domain.dossier import Channel, Outcome
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.timeliness import TimelinessRule


class DueFilter(StrEnum):
    DUE_TODAY = "due_today"  # pending, due date today
    NEAR_DUE = "near_due"  # pending, not overdue, due within the office's warning window (working hours)
    OVERDUE = "overdue"  # pending, due time passed
    IN_TIME = "in_time"  # pending, not overdue

    @property
    def label(self) -> str:
        return {
            DueFilter.DUE_TODAY: "Đến hạn hôm nay",
            DueFilter.NEAR_DUE: "Sắp đến hạn",
            DueFilter.OVERDUE: "Quá hạn",
            DueFilter.IN_TIME: "Trong hạn",
        }[self]


class SortColumn(StrEnum):
    RECEIVED = "received_at"
    DUE = "due_at"
    CODE = "code"
    NAME = "name_sort"  # Vietnamese order, given name first
    STATUS = "status"

    @property
    def label(self) -> str:
        return {
            SortColumn.RECEIVED: "Ngày tiếp nhận",
            SortColumn.DUE: "Hẹn trả",
            SortColumn.CODE: "Mã hồ sơ",
            SortColumn.NAME: "Người nộp",
            SortColumn.STATUS: "Trạng thái",
        }[self]


@dataclass(frozen=True)
class DossierFilter:
    """Empty fields mean "any". Dates are Vietnamese calendar dates, inclusive."""

    statuses: frozenset[Status] = frozenset()
    pending_only: bool = False
    due: DueFilter | None = None
    received_from: date | None = None
    received_to: date | None = None
    returned_on: date | None = None
    procedure_key: str = ""
    field: str = ""
    received_by: str = ""
    channel: Channel | None = None
    outcome: Outcome | None = None
    awaiting_supplement: bool = False
    with_code_only: bool = False  # leave out pre-reception records (guidance, refusal at the counter)
    # Reports (docs/reports.md): finished ("đã giải quyết") between two dates; the outcome under a
    # given rule (None: as recorded under the office's rule when it finished); still pending
    # ("đang giải quyết") at the end of a day; returned by one clerk.
    finished_from: date | None = None
    finished_to: date | None = None
    outcome_rule: TimelinessRule | None = None
    pending_on: date | None = None
    returned_by: str = ""


@dataclass(frozen=True)
class SortOrder:
    column: SortColumn = SortColumn.RECEIVED
    descending: bool = True
