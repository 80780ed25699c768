"""Greedy line breaking of mixed-style text (a bold name inside a regular sentence).

A light replacement for platypus paragraphs: widths come from reportlab's accelerated
``stringWidth``, words longer than a line (e-mail addresses, codes) are cut by characters, and
``\\n`` forces a break. Nothing here draws; the result says which string goes where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from motcua_desktop.printing.fonts import FontFamily
from motcua_desktop.printing.markup import BOLD, ITALIC

_TOKENS = re.compile(r"\n|[^\S\n]+|[^\s]+")


@dataclass(frozen=True, slots=True)
class Line:
    """One output line: (font name, x offset from the line start, text) segments."""

    segments: tuple[tuple[str, float, str], ...]
    width: float


class Measurer:
    """Font lookups and widths for one family; memoises widths and laid-out text within one render."""

    def __init__(self, family: FontFamily) -> None:
        self.family = family
        self._names = {s: family.name(bool(s & BOLD), bool(s & ITALIC)) for s in range(4)}
        self._fonts = {s: pdfmetrics.getFont(n) for s, n in self._names.items()}
        self._cache: dict[tuple[str, int, float], float] = {}
        self.placed: dict[tuple[object, ...], list[tuple[float, Line]]] = {}  # laid-out text, see Builder

    def font_name(self, style: int) -> str:
        return self._names[style & 3]

    def width(self, text: str, style: int, size: float) -> float:
        key = (text, style, size)
        found = self._cache.get(key)
        if found is None:
            found = self._fonts[style & 3].stringWidth(text, size)
            self._cache[key] = found
        return found

    def runs_width(self, runs: tuple[tuple[int, str], ...], size: float) -> float:
        return sum(self.width(text, style, size) for style, text in runs)


def wrap(
    runs: tuple[tuple[int, str], ...], width: float, size: float, m: Measurer, first_width: float | None = None
) -> list[Line]:
    """Breaks styled runs into lines no wider than ``width`` points (``first_width`` for the first line)."""
    lines: list[Line] = []
    full_width = width
    width = full_width if first_width is None else first_width
    frags: list[tuple[int, str]] = []  # (style, text) of the current line
    line_w = 0.0
    space: tuple[int, str] | None = None  # a space waiting for the next word on the line
    for style, text in runs:
        for raw in _TOKENS.findall(text):
            token = raw
            if token == "\n":
                lines.append(_line(frags, line_w, size, m))
                frags, line_w, space, width = [], 0.0, None, full_width
                continue
            if token.isspace():
                if frags:
                    space = (frags[-1][0], token.replace("\t", "    "))
                continue
            w = m.width(token, style, size)
            sw = m.width(space[1], space[0], size) if space and frags else 0.0
            if frags and line_w + sw + w > width + 0.01:
                lines.append(_line(frags, line_w, size, m))
                frags, line_w, sw, width = [], 0.0, 0.0, full_width
            elif space and frags:
                frags.append(space)
                line_w += sw
            space = None
            if not frags and w > width:
                pieces = _cut(token, style, width, size, m)
                for piece in pieces[:-1]:
                    lines.append(_line([(style, piece)], m.width(piece, style, size), size, m))
                    width = full_width
                token = pieces[-1]
                w = m.width(token, style, size)
            frags.append((style, token))
            line_w += w
    if frags or not lines:
        lines.append(_line(frags, line_w, size, m))
    return lines


def _cut(word: str, style: int, width: float, size: float, m: Measurer) -> list[str]:
    """A word wider than the line, cut into pieces that fit: after ``-``, ``.`` or ``/`` when possible."""
    pieces = []
    start = 0
    while start < len(word):
        end = start + 1
        while end < len(word) and m.width(word[start : end + 1], style, size) <= width:
            end += 1
        if end < len(word):
            soft = max(word.rfind(ch, start, end) for ch in _SOFT_BREAKS) + 1
            if soft > start + 1:
                end = soft
        pieces.append(word[start:end])
        start = end
    return pieces


_SOFT_BREAKS = "-./"


def _line(frags: list[tuple[int, str]], line_w: float, size: float, m: Measurer) -> Line:
    segments: list[tuple[str, float, str]] = []
    x = 0.0
    cur_style = -1
    cur_text: list[str] = []
    cur_x = 0.0
    for style, text in frags:
        if style != cur_style:
            if cur_text:
                segments.append((m.font_name(cur_style), cur_x, "".join(cur_text)))
            cur_style, cur_text, cur_x = style, [], x
        cur_text.append(text)
        x += m.width(text, style, size)
    if cur_text:
        segments.append((m.font_name(cur_style), cur_x, "".join(cur_text)))
    return Line(tuple(segments), line_w)
