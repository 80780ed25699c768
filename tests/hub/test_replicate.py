"""Push, pull and fold through a real PostgreSQL hub: the same import core as a USB package."""

from __future__ import annotations

from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.services.dossiers.lookup import load_dossier, rebuild_projection, search_dossiers
from tests.hub.helpers import HubOffice, act, event_set, sync
from tests.sync.helpers import other_applicant, projection_without_ids


def test_a_dossier_registered_at_counter_1_is_found_and_returned_at_counter_2(hub_office: HubOffice) -> None:
    c1, c2 = hub_office.c1, hub_office.c2
    code = c1.register(applicant=other_applicant("038190001111", "phạm thị hoa"))

    assert sync(c1).pushed > 0
    pulled = sync(c2).pulled

    assert pulled.events_added > 0 and not pulled.new_reports
    assert [s.code for s in search_dossiers(c2.clerk, "pham thi hoa")] == [code]
    for action in (Action.HAND_OVER, Action.RESULT_READY, Action.RETURN):
        hub_office.clock.advance(minutes=10)
        act(c2, code, action)
    sync(c2)
    sync(c1)
    assert load_dossier(c1.store, c1.store.dossiers.uuid_for_code(code)).status is Status.RETURNED
    assert projection_without_ids(c1.store) == projection_without_ids(c2.store)


def test_pushing_and_pulling_again_changes_nothing(hub_office: HubOffice) -> None:
    c1, c2 = hub_office.c1, hub_office.c2
    c1.register()
    for pc in (c1, c2, c1, c2):  # each also enrols the other from its key card on the hub
        sync(pc)
    before = (event_set(c1), event_set(c2))

    again = [sync(c1), sync(c2)]

    assert [(r.pushed, r.pulled.events_added) for r in again] == [(0, 0), (0, 0)]
    assert (event_set(c1), event_set(c2)) == before
    assert hub_office.hub.sql("SELECT count(*) - count(DISTINCT uuid) FROM motcua.events") == "0"


def test_every_counter_converges_on_the_union_and_the_projection_equals_a_rebuild(hub_office: HubOffice) -> None:
    for n, pc in enumerate(hub_office.pcs):
        pc.register(applicant=other_applicant(f"03819000{n}222", "lê văn cường"))
        pc.register()
    rounds = 0
    while any(r.pushed or r.pulled.events_added for r in [sync(pc) for pc in hub_office.pcs]):
        rounds += 1
    assert rounds <= 3  # the last events of a round are the keys a counter enrolled from the hub's cards
    own = set().union(*(event_set(pc) for pc in hub_office.pcs))
    for pc in hub_office.pcs:
        assert event_set(pc) == own
        assert pc.store.dossiers.count() == 6
        before = projection_without_ids(pc.store)
        rebuild_projection(pc.store)
        assert projection_without_ids(pc.store) == before
