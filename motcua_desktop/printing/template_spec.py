"""What a parsed form template is: its layouts, header and blocks, as frozen dataclasses.

The builder (``build.py``) and the engine (``engine.py``) read these; only ``template_load`` makes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.printing.markup import Markup, TemplateError

BASE_SIZE = 12.0  # sizes in templates are points on a 12 pt form; each layout scales them


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    page: tuple[float, float]  # points; height 0 = fitted to content (roll paper)
    margins: tuple[float, float, float, float]  # top, right, bottom, left in points
    font_size: float
    min_font_size: float
    fit: str
    per_sheet: int
    cut_line: bool
    header: str  # "columns" | "stacked"
    barcode_module_mm: float | None
    barcode_height_mm: float | None
    qr_size_mm: float | None
    signature_space_mm: float | None
    leading: float | None


@dataclass(frozen=True)
class HeaderSpec:
    left: tuple[Markup, ...]
    right: tuple[Markup, ...]
    left_under: tuple[Markup, ...]  # under the left rule: "Số: …"
    right_under: tuple[Markup, ...]  # under the motto rule: place and date
    left_width: float
    size: float
    left_rule: float  # rule length as a fraction of the last line's width (0: none)
    right_rule: float
    space_after: float


@dataclass(frozen=True)
class Block:
    type: str
    layouts: tuple[str, ...]  # layouts the block is printed in (empty: all)
    when: tuple[str, ...]
    unless: tuple[str, ...]
    size: float
    space_before: float
    space_after: float
    keep_with_next: bool


@dataclass(frozen=True)
class TextBlock(Block):
    text: Markup
    align: str
    style: int
    left_mm: float
    indent_mm: float
    hang_mm: float
    box: bool


@dataclass(frozen=True)
class ListBlock(Block):
    items: str
    item: Markup
    number: Markup
    empty: Markup | None
    left_mm: float


@dataclass(frozen=True)
class Column:
    header: Markup
    value: Markup
    width: float
    align: str
    group: Markup | None


@dataclass(frozen=True)
class TableBlock(Block):
    rows: str
    columns: tuple[Column, ...]
    header_size: float
    repeat_header: bool
    min_row_height_mm: float
    blank_rows: int
    empty: Markup | None


@dataclass(frozen=True)
class BarcodeBlock(Block):
    value: Markup
    module_mm: float
    height_mm: float
    human_readable: bool
    align: str
    qr: Markup | None
    qr_when: tuple[str, ...]
    qr_size_mm: float


@dataclass(frozen=True)
class Signer:
    title: Markup
    note: Markup | None
    body: Markup | None
    name: Markup | None
    align: str
    sign_space: bool
    size: float | None


@dataclass(frozen=True)
class SignatureBlock(Block):
    columns: tuple[Signer, ...]
    space_mm: float


@dataclass(frozen=True)
class SpacerBlock(Block):
    height_mm: float


@dataclass(frozen=True)
class Template:
    form_id: str
    name: str
    path: Path
    copies: tuple[Markup, ...]
    default_layout: str
    layouts: dict[str, LayoutSpec]
    leading: float
    page_numbers: Markup | None
    header: HeaderSpec
    blocks: tuple[Block, ...]

    def layout(self, name: str | None) -> LayoutSpec:
        key = name or self.default_layout
        if key not in self.layouts:
            raise TemplateError(
                f"{self.path}: mẫu {self.form_id} không có khổ in «{key}»; có: {', '.join(self.layouts)}."
            )
        return self.layouts[key]
