"""What every block of a template needs while it is laid out: the values it may name (``Fields``)
and the ``Builder`` of one copy (scale, measured and cached text, conditions).

The modules that lay out each kind of block (``build_text``, ``build_table``, ``build_barcode``,
``build_signatures``, ``build_header``) take a ``Builder``; ``build`` runs them over a template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.markup import Markup, TemplateError
from motcua_desktop.printing.template import BASE_SIZE, Block, LayoutSpec, Template
from motcua_desktop.printing.wrapping import Measurer, wrap

Row = Mapping[str, str]


@dataclass(frozen=True)
class Fields:
    """Values a template may name: single values and lists (rows of tables and numbered lists)."""

    values: Mapping[str, str]
    lists: Mapping[str, Sequence[Row]]

    def lookup(self, where: str, row: Row | None = None) -> Callable[[str], str]:
        values = self.values

        def get(name: str) -> str:
            if row is not None and name in row:
                return row[name]
            found = values.get(name)
            if found is None:
                known = sorted(set(values) | set(row or ()))
                raise TemplateError(f"{where}: không có trường «{{{name}}}». Các trường dùng được: {', '.join(known)}.")
            return found

        return get

    def truthy(self, name: str, where: str = "") -> bool:
        """Whether a ``when``/``unless`` condition holds: a filled value or a non-empty list."""
        if name in self.lists:
            return bool(self.lists[name])
        if name not in self.values:
            known = sorted(set(self.values) | set(self.lists))
            raise TemplateError(
                f"{where}: điều kiện dùng trường không có «{name}». Các trường dùng được: {', '.join(known)}."
            )
        return bool(self.values[name])


class Builder:
    """Lays out one copy of a template at one base font size into a column ``width`` points wide."""

    def __init__(
        self, template: Template, layout: LayoutSpec, fields: Fields, m: Measurer, font_size: float, width: float
    ) -> None:
        self.t = template
        self.layout = layout
        self.fields = fields
        self.m = m
        self.scale = font_size / BASE_SIZE
        self.width = width
        self.where = str(template.path)
        self.get = fields.lookup(self.where)

    # -- helpers ------------------------------------------------------------------------------
    def size(self, points: float) -> float:
        return points * self.scale

    def line_height(self, size: float) -> float:
        return size * (self.layout.leading or self.t.leading)

    def text_box(
        self,
        runs: tuple[tuple[int, str], ...],
        size: float,
        width: float,
        align: str = "left",
        *,
        left: float = 0.0,
        indent: float = 0.0,
        hang: float = 0.0,
    ) -> bx.TextBox:
        lh = self.line_height(size)
        key = (runs, size, width, align, left, indent, hang)
        placed = self.m.placed.get(key)  # the second copy of a receipt reuses the first one's lines
        if placed is None:
            first_w = width - left - indent
            rest_w = width - left - hang
            lines = wrap(runs, rest_w, size, self.m, first_width=first_w)
            placed = []
            for i, line in enumerate(lines):
                start = left + (indent if i == 0 else hang)
                room = (first_w if i == 0 else rest_w) - line.width
                dx = start + (room if align == "right" else room / 2 if align == "center" else 0.0)
                placed.append((dx, line))
            self.m.placed[key] = placed
        return bx.TextBox(len(placed) * lh, lines=placed, size=size, line_height=lh)

    def blank(self, markup: Markup, row: Row | None = None) -> bool:
        """True when a line names fields and every one of them is empty (the line is left out)."""
        names = markup.names
        if not names:
            return False
        get = self.fields.lookup(self.where, row)
        return all(not get(n) for n in names)

    def wanted(self, block: Block) -> bool:
        if block.layouts and self.layout.name not in block.layouts:
            return False
        when = all(self.fields.truthy(n, self.where) for n in block.when)
        return when and not any(self.fields.truthy(n, self.where) for n in block.unless)

    def rows(self, name: str) -> Sequence[Row]:
        if name not in self.fields.lists:
            raise TemplateError(
                f"{self.where}: không có danh sách «{name}». Các danh sách dùng được: {', '.join(sorted(self.fields.lists))}."
            )
        return self.fields.lists[name]
