"""Dataclasses ⇄ plain JSON values, driven by type hints.

Event payloads and the stored dossier projection use this one converter, so what is written
can always be read back into the same domain objects. Dates are ISO text (datetimes in
Vietnam time), decimals are strings, enums their values, tuples lists. Conversion plans are
built once per type (this is on the registration hot path and in bulk loads).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from motcua_desktop.domain.vntime import from_iso, iso

T = TypeVar("T")
_MISSING = dataclasses.MISSING


_PLANS: dict[type, tuple[tuple[str, Any], ...]] = {}
_LOADERS: dict[Any, Callable[[Any], Any]] = {}


def _field_plan(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, default value or MISSING) of each field of a dataclass (computed once per class)."""
    if cls in _PLANS:
        return _PLANS[cls]
    plan = []
    for f in dataclasses.fields(cls):
        if f.default is not _MISSING:
            default = f.default
        elif f.default_factory is not _MISSING:
            default = f.default_factory()
        else:
            default = _MISSING
        plan.append((f.name, default))
    _PLANS[cls] = tuple(plan)
    return _PLANS[cls]


_SCALARS = frozenset({str, int, bool, float, type(None)})


def to_plain(value: Any, *, compact: bool = True) -> Any:
    """JSON-ready form of a domain value.

    ``compact`` leaves out dataclass fields that hold their default value (they come back as
    the default when loaded), which halves the size of the event log.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    encode = _ENCODERS.get(kind)
    if encode is None:
        encode = _ENCODERS[kind] = _build_encoder(kind)
    return encode(value, compact)


_ENCODERS: dict[type, Callable[[Any, bool], Any]] = {}


def _build_encoder(kind: type) -> Callable[[Any, bool], Any]:
    """The converter of one type to its plain form (built once per type: this is on the
    registration hot path and in bulk loads)."""
    if issubclass(kind, Enum):
        return lambda value, compact: value.value
    if kind is datetime:
        return lambda value, compact: iso(value)
    if dataclasses.is_dataclass(kind):
        return _dataclass_encoder(kind)
    if kind is tuple or kind is list:
        return lambda value, compact: [v if type(v) in _SCALARS else to_plain(v, compact=compact) for v in value]
    if kind is dict:
        return lambda value, compact: {str(k): to_plain(v, compact=compact) for k, v in value.items()}
    if issubclass(kind, date):
        return lambda value, compact: value.isoformat()
    if issubclass(kind, time):
        return lambda value, compact: value.strftime("%H:%M")
    if issubclass(kind, Decimal):
        return lambda value, compact: str(value)
    if issubclass(kind, str | int):
        return lambda value, compact: value
    raise TypeError(f"cannot serialise {kind.__name__}")


def _dataclass_encoder(kind: type) -> Callable[[Any, bool], Any]:
    plan = _field_plan(kind)
    scalars = _SCALARS

    def encode(value: Any, compact: bool) -> dict[str, Any]:
        out = {}
        for name, default in plan:
            item = getattr(value, name)
            if compact and default is not _MISSING and item == default:
                continue
            out[name] = item if type(item) in scalars else to_plain(item, compact=compact)
        return out

    return encode


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _identity(value: Any) -> Any:
    return value


def _loader(tp: Any) -> Callable[[Any], Any]:
    """A function turning the plain form of type ``tp`` back into a value (built once per type)."""
    loader = _LOADERS.get(tp)
    if loader is None:
        loader = _LOADERS[tp] = _build_loader(tp)
    return loader


def _build_loader(tp: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _loader(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if tp is Any:
        return _identity
    if origin is tuple:
        item = _loader(typing.get_args(tp)[0])
        return lambda v: tuple(item(x) for x in v)
    if origin is list:
        item = _loader(typing.get_args(tp)[0])
        return lambda v: [item(x) for x in v]
    if origin is dict:
        key_load, val_load = (_loader(a) for a in typing.get_args(tp))
        return lambda v: {key_load(k): val_load(x) for k, x in v.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            fields = tuple((f.name, _loader(hints[f.name])) for f in dataclasses.fields(tp) if f.init)
            cls = tp

            def load_dataclass(v: dict[str, Any]) -> Any:
                return cls(**{name: load(v[name]) for name, load in fields if name in v})

            return load_dataclass
        if issubclass(tp, Enum):
            return tp
        if tp is datetime:
            return from_iso
        if tp is date:
            return date.fromisoformat
        if tp is time:
            return time.fromisoformat
        if tp is Decimal:
            return Decimal
        if tp in (str, int, float, bool):
            return tp
    raise TypeError(f"cannot deserialise {tp!r}")


def from_plain(tp: Any, value: Any) -> Any:
    """Inverse of ``to_plain`` for the declared type ``tp``."""
    if value is None:
        return None
    return _loader(tp)(value)


def load(cls: type[T], data: dict[str, Any]) -> T:
    result: T = _loader(cls)(data)
    return result


# One encoder for every call: ``json.dumps`` with these options builds a new encoder each time.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def canonical_json(value: Any) -> str:
    """Deterministic JSON (sorted keys, no spaces, UTF-8 text): the form that is hashed and signed."""
    return _CANONICAL.encode(value)


def evolve(obj: T, **changes: Any) -> T:
    """``dataclasses.replace`` for frozen dataclasses without ``__post_init__``, ten times faster."""
    if hasattr(obj, "__post_init__"):
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    copy = object.__new__(type(obj))
    copy.__dict__.update(obj.__dict__)
    copy.__dict__.update(changes)
    return copy
