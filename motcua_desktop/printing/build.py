"""Template blocks → measured boxes, for one copy at one font size."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from motcua_desktop.printing import boxes as bx
from motcua_desktop.printing.barcodes import QUIET_MODULES, code128_runs
from motcua_desktop.printing.markup import BOLD, ITALIC, Markup, TemplateError
from motcua_desktop.printing.template import (
    BASE_SIZE,
    BarcodeBlock,
    Block,
    LayoutSpec,
    ListBlock,
    SignatureBlock,
    SpacerBlock,
    TableBlock,
    Template,
    TextBlock,
)
from motcua_desktop.printing.wrapping import Line, Measurer, wrap

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

    # -- the page -----------------------------------------------------------------------------
    def build(self) -> list[bx.Box]:
        out: list[bx.Box] = []
        header = self.header()
        if header is not None:
            out.append(header)
        for block in self.t.blocks:
            if not self.wanted(block):
                continue
            built = self.block(block)
            if not built:
                continue
            built[0].space_before += self.size(block.space_before)
            built[-1].space_after += self.size(block.space_after)
            built[-1].keep_with_next = built[-1].keep_with_next or block.keep_with_next
            out.extend(built)
        return out

    def block(self, block: Block) -> list[bx.Box]:
        if isinstance(block, TextBlock):
            return self.text_block(block)
        if isinstance(block, ListBlock):
            return self.list_block(block)
        if isinstance(block, TableBlock):
            return self.table_block(block)
        if isinstance(block, BarcodeBlock):
            return self.barcode_block(block)
        if isinstance(block, SignatureBlock):
            return [self.signature_block(block)]
        if isinstance(block, SpacerBlock):
            return [bx.Box(block.height_mm * mm * min(1.0, self.scale))]
        raise AssertionError(block)

    def text_block(self, block: TextBlock) -> list[bx.Box]:
        runs = block.text.render(self.get, block.style)
        if not runs:
            return []
        size = self.size(block.size)
        if block.box:
            pad = size * 0.35
            inner = self.m.runs_width(runs, size)
            width = min(self.width, inner + 4 * pad)
            box = self.text_box(runs, size, width - 2 * pad, "center")
            box.height += 2 * pad
            box.frame = (width, pad)
            dx = (
                (self.width - width) / 2
                if block.align == "center"
                else self.width - width
                if block.align == "right"
                else 0
            )
            return [bx.CompositeBox(box.height, children=[(dx, 0.0, box)])]
        return [
            self.text_box(
                runs,
                size,
                self.width,
                block.align,
                left=block.left_mm * mm,
                indent=block.indent_mm * mm,
                hang=block.hang_mm * mm,
            )
        ]

    def list_block(self, block: ListBlock) -> list[bx.Box]:
        rows = self.rows(block.items)
        size = self.size(block.size)
        left = block.left_mm * mm
        if not rows:
            if block.empty is None:
                return []
            return [self.text_box(block.empty.render(self.get), size, self.width, left=left)]
        numbers = [block.number.render(self.fields.lookup(self.where, row)) for row in rows]
        widths = [self.m.runs_width(n, size) for n in numbers]
        gap = size * 0.4
        hang = max(widths) + gap
        out: list[bx.Box] = []
        for row, number, number_w in zip(rows, numbers, widths, strict=True):
            get = self.fields.lookup(self.where, row)
            box = self.text_box(block.item.render(get), size, self.width, left=left + hang)
            first = box.lines[0]
            num_line = wrap(number, hang, size, self.m)[0]
            box.lines = [(left + hang - gap - number_w, bx_merge(num_line, first[1], gap + number_w)), *box.lines[1:]]
            out.append(box)
        return out

    def rows(self, name: str) -> Sequence[Row]:
        if name not in self.fields.lists:
            raise TemplateError(
                f"{self.where}: không có danh sách «{name}». Các danh sách dùng được: {', '.join(sorted(self.fields.lists))}."
            )
        return self.fields.lists[name]

    # -- tables -------------------------------------------------------------------------------
    def table_block(self, block: TableBlock) -> list[bx.Box]:
        rows = list(self.rows(block.rows))
        size = self.size(block.size)
        hsize = self.size(block.header_size)
        total = sum(c.width for c in block.columns)
        widths = [self.width * c.width / total for c in block.columns]
        xs = [sum(widths[:i]) for i in range(len(widths))]
        pad = max(1.5, size * 0.25)
        header = self.table_header(block, widths, xs, hsize, pad)
        out: list[bx.Box] = [header]
        min_h = block.min_row_height_mm * mm * min(1.0, self.scale)
        if not rows and block.empty is not None:
            box = self.text_box(block.empty.render(self.get), size, self.width - 2 * pad, "center")
            out.append(
                bx.GridBox(box.height + 2 * pad, cells=[bx.Cell(0, 0, self.width, box.height + 2 * pad, box, pad=pad)])
            )
        blanks: list[Row] = []
        for k in range(block.blank_rows):  # rows to fill in by hand, numbered on
            blank = dict.fromkeys(self._row_names(block), "")
            blank["n"] = str(len(rows) + k + 1)
            blanks.append(blank)
        for row in [*rows, *blanks]:
            get = self.fields.lookup(self.where, row)
            cell_boxes = [
                self.text_box(col.value.render(get), size, w - 2 * pad, col.align)
                for col, w in zip(block.columns, widths, strict=True)
            ]
            height = max(max(b.height for b in cell_boxes) + 2 * pad, min_h)
            cells = [bx.Cell(x, 0.0, w, height, b, pad=pad) for x, w, b in zip(xs, widths, cell_boxes, strict=True)]
            out.append(bx.GridBox(height, cells=cells, table_header=header if block.repeat_header else None))
        header.keep_with_next = True
        return out

    def _row_names(self, block: TableBlock) -> set[str]:
        names: set[str] = set()
        for col in block.columns:
            names.update(col.value.names)
        return names - set(self.fields.values)

    def table_header(
        self, block: TableBlock, widths: list[float], xs: list[float], size: float, pad: float
    ) -> bx.GridBox:
        def box(markup: Markup, width: float) -> bx.TextBox:
            return self.text_box(markup.render(self.get, BOLD), size, width - 2 * pad, "center")

        groups: list[tuple[str, list[int]]] = []  # consecutive columns sharing a group label
        for i, col in enumerate(block.columns):
            label = col.group.source if col.group else ""
            if label and groups and groups[-1][0] == label:
                groups[-1][1].append(i)
            else:
                groups.append((label, [i]))
        heads = [box(c.header, w) for c, w in zip(block.columns, widths, strict=True)]
        group_boxes = {
            g[1][0]: box(block.columns[g[1][0]].group, sum(widths[i] for i in g[1]))  # type: ignore[arg-type]
            for g in groups
            if g[0]
        }
        top_h = max((b.height for b in group_boxes.values()), default=0.0) + 2 * pad if group_boxes else 0.0
        sub_h = max((heads[i].height for g in groups if g[0] for i in g[1]), default=0.0) + 2 * pad
        full_h = max((heads[g[1][0]].height for g in groups if not g[0]), default=0.0) + 2 * pad
        height = max(full_h, top_h + sub_h) if group_boxes else full_h
        cells = []
        for label, members in groups:
            if not label:
                i = members[0]
                cells.append(bx.Cell(xs[i], 0.0, widths[i], height, heads[i], "middle", pad))
                continue
            first = members[0]
            span = sum(widths[i] for i in members)
            cells.append(bx.Cell(xs[first], 0.0, span, top_h, group_boxes[first], "middle", pad))
            for i in members:
                cells.append(bx.Cell(xs[i], top_h, widths[i], height - top_h, heads[i], "middle", pad))
        return bx.GridBox(height, cells=cells)

    # -- barcode, signatures ------------------------------------------------------------------
    def barcode_block(self, block: BarcodeBlock) -> list[bx.Box]:
        value = block.value.text(self.get)
        if not value:
            return []
        module = (self.layout.barcode_module_mm or block.module_mm) * mm
        bar_h = (self.layout.barcode_height_mm or block.height_mm) * mm
        modules, _ = code128_runs(value)
        bars_w = modules * module
        need = bars_w + 2 * QUIET_MODULES * module
        qr_value = block.qr.text(self.get) if block.qr is not None else ""
        if qr_value and not all(self.fields.truthy(n, self.where) for n in block.qr_when):
            qr_value = ""
        qr_size = (self.layout.qr_size_mm or block.qr_size_mm) * mm if qr_value else 0.0
        area = self.width
        stacked_qr = False
        if qr_value:
            if need + qr_size <= self.width:
                area = self.width - qr_size
            else:
                stacked_qr = True
        if block.align == "left":
            bar_x = QUIET_MODULES * module
        elif block.align == "right":
            bar_x = area - QUIET_MODULES * module - bars_w
        else:  # centred under the code line, unless that would crowd the QR
            bar_x = (self.width - bars_w) / 2
            if bar_x + bars_w + QUIET_MODULES * module > area:
                bar_x = (area - bars_w) / 2
        digits = None
        height = bar_h
        digits_x = 0.0
        if block.human_readable:
            size = self.size(block.size)
            digits = self.text_box(((0, value),), size, bars_w + 2 * QUIET_MODULES * module, "center")
            digits_x = bar_x - QUIET_MODULES * module
            height += digits.height
        box = bx.BarcodeBox(
            height, value=value, module=module, bar_height=bar_h, bar_x=bar_x, digits=digits, digits_x=digits_x
        )
        if qr_value:
            box.qr = qr_value
            box.qr_size = qr_size
            if stacked_qr:
                box.qr_x = (self.width - qr_size) / 2
                box.qr_y = height
                box.height = height + qr_size
            else:
                # Beside the bars the QR is no taller than bars + digits (at least 12 mm).
                box.qr_size = qr_size = min(qr_size, max(height, 12 * mm))
                box.qr_x = self.width - qr_size
                box.qr_y = max(0.0, (height - qr_size) / 2)
                box.height = max(height, qr_size)
        return [box]

    def signature_block(self, block: SignatureBlock) -> bx.Box:
        """Columns of title, note, body, signing space and name; names share one baseline."""
        n = len(block.columns)
        col_w = self.width / n
        gap = self.size(4)
        inner = col_w - gap
        space = (self.layout.signature_space_mm or block.space_mm) * mm * min(1.0, self.scale)
        columns: list[tuple[list[tuple[bx.TextBox, float]], float, bx.TextBox | None]] = []
        for signer in block.columns:
            size = self.size(signer.size or block.size)
            y = 0.0
            parts: list[tuple[bx.TextBox, float]] = []
            pieces = [(signer.title, BOLD, size), (signer.note, ITALIC, size), (signer.body, 0, size * 0.9)]
            for markup, style, piece_size in pieces:
                if markup is None:
                    continue
                runs = markup.render(self.get, style)
                if runs:
                    box = self.text_box(runs, piece_size, inner, signer.align)
                    parts.append((box, y))
                    y += box.height
            if signer.sign_space:
                y += space
            name = None
            if signer.name is not None and (runs := signer.name.render(self.get, BOLD)):
                name = self.text_box(runs, size, inner, signer.align)
            columns.append((parts, y, name))
        name_y = max(y for _, y, _ in columns)
        children: list[tuple[float, float, bx.Box]] = []
        height = name_y
        for i, (parts, _, name) in enumerate(columns):
            x = i * col_w + gap / 2
            children.extend((x, dy, box) for box, dy in parts)
            if name is not None:
                children.append((x, name_y, name))
                height = max(height, name_y + name.height)
        return bx.CompositeBox(height, children=children)

    # -- header -------------------------------------------------------------------------------
    def header(self) -> bx.Box | None:
        spec = self.t.header
        if not (spec.left or spec.right):
            return None
        size = self.size(spec.size)
        stacked = self.layout.header == "stacked"
        left_w = self.width if stacked else self.width * spec.left_width
        right_w = self.width if stacked else self.width - left_w
        gap = size * 0.6
        if stacked:  # roll paper: motto, then agency, then date and copy lines, all centred
            right, right_h, right_rules = self.header_column(
                spec.right, (), spec.right_rule, right_w, size, wrap_lines=False
            )
            left, left_h, left_rules = self.header_column(
                spec.left, spec.left_under, spec.left_rule, left_w, size, wrap_lines=True
            )
            under, under_h, _ = self.header_column((), spec.right_under, 0.0, right_w, size, wrap_lines=True)
            children: list[tuple[float, float, bx.Box]] = [(0.0, 0.0, right), (0.0, right_h + gap, left)]
            rules = right_rules + [bx.Rule(r.x1, r.x2, r.y + right_h + gap) for r in left_rules]
            height = right_h + gap + left_h
            if under_h:
                children.append((0.0, height + gap / 2, under))
                height += gap / 2 + under_h
        else:
            left, left_h, left_rules = self.header_column(
                spec.left, spec.left_under, spec.left_rule, left_w, size, wrap_lines=True
            )
            right, right_h, right_rules = self.header_column(
                spec.right, spec.right_under, spec.right_rule, right_w, size, wrap_lines=False
            )
            children = [(0.0, 0.0, left), (left_w, 0.0, right)]
            rules = left_rules + [bx.Rule(r.x1 + left_w, r.x2 + left_w, r.y) for r in right_rules]
            height = max(left_h, right_h)
        return bx.CompositeBox(height, space_after=self.size(spec.space_after), children=children, rules=rules)

    def header_column(
        self,
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
            if self.blank(markup):
                continue
            last_w = 0.0
            runs = markup.render(self.get)
            line_size = size
            if not wrap_lines:
                natural = self.m.runs_width(runs, size)
                if natural > width - 2:
                    line_size = size * (width - 2) / natural
            box = self.text_box(runs, line_size, width, "center")
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
            if self.blank(markup):
                continue
            box = self.text_box(markup.render(self.get), size, width, "center")
            children.append((0.0, y, box))
            y += box.height
        return bx.CompositeBox(y, children=children), y, rules


def bx_merge(number: Line, first: Line, offset: float) -> Line:
    """The list number and the first line of its item as one line."""
    segments = number.segments + tuple((name, x + offset, text) for name, x, text in first.segments)
    return Line(segments, offset + first.width)
