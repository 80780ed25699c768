"""Looking inside generated PDFs: text, character boxes, rasterised pages, decoded barcodes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp
from PIL import Image

MM = 72 / 25.4


@dataclass(frozen=True)
class CharBox:
    char: str
    left: float
    bottom: float
    right: float
    top: float
    size: float  # font size in points

    def overlap_share(self, other: CharBox) -> float:
        """Intersection area as a share of the smaller box."""
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.top, other.top) - max(self.bottom, other.bottom)
        if w <= 0 or h <= 0:
            return 0.0
        smaller = min(self.area, other.area)
        return w * h / smaller if smaller > 0 else 0.0

    @property
    def area(self) -> float:
        return (self.right - self.left) * (self.top - self.bottom)


def page_count(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def flat_text(pdf: bytes) -> str:
    """All pages' text with line breaks and runs of spaces collapsed (wrapped phrases join up)."""
    return " ".join(" ".join(page_texts(pdf)).split())


def has_combining_marks(text: str) -> bool:
    return any(unicodedata.category(ch) == "Mn" for ch in text)


def char_boxes(pdf: bytes, page: int = 0) -> list[CharBox]:
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[page].get_textpage()
        out = []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if not ch.strip():
                continue
            left, bottom, right, top = tp.get_charbox(i)
            out.append(CharBox(ch, left, bottom, right, top, pdfium_c.FPDFText_GetFontSize(tp.raw, i)))
        return out
    finally:
        doc.close()


def overlapping_chars(boxes: list[CharBox], threshold: float = 0.25) -> list[tuple[CharBox, CharBox]]:
    """Pairs of characters drawn on top of each other (a sign of text overflowing into other text)."""
    found = []
    ordered = sorted(boxes, key=lambda b: b.left)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.left >= a.right:
                break
            if a.overlap_share(b) > threshold:
                found.append((a, b))
    return found


def render(pdf: bytes, page: int = 0, dpi: int = 200) -> Image.Image:
    """The page as an RGB image on white, as a printer driver would receive it."""
    doc = pdfium.PdfDocument(pdf)
    try:
        bitmap = doc[page].render(scale=dpi / 72, fill_color=(255, 255, 255, 255))
        return bitmap.to_pil().convert("RGB")
    finally:
        doc.close()


@dataclass(frozen=True)
class Decoded:
    format: str
    text: str
    y: float  # centre, as a share of the page height from the top


def decode(image: Image.Image) -> list[Decoded]:
    results = zxingcpp.read_barcodes(image)
    out = []
    for r in results:
        ys = [r.position.top_left.y, r.position.bottom_left.y, r.position.top_right.y, r.position.bottom_right.y]
        out.append(Decoded(r.format.name, r.text, sum(ys) / 4 / image.height))
    return sorted(out, key=lambda d: d.y)
