"""Unfinished forms kept on this PC, so an accidental close or a crash never loses a reception.

A draft is the raw content of a form (plain JSON values), one per form and per signed-in user,
in ``<data folder>/drafts/``. It is written atomically (temporary file, fsync, rename) so a crash
mid-write leaves the previous draft intact, and deleted once the form is saved or cleared.
Drafts hold personal data: they stay in the data folder, never in exports.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from motcua_desktop.domain.errors import PermissionDenied
from motcua_desktop.domain.vntime import from_iso, iso
from motcua_desktop.services.core.context import AppContext

DRAFT_FOLDER = "drafts"
_FORM_NAME = re.compile(r"^[a-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class Draft:
    form: str
    saved_at: datetime
    data: dict[str, Any]


def _path(ctx: AppContext, form: str) -> Path:
    if ctx.session is None:
        raise PermissionDenied("Cần đăng nhập để lưu bản nháp.")
    if not _FORM_NAME.match(form):
        raise ValueError(f"bad draft form name {form!r}")
    return ctx.store.path.parent / DRAFT_FOLDER / f"{form}.{ctx.session.username}.json"


def save_draft(ctx: AppContext, form: str, data: dict[str, Any]) -> Draft:
    """Replaces the signed-in user's draft of ``form``."""
    path = _path(ctx, form)
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = Draft(form, ctx.clock.now(), data)
    payload = json.dumps({"form": form, "saved_at": iso(draft.saved_at), "data": data}, ensure_ascii=False)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return draft


def load_draft(ctx: AppContext, form: str) -> Draft | None:
    """The signed-in user's draft of ``form``, or None (also for an unreadable file, which is removed)."""
    path = _path(ctx, form)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        return Draft(form, from_iso(content["saved_at"]), dict(content["data"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        path.unlink(missing_ok=True)
        return None


def discard_draft(ctx: AppContext, form: str) -> None:
    _path(ctx, form).unlink(missing_ok=True)
