"""Importing other counters' packages (consolidation) and the upstream office's acknowledgements.

Per package, all or nothing, in one transaction: verified first (``sync.reader``), then linked to
what this database already holds of that PC's chain:

- already imported (same batch, same head): nothing changes — re-importing is a no-op;
- the next batch of the chain: its events go in with ``EventLog.insert_foreign`` (idempotent by
  event UUID), then any pending later batch that now links is applied too;
- a later batch with a gap before it: kept pending, and the gap is reported ("thiếu gói 17 của quầy 2");
- a batch whose events differ from the ones held for the same sequence numbers: a fork, reported,
  nothing imported.

The per-package steps are in ``services.sync.import_package``. The dossiers touched are refolded
from all their events (``domain.projection.fold_revisions``, the fold ``rebuild_projection`` uses), so
the projection is always what a rebuild would give. Two counters writing the same revision of a
dossier, and the same citizen ID + procedure + day received at two counters, are reported for a
person to decide — never merged (``services.sync.import_reports``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.errors import Field, KnownError, ValidationError
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.sync.ack import import_ack
from motcua_desktop.services.sync.import_package import import_package
from motcua_desktop.services.sync.import_results import ACK, ALREADY, REJECTED, FileOutcome, ImportReport
from motcua_desktop.sync import ack as ack_format
from motcua_desktop.sync import media
from motcua_desktop.sync.reader import is_manifest_name, load_manifest, read_limited
from motcua_desktop.sync.signed import MAX_DOCUMENT_BYTES


def import_files(ctx: AppContext, paths: Sequence[Path | str]) -> ImportReport:
    """Imports package manifests (``*.manifest.json``) and acknowledgements (``*.ack.json``), given
    one by one or as folders. Each file is all or nothing; a rejected one names its problem."""
    files = _expand([Path(p) for p in paths])
    ops = media.RealFileOps()
    kinds = [(path, file_kind(ops, path)) for path in files]
    if any(kind == "package" for _, kind in kinds):
        ctx.require(Permission.CONSOLIDATE)
    if any(kind == "ack" for _, kind in kinds):
        ctx.require(Permission.EXPORT)
    packages = [p for p, kind in kinds if kind == "package"]
    outcomes: list[FileOutcome] = []
    reports: list[str] = []
    for path, kind in kinds:
        if kind == "ack":
            try:
                result = import_ack(ctx, read_limited(ops, path, MAX_DOCUMENT_BYTES), path.name)
                outcomes.append(FileOutcome(path.name, ALREADY if result.already else ACK, result.message))
            except KnownError as exc:
                outcomes.append(FileOutcome(path.name, REJECTED, exc.message))
        elif kind == "other":
            outcomes.append(
                FileOutcome(path.name, REJECTED, f"Tệp «{path.name}»: không phải gói dữ liệu hay tệp xác nhận.")
            )
    for path in _in_chain_order(packages):
        outcome, new = import_package(ctx, path)
        outcomes.append(outcome)
        reports += new
    return ImportReport(tuple(outcomes), tuple(reports))


def _expand(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and (is_manifest_name(p.name) or p.name.endswith(ack_format.SUFFIX))
            )
        elif path.is_file():
            found.append(path)
        else:
            raise ValidationError(
                Field("file", "Tệp nhập"), f"không tìm thấy «{path}».", "Kiểm tra đường dẫn hoặc cắm lại USB."
            )
    if not found:
        raise ValidationError(
            Field("file", "Tệp nhập"), "không có gói dữ liệu (*.manifest.json) hay tệp xác nhận (*.ack.json) nào."
        )
    return found


def file_kind(ops: media.FileOps, path: Path) -> str:
    """``package``, ``ack`` or ``other``, by name first, then by the first bytes."""
    if is_manifest_name(path.name) or path.name.endswith(media.PARTIAL_SUFFIX):
        return "package"
    if path.name.endswith(ack_format.SUFFIX):
        return "ack"
    try:
        head = ops.read(path)[:32] if ops.size(path) < MAX_DOCUMENT_BYTES else b""
    except OSError:
        return "other"
    return "ack" if ack_format.is_ack(head) else "package" if head.startswith(b'{"manifest":') else "other"


def _in_chain_order(paths: list[Path]) -> list[Path]:
    """Earlier batches of a chain first (fewer pending packages); unreadable manifests last."""

    def key(path: Path) -> tuple[int, str, int, int, str]:
        try:
            m = load_manifest(path)
        except KnownError:
            return (1, "", 0, 0, path.name)
        return (0, m.device_id, m.epoch, m.batch, path.name)

    return sorted(paths, key=key)
