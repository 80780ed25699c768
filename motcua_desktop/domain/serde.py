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
        return lambda value, compact: value._value_  # (what ``.value`` returns, without its descriptor)
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
    """The encoder of one dataclass, generated as straight-line code (one statement per field,
    no loop, no per-field tuple unpacking): ``to_plain`` of a dossier is on every registration.

    Equivalent to the loop ``for name, default in plan: item = getattr(value, name); if compact and
    default is not MISSING and item == default: skip; else out[name] = plain(item)``, except that a
    ``None`` default is compared by identity (no domain value equals None without being None).
    """
    env: dict[str, Any] = {"to_plain": to_plain, "scalars": _SCALARS}
    lines = ["def encode(value, compact):", "    out = {}"]
    for i, (name, default) in enumerate(_field_plan(kind)):
        lines.append(f"    item = value.{name}")
        put = f"out[{name!r}] = item if type(item) in scalars else to_plain(item, compact=compact)"
        if default is _MISSING:
            lines.append(f"    {put}")
            continue
        if default is None:
            same = "item is None"
        else:
            env[f"default_{i}"] = default
            same = f"item == default_{i}"
        lines.append(f"    if not compact or not ({same}):")
        lines.append(f"        {put}")
    lines.append("    return out")
    return _compiled(kind, "encode", lines, env)


def _compiled(kind: type, name: str, lines: list[str], env: dict[str, Any]) -> Callable[..., Any]:
    """The function ``name`` defined by ``lines`` (generated from a dataclass's fields only)."""
    code = compile("\n".join(lines), f"<serde {name} {kind.__module__}.{kind.__qualname__}>", "exec")
    exec(code, env)  # (the text is built from field names and this module's helpers only)
    function: Callable[..., Any] = env[name]
    return function


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
            return _dataclass_loader(tp)
        if issubclass(tp, Enum):
            members = tp._value2member_map_
            enum_type = tp

            def load_enum(v: Any) -> Any:
                try:
                    return members[v]  # the member of that value, without the Enum call machinery
                except (KeyError, TypeError):
                    return enum_type(v)  # (the same result, or the same ValueError)

            return load_enum
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


_ABSENT = object()
_PLAIN_TYPES = (str, int, float, bool)


def _dataclass_loader(tp: type) -> Callable[[Any], Any]:
    """The loader of one dataclass, generated as straight-line code like its encoder.

    Equivalent to ``cls(**{name: load_field(v[name]) for each init field present in v})`` (keys left
    out by the compact form take their defaults, unknown keys are ignored); a plain field whose value
    already has its type is taken as it is, and ``X | None`` fields test for None inline.
    """
    hints = _hints(tp)
    env: dict[str, Any] = {"cls": tp, "ABSENT": _ABSENT}
    lines = ["def load_dataclass(v):", "    kwargs = {}", "    get = v.get"]
    for i, f in enumerate(dataclasses.fields(tp)):
        if not f.init:
            continue
        hint = hints[f.name]
        args = typing.get_args(hint)
        optional = typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args
        if optional:
            hint = args[0] if args[1] is type(None) else args[1]
        if hint in _PLAIN_TYPES:
            env[f"type_{i}"] = hint
            expr = f"x if type(x) is type_{i} else type_{i}(x)"
        else:
            env[f"load_{i}"] = _loader(hint)
            expr = f"load_{i}(x)"
        if optional:
            expr = f"None if x is None else {expr}"
        lines.append(f"    x = get({f.name!r}, ABSENT)")
        lines.append("    if x is not ABSENT:")
        lines.append(f"        kwargs[{f.name!r}] = {expr}")
    lines.append("    return cls(**kwargs)")
    return _compiled(tp, "load_dataclass", lines, env)


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
