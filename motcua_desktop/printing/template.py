"""Form templates: one TOML file per form under ``resources/templates`` (or a province folder).

A template says what is printed and in which order; the engine (``engine.py``) says how. A
province edits wording, order, columns, sizes and layouts here without a code change. Every
key is checked on load, so a typo names the file and key instead of silently printing less.

What a template is lives in ``template_spec``, reading one in ``template_load`` (with the key
checks of ``template_reader``); this module is the one place to import them from.
"""

from __future__ import annotations

from motcua_desktop.printing.template_load import ALIGNS, FITS, PAGES, load_template, parse_template, template_file
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

__all__ = [
    "ALIGNS",
    "BASE_SIZE",
    "FITS",
    "PAGES",
    "BarcodeBlock",
    "Block",
    "Column",
    "HeaderSpec",
    "LayoutSpec",
    "ListBlock",
    "SignatureBlock",
    "Signer",
    "SpacerBlock",
    "TableBlock",
    "Template",
    "TextBlock",
    "load_template",
    "parse_template",
    "template_file",
]
