"""Unfinished forms kept on this PC, so an accidental close or a crash never loses a reception.

A draft is the raw content of a form (plain JSON values), one per form and per signed-in user,
in ``<data folder>/drafts/``. It is written atomically (``fileio.write_atomic``: temporary file,
fsync, rename) so a crash mid-write leaves the previous draft intact, and deleted once the form is
saved or cleared. A draft is dropped only when its content cannot be understood: a file that an
antivirus or the indexer holds for a moment is waited for, and if it stays held the draft is kept
and a ``DraftUnavailable`` says so (the next save tries again).
Drafts hold personal data: they stay in the data folder, never in exports.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from motcua_desktop import fileio
from motcua_desktop.domain.errors import KnownError, PermissionDenied
from motcua_desktop.domain.vntime import from_iso, iso
from motcua_desktop.services.core.context import AppContext

DRAFT_FOLDER = "drafts"
_FORM_NAME = re.compile(r"^[a-z0-9_-]{1,40}$")


class DraftUnavailable(KnownError):
    """The draft file could not be written or read right now; nothing was deleted."""


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
    try:
        fileio.write_atomic(path, payload.encode("utf-8"))
    except OSError as exc:
        raise DraftUnavailable(_not_saved(exc)) from exc
    return draft


def load_draft(ctx: AppContext, form: str) -> Draft | None:
    """The signed-in user's draft of ``form``, or None; a file whose content is not a draft is removed.

    Raises ``DraftUnavailable`` (and keeps the file) when it exists but cannot be read now."""
    path = _path(ctx, form)
    try:
        raw = fileio.read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DraftUnavailable(
            f"Chưa đọc được bản nháp đang nhập dở ({fileio.reason(exc)}). Bản nháp vẫn được giữ; hãy mở lại trang sau ít giây."
        ) from exc
    try:
        content = json.loads(raw.decode("utf-8-sig"))
        return Draft(form, from_iso(content["saved_at"]), dict(content["data"]))
    except (ValueError, KeyError, TypeError):  # damaged beyond use (e.g. cut by a power loss before v0.1)
        _discard(path)
        return None


def discard_draft(ctx: AppContext, form: str) -> None:
    _discard(_path(ctx, form))


def _discard(path: Path) -> None:
    try:
        fileio.remove_file(path)
    except OSError as exc:
        raise DraftUnavailable(f"Chưa xóa được bản nháp ({fileio.reason(exc)}); sẽ thử lại ở lần lưu sau.") from exc


def _not_saved(exc: OSError) -> str:
    return f"Chưa lưu được bản nháp ({fileio.reason(exc)}). Những gì đang nhập vẫn còn trên màn hình; sẽ thử lại ở lần sửa sau."
