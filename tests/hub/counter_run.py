"""One counter PC in its own process for the convergence test: registers dossiers, asks for and
receives supplements, returns results (its own, and now and then another counter's dossier once the
hub has brought it), while its background replicator pushes and pulls; then keeps replicating until
told to stop.

    python -m tests.hub.counter_run DATA_FOLDER COUNTER_NO DOSSIERS SEED
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.transitions import SupplementRequestInput, input_for
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import find_dossier
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.hub.worker import Replicator
from motcua_desktop.storage import open_store
from tests.factories import MONDAY_9AM, FakeClock, applicant, birth_registration, context
from tests.hub.helpers import spelled

SUPPLEMENT = SupplementRequestInput(note="Thiếu giấy", items=["Giấy chứng sinh bản chính"])


def main(folder: Path, counter_no: int, dossiers: int, seed: int) -> None:
    rng = random.Random(seed * 100 + counter_no)
    clock = FakeClock(MONDAY_9AM)
    store = open_store(folder / "motcua.db")
    clerk = context(store, clock, username="lan.nguyen")
    replicator = Replicator(store.path, clock=clock, pull_every=2.0)
    replicator.start()
    mine: list[str] = []
    others_done = 0
    for i in range(dossiers):
        clock.advance(seconds=20)
        person = applicant(
            full_name=f"người nộp {spelled(counter_no)} số {spelled(i)}", id_number=f"0381{counter_no:02d}{i:06d}"
        )
        code = register(clerk, birth_registration(applicant=person)).dossier.code
        assert code is not None
        mine.append(code)
        if i % 3 == 1:  # every third dossier: a supplement asked and received
            transition(clerk, find_dossier(clerk, code), SUPPLEMENT)
            transition(clerk, find_dossier(clerk, code), input_for(Action.RECEIVE_SUPPLEMENT, {}))
        if i % 3 == 2:  # another: handed over, result ready, returned
            for action in (Action.HAND_OVER, Action.RESULT_READY, Action.RETURN):
                transition(clerk, find_dossier(clerk, code), input_for(action, {}))
        if i % 25 == 0:
            others_done += _hand_over_a_neighbours(store, clerk, counter_no, rng)
    (folder / "done.json").write_text(json.dumps({"registered": len(mine), "neighbours": others_done}))
    while not (folder / "stop").exists():
        time.sleep(0.1)
    replicator.stop()
    store.close()


def _hand_over_a_neighbours(store, clerk, counter_no: int, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    """Hands over one dossier of the next counter that only this counter touches (every third one, which
    the neighbour never acts on): a change made here to a dossier registered there, conflicting with
    nobody."""
    neighbour = counter_no % 3 + 1
    rows = store.db.execute(
        "SELECT code, applicant_name FROM dossiers WHERE applicant_name LIKE ? AND rev = 1", [f"% {neighbour} Số %"]
    ).fetchall()
    candidates = [r[0] for r in rows if int(r[1].rsplit(" ", 1)[1]) % 3 == 0]
    if not candidates:
        return 0
    try:
        transition(clerk, find_dossier(clerk, rng.choice(candidates)), input_for(Action.HAND_OVER, {}))
    except KnownError:
        return 0
    return 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
