"""Entering paper survey forms: a citizen's rating of a returned dossier, given on paper.

The clerk scans the receipt barcode on the form (or types the code) and keys one level per criterion of
Decree 118 Art. 33 (``domain.paper_survey``). The rating is a ``dossier.rated`` event: the dossier's
return record then carries it with its channel (paper), and the satisfaction report counts it. A second
rating of the same dossier is refused unless it corrects the first, with a reason (kept in the event).
"""

from __future__ import annotations

from collections.abc import Mapping

from motcua_desktop.domain import events as ev
from motcua_desktop.domain import fields
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.dossier import Dossier, DossierRef
from motcua_desktop.domain.errors import Field
from motcua_desktop.domain.paper_survey import REASON_FIELD, check_can_rate, parse_keys, rated_satisfaction
from motcua_desktop.domain.serde import evolve, to_plain
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.dossier_log import record_dossier_event
from motcua_desktop.services.dossiers.lookup import load_current


def enter_paper_rating(
    ctx: AppContext,
    dossier: DossierRef,
    keys: Mapping[str, str] | str,
    *,
    comment: str = "",
    correction_reason: str = "",
) -> Dossier:
    """Records the paper form's levels (``keys``: ``{"a": "1", …}`` or one key per criterion in order)."""
    ctx.require(Permission.RETURN)
    form = parse_keys(keys)
    reason = fields.clean_field(correction_reason, REASON_FIELD, limit=fields.REASON, multiline=True)
    text = fields.clean_field(comment, Field("comment", "Góp ý"), limit=fields.REASON, multiline=True)
    rated = evolve(rated_satisfaction(form), comment=text)
    with ctx.store.transaction():
        current = load_current(ctx, dossier)
        check_can_rate(current, reason)
        assert current.return_record is not None
        before = current.return_record.satisfaction
        return record_dossier_event(
            ctx,
            current,
            kind=ev.DOSSIER_RATED,
            payload={
                "satisfaction": to_plain(rated),
                "before": to_plain(before) if before is not None else None,
                "reason": reason,
            },
            occurred_at=ctx.clock.now(),
        )
