from __future__ import annotations

import dataclasses
import json
from datetime import date

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.catalogue import ProcedureSnapshot
from motcua_desktop.domain.dossier import Address, Channel, DocumentItem, Dossier, Person
from motcua_desktop.domain.duration import Duration, DurationUnit
from motcua_desktop.domain.events import GENESIS_HASH, EventRecord, compute_hash, verify_chain
from motcua_desktop.domain.identity import Sex
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.projection import apply_event, registered_payload, replay
from motcua_desktop.domain.serde import canonical_json, load, to_plain
from motcua_desktop.domain.vntime import vn_datetime

T0 = vn_datetime(2026, 11, 16, 9)


def sample_dossier() -> Dossier:
    return Dossier(
        uuid="d-1",
        code="000.00.12.H56-261116-0001",
        status=Status.RECEIVED,
        applicant=Person(
            "Nguyễn Văn An",
            date(1987, 3, 15),
            Sex.MALE,
            id_number="038087042028",
            phone="0912345678",
            address=Address("Thôn Phú Lâm", "15724", "Xã Đồng Tiến", "38", "Thanh Hóa"),
        ),
        procedure=ProcedureSnapshot(
            1, "1.001193", 1, "1.001193", "Đăng ký khai sinh", "Hộ tịch", duration=Duration(DurationUnit.SAME_DAY)
        ),
        channel=Channel.DIRECT,
        received_at=T0,
        received_by="lan",
        device_id="MC-1",
        receiving_agency_id="000.00.12.H56",
        receiving_unit="TTPVHCC xã",
        documents=(DocumentItem("Tờ khai"),),
        due_at=T0.replace(hour=17),
        original_due_at=T0.replace(hour=17),
    )


def chain(n: int) -> list[EventRecord]:
    events, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        event = EventRecord(f"e{seq}", "MC-1", 1, seq, ev.SETTINGS_CHANGED, "lan", T0, {"n": seq}, prev_hash=prev)
        event = dataclasses.replace(event, hash=compute_hash(event))
        events.append(event)
        prev = event.hash
    return events


def test_serialisation_round_trip_and_compact_form() -> None:
    dossier = sample_dossier()
    plain = to_plain(dossier)
    assert "representative" not in plain  # defaults are left out
    assert load(Dossier, json.loads(canonical_json(plain))) == dossier


def test_intact_chain_verifies() -> None:
    assert verify_chain(chain(5), start_prev=GENESIS_HASH) is None


def test_edit_delete_reorder_and_fork_are_detected() -> None:
    events = chain(5)
    edited = [*events[:2], dataclasses.replace(events[2], payload={"n": 99}), *events[3:]]
    assert verify_chain(edited).seq == 3  # type: ignore[union-attr]
    deleted = events[:2] + events[3:]
    broken = verify_chain(deleted)
    assert broken is not None and broken.seq == 4 and "thiếu" in broken.problem
    reordered = [events[0], events[2], events[1], *events[3:]]
    assert verify_chain(reordered) is not None
    forged = dataclasses.replace(events[1], payload={"n": 7})
    forged = dataclasses.replace(forged, hash=compute_hash(forged))  # re-hashed, but the next link breaks
    assert verify_chain([events[0], forged, *events[2:]]).seq == 3  # type: ignore[union-attr]


def test_projection_applies_registration_and_rejects_gaps() -> None:
    dossier = sample_dossier()
    registered = EventRecord(
        "e1",
        "MC-1",
        1,
        1,
        ev.DOSSIER_REGISTERED,
        "lan",
        T0,
        registered_payload(dossier),
        dossier_uuid="d-1",
        dossier_rev=1,
    )
    located = EventRecord(
        "e2", "MC-1", 1, 2, ev.DOSSIER_LOCATED, "lan", T0, {"file_location": "Tủ 2"}, dossier_uuid="d-1", dossier_rev=2
    )
    state = replay([registered, located])
    assert state is not None and state.file_location == "Tủ 2" and state.rev == 2
    assert apply_event(state, dataclasses.replace(located, kind=ev.DOSSIER_VIEWED)) is state
    skipped = dataclasses.replace(located, dossier_rev=5)
    try:
        apply_event(replay([registered]), skipped)
    except Exception as exc:  # ConflictError with a Vietnamese message
        assert "phiên bản" in str(exc)
    else:
        raise AssertionError("a revision gap must be refused")
