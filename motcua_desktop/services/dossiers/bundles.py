"""Linked procedures ("liên thông", ``domain.bundles``): received together, one code per procedure.

``receive`` is what the reception form and ``motcua register`` call: a catalogue entry that stands
for a linked group (e.g. 1.001193.02) registers one dossier per part of the group that the office's
catalogue holds, in one transaction (all parts or none), each carrying the same ``BundleLink``;
any other procedure is registered alone. The result is the first part's, with every part beside it,
so the receipt printed next lists them all.
"""

from __future__ import annotations

import dataclasses
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.bundles import (
    BundlePart,
    BundleTemplate,
    bundle_due,
    chosen_parts,
    template_for_procedure,
    template_named,
)
from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.dossier import BundleLink, Dossier, DossierSummary
from motcua_desktop.domain.errors import Field, ValidationError
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.registration import RegistrationRequest
from motcua_desktop.domain.transitions import ReturnInput
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.dossiers.lifecycle import TransitionResult, transition
from motcua_desktop.services.dossiers.lookup import load_dossier
from motcua_desktop.services.dossiers.registration import RegistrationResult, register

PARTS_FIELD = Field("parts", "Thủ tục liên thông")


@dataclass(frozen=True)
class BundleView:
    """A bundle as the counter sees it from any of its parts."""

    link: BundleLink
    template: BundleTemplate | None
    parts: tuple[DossierSummary, ...]
    missing: tuple[BundlePart, ...]  # parts of the group the office could not receive (not in its catalogue)
    due_at: datetime | None

    def returnable(self) -> tuple[DossierSummary, ...]:
        return tuple(p for p in self.parts if p.status.is_returnable)


def receive(ctx: AppContext, request: RegistrationRequest, *, parts: Sequence[str] = ()) -> RegistrationResult:
    """Registers ``request``: a linked group's catalogue entry as its parts (``parts``: keys or codes of
    the parts wanted, all by default), any other procedure alone."""
    from motcua_desktop.services.office.catalogue import get_procedure

    named = template_named(request.procedure)  # the command line may name the group itself (khai-sinh)
    if named is not None:
        return register_bundle(ctx, named, request, parts)
    procedure = get_procedure(ctx, request.procedure)
    template = template_for_procedure(procedure.code, procedure.alt_code)
    if template is None:
        if parts:
            raise ValidationError(
                PARTS_FIELD, f"thủ tục «{procedure.name}» không phải thủ tục liên thông.", "Bỏ --part."
            )
        return register(ctx, request)
    return register_bundle(ctx, template, request, parts)


def checklist(ctx: AppContext, procedure: str) -> tuple[str, ...]:
    """The papers to tick for ``procedure`` (a catalogue key or code, or a group's key): for a linked
    group its own form and every part's papers, each paper once (they travel in one file)."""
    from motcua_desktop.services.office.catalogue import get_procedure

    named = template_named(procedure)
    entry = None if named is not None else get_procedure(ctx, procedure)
    template = named or (template_for_procedure(entry.code, entry.alt_code) if entry else None)
    papers = list(entry.effective_documents) if entry else []
    if template is not None:
        for part in template.parts:
            found = _catalogued(ctx, part)
            papers += found.effective_documents if found else ()
    return tuple(dict.fromkeys(papers))


def needs_typed_duration(ctx: AppContext, procedure: Procedure) -> bool:
    """Whether reception must type a time limit for ``procedure``: a procedure received alone without
    one in the catalogue; a linked group when one of the parts it will receive has none (the typed
    time applies to those parts only, the others keep their own)."""
    template = template_for_procedure(procedure.code, procedure.alt_code)
    if template is None:
        return procedure.effective_duration is None
    parts = [_catalogued(ctx, part) for part in template.parts]
    return any(p is not None and p.effective_duration is None for p in parts)


def register_bundle(
    ctx: AppContext, template: BundleTemplate, request: RegistrationRequest, wanted: Sequence[str] = ()
) -> RegistrationResult:
    """One dossier per part of ``template`` that the catalogue holds, all in one transaction."""
    ctx.require(Permission.REGISTER)
    try:
        parts = chosen_parts(template, wanted)
    except ValueError as exc:
        keys = ", ".join(p.key for p in template.parts)
        raise ValidationError(PARTS_FIELD, f"«{exc}» không thuộc nhóm «{template.name}».", f"Chọn: {keys}.") from None
    found = [(part, _catalogued(ctx, part)) for part in parts]
    received = [(part, procedure) for part, procedure in found if procedure is not None]
    missing = tuple(part for part, procedure in found if procedure is None)
    if not received:
        raise ValidationError(
            PARTS_FIELD,
            "không thủ tục nào của nhóm có trong danh mục đang áp dụng.",
            "Nhập danh mục thủ tục quốc gia (Cài đặt → Danh mục) rồi tiếp nhận lại.",
        )
    link = BundleLink(str(uuidlib.uuid4()), template.key, template.name)
    results: list[RegistrationResult] = []
    with ctx.store.transaction():
        for index, (part, procedure) in enumerate(received):
            own_time = procedure.effective_duration is not None
            part_request = dataclasses.replace(
                request,
                procedure=procedure.key,
                duration_unit="" if own_time else request.duration_unit,
                duration_amount="" if own_time else request.duration_amount,
                # Typed once for the group: the fee is the first part's; the others take their catalogue's.
                fee_amount=request.fee_amount if index == 0 else "",
                request_id=f"{request.request_id}#{part.key}" if request.request_id and index else request.request_id,
            )
            result = register(ctx, part_request, bundle=link)
            if index == 0 and result.already_registered and result.dossier.bundle is not None:
                return _again(ctx, result)  # the same form sent twice: the bundle it made
            results.append(result)
    first = results[0]
    dossiers = tuple(r.dossier for r in results)
    warnings = [w for r in results for w in r.warnings]
    if missing:
        names = "; ".join(f"{p.name} ({p.agency})" for p in missing)
        warnings.append(
            f"Chưa có trong danh mục nên chưa cấp mã: {names}. Chuyển phần này theo cách làm hiện nay và "
            "bổ sung thủ tục vào danh mục."
        )
    return dataclasses.replace(first, warnings=tuple(warnings), bundle=dossiers, bundle_missing=missing)


def _catalogued(ctx: AppContext, part: BundlePart) -> Procedure | None:
    return ctx.store.catalogue.get_current(part.code) if part.code else None


def _again(ctx: AppContext, first: RegistrationResult) -> RegistrationResult:
    view = bundle_view(ctx, first.dossier)
    assert view is not None
    dossiers = tuple(load_dossier(ctx.store, p.uuid) for p in view.parts)
    return dataclasses.replace(first, bundle=dossiers, bundle_missing=view.missing)


def bundle_view(ctx: AppContext, dossier: Dossier) -> BundleView | None:
    """The bundle ``dossier`` belongs to, or None for a dossier received alone."""
    link = dossier.bundle
    if link is None:
        return None
    parts = tuple(ctx.store.dossiers.bundle_parts(link.uuid))
    template = template_named(link.key)
    codes = {p.procedure_code for p in parts}
    missing = tuple(p for p in template.parts if p.code not in codes) if template else ()
    return BundleView(link, template, parts, missing, bundle_due(p.due_at for p in parts))


def return_bundle(ctx: AppContext, dossier: Dossier, details: ReturnInput) -> list[TransitionResult]:
    """Hands over every part of ``dossier``'s bundle whose result is ready (``dossier`` included), with
    the same collector and rating, in one transaction; a dossier alone is returned alone."""
    view = bundle_view(ctx, dossier)
    targets = [dossier.uuid] if view is None else [p.uuid for p in view.returnable()]
    if dossier.uuid not in targets:
        targets.insert(0, dossier.uuid)  # refused with the usual message
    done: list[TransitionResult] = []
    with ctx.store.transaction():
        for uuid in targets:
            current = load_dossier(ctx.store, uuid) if uuid != dossier.uuid else dossier
            done.append(transition(ctx, current.ref, details))
    return done


def waiting_parts(view: BundleView) -> tuple[DossierSummary, ...]:
    """Parts still being handled (the citizen is told they follow later)."""
    return tuple(p for p in view.parts if p.status not in (Status.RETURNED,) and not p.status.is_returnable)
