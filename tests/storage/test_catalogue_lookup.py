"""Looking a procedure up by key or national code, and the parsed-procedure cache."""

from __future__ import annotations

from motcua_desktop.domain.catalogue import Procedure
from tests.factories import MONDAY_9AM


def _import(store, *procedures: Procedure) -> None:  # type: ignore[no-untyped-def]
    with store.transaction():
        store.catalogue.apply_import(procedures, source_file="t.csv", at=MONDAY_9AM)


def test_a_key_match_wins_over_a_code_match(store) -> None:  # type: ignore[no-untyped-def]
    _import(
        store,
        Procedure(key="LOCAL-1", code="1.000001", name="Thủ tục A", field="Hộ tịch"),
        Procedure(key="1.000001", code="2.000002", name="Thủ tục B", field="Hộ tịch"),
    )
    assert store.catalogue.get_current("1.000001").name == "Thủ tục B"  # by key
    assert store.catalogue.get_current("2.000002").name == "Thủ tục B"  # by code
    assert store.catalogue.get_current("LOCAL-1").name == "Thủ tục A"
    assert store.catalogue.get_current("3.000003") is None


def test_a_new_version_is_seen_at_once(store) -> None:  # type: ignore[no-untyped-def]
    _import(store, Procedure(key="1.000001", code="1.000001", name="Cũ", field="Hộ tịch"))
    first = store.catalogue.get_current("1.000001")
    assert store.catalogue.get_current("1.000001") is first  # parsed once
    _import(store, Procedure(key="1.000001", code="1.000001", name="Mới", field="Hộ tịch"))
    current = store.catalogue.get_current("1.000001")
    assert (current.name, current.version) == ("Mới", 2)
    assert store.catalogue.get_version(first.id).name == "Cũ"
