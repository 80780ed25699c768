"""The procedure catalogue: one entry per procedure version.

A procedure has two kinds of fields:

- what the national or provincial list publishes (code, name, sector, the statutory processing
  time, the fee, the documents), each with the source it comes from (``*_source``: an evidence
  marker such as ``[V]`` and where, see ``shared/domain/README.md``);
- what this office decided (``local_*``): a processing time shorter than the statutory one (Decree
  118/2025 lets the province promise less, never more), the fee its provincial council set, its
  own document list, and the decision that set them (``local_basis``).

An import only replaces the fields its file carries (``domain.catalogue_merge``), so the office's
own fields survive a national update. A value whose source is only recalled or inferred (``[R]``,
``[I]``) or missing is not relied on: such a time limit is entered by the clerk at reception and
such a fee is not printed (``duration_confirmed``, ``fee_confirmed``).

A dossier keeps a snapshot of the procedure as it was when received (``ProcedureSnapshot``), so a
later catalogue update never changes what was promised to a citizen.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from motcua_desktop.domain.duration import Duration
from motcua_desktop.domain.text import fold

# Evidence markers that make a value usable (shared/domain/README.md): read in the legal text or
# an official portal, or in a provincial system's published data.
ESTABLISHED_MARKERS = ("V", "V-3P")
NO_SOURCE = "chưa có nguồn"  # written in the starter catalogue where no source gives the value
_MARKER = re.compile(r"\[(V-3P|V|R|I|C)\]")


def established(source: str) -> bool:
    """Whether a value with this source may be relied on.

    A source with an evidence marker counts when its first marker is [V] or [V-3P]; a recalled
    ([R]) or inferred ([I]) value does not, nor one marked ``NO_SOURCE``. A source without a marker
    names the file it was imported from (an official list), and an empty one is a version stored
    before sources were recorded: both are relied on, as they were before."""
    text = (source or "").strip()
    found = _MARKER.search(text)
    if found is not None:
        return found.group(1) in ESTABLISHED_MARKERS
    return not fold(text).startswith(fold(NO_SOURCE))


@dataclass(frozen=True)
class Procedure:
    """A catalogue entry (national procedure database fields the counter needs, and the office's own)."""

    key: str  # stable identity across versions: the national code, or LOCAL-<hash> when there is none
    code: str  # "mã TTHC", e.g. 1.001193; empty when no source gives a national code
    name: str
    field: str  # "lĩnh vực"
    alt_code: str = ""  # another code seen for it (older, conflicting, or the full code with agency suffix)
    receiving_place: str = ""
    deciding_agency: str = ""
    duration: Duration | None = None  # statutory time; None: not established (the clerk enters it)
    duration_note: str = ""  # the time rule in words (variants, verification extensions, unconfirmed figures)
    fee_text: str = ""  # notes on the fee (provincial rates, examples, per-page rules): never printed
    fee_amount: int | None = None  # VND per dossier when established; 0: no fee; None: not established
    documents: tuple[str, ...] = ()
    legal_basis: str = ""  # "căn cứ pháp lý" as the published list gives it
    source: str = ""  # the row's evidence in words
    code_source: str = ""
    duration_source: str = ""
    fee_source: str = ""
    documents_source: str = ""
    note: str = ""
    local_duration: Duration | None = None  # the office's shorter promise (Decree 118: the province may shorten)
    local_fee_amount: int | None = None  # the fee the provincial council set, as this office charges it
    local_documents: tuple[str, ...] = ()  # the office's own checklist, replacing ``documents``
    local_basis: str = ""  # the decision behind the local fields, e.g. "QĐ 1234/QĐ-UBND ngày …"
    version: int = 1
    id: int | None = None  # storage row of this version

    @property
    def search_text(self) -> str:
        return fold(f"{self.code} {self.name} {self.field}")

    @property
    def duration_confirmed(self) -> bool:
        """The statutory time rests on an established source."""
        return self.duration is not None and established(self.duration_source)

    @property
    def fee_confirmed(self) -> bool:
        return self.fee_amount is not None and established(self.fee_source)

    @property
    def effective_duration(self) -> Duration | None:
        """The time promised on the receipt: the office's shorter one, else the statutory one when
        it is established; None when the clerk has to enter it. A local time longer than a
        statutory one in the same unit is never used (a province may shorten, not lengthen)."""
        statutory = self.duration if self.duration_confirmed else None
        local = self.local_duration
        if local is not None and not local_exceeds(local, statutory):
            return local
        return statutory

    @property
    def effective_fee(self) -> int | None:
        """The fee printed when the clerk enters none: the office's, else an established one."""
        if self.local_fee_amount is not None:
            return self.local_fee_amount
        return self.fee_amount if self.fee_confirmed else None

    @property
    def effective_documents(self) -> tuple[str, ...]:
        return self.local_documents or self.documents

    def snapshot(self) -> ProcedureSnapshot:
        return ProcedureSnapshot(
            procedure_id=self.id,
            key=self.key,
            version=self.version,
            code=self.code,
            name=self.name,
            field=self.field,
            deciding_agency=self.deciding_agency,
            duration=self.effective_duration,
            statutory_duration=self.duration if self.duration_confirmed else None,
            fee_amount=self.effective_fee,
        )

    def content_dict(self) -> dict[str, Any]:
        """Everything that defines this version (an import compares them to tell what it changes)."""
        full: dict[str, Any] = {
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
            "legal_basis": self.legal_basis,
            "source": self.source,
            "code_source": self.code_source,
            "duration_source": self.duration_source,
            "fee_source": self.fee_source,
            "documents_source": self.documents_source,
            "note": self.note,
            "local_duration": self.local_duration.to_dict() if self.local_duration else None,
            "local_fee_amount": self.local_fee_amount,
            "local_documents": list(self.local_documents),
            "local_basis": self.local_basis,
        }
        return full

    @classmethod
    def from_content(cls, key: str, data: dict[str, Any], *, version: int = 1, id: int | None = None) -> Procedure:
        def duration(name: str) -> Duration | None:
            return Duration.from_dict(data[name]) if data.get(name) else None

        return cls(
            key=key,
            code=data["code"],
            alt_code=data.get("alt_code", ""),
            name=data["name"],
            field=data["field"],
            receiving_place=data.get("receiving_place", ""),
            deciding_agency=data.get("deciding_agency", ""),
            duration=duration("duration"),
            duration_note=data.get("duration_note", ""),
            fee_text=data.get("fee_text", ""),
            fee_amount=data.get("fee_amount"),
            documents=tuple(data.get("documents", ())),
            legal_basis=data.get("legal_basis", ""),
            source=data.get("source", ""),
            code_source=data.get("code_source", ""),
            duration_source=data.get("duration_source", ""),
            fee_source=data.get("fee_source", ""),
            documents_source=data.get("documents_source", ""),
            note=data.get("note", ""),
            local_duration=duration("local_duration"),
            local_fee_amount=data.get("local_fee_amount"),
            local_documents=tuple(data.get("local_documents", ())),
            local_basis=data.get("local_basis", ""),
            version=version,
            id=id,
        )


def local_exceeds(local: Duration, statutory: Duration | None) -> bool:
    """Whether an office's time is longer than the statutory one (same unit; otherwise not comparable)."""
    if statutory is None or local.unit is not statutory.unit:
        return False
    return local.amount > statutory.amount


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
    "le_phi_ghi_chu": 2000,
    "thanh_phan_ho_so": 10_000,
    "can_cu_phap_ly": 4000,
    "nguon": 2000,
    "nguon_ma": 2000,
    "nguon_thoi_han": 2000,
    "nguon_le_phi": 2000,
    "nguon_thanh_phan": 2000,
    "ghi_chu": 4000,
    "thanh_phan_dia_phuong": 10_000,
    "can_cu_dia_phuong": 2000,
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
    """The procedure as it stood when a dossier was received.

    ``duration`` is the time the receipt promised (the office's shorter one when it has one);
    ``statutory_duration`` the time the law gives, when it differs and is established (statistics
    may judge against either, ``services.reports``). ``fee_amount`` is the fee the catalogue
    established then (None: not established; the clerk entered the dossier's own)."""

    procedure_id: int | None
    key: str
    version: int
    code: str
    name: str
    field: str
    deciding_agency: str = ""
    duration: Duration | None = None
    fee_text: str = ""  # stored by versions before fees were checked; never printed
    statutory_duration: Duration | None = None
    fee_amount: int | None = None
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def shortened(self) -> bool:
        """The receipt promised less than the statutory time (Decree 118: a province may shorten it)."""
        return (
            self.statutory_duration is not None
            and self.duration is not None
            and self.duration != self.statutory_duration
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
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
        if self.statutory_duration is not None:
            data["statutory_duration"] = self.statutory_duration.to_dict()
        if self.fee_amount is not None:
            data["fee_amount"] = self.fee_amount
        return data

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
            statutory_duration=(
                Duration.from_dict(data["statutory_duration"]) if data.get("statutory_duration") else None
            ),
            fee_amount=data.get("fee_amount"),
        )
