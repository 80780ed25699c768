"""Linked procedures ("liên thông"): several procedures received together, one code each.

The seeds (``shared/seeds/``) tell of Nam Từ Liêm cutting the trips for a newborn's birth
registration, permanent residence and health-insurance card from 6 to 2, and the time from 27 days
to 7, by receiving them together. Decree 63/2024/NĐ-CP (after Joint Circular 05/2015) defines the
two linked groups a commune receives:

- birth registration + permanent residence registration + health-insurance card for a child under 6;
- death registration + removal of permanent residence + funeral allowance / survivor allowance.

A bundle is received as one act at the counter: one dossier per procedure (its own code, deadline,
deciding agency and lifecycle), all carrying the same ``BundleLink``. The receipt (form 01 of the
first part) lists every part with its code and appointment; the bundle's appointment is the latest
of its parts'; the documents are given once for the whole bundle (they travel in one file, the
"Tờ khai liên thông" covers every part). Each part moves on its own afterwards (handed to its
agency with form 06 and the "Phiếu chuyển xử lý" of Decree 118 Art. 20, supplement, result); the
return hands over every ready part in one scan.

A part whose procedure is not in the office's catalogue cannot get a code: the catalogue entry of
the linked group is received with the parts it has, and the receipt names the missing part so the
clerk forwards it the way the office did before (the national catalogue import adds it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain.dossier import BundleLink
from motcua_desktop.domain.text import clean_text

__all__ = ["BundleLink", "BundlePart", "BundleTemplate"]


@dataclass(frozen=True)
class BundlePart:
    """One procedure of a linked group: a short key, its national code where a source gives it
    (empty otherwise: never guessed), its name as the law gives it, and the agency that decides it
    (printed on the receipt and on the "Phiếu chuyển xử lý")."""

    key: str
    code: str
    name: str
    agency: str


@dataclass(frozen=True)
class BundleTemplate:
    """A linked group as the law defines it. ``catalogue_codes``: the national codes under which
    the group itself is listed in the procedure catalogue (choosing one at reception receives the
    group)."""

    key: str
    name: str
    parts: tuple[BundlePart, ...]
    catalogue_codes: tuple[str, ...]
    basis: str

    def part(self, key: str) -> BundlePart | None:
        """The part of ``key`` (or of that national code)."""
        wanted = clean_text(key).lower()
        return next((p for p in self.parts if wanted in (p.key, p.code)), None)


_BASIS = (
    "Nghị định 63/2024/NĐ-CP ngày 10/6/2024 về thực hiện liên thông điện tử và liên thông giấy các nhóm thủ tục "
    "hành chính (thay Thông tư liên tịch 05/2015/TTLT-BTP-BCA-BYT)"
)

BIRTH = BundleTemplate(
    key="khai-sinh",
    name="Liên thông đăng ký khai sinh – đăng ký thường trú – cấp thẻ BHYT cho trẻ em dưới 6 tuổi",
    parts=(
        BundlePart("khai-sinh", "1.001193", "Đăng ký khai sinh", "UBND xã"),
        BundlePart("thuong-tru", "1.004222", "Đăng ký thường trú", "Công an xã"),
        BundlePart("bhyt", "", "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Bảo hiểm xã hội"),
    ),
    catalogue_codes=("1.001193.02",),
    basis=_BASIS,
)

DEATH = BundleTemplate(
    key="khai-tu",
    name="Liên thông đăng ký khai tử – xóa đăng ký thường trú – trợ cấp mai táng, tử tuất",
    parts=(
        BundlePart("khai-tu", "1.000656", "Đăng ký khai tử", "UBND xã"),
        BundlePart("xoa-thuong-tru", "1.003197", "Xóa đăng ký thường trú", "Công an xã"),
        BundlePart("mai-tang", "", "Giải quyết trợ cấp mai táng, tử tuất", "Bảo hiểm xã hội"),
    ),
    catalogue_codes=("1.010824", "1.007073"),
    basis=_BASIS,
)

TEMPLATES: tuple[BundleTemplate, ...] = (BIRTH, DEATH)


def template_named(key: str) -> BundleTemplate | None:
    """The template of ``key`` (``khai-sinh``, ``khai-tu``), any case."""
    wanted = clean_text(key).lower()
    return next((t for t in TEMPLATES if t.key == wanted), None)


def template_for_procedure(code: str, alt_code: str = "") -> BundleTemplate | None:
    """The linked group a catalogue entry stands for (its national or other code), if any."""
    codes = {c for c in (code, alt_code) if c}
    return next((t for t in TEMPLATES if codes & set(t.catalogue_codes)), None)


def chosen_parts(template: BundleTemplate, wanted: Sequence[str]) -> tuple[BundlePart, ...]:
    """The parts the clerk asked for (keys or national codes, in the template's order); all when none
    is named. Raises ValueError naming what is not a part of the group."""
    if not wanted:
        return template.parts
    unknown = [key for key in wanted if template.part(key) is None]
    if unknown:
        raise ValueError(", ".join(unknown))
    keys = {part.key for part in (template.part(key) for key in wanted) if part is not None}
    return tuple(p for p in template.parts if p.key in keys)


def bundle_due(dues: Iterable[datetime | None]) -> datetime | None:
    """The bundle's appointment: the latest of its parts' (every result is handed over together)."""
    known = [d for d in dues if d is not None]
    return max(known) if known else None
