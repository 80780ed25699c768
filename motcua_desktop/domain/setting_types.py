"""What a setting is: its key, label, type and who may change it, and the usual kinds (text, flag, one
of some choices, a domain enum, a stored dataclass, a time). The settings themselves are listed in
``domain.settings``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import Field, ValidationError

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: ``decode`` turns the stored JSON (``None`` when unset) into its value and gives the
    default for an unset or unreadable one; ``encode`` gives the JSON to store; ``parse`` checks what a
    user typed (a ``ValidationError`` in Vietnamese naming the setting)."""

    key: str
    label: str  # Vietnamese, as the audit list and messages name it
    decode: Callable[[Any], T]
    encode: Callable[[T], Any]
    parse: Callable[[Any], T]
    changed_by: Permission | None
    fresh: bool = False  # the password must have been typed again within the last minutes

    @property
    def default(self) -> T:
        return self.decode(None)

    @property
    def field(self) -> Field:
        """The setting as the field of an error message."""
        return Field(self.key, self.label)


def _text(raw: Any) -> str:
    return raw if isinstance(raw, str) else ""


def _text_or_none(value: str) -> str | None:
    return value or None


def same(value: Any) -> Any:
    return value


def _flag(raw: Any) -> bool:
    return bool(raw)


def text_setting(key: str, label: str, changed_by: Permission | None, *, fresh: bool = False) -> Setting[str]:
    """Free text; empty when unset (stored as ``null`` when emptied)."""
    return Setting(key, label, _text, _text_or_none, _text, changed_by, fresh)


def flag_setting(key: str, label: str, changed_by: Permission | None) -> Setting[bool]:
    return Setting(key, label, _flag, same, _flag, changed_by)


def _choice_parser(field: Field, choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices:
            raise ValidationError(field, f"«{value}» không có.", "Chọn: " + ", ".join(choices))
        return str(value)

    return parse


def choice_setting(
    key: str, label: str, choices: tuple[str, ...], default: str, changed_by: Permission | None
) -> Setting[str]:
    """One of ``choices``; the default when unset or unknown."""
    return Setting(
        key,
        label,
        lambda raw: raw if raw in choices else default,
        same,
        _choice_parser(Field(key, label), choices),
        changed_by,
    )


def enum_setting(key: str, label: str, enum: Callable[[], type[E]], default: str) -> Setting[E]:
    """A value of a domain enum (imported on first use); an unreadable stored value is an error, as a
    wrong office policy must not be silently replaced."""

    def decode(raw: Any) -> E:
        return enum()(raw if raw is not None else default)

    def parse(value: Any) -> E:
        kind = enum()
        try:
            return kind(value)
        except ValueError:
            raise ValidationError(
                Field(key, label), f"«{value}» không hợp lệ.", "Chọn: " + ", ".join(m.value for m in kind)
            ) from None

    return Setting(key, label, decode, lambda value: value.value, parse, Permission.SETTINGS)


def stored(kind: Callable[[], type[T]]) -> Callable[[Any], T]:
    """A stored dataclass; the class's own defaults when unset."""

    def decode(raw: Any) -> T:
        from motcua_desktop.domain.serde import load

        return kind()() if raw is None else load(kind(), raw)

    return decode


def stored_or_none(kind: Callable[[], type[T]]) -> Callable[[Any], T | None]:
    def decode(raw: Any) -> T | None:
        from motcua_desktop.domain.serde import load

        return load(kind(), raw) if raw else None

    return decode


def plain(value: Any) -> Any:
    from motcua_desktop.domain.serde import to_plain

    return None if value is None else to_plain(value, compact=False)


def _time(raw: Any) -> datetime | None:
    from motcua_desktop.domain.vntime import from_iso

    return from_iso(raw) if isinstance(raw, str) and raw else None


def _iso(value: datetime | None) -> str | None:
    from motcua_desktop.domain.vntime import iso

    return None if value is None else iso(value)


def time_setting(key: str, label: str) -> Setting[datetime | None]:
    return Setting(key, label, _time, _iso, _time, None)
