"""Merging an imported procedure list into the catalogue, and the preview of what it would change.

A file replaces only the fields it carries: a national list has codes, names, sectors and agencies
but not the office's shortened time, its fee or its own checklist, and an empty cell says nothing.
So importing never loses a local field (the whole reason an import is previewed before it is
applied). Procedures are matched by national code; a row without a code, or a catalogue entry
without one, is matched by its name (compared with diacritics, case aside), and an entry that
gains a code from the file keeps its local fields under the new key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from motcua_desktop.domain.catalogue import Procedure, local_exceeds, procedure_key
from motcua_desktop.domain.duration import Duration

# Content fields in the order a preview lists them, with their Vietnamese labels.
FIELD_LABELS: dict[str, str] = {
    "code": "Mã thủ tục",
    "alt_code": "Mã khác",
    "name": "Tên thủ tục",
    "field": "Lĩnh vực",
    "receiving_place": "Nơi tiếp nhận",
    "deciding_agency": "Cơ quan giải quyết",
    "duration": "Thời hạn giải quyết theo quy định",
    "duration_note": "Ghi chú thời hạn",
    "fee_amount": "Mức phí, lệ phí",
    "fee_text": "Ghi chú phí, lệ phí",
    "documents": "Thành phần hồ sơ",
    "legal_basis": "Căn cứ pháp lý",
    "source": "Nguồn",
    "code_source": "Nguồn mã thủ tục",
    "duration_source": "Nguồn thời hạn",
    "fee_source": "Nguồn phí, lệ phí",
    "documents_source": "Nguồn thành phần hồ sơ",
    "note": "Ghi chú",
    "local_duration": "Thời hạn của địa phương",
    "local_fee_amount": "Phí, lệ phí của địa phương",
    "local_documents": "Thành phần hồ sơ của địa phương",
    "local_basis": "Căn cứ của địa phương",
}
LOCAL_FIELDS = frozenset({"local_duration", "local_fee_amount", "local_documents", "local_basis"})
_CONTENT = frozenset(FIELD_LABELS)


@dataclass(frozen=True)
class IncomingProcedure:
    """One row of an imported file: its values, and which fields it actually gives a value for."""

    procedure: Procedure
    carried: frozenset[str]
    line: int = 0


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]


@dataclass(frozen=True)
class PlannedChange:
    """What the import does to one procedure: ``kind`` is ``added``, ``changed`` or ``retired``."""

    key: str
    name: str
    kind: str
    fields: tuple[FieldChange, ...] = ()
    warnings: tuple[str, ...] = ()
    replaces: str = ""  # the code-less key this entry had before the file gave it a national code

    @property
    def kind_label(self) -> str:
        return {"added": "Thêm mới", "changed": "Thay đổi", "retired": "Thôi áp dụng"}[self.kind]


@dataclass(frozen=True)
class ImportPlan:
    changes: tuple[PlannedChange, ...]
    unchanged: int
    procedures: tuple[Procedure, ...]  # what to store: every procedure of the file, merged
    retire_keys: tuple[str, ...]  # current entries that stop applying (missing from a complete list, or re-keyed)

    def of_kind(self, kind: str) -> tuple[PlannedChange, ...]:
        return tuple(c for c in self.changes if c.kind == kind)

    @property
    def added(self) -> int:
        return len(self.of_kind("added"))

    @property
    def changed(self) -> int:
        return len(self.of_kind("changed"))

    @property
    def retired(self) -> int:
        return len(self.of_kind("retired"))

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for c in self.changes for w in c.warnings)


def merge(current: Procedure, incoming: IncomingProcedure) -> Procedure:
    """``current`` with the fields the file carries replaced; everything else kept."""
    values = {name: getattr(incoming.procedure, name) for name in incoming.carried & _CONTENT}
    merged = replace(current, **values)
    return replace(merged, key=procedure_key(merged.code, merged.name) if merged.code else current.key)


def display(field: str, value: Any) -> str:
    """A field's value as the preview shows it."""
    if value is None or value in ("", ()):
        return "(trống)"
    if isinstance(value, Duration):
        return value.label()
    if field in ("fee_amount", "local_fee_amount"):
        return "Không thu phí" if value == 0 else f"{value:,}".replace(",", ".") + " đồng"
    if isinstance(value, tuple):
        shown = "; ".join(value[:4])
        return f"{len(value)} giấy tờ: {shown}" + ("; …" if len(value) > 4 else "")
    return str(value)


def changes_between(before: Procedure, after: Procedure) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, display(name, getattr(before, name)), display(name, getattr(after, name)))
        for name in FIELD_LABELS
        if getattr(before, name) != getattr(after, name)
    )


def _warnings(procedure: Procedure) -> tuple[str, ...]:
    local, statutory = procedure.local_duration, procedure.duration
    if local is not None and local_exceeds(local, statutory):
        assert statutory is not None
        return (
            f"«{procedure.name}»: thời hạn của địa phương ({local.label()}) dài hơn thời hạn theo quy định "
            f"({statutory.label()}); giấy tiếp nhận sẽ dùng thời hạn theo quy định cho đến khi sửa thời hạn "
            "của địa phương.",
        )
    return ()


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def plan_import(
    current: Sequence[Procedure], incoming: Sequence[IncomingProcedure], *, retire_missing: bool = False
) -> ImportPlan:
    """What importing ``incoming`` over the ``current`` catalogue would do; nothing is written."""
    by_key = {p.key: p for p in current}
    by_name: dict[str, list[Procedure]] = {}
    for p in current:
        by_name.setdefault(_name_key(p.name), []).append(p)
    matched: set[str] = set()
    changes: list[PlannedChange] = []
    stored: list[Procedure] = []
    retire: list[str] = []
    unchanged = 0
    for row in incoming:
        found = _match(row.procedure, by_key, by_name, matched)
        if found is None:
            new = row.procedure
            changes.append(PlannedChange(new.key, new.name, "added", warnings=_warnings(new)))
            stored.append(new)
            continue
        matched.add(found.key)
        merged = merge(found, row)
        stored.append(merged)
        diff = changes_between(found, merged)
        if not diff:
            unchanged += 1
            continue
        replaces = found.key if merged.key != found.key else ""
        if replaces:
            retire.append(found.key)
        changes.append(PlannedChange(merged.key, merged.name, "changed", diff, _warnings(merged), replaces))
    if retire_missing:
        for p in current:
            if p.key not in matched:
                changes.append(PlannedChange(p.key, p.name, "retired"))
                retire.append(p.key)
    return ImportPlan(tuple(changes), unchanged, tuple(stored), tuple(retire))


def _match(
    procedure: Procedure, by_key: dict[str, Procedure], by_name: dict[str, list[Procedure]], matched: set[str]
) -> Procedure | None:
    found = by_key.get(procedure.key)
    if found is not None and found.key not in matched:
        return found
    for candidate in by_name.get(_name_key(procedure.name), ()):
        if candidate.key in matched:
            continue
        if not procedure.code or not candidate.code:  # a code on one side only: the same procedure by name
            return candidate
    return None
