"""The life of one synthetic dossier: the steps it goes through and when (hand-over, supplement,
extension, withdrawal or stop, result early/on time/late, return), and what each step records."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from motcua_desktop.domain.dossier import (
    CollectorKind,
    Dossier,
    Extension,
    HandOver,
    Rating,
    ReturnRecord,
    Satisfaction,
    SupplementRound,
)
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.lifecycle import Action, target_status
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.timeliness import TimelinessRule, finish_details

CLERKS = (("demo.lan", "Nguyễn Thị Lan"), ("demo.hung", "Trần Văn Hùng"), ("demo.mai", "Lê Thị Mai"))
CLERK_NAMES = tuple(username for username, _ in CLERKS)
FALLBACK_DURATION = Duration(DurationUnit.WORKING_DAYS, Decimal(5))


class LifePlanner:
    """Plans a dossier's steps up to ``now`` and gives each step's note and details."""

    def __init__(self, *, office: Any, calendar: Any, rule: TimelinessRule, now: datetime) -> None:
        self.office, self.calendar, self.rule, self.now = office, calendar, rule, now

    def plan(
        self, rng: random.Random, received: datetime, due: datetime, clerk: str
    ) -> list[tuple[datetime, Action, str, dict[str, Any]]]:
        """The steps this dossier will go through (those after now are left out), to seconds."""
        steps: list[tuple[datetime, Action, str, dict[str, Any]]] = []
        last = [received]  # the previous step's moment: moving a step never puts it before that one

        def push(moment: datetime, action: Action, actor: str = clerk, **extra: Any) -> None:
            moment = self._office_hours(rng, moment, after=last[0])
            last[0] = moment
            if moment <= self.now:
                steps.append((moment, action, actor, extra))

        t = received + timedelta(minutes=rng.randint(10, 120))
        push(t, Action.HAND_OVER)
        r = rng.random()
        if r < 0.07:
            t += timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 3))
            push(t, Action.REQUEST_SUPPLEMENT, items=["Bản sao giấy tờ còn thiếu"])
            fate = rng.random()
            if fate < 0.13:
                push(t + timedelta(days=rng.randint(2, 10)), Action.WITHDRAW)
                return steps
            if fate < 0.25:
                push(t + timedelta(days=rng.randint(15, 25)), Action.CLOSE_UNSUPPLEMENTED)
                return steps
            t += timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 4))
            push(t, Action.RECEIVE_SUPPLEMENT)
            t += timedelta(minutes=rng.randint(20, 90))
            push(t, Action.HAND_OVER)
            due = t + (due - received)  # the restarted period, approximately
        elif r < 0.085:
            push(t + timedelta(days=rng.randint(1, 5)), Action.WITHDRAW)
            return steps
        elif r < 0.095:
            push(t + timedelta(days=rng.randint(1, 5)), Action.STOP)
            return steps
        if rng.random() < 0.02 and due - t > timedelta(days=2):
            new_due = due + timedelta(days=rng.randint(3, 10))
            push(due - timedelta(days=1, hours=2), Action.EXTEND, new_due=new_due)
            due = new_due
        late = rng.random() < 0.12
        if late:
            result = due + timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 6))
        elif rng.random() < 0.5:
            result = due - timedelta(minutes=rng.randint(10, 300))
        else:
            result = received + (due - received) * rng.uniform(0.2, 0.8)
        result = max(result, t + timedelta(minutes=5))
        push(result, Action.REFUSE if rng.random() < 0.01 else Action.RESULT_READY)
        if rng.random() < 0.88:
            push(
                result + timedelta(days=rng.randint(0, 7), hours=rng.randint(1, 5)),
                Action.RETURN,
                rng.choice(CLERK_NAMES),
            )
        return steps

    def _office_hours(self, rng: random.Random, moment: datetime, *, after: datetime) -> datetime:
        """Staff act in office hours: a step planned for the night, lunch or a day off happens a
        little after the next opening instead, and always after the step before it."""
        opening = self.calendar.next_working_moment(moment)
        if opening != moment:
            moment = opening + timedelta(minutes=rng.randint(0, 40))
        moment = moment.replace(microsecond=0)
        if moment <= after:
            moment = self.calendar.next_working_moment(after + timedelta(minutes=1)).replace(microsecond=0)
        return moment

    def details(
        self, rng: random.Random, d: Dossier, action: Action, actor: str, extra: dict[str, Any], at: datetime
    ) -> tuple[str, dict[str, Any]]:
        if action is Action.HAND_OVER:
            return "", {
                "handover": to_plain(
                    HandOver(
                        at,
                        self.office.unit_name,
                        d.deciding_unit,
                        actor,
                        rng.choice(
                            ("Công chức tư pháp - hộ tịch", "Công chức địa chính", "Công chức văn hóa - xã hội")
                        ),
                    )
                )
            }
        if action is Action.REQUEST_SUPPLEMENT:
            return "Hồ sơ còn thiếu giấy tờ", {
                "round": to_plain(SupplementRound(at, actor, tuple(extra["items"]), "Hồ sơ còn thiếu giấy tờ"))
            }
        if action is Action.RECEIVE_SUPPLEMENT:
            due = self.calendar.due_at(at, d.procedure.duration or FALLBACK_DURATION)
            return "", {"due_at": to_plain(due), "reason": "supplement-restart"}
        if action is Action.EXTEND:
            extension = Extension(at, d.due_at or at, extra["new_due"], "Cần xác minh thêm", actor)
            return "Cần xác minh thêm", {"extension": to_plain(extension)}
        if action in (Action.WITHDRAW, Action.STOP, Action.CLOSE_UNSUPPLEMENTED, Action.RESULT_READY, Action.REFUSE):
            note = {
                Action.WITHDRAW: "Công dân xin rút hồ sơ",
                Action.STOP: "Công dân đề nghị dừng giải quyết",
                Action.CLOSE_UNSUPPLEMENTED: "Quá 15 ngày không bổ sung",
                Action.REFUSE: "Không đủ điều kiện theo quy định",
            }.get(action, "")
            target = target_status(d.status, action, extension_used=d.extension_used)
            return note, finish_details(d, target, at, self.calendar, self.rule)
        if action is Action.RETURN:
            satisfaction = None
            if rng.random() < 0.6:
                satisfaction = Satisfaction(rng.choices(list(Rating), (45, 50, 5))[0])
            record = ReturnRecord(
                at,
                actor,
                CollectorKind.APPLICANT,
                d.applicant.full_name,
                d.applicant.id_type,
                d.applicant.id_number,
                rng.randint(0, 1),
                d.fee_amount,
                satisfaction,
            )
            return "", {"return_record": to_plain(record)}
        return "", {}
