"""Printing the public listing of the procedures ("niêm yết công khai") from the catalogue in force."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import Field, NotFound, ValidationError
from motcua_desktop.domain.listing import PAPERS, Listing, listing_entries
from motcua_desktop.domain.settings import LISTING_COMPLAINTS, LISTING_LEADER
from motcua_desktop.domain.text import clean_text
from motcua_desktop.services.core.context import AppContext


@dataclass(frozen=True)
class ListingJob:
    pdf: bytes
    file_name: str  # ASCII, for "save as"
    procedures: int


def public_listing(ctx: AppContext, procedures: Sequence[str] = ()) -> Listing:
    """What the wall shows: the office, its complaint contacts and every procedure in force (or the
    ones named by key or national code). Public information: every signed-in user may print it."""
    ctx.require(Permission.SEARCH)
    office = ctx.office()
    current = ctx.store.catalogue.current()
    wanted = {clean_text(p) for p in procedures if clean_text(p)}
    if wanted:
        chosen = [p for p in current if p.key in wanted or p.code in wanted]
        missing = wanted - {p.key for p in chosen} - {p.code for p in chosen}
        if missing:
            raise NotFound(f"Không có thủ tục «{', '.join(sorted(missing))}» trong danh mục đang áp dụng.")
    else:
        chosen = current
    settings = ctx.store.settings
    return Listing(
        unit_name=office.unit_name,
        superior_name=office.superior_name,
        address=office.address,
        phone=office.phone,
        complaints=settings.value(LISTING_COMPLAINTS),
        leader=settings.value(LISTING_LEADER),
        entries=listing_entries(chosen, office.deciding_unit),
    )


def print_listing(ctx: AppContext, paper: str = "A4", procedures: Sequence[str] = ()) -> ListingJob:
    """The listing as a PDF on A4 or A3."""
    from motcua_desktop.printing.listing import render_listing

    size = clean_text(paper).upper()
    if size not in PAPERS:
        raise ValidationError(Field("paper", "Khổ giấy"), f"«{paper}» không có.", "Chọn A4 hoặc A3.")
    listing = public_listing(ctx, procedures)
    pdf = render_listing(listing, size)
    return ListingJob(pdf, f"niem-yet-thu-tuc_{size}.pdf", len(listing.entries))


def save_listing(path: Path, data: bytes) -> None:
    """Writes the listing where the user chose; a file that cannot be written is a known error naming it."""
    from motcua_desktop.domain.errors import FileProblem
    from motcua_desktop.fileio import reason, write_atomic

    try:
        write_atomic(Path(path), data)
    except OSError as exc:
        raise FileProblem(
            Path(path).name, f"không ghi được ({reason(exc)}).", fix="Chọn thư mục khác hoặc đóng tệp đang mở."
        ) from None
