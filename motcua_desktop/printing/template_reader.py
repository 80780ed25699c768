"""Typed, checked access to one TOML table of a template: wrong types and unknown keys name the file and key."""

from __future__ import annotations

from typing import Any

from motcua_desktop.printing.markup import Markup, TemplateError, parse_markup


class TableReader:
    """Typed access to one TOML table that remembers which keys were read."""

    _MISSING = object()

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where
        self.seen: set[str] = set()

    def get(self, key: str, kind: type, default: Any = _MISSING) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if default is self._MISSING:
                raise TemplateError(f"{self.where}: thiếu khóa «{key}».")
            return default
        value = self.data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind in (int, float) and isinstance(value, bool)):
            raise TemplateError(f"{self.where}: «{key}» phải là {_KIND_NAMES.get(kind, kind.__name__)}.")
        return value

    def table(self, key: str) -> dict[str, Any]:
        value: dict[str, Any] = self.get(key, dict)
        return value

    def optional_table(self, key: str) -> dict[str, Any] | None:
        value: dict[str, Any] | None = self.get(key, dict, None)
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self.get(key, str, default)
        if value not in allowed:
            raise TemplateError(
                f"{self.where}: «{key}» = «{value}» không hợp lệ; dùng một trong: {', '.join(allowed)}."
            )
        return str(value)

    def markup(self, key: str, default: Any = _MISSING) -> Any:
        value = self.get(key, str, default)
        return parse_markup(value, f"{self.where} {key}") if isinstance(value, str) else value

    def markups(self, key: str) -> tuple[Markup, ...]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise TemplateError(f"{self.where}: «{key}» phải là danh sách các dòng chữ.")
        return tuple(parse_markup(v, f"{self.where} {key}") for v in values)

    def names(self, key: str) -> tuple[str, ...]:
        self.seen.add(key)
        value = self.data.get(key, [])
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise TemplateError(f"{self.where}: «{key}» phải là một tên hoặc danh sách tên.")
        return tuple(values)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise TemplateError(f"{self.where}: khóa không được hỗ trợ: {', '.join(unknown)}.")


_KIND_NAMES = {str: "chữ", float: "số", int: "số nguyên", bool: "true/false", list: "danh sách", dict: "bảng"}
