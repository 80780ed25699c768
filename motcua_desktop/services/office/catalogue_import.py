"""Importing a procedure list: a preview first, then a merge that keeps the office's own fields.

``preview_import`` reads the file and says what applying it would do (procedures added, each field
changed with its old and new value, procedures retired) without writing anything; the window and
``motcua catalogue import`` show it and ask. ``import_catalogue`` applies the same merge in one
transaction and records what changed in the audit trail. ``confirm`` carries the preview's token:
when the file or the catalogue changed since the preview, nothing is applied.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.catalogue_merge import ImportPlan, plan_import
from motcua_desktop.domain.errors import ConflictError, FileProblem
from motcua_desktop.resource_files import resource_path
from motcua_desktop.services.core.context import AppContext, Clock
from motcua_desktop.storage import Store
from motcua_desktop.storage.catalogue_table import CatalogueChange

STARTER_FILE = ("data", "catalogue.csv")


@dataclass(frozen=True)
class ImportPreview:
    """What importing ``file_name`` would change; ``token`` confirms exactly this preview."""

    file_name: str
    layout: str  # Vietnamese name of the file's layout
    plan: ImportPlan
    warnings: list[str]
    retire_missing: bool
    token: str

    def summary(self) -> str:
        p = self.plan
        return (
            f"Tệp «{self.file_name}» ({self.layout}): {p.added} thủ tục thêm mới, {p.changed} thủ tục thay đổi, "
            f"{p.unchanged} không đổi" + (f", {p.retired} thôi áp dụng" if p.retired else "") + "."
        )

    def lines(self) -> list[str]:
        """Every change in words, one line per field (what the command line prints)."""
        out = []
        for change in self.plan.changes:
            out.append(f"[{change.kind_label}] {change.key} – {change.name}")
            out += [f"    {f.label}: {f.before} → {f.after}" for f in change.fields]
            out += [f"    Lưu ý: {w}" for w in change.warnings]
        return out


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    change: CatalogueChange
    warnings: list[str]
    preview: ImportPreview | None = None

    def summary(self) -> str:
        c = self.change
        return (
            f"Đã nhập «{self.file_name}»: {c.added} thủ tục mới, {c.updated} thủ tục cập nhật (phiên bản mới), "
            f"{c.unchanged} không đổi" + (f", {c.retired} thôi áp dụng" if c.retired else "") + "."
        )


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise FileProblem(Path(path).name, f"không đọc được tệp ({exc.strerror}).") from None


def _token(store: Store, data: bytes, retire_missing: bool) -> str:
    state = ",".join(str(p.id) for p in store.catalogue.current())
    digest = hashlib.sha256(data + b"\0" + state.encode() + (b"\0retire" if retire_missing else b""))
    return digest.hexdigest()[:20]


def _preview(store: Store, data: bytes, file_name: str, retire_missing: bool) -> ImportPreview:
    from motcua_desktop.importers.catalogue_file import parse_catalogue  # the file readers, when importing

    parsed = parse_catalogue(data, file_name)
    plan = plan_import(store.catalogue.current(), parsed.incoming, retire_missing=retire_missing)
    return ImportPreview(
        file_name,
        parsed.layout_label,
        plan,
        [*parsed.warnings, *plan.warnings],
        retire_missing,
        _token(store, data, retire_missing),
    )


def preview_import(ctx: AppContext, path: Path, *, retire_missing: bool = False) -> ImportPreview:
    """What importing the file would change; nothing is written."""
    ctx.require(Permission.CATALOGUE)
    return _preview(ctx.store, _read(path), Path(path).name, retire_missing)


def import_catalogue(
    ctx: AppContext, path: Path, *, retire_missing: bool = False, confirm: str | None = None
) -> ImportResult:
    """Merges a CSV/XLSX procedure list into the catalogue; all or nothing. Changed procedures get a
    new version (dossiers already received keep the one they were received under); fields the file
    does not carry, the office's own included, are kept. With ``confirm`` (a preview's token) it
    applies only what that preview showed."""
    ctx.require(Permission.CATALOGUE)
    data = _read(path)
    return _apply(
        ctx.store, ctx.clock, ctx.actor, data, Path(path).name, retire_missing=retire_missing, confirm=confirm
    )


def load_starter_catalogue(store: Store, clock: Clock, actor: str = "system") -> ImportResult:
    """Loads the shipped starter catalogue (first run)."""
    path = resource_path(*STARTER_FILE)
    return _apply(store, clock, actor, path.read_bytes(), path.name, retire_missing=False, confirm=None)


def _apply(
    store: Store,
    clock: Clock,
    actor: str,
    data: bytes,
    file_name: str,
    *,
    retire_missing: bool,
    confirm: str | None,
) -> ImportResult:
    now = clock.now()
    with store.transaction():
        preview = _preview(store, data, file_name, retire_missing)
        if confirm is not None and confirm != preview.token:
            raise ConflictError(
                f"Tệp «{file_name}» hoặc danh mục đã thay đổi sau khi xem trước; chưa nhập gì. Hãy xem trước lại."
            )
        plan = preview.plan
        change = store.catalogue.apply_import(
            plan.procedures, source_file=file_name, at=now, retire_keys=plan.retire_keys
        )
        store.events.append(
            kind=ev.CATALOGUE_IMPORTED,
            actor=actor,
            occurred_at=now,
            payload={
                "file": file_name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "layout": preview.layout,
                "added": change.added,
                "updated": change.updated,
                "unchanged": change.unchanged,
                "retired": change.retired,
                "added_keys": [c.key for c in plan.of_kind("added")],
                "changed_fields": {c.key: [f.field for f in c.fields] for c in plan.of_kind("changed")},
                "retired_keys": [c.key for c in plan.of_kind("retired")],
                "renamed": {c.replaces: c.key for c in plan.changes if c.replaces},
            },
        )
    return ImportResult(file_name, change, preview.warnings, preview)
