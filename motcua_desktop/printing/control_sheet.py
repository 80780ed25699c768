"""Form 06's rows: each hand-over of the dossier, then the return of the result to the counter.

The column "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)" is filled from the dossier's
events: a hand-over is compared, by date, with the due date in force when it happened (the
program keeps no separate time limit per step, so each step is judged against the dossier's); the
result row carries the dossier's outcome as the statistics count it. An extension's date is not
used (``rules.md`` §4.2), as in the statistics.
"""

from __future__ import annotations

from motcua_desktop.domain.dossier import Dossier, Outcome
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.timeliness import classify_by_date, outcome_date_part, statistics_due_on
from motcua_desktop.domain.vntime import fmt_date
from motcua_desktop.printing.build import Row
from motcua_desktop.printing.fields import time_words


def _label(outcome: Outcome | None) -> str:
    return outcome.label if outcome is not None else ""


def handover_rows(dossier: Dossier, counter_unit: str) -> list[Row]:
    rows: list[Row] = []
    for h in dossier.handovers:
        due = statistics_due_on(dossier, h.at)
        rows.append(
            {
                "from_unit": h.from_unit,
                "to_unit": h.to_unit,
                "time": time_words(h.at),
                "date": fmt_date(h.at),
                "giver": h.giver,
                "receiver": h.receiver,
                "note": h.note,
                "result": _label(classify_by_date(h.at, due)) if due is not None else "",
            }
        )
    if dossier.result_at is not None:
        last = dossier.handovers[-1].to_unit if dossier.handovers else ""
        refused = dossier.status is Status.REFUSED_AFTER_APPRAISAL or (
            dossier.status is Status.RETURNED and dossier.reason != ""
        )
        outcome = outcome_date_part(dossier)
        rows.append(
            {
                "from_unit": last or dossier.deciding_unit or dossier.procedure.deciding_agency,
                "to_unit": dossier.receiving_unit or counter_unit,
                "time": time_words(dossier.result_at),
                "date": fmt_date(dossier.result_at),
                "giver": "",
                "receiver": "",
                "note": "Văn bản từ chối giải quyết" if refused else "Kết quả giải quyết",
                "result": _label(outcome),
            }
        )
    return [{"n": str(i), **row} for i, row in enumerate(rows, 1)]
