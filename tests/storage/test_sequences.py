"""Daily dossier numbers: stepped in one statement, checked by the domain rule."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_desktop.domain.codes import SequenceBlock, SequenceExhausted

DAY = date(2026, 11, 16)
AGENCY = "000.00.12.H56"


def test_numbers_follow_each_other_from_the_block_start(store) -> None:  # type: ignore[no-untyped-def]
    block = SequenceBlock(1000, 1999)
    with store.transaction():
        issued = [store.sequences.next_code_seq(AGENCY, DAY, block) for _ in range(3)]
    assert issued == [1000, 1001, 1002]
    assert store.sequences.last_code_seq(AGENCY, DAY) == 1002
    with store.transaction():  # another day starts again
        assert store.sequences.next_code_seq(AGENCY, date(2026, 11, 17), block) == 1000


def test_a_counter_below_its_block_moves_to_the_block_start(store) -> None:  # type: ignore[no-untyped-def]
    block = SequenceBlock(1000, 1999)
    with store.transaction():  # e.g. a restore recorded numbers issued before the block was known
        store.db.execute(
            "INSERT INTO code_sequences (agency_id, day, last_seq, block_first, block_last) VALUES (?, ?, 5, 1000, 1999)",
            [AGENCY, DAY.isoformat()],
        )
        assert store.sequences.next_code_seq(AGENCY, DAY, block) == 1000
    assert store.sequences.last_code_seq(AGENCY, DAY) == 1000


def test_an_exhausted_block_issues_nothing_and_keeps_its_counter(store) -> None:  # type: ignore[no-untyped-def]
    block = SequenceBlock(1, 999)
    with store.transaction():
        store.sequences.advance_code_seq(AGENCY, DAY, 999, block)
    # even a caller that goes on after the refusal (and commits) keeps the counter right
    with store.transaction(), pytest.raises(SequenceExhausted):
        store.sequences.next_code_seq(AGENCY, DAY, block)
    assert store.sequences.last_code_seq(AGENCY, DAY) == 999
