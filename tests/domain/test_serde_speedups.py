"""The faster ``to_plain`` / ``canonical_json`` / ``event_hash`` give exactly what the plain definitions give."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from motcua_desktop.domain.calendar.config import CalendarConfig
from motcua_desktop.domain.dossier import (
    Address,
    CollectorKind,
    DocumentItem,
    Dossier,
    DueRevision,
    Extension,
    HandOver,
    Person,
    Rating,
    ReturnRecord,
    Satisfaction,
    SupplementRound,
)
from motcua_desktop.domain.events import EventRecord, compute_hash, encode_header, event_hash, event_header
from motcua_desktop.domain.identity import Sex
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.serde import _field_plan, canonical_json, load, to_plain
from motcua_desktop.domain.vntime import from_iso, iso, vn_datetime
from tests.printing import samples


def reference_to_plain(value: Any, *, compact: bool = True) -> Any:
    """The straightforward definition the fast version must match."""
    kind = type(value)
    if value is None or kind in (str, int, bool, float):
        return value
    if isinstance(value, Enum):
        return value.value
    if kind is datetime:
        return iso(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for name, default in _field_plan(kind):
            item = getattr(value, name)
            if compact and default is not dataclasses.MISSING and item == default:
                continue
            out[name] = reference_to_plain(item, compact=compact)
        return out
    if kind in (tuple, list):
        return [reference_to_plain(v, compact=compact) for v in value]
    if kind is dict:
        return {str(k): reference_to_plain(v, compact=compact) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(kind)


def _busy_dossier() -> Dossier:
    at = vn_datetime(2026, 11, 16, 9, 30)
    base = samples.dossier()
    return dataclasses.replace(
        base,
        status=Status.RETURNED,
        representative=Person("Lê Văn Bình", date(1980, 1, 2), Sex.MALE, address=Address("Thôn Đông")),
        documents=(DocumentItem("Tờ khai"), DocumentItem("Giấy chứng sinh", count=2)),
        due_history=(DueRevision(at, "received", at),),
        handovers=(HandOver(at, "Một cửa", "UBND xã", "lan", "hoa", "gấp"),),
        supplements=(SupplementRound(at, "lan", ("CCCD",), "thiếu", at, at, at),),
        extension=Extension(at, at, at, "xác minh", "lan"),
        return_record=ReturnRecord(
            at, "lan", CollectorKind.APPLICANT, "An", fee_collected=8000, satisfaction=Satisfaction(Rating.SATISFIED)
        ),
        missing_items=("a", "b"),
        rev=7,
    )


def test_to_plain_matches_the_reference_definition() -> None:
    values: list[Any] = [
        _busy_dossier(),
        samples.dossier(),
        CalendarConfig(),
        {"a": [1, 2.5, None, True], 3: Decimal("1.50"), "t": time(7, 30), "d": date(2026, 1, 2)},
        (Status.RECEIVED, Rating.SATISFIED, vn_datetime(2026, 1, 1, 0, 0)),
    ]
    for value in values:
        for compact in (True, False):
            assert to_plain(value, compact=compact) == reference_to_plain(value, compact=compact)


def reference_load(tp: Any, value: Any) -> Any:
    """The straightforward definition the generated dataclass loaders must match."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(tp) if a is not type(None))
        return None if value is None else reference_load(inner, value)
    if tp is Any:
        return value
    if origin is tuple:
        return tuple(reference_load(typing.get_args(tp)[0], v) for v in value)
    if origin is list:
        return [reference_load(typing.get_args(tp)[0], v) for v in value]
    if origin is dict:
        key_type, value_type = typing.get_args(tp)
        return {reference_load(key_type, k): reference_load(value_type, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = [f for f in dataclasses.fields(tp) if f.init]
        return tp(**{f.name: reference_load(hints[f.name], value[f.name]) for f in fields if f.name in value})
    if issubclass(tp, Enum):
        return tp(value)
    if tp is datetime:
        return from_iso(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is time:
        return time.fromisoformat(value)
    return tp(value)


def test_load_matches_the_reference_definition() -> None:
    for dossier in (_busy_dossier(), samples.dossier()):
        for compact in (True, False):
            plain = json.loads(canonical_json(to_plain(dossier, compact=compact)))
            loaded = load(Dossier, plain)
            assert loaded == reference_load(Dossier, plain) == dossier
    config = CalendarConfig()
    assert load(CalendarConfig, to_plain(config)) == reference_load(CalendarConfig, to_plain(config)) == config
    # plain fields given another JSON type are converted as the type says; unknown keys are ignored
    odd = {**to_plain(samples.dossier()), "book_line": "12", "fee_amount": 5, "no_such_field": 1}
    assert load(Dossier, odd) == reference_load(Dossier, odd)
    assert load(Dossier, odd).book_line == 12


def test_canonical_json_is_sorted_compact_utf8() -> None:
    value = {"b": "Nguyễn", "a": [1, {"z": None, "y": 1.5}]}
    assert canonical_json(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert canonical_json("Đ") == '"Đ"'


def test_the_encoded_header_hash_is_compute_hash() -> None:
    event = EventRecord(
        "u-1", "MC-1", 2, 5, "dossier.registered", "lan", vn_datetime(2026, 1, 2, 8, 0), {"x": "ệ"}, "d-1", 1, "ab"
    )
    header = event_header("u-1", "MC-1", 2, 5, "dossier.registered", "lan", "2026-01-02T08:00:00+07:00", "d-1", 1, "ab")
    assert header == event.header_fields()
    text = canonical_json(header) + "\n" + canonical_json(event.payload)
    header_json = encode_header(
        event_header("u-1", "MC-1", 2, 5, "dossier.registered", "lan", "2026-01-02T08:00:00+07:00", "d-1", 1, "ab")
    )
    assert header_json == canonical_json(header)
    assert event_hash(header_json, canonical_json(event.payload)) == compute_hash(event)
    assert compute_hash(event) == hashlib.sha256(text.encode("utf-8")).hexdigest()
