"""Dataclasses ⇄ plain JSON values, driven by type hints.

Event payloads and the stored dossier projection use this one converter, so what is written
can always be read back into the same domain objects. Dates are ISO text (datetimes in
Vietnam time), decimals are strings, enums their values, tuples lists.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from motcua_desktop.domain.vntime import from_iso, iso

T = TypeVar("T")


def to_plain(value: Any, *, compact: bool = True) -> Any:
    """JSON-ready form of a domain value.

    ``compact`` leaves out dataclass fields that hold their default value (they come back as
    the default when loaded), which halves the size of the event log.
    """
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if compact and _is_default(f, item):
                continue
            out[f.name] = to_plain(item, compact=compact)
        return out
    if isinstance(value, list | tuple):
        return [to_plain(v, compact=compact) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v, compact=compact) for k, v in value.items()}
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _is_default(f: dataclasses.Field[Any], item: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(item == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(item == f.default_factory())
    return False


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(tp: Any, value: Any) -> Any:
    """Inverse of ``to_plain`` for the declared type ``tp``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return from_plain(args[0], value)
    if tp is Any:
        return value
    if value is None:
        return None
    if origin in (tuple,):
        args = typing.get_args(tp)
        return tuple(from_plain(args[0], v) for v in value)
    if origin in (list,):
        return [from_plain(typing.get_args(tp)[0], v) for v in value]
    if origin in (dict,):
        key_tp, val_tp = typing.get_args(tp)
        return {from_plain(key_tp, k): from_plain(val_tp, v) for k, v in value.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            kwargs = {
                f.name: from_plain(hints[f.name], value[f.name])
                for f in dataclasses.fields(tp)
                if f.init and f.name in value
            }
            return tp(**kwargs)
        if issubclass(tp, Enum):
            return tp(value)
        if tp is datetime:
            return from_iso(value)
        if tp is date:
            return date.fromisoformat(value)
        if tp is time:
            return time.fromisoformat(value)
        if tp is Decimal:
            return Decimal(value)
        if tp in (str, int, float, bool):
            return tp(value)
    raise TypeError(f"cannot deserialise {tp!r}")


def load(cls: type[T], data: dict[str, Any]) -> T:
    result: T = from_plain(cls, data)
    return result


def canonical_json(value: Any) -> str:
    """Deterministic JSON (sorted keys, no spaces, UTF-8 text): the form that is hashed and signed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
