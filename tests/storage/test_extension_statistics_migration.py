"""Migration 5: extended dossiers finished under earlier versions are judged again against the due
date without the extension (rules.md §4.2), their daily report counts following."""

from __future__ import annotations

from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.timeliness import TimelinessRule
from motcua_desktop.services.dossiers.lifecycle import TransitionInput, transition
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.storage.migrations import v005_extension_statistics
from tests.factories import MARRIAGE_STATUS, birth_registration, context


def test_an_extended_late_dossier_recorded_on_time_is_judged_late_again(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    code = register(ctx, birth_registration(**MARRIAGE_STATUS)).dossier.code  # due Thu 19/11/2026
    transition(ctx, code, TransitionInput(Action.HAND_OVER))
    transition(ctx, code, TransitionInput(Action.EXTEND, note="Cần xác minh", new_due="25/11/2026"))
    clock.advance(days=4)  # Fri 20/11: after the receipt's date, before the extended one
    transition(ctx, code, TransitionInput(Action.RESULT_READY))
    db = office_store.db

    def outcome() -> str:
        return str(db.execute("SELECT outcome_dp FROM dossiers WHERE code = ?", [code]).fetchone()[0])

    def late_count() -> int:
        counts = office_store.reports.finished(clock.now().date(), clock.now().date(), TimelinessRule.DATE_PART)
        return sum(g.count for g in counts if g.category == "qua_han")

    assert outcome() == "qua_han" and late_count() == 1
    # As an earlier version left it: on time against the extended date, no extension mark in the timeline.
    timeline = db.execute("SELECT due_timeline FROM dossiers WHERE code = ?", [code]).fetchone()[0]
    with office_store.transaction():
        db.execute(
            "UPDATE dossiers SET outcome_dp = 'truoc_han', due_timeline = ? WHERE code = ?",
            [timeline.replace('"extension":true', '"extension":false'), code],
        )
    assert outcome() == "truoc_han" and late_count() == 0
    with office_store.transaction():
        v005_extension_statistics.apply(db)
    assert outcome() == "qua_han" and late_count() == 1
    assert '"extension":true' in db.execute("SELECT due_timeline FROM dossiers WHERE code = ?", [code]).fetchone()[0]
