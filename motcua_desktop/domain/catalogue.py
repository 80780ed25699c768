"""The procedure catalogue: one entry per procedure version.

A dossier keeps a snapshot of the procedure as it was when received (``ProcedureSnapshot``),
so a later catalogue update never changes what was promised to a citizen.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.text import fold


@dataclass(frozen=True)
class Procedure:
    """A catalogue entry (national procedure database fields the counter needs)."""

    key: str  # stable identity across versions: the national code, or LOCAL-<hash> when there is none
    code: str  # "mã TTHC", e.g. 1.001193; may be empty
    name: str
    field: str  # "lĩnh vực"
    alt_code: str = ""
    receiving_place: str = ""
    deciding_agency: str = ""
    duration: Duration | None = None  # None: unknown; the clerk enters it at reception
    duration_note: str = ""
    fee_text: str = ""
    fee_amount: int | None = None  # VND when the catalogue gives one plain amount
    documents: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    version: int = 1
    id: int | None = None  # storage row of this version

    @property
    def search_text(self) -> str:
        return fold(f"{self.code} {self.name} {self.field}")

    def snapshot(self) -> ProcedureSnapshot:
        return ProcedureSnapshot(
            procedure_id=self.id,
            key=self.key,
            version=self.version,
            code=self.code,
            name=self.name,
            field=self.field,
            deciding_agency=self.deciding_agency,
            duration=self.duration,
            fee_text=self.fee_text,
        )

    def content_dict(self) -> dict[str, Any]:
        """Everything that defines this version (used to tell whether an import changes it)."""
        return {
            "code": self.code,
            "alt_code": self.alt_code,
            "name": self.name,
            "field": self.field,
            "receiving_place": self.receiving_place,
            "deciding_agency": self.deciding_agency,
            "duration": self.duration.to_dict() if self.duration else None,
            "duration_note": self.duration_note,
            "fee_text": self.fee_text,
            "fee_amount": self.fee_amount,
            "documents": list(self.documents),
            "source": self.source,
            "note": self.note,
        }

    @classmethod
    def from_content(cls, key: str, data: dict[str, Any], *, version: int = 1, id: int | None = None) -> Procedure:
        return cls(
            key=key,
            code=data["code"],
            alt_code=data.get("alt_code", ""),
            name=data["name"],
            field=data["field"],
            receiving_place=data.get("receiving_place", ""),
            deciding_agency=data.get("deciding_agency", ""),
            duration=Duration.from_dict(data["duration"]) if data.get("duration") else None,
            duration_note=data.get("duration_note", ""),
            fee_text=data.get("fee_text", ""),
            fee_amount=data.get("fee_amount"),
            documents=tuple(data.get("documents", ())),
            source=data.get("source", ""),
            note=data.get("note", ""),
            version=version,
            id=id,
        )


# Longest text accepted in each column of a catalogue file: several times the longest of the national
# starter catalogue (a source of 361 characters, a list of papers of 314), far below the 100 KB cells
# that once went in and would bloat every dossier's snapshot and every printed form.
COLUMN_LIMITS = {
    "ma_tthc": 30,
    "ma_tthc_khac": 30,
    "ten_thu_tuc": 500,
    "linh_vuc": 200,
    "noi_tiep_nhan": 500,
    "co_quan_giai_quyet": 500,
    "thoi_han_ghi_chu": 2000,
    "le_phi": 2000,
    "thanh_phan_ho_so": 10_000,
    "nguon": 2000,
    "ghi_chu": 4000,
}


def column_problems(cell: Callable[[str], str]) -> list[tuple[str, str]]:
    """(column, problem) for each cell of a catalogue row longer than its column allows."""
    return [
        (column, f"dài {len(cell(column))} ký tự, quá giới hạn {limit}.")
        for column, limit in COLUMN_LIMITS.items()
        if len(cell(column)) > limit
    ]


def procedure_key(code: str, name: str) -> str:
    """The national code when there is one; otherwise a key derived from the folded name."""
    if code:
        return code
    return "LOCAL-" + hashlib.sha1(fold(name).encode()).hexdigest()[:10]


@dataclass(frozen=True)
class ProcedureSnapshot:
    """The procedure as it stood when a dossier was received."""

    procedure_id: int | None
    key: str
    version: int
    code: str
    name: str
    field: str
    deciding_agency: str = ""
    duration: Duration | None = None
    fee_text: str = ""
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "procedure_id": self.procedure_id,
            "key": self.key,
            "version": self.version,
            "code": self.code,
            "name": self.name,
            "field": self.field,
            "deciding_agency": self.deciding_agency,
            "duration": self.duration.to_dict() if self.duration else None,
            "fee_text": self.fee_text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProcedureSnapshot:
        return cls(
            procedure_id=data.get("procedure_id"),
            key=data["key"],
            version=data.get("version", 1),
            code=data.get("code", ""),
            name=data["name"],
            field=data.get("field", ""),
            deciding_agency=data.get("deciding_agency", ""),
            duration=Duration.from_dict(data["duration"]) if data.get("duration") else None,
            fee_text=data.get("fee_text", ""),
        )
