"""Template text: ``**bold**``, ``*italic*`` and ``{placeholders}``, parsed once per template.

Markup is parsed *before* values are substituted, so an asterisk typed in a citizen's address
can never switch a font. ``{name|…}`` prints ``…`` when the value is empty (the dotted blank of
the paper forms); ``\\*`` and ``\\{`` are literal characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from motcua_desktop.domain.errors import KnownError
from motcua_desktop.domain.text import nfc

BOLD = 1
ITALIC = 2

_TOKEN = re.compile(r"\\.|\*\*|\*|\{[^{}]*\}")
_NAME = re.compile(r"^[a-z_][a-z0-9_.]*$")


class TemplateError(KnownError):
    """A template file a province edited cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Placeholder:
    name: str
    default: str = ""


Part = str | Placeholder


@dataclass(frozen=True, slots=True)
class Span:
    """Text in one style: literal strings and placeholders."""

    style: int
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Markup:
    source: str
    spans: tuple[Span, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for s in self.spans for p in s.parts if isinstance(p, Placeholder))

    def render(self, lookup: Callable[[str], str], base_style: int = 0) -> tuple[tuple[int, str], ...]:
        """(style, text) runs with values substituted; empty runs dropped."""
        runs: list[tuple[int, str]] = []
        for span in self.spans:
            pieces = []
            for part in span.parts:
                if isinstance(part, str):
                    pieces.append(part)
                else:
                    value = lookup(part.name)
                    pieces.append(value if value else part.default)
            text = "".join(pieces)
            if text:
                runs.append((span.style | base_style, text))
        return tuple(runs)

    def text(self, lookup: Callable[[str], str]) -> str:
        return "".join(t for _, t in self.render(lookup))


def parse_markup(source: str, where: str = "") -> Markup:
    """Parses template text; raises TemplateError naming ``where`` on a malformed placeholder."""
    source = nfc(source)
    spans: list[Span] = []
    parts: list[Part] = []
    style = 0
    pos = 0

    def flush() -> None:
        nonlocal parts
        if parts:
            spans.append(Span(style, tuple(parts)))
            parts = []

    for match in _TOKEN.finditer(source):
        if match.start() > pos:
            parts.append(source[pos : match.start()])
        token = match.group()
        if token.startswith("\\"):
            parts.append(token[1:])
        elif token == "**":
            flush()
            style ^= BOLD
        elif token == "*":
            flush()
            style ^= ITALIC
        else:
            name, _, default = token[1:-1].partition("|")
            name = name.strip()
            if not _NAME.match(name):
                raise TemplateError(f"{where}: «{token}» không phải tên trường hợp lệ (chữ thường, số, dấu _).")
            parts.append(Placeholder(name, default))
        pos = match.end()
    if pos < len(source):
        parts.append(source[pos:])
    flush()
    return Markup(source, tuple(_merge(spans)))


def _merge(spans: list[Span]) -> list[Span]:
    """Joins adjacent literal strings so rendering concatenates less."""
    merged = []
    for span in spans:
        parts: list[Part] = []
        for part in span.parts:
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] = parts[-1] + part
            else:
                parts.append(part)
        merged.append(Span(span.style, tuple(parts)))
    return merged
