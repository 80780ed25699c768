"""The procedure catalogue: look-ups for reception and lists, and the office's own fields.

Imports (the starter list, national and provincial files, previews) are in ``catalogue_import``
and re-exported here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields as f
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.catalogue import Procedure, local_exceeds
from motcua_desktop.domain.catalogue_merge import changes_between
from motcua_desktop.domain.duration import make_duration
from motcua_desktop.domain.errors import NotFound, ValidationError, ValidationErrors
from motcua_desktop.domain.text import clean_text, fold
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.office.catalogue_import import (
    ImportPreview,
    ImportResult,
    import_catalogue,
    load_starter_catalogue,
    preview_import,
)

__all__ = ["ImportPreview", "ImportResult", "import_catalogue", "load_starter_catalogue", "preview_import"]


def list_procedures(ctx: AppContext) -> list[Procedure]:
    return ctx.store.catalogue.current()


def search_procedures(ctx: AppContext, text: str, limit: int = 20) -> list[Procedure]:
    return ctx.store.catalogue.search(text, limit)


def get_procedure(ctx: AppContext, key_or_code: str) -> Procedure:
    procedure = ctx.store.catalogue.get_current(key_or_code.strip())
    if procedure is None:
        raise NotFound(
            f"Không có thủ tục «{key_or_code}» trong danh mục đang áp dụng. Tra cứu bằng «motcua catalogue list»."
        )
    return procedure


RECENT_WINDOW = 1000  # frequency is taken from the last thousand dossiers of this counter


def frequent_procedures(ctx: AppContext, limit: int = 8) -> list[Procedure]:
    """The procedures this counter received most often lately, most frequent first."""
    counts = ctx.store.dossiers.recent_procedure_counts(RECENT_WINDOW)
    found = []
    for key, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        procedure = ctx.store.catalogue.get_current(key)
        if procedure is not None:
            found.append(procedure)
        if len(found) >= limit:
            break
    return found


def initials(name: str) -> str:
    """First letters of the words of a name, folded: «Đăng ký khai sinh» → ``dkks``."""
    return "".join(word[0] for word in fold(name).split() if word[0].isalnum())


def find_procedures(ctx: AppContext, text: str, limit: int = 20) -> list[Procedure]:
    """Procedures for the reception picker: by words typed without diacritics, by (part of) the
    national code, or by the initials of the name (``dkks``, also ``ks``); the counter's frequent
    ones first, then the shortest (most specific) names. With no text, the whole catalogue with
    the frequent procedures on top."""
    counts = ctx.store.dossiers.recent_procedure_counts(RECENT_WINDOW)
    query = clean_text(text)
    words = fold(query).split()
    letters = words[0] if len(words) == 1 and words[0].isalpha() and len(words[0]) >= 2 else ""
    if not words:
        candidates = list_procedures(ctx)
    else:
        by_key = {p.key: p for p in ctx.store.catalogue.search(query, 1000)}
        if letters:
            for procedure in list_procedures(ctx):
                if letters in initials(procedure.name):
                    by_key.setdefault(procedure.key, procedure)
        candidates = list(by_key.values())

    def rank(p: Procedure) -> tuple[int, int, int, int, str]:
        exact_code = bool(query) and (p.code == query or p.code.startswith(query))
        by_initials = bool(letters) and initials(p.name).startswith(letters)
        return (0 if exact_code else 1, -counts.get(p.key, 0), 0 if by_initials else 1, len(p.name), fold(p.name))

    return sorted(candidates, key=rank)[:limit]


def export_catalogue(ctx: AppContext) -> bytes:
    """The current catalogue as a CSV in the program's own layout, local fields included."""
    ctx.require(Permission.CATALOGUE)
    from motcua_desktop.importers.catalogue_export import catalogue_csv

    return catalogue_csv(list_procedures(ctx))


def set_local_fields(
    ctx: AppContext,
    key_or_code: str,
    *,
    duration_unit: str = "",
    duration_amount: str = "",
    cutoff: str = "",
    fee: str = "",
    documents: Sequence[str] = (),
    basis: str = "",
) -> Procedure:
    """Sets this office's own time limit, fee and checklist of a procedure (empty: none), as a new
    catalogue version; an import never overwrites them. A local time may only be shorter than the
    statutory one (Decree 118/2025 lets a province promise less, never more), and every local value
    needs the decision that set it (``basis``), which the catalogue keeps."""
    ctx.require(Permission.CATALOGUE)
    current = get_procedure(ctx, key_or_code)
    errors: list[ValidationError] = []
    local_duration = None
    if clean_text(duration_unit):
        try:
            local_duration = make_duration(duration_unit, duration_amount, cutoff)
        except ValidationError as exc:
            errors.append(exc)
    if local_duration is not None and local_exceeds(local_duration, current.duration):
        assert current.duration is not None
        errors.append(
            ValidationError(
                "Thời hạn của địa phương",
                f"{local_duration.label()} dài hơn thời hạn theo quy định ({current.duration.label()}).",
                "Địa phương chỉ được rút ngắn thời hạn, không được kéo dài.",
            )
        )
    local_fee = None
    try:
        local_fee = f.parse_vnd(fee, "Phí, lệ phí của địa phương")
    except ValidationError as exc:
        errors.append(exc)
    items: tuple[str, ...] = ()
    basis_text = ""
    try:
        if len(documents) > f.LIST_ITEMS:
            raise ValidationError(
                "Thành phần hồ sơ của địa phương", f"có {len(documents)} giấy tờ.", f"Tối đa {f.LIST_ITEMS}."
            )
        items = tuple(
            text
            for i, d in enumerate(documents, 1)
            if (text := f.clean_field(d, f"Thành phần hồ sơ của địa phương {i}", limit=f.SHORT_TEXT))
        )
        basis_text = f.clean_field(basis, "Căn cứ của địa phương", limit=f.REASON)
    except ValidationError as exc:
        errors.append(exc)
    if (local_duration is not None or local_fee is not None or items) and not basis_text:
        errors.append(
            ValidationError(
                "Căn cứ của địa phương",
                "chưa nhập.",
                "Ghi quyết định công bố thủ tục của tỉnh, ví dụ «Quyết định số 1234/QĐ-UBND ngày 01/7/2025».",
            )
        )
    if errors:
        raise ValidationErrors(errors)
    updated = replace(
        current,
        local_duration=local_duration,
        local_fee_amount=local_fee,
        local_documents=items,
        local_basis=basis_text if (local_duration is not None or local_fee is not None or items) else "",
    )
    changes = changes_between(current, updated)
    if not changes:
        return current
    now = ctx.clock.now()
    with ctx.store.transaction():
        ctx.store.catalogue.apply_import([updated], source_file="", at=now)
        ctx.store.events.append(
            kind=ev.CATALOGUE_LOCAL_CHANGED,
            actor=ctx.actor,
            occurred_at=now,
            payload={
                "key": current.key,
                "changes": [
                    {"field": c.field, "label": c.label, "before": c.before, "after": c.after} for c in changes
                ],
            },
        )
    return get_procedure(ctx, current.key)
