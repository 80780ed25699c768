"""Reading a form template: finding the TOML file (province folder first), parsing it, checking every key.

Parsed templates are cached per file and reloaded when the file changes, so edits apply without a restart.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from motcua_desktop.printing.markup import BOLD, ITALIC, TemplateError, parse_markup
from motcua_desktop.printing.template_reader import TableReader
from motcua_desktop.printing.template_spec import (
    BASE_SIZE,
    BarcodeBlock,
    Block,
    Column,
    HeaderSpec,
    LayoutSpec,
    ListBlock,
    SignatureBlock,
    Signer,
    SpacerBlock,
    TableBlock,
    Template,
    TextBlock,
)
from motcua_desktop.resource_files import resource_path

PAGES = {"A4": A4, "A5": A5, "80mm": (80 * mm, 0.0)}
ALIGNS = ("left", "center", "right")
FITS = ("shrink", "paginate", "grow")

_cache: dict[Path, tuple[float, Template]] = {}


def template_file(form_id: str, template_dir: Path | None = None) -> Path:
    """``form01.toml`` in the province folder when it has one, else the shipped one."""
    name = f"form{form_id}.toml"
    if template_dir is not None and (template_dir / name).is_file():
        return (template_dir / name).absolute()
    return resource_path("templates", name)


def load_template(form_id: str, template_dir: Path | None = None) -> Template:
    """Parsed template, reloaded only when the file changes (so edits apply without a restart)."""
    path = template_file(form_id, template_dir)
    mtime = path.stat().st_mtime_ns
    hit = _cache.get(path)
    if hit and hit[0] == mtime:
        return hit[1]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # Notepad may have added a BOM
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: không đọc được mẫu in ({exc}).") from exc
    template = parse_template(data, path)
    _cache[path] = (mtime, template)
    return template


def parse_template(data: dict[str, Any], path: Path) -> Template:
    r = TableReader(data, str(path))
    form = r.table("form")
    layouts_raw = r.table("layouts")
    header = r.table("header", required=False) or {}
    blocks_raw = r.get("block", list, [])
    r.done()
    f = TableReader(form, f"{path} [form]")
    template = Template(
        form_id=f.get("id", str),
        name=f.get("name", str),
        path=path,
        copies=tuple(parse_markup(c, f"{path} [form] copies") for c in f.get("copies", list, [""])),
        default_layout=f.get("default_layout", str),
        leading=f.get("leading", float, 1.2),
        page_numbers=f.markup("page_numbers", None),
        layouts={name: _layout(name, spec, f"{path} [layouts.{name}]") for name, spec in layouts_raw.items()},
        header=_header(header, f"{path} [header]"),
        blocks=tuple(_block(b, f"{path} [[block]] số {i}") for i, b in enumerate(blocks_raw, 1)),
    )
    f.done()
    if template.default_layout not in template.layouts:
        raise TemplateError(f"{path}: default_layout «{template.default_layout}» không có trong [layouts].")
    for i, block in enumerate(template.blocks, 1):
        unknown = [name for name in block.layouts if name not in template.layouts]
        if unknown:
            raise TemplateError(f"{path} [[block]] số {i}: layouts có khổ in không khai báo: {', '.join(unknown)}.")
    return template


def _layout(name: str, spec: Any, where: str) -> LayoutSpec:
    if not isinstance(spec, dict):
        raise TemplateError(f"{where}: phải là một bảng.")
    r = TableReader(spec, where)
    page_name = r.choice("page", tuple(PAGES))
    width, height = PAGES[page_name]
    if r.choice("orientation", ("portrait", "landscape"), "portrait") == "landscape" and height:
        width, height = height, width
    margins = r.get("margins_mm", list, [15, 15, 15, 20])
    if len(margins) != 4 or not all(isinstance(v, int | float) for v in margins):
        raise TemplateError(f"{where}: margins_mm phải gồm 4 số (trên, phải, dưới, trái, tính bằng mm).")
    font_size = r.get("font_size", float, BASE_SIZE)
    layout = LayoutSpec(
        name=name,
        page=(width, height),
        margins=(margins[0] * mm, margins[1] * mm, margins[2] * mm, margins[3] * mm),
        font_size=font_size,
        min_font_size=r.get("min_font_size", float, font_size),
        fit=r.choice("fit", FITS, "grow" if not height else "paginate"),
        per_sheet=r.get("per_sheet", int, 1),
        cut_line=r.get("cut_line", bool, False),
        header=r.choice("header", ("columns", "stacked"), "columns"),
        barcode_module_mm=r.get("barcode_module_mm", float, None),
        barcode_height_mm=r.get("barcode_height_mm", float, None),
        qr_size_mm=r.get("qr_size_mm", float, None),
        signature_space_mm=r.get("signature_space_mm", float, None),
        leading=r.get("leading", float, None),
    )
    r.done()
    if layout.per_sheet not in (1, 2) or (layout.per_sheet == 2 and not height):
        raise TemplateError(f"{where}: per_sheet chỉ nhận 1 hoặc 2 (2 liên trên một tờ, không dùng cho giấy cuộn).")
    if not height and layout.fit != "grow":
        raise TemplateError(f'{where}: giấy cuộn chỉ dùng fit = "grow".')
    return layout


def _header(data: dict[str, Any], where: str) -> HeaderSpec:
    r = TableReader(data, where)
    spec = HeaderSpec(
        left=r.markups("left"),
        right=r.markups("right"),
        left_under=r.markups("left_under"),
        right_under=r.markups("right_under"),
        left_width=r.get("left_width", float, 0.42),
        size=r.get("size", float, 12.0),
        left_rule=r.get("left_rule", float, 0.35),
        right_rule=r.get("right_rule", float, 1.0),
        space_after=r.get("space_after", float, 8.0),
    )
    r.done()
    return spec


_STYLES = {"regular": 0, "bold": BOLD, "italic": ITALIC, "bold_italic": BOLD | ITALIC}


def _block(data: Any, where: str) -> Block:
    if not isinstance(data, dict):
        raise TemplateError(f"{where}: phải là một bảng.")
    r = TableReader(data, where)
    kind = r.choice("type", ("text", "title", "list", "table", "barcode", "signatures", "spacer"))
    title = kind == "title"
    common = {
        "type": kind,
        "layouts": r.names("layouts"),
        "when": r.names("when"),
        "unless": r.names("unless"),
        "size": r.get("size", float, 14.0 if title else BASE_SIZE),
        "space_before": r.get("space_before", float, 6.0 if title else 0.0),
        "space_after": r.get("space_after", float, 6.0 if title else 0.0),
        "keep_with_next": r.get("keep_with_next", bool, title),
    }
    block: Block
    if kind in ("text", "title"):
        block = TextBlock(
            **common,
            text=r.markup("text"),
            align=r.choice("align", ALIGNS, "center" if title else "left"),
            style=_STYLES[r.choice("style", tuple(_STYLES), "bold" if title else "regular")],
            left_mm=r.get("left_mm", float, 0.0),
            indent_mm=r.get("indent_mm", float, 0.0),
            hang_mm=r.get("hang_mm", float, 0.0),
            box=r.get("box", bool, False),
        )
    elif kind == "list":
        block = ListBlock(
            **common,
            items=r.get("items", str),
            item=r.markup("item"),
            number=r.markup("number", "{n}."),
            empty=r.markup("empty", None),
            left_mm=r.get("left_mm", float, 0.0),
        )
    elif kind == "table":
        columns = tuple(_column(c, f"{where} columns số {i}") for i, c in enumerate(r.get("columns", list), 1))
        if not columns:
            raise TemplateError(f"{where}: bảng phải có ít nhất một cột.")
        block = TableBlock(
            **common,
            rows=r.get("rows", str),
            columns=columns,
            header_size=r.get("header_size", float, common["size"]),
            repeat_header=r.get("repeat_header", bool, True),
            min_row_height_mm=r.get("min_row_height_mm", float, 0.0),
            blank_rows=r.get("blank_rows", int, 0),
            empty=r.markup("empty", None),
        )
    elif kind == "barcode":
        block = BarcodeBlock(
            **common,
            value=r.markup("value"),
            module_mm=r.get("module_mm", float, 0.33),
            height_mm=r.get("height_mm", float, 11.0),
            human_readable=r.get("human_readable", bool, True),
            align=r.choice("align", ALIGNS, "center"),
            qr=r.markup("qr", None),
            qr_when=r.names("qr_when"),
            qr_size_mm=r.get("qr_size_mm", float, 20.0),
        )
    elif kind == "signatures":
        signers = tuple(_signer(c, f"{where} columns số {i}") for i, c in enumerate(r.get("columns", list), 1))
        if not signers:
            raise TemplateError(f"{where}: khối chữ ký phải có ít nhất một cột.")
        block = SignatureBlock(**common, columns=signers, space_mm=r.get("space_mm", float, 20.0))
    else:
        block = SpacerBlock(**common, height_mm=r.get("height_mm", float, 4.0))
    r.done()
    return block


def _column(data: Any, where: str) -> Column:
    if not isinstance(data, dict):
        raise TemplateError(f"{where}: phải là một bảng.")
    r = TableReader(data, where)
    column = Column(
        header=r.markup("header"),
        value=r.markup("value"),
        width=r.get("width", float, 1.0),
        align=r.choice("align", ALIGNS, "left"),
        group=r.markup("group", None),
    )
    r.done()
    if column.width <= 0:
        raise TemplateError(f"{where}: width phải lớn hơn 0.")
    return column


def _signer(data: Any, where: str) -> Signer:
    if not isinstance(data, dict):
        raise TemplateError(f"{where}: phải là một bảng.")
    r = TableReader(data, where)
    signer = Signer(
        title=r.markup("title"),
        note=r.markup("note", None),
        body=r.markup("body", None),
        name=r.markup("name", None),
        align=r.choice("align", ALIGNS, "center"),
        sign_space=r.get("sign_space", bool, True),
        size=r.get("size", float, None),
    )
    r.done()
    return signer
