"""The form's header: agency and motto columns with their short rules, or stacked for roll paper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.markup import Markup

if TYPE_CHECKING:
    from motcua_desktop.printing.builder import Builder


def page_header(builder: Builder) -> bx.Box | None:
    spec = builder.t.header
    if not (spec.left or spec.right):
        return None
    size = builder.size(spec.size)
    stacked = builder.layout.header == "stacked"
    left_w = builder.width if stacked else builder.width * spec.left_width
    right_w = builder.width if stacked else builder.width - left_w
    gap = size * 0.6
    if stacked:  # roll paper: motto, then agency, then date and copy lines, all centred
        right, right_h, right_rules = header_column(
            builder, spec.right, (), spec.right_rule, right_w, size, wrap_lines=False
        )
        left, left_h, left_rules = header_column(
            builder, spec.left, spec.left_under, spec.left_rule, left_w, size, wrap_lines=True
        )
        under, under_h, _ = header_column(builder, (), spec.right_under, 0.0, right_w, size, wrap_lines=True)
        children: list[tuple[float, float, bx.Box]] = [(0.0, 0.0, right), (0.0, right_h + gap, left)]
        rules = right_rules + [bx.Rule(r.x1, r.x2, r.y + right_h + gap) for r in left_rules]
        height = right_h + gap + left_h
        if under_h:
            children.append((0.0, height + gap / 2, under))
            height += gap / 2 + under_h
    else:
        left, left_h, left_rules = header_column(
            builder, spec.left, spec.left_under, spec.left_rule, left_w, size, wrap_lines=True
        )
        right, right_h, right_rules = header_column(
            builder, spec.right, spec.right_under, spec.right_rule, right_w, size, wrap_lines=False
        )
        children = [(0.0, 0.0, left), (left_w, 0.0, right)]
        rules = left_rules + [bx.Rule(r.x1 + left_w, r.x2 + left_w, r.y) for r in right_rules]
        height = max(left_h, right_h)
    return bx.CompositeBox(height, space_after=builder.size(spec.space_after), children=children, rules=rules)


def header_column(
    builder: Builder,
    lines: tuple[Markup, ...],
    under: tuple[Markup, ...],
    rule_share: float,
    width: float,
    size: float,
    *,
    wrap_lines: bool,
) -> tuple[bx.CompositeBox, float, list[bx.Rule]]:
    children: list[tuple[float, float, bx.Box]] = []
    y = 0.0
    last_w = 0.0
    for markup in lines:
        if builder.blank(markup):
            continue
        last_w = 0.0
        runs = markup.render(builder.get)
        line_size = size
        if not wrap_lines:
            natural = builder.m.runs_width(runs, size)
            if natural > width - 2:
                line_size = size * (width - 2) / natural
        box = builder.text_box(runs, line_size, width, "center")
        children.append((0.0, y, box))
        y += box.height
        last_w = max(last_w, *(line.width for _, line in box.lines))
    rules = []
    if rule_share > 0 and last_w:
        length = last_w * rule_share
        y += size * 0.2
        rules.append(bx.Rule((width - length) / 2, (width + length) / 2, y))
        y += size * 0.35
    for markup in under:
        if builder.blank(markup):
            continue
        box = builder.text_box(markup.render(builder.get), size, width, "center")
        children.append((0.0, y, box))
        y += box.height
    return bx.CompositeBox(y, children=children), y, rules
