"""The dossier ("hồ sơ"): one applicant's file for one procedure, and its parts.

``Dossier`` is the current state; it is never edited in place but rebuilt from the event log
(``domain/projection.py``). All text in these objects is already NFC-normalised and validated
(``domain/registration.py`` builds them from raw input).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from motcua_desktop.domain.catalogue import ProcedureSnapshot
from motcua_desktop.domain.identity import IdType, Sex
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.money import fee_owed


class Channel(StrEnum):
    """Reception channel ("kênh thực hiện"), national ``KenhThucHien`` 1/2/3."""

    DIRECT = "truc_tiep"
    ONLINE = "truc_tuyen"
    POSTAL = "buu_chinh"

    @property
    def label(self) -> str:
        return {Channel.DIRECT: "Trực tiếp", Channel.ONLINE: "Trực tuyến", Channel.POSTAL: "Bưu chính công ích"}[self]

    @property
    def national_code(self) -> int:
        return {Channel.DIRECT: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}[self]


class CopyKind(StrEnum):
    ORIGINAL = "ban_chinh"
    CERTIFIED_COPY = "ban_sao_chung_thuc"
    PHOTOCOPY = "ban_photo"

    @property
    def label(self) -> str:
        return {
            CopyKind.ORIGINAL: "Bản chính",
            CopyKind.CERTIFIED_COPY: "Bản sao chứng thực",
            CopyKind.PHOTOCOPY: "Bản photo",
        }[self]


class ResultDelivery(StrEnum):
    """Where the citizen registered to receive the result (form 01, item 6)."""

    COUNTER = "tai_quay"
    POST = "buu_chinh"
    ELECTRONIC = "dien_tu"

    @property
    def label(self) -> str:
        return {
            ResultDelivery.COUNTER: "Tại Bộ phận tiếp nhận và trả kết quả",
            ResultDelivery.POST: "Qua dịch vụ bưu chính công ích",
            ResultDelivery.ELECTRONIC: "Trên Cổng Dịch vụ công quốc gia",
        }[self]


class Outcome(StrEnum):
    """Timeliness of a finished dossier ("trước hạn / đúng hạn / quá hạn")."""

    EARLY = "truoc_han"
    ON_TIME = "dung_han"
    LATE = "qua_han"

    @property
    def label(self) -> str:
        return {Outcome.EARLY: "Trước hạn", Outcome.ON_TIME: "Đúng hạn", Outcome.LATE: "Quá hạn"}[self]


class CollectorKind(StrEnum):
    APPLICANT = "chu_ho_so"
    AUTHORISED = "nguoi_duoc_uy_quyen"

    @property
    def label(self) -> str:
        return {CollectorKind.APPLICANT: "Chủ hồ sơ", CollectorKind.AUTHORISED: "Người được ủy quyền"}[self]


class Rating(StrEnum):
    """Three-level satisfaction of Decree 118 Art. 33 as used by provincial systems."""

    VERY_SATISFIED = "rat_hai_long"
    SATISFIED = "hai_long"
    DISSATISFIED = "khong_hai_long"

    @property
    def label(self) -> str:
        return {
            Rating.VERY_SATISFIED: "Rất hài lòng",
            Rating.SATISFIED: "Hài lòng",
            Rating.DISSATISFIED: "Không hài lòng",
        }[self]


@dataclass(frozen=True)
class Address:
    """Where a person lives. A card issued before the 2025 reform prints an old district and commune:
    that text is kept verbatim in ``card_address`` and never mapped to a new unit; the current unit
    (``commune_*``, ``province_*``) is then a separate, optional statement of the clerk."""

    detail: str = ""  # house number, street, hamlet ("thôn/xóm")
    commune_code: str = ""
    commune_name: str = ""
    province_code: str = ""
    province_name: str = ""
    card_address: str = ""  # as printed on an old chip card ("Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa")

    def one_line(self) -> str:
        """The address as forms print it: the card's words first and whole, the new unit only as «nay thuộc»."""
        if self.card_address:
            now = ", ".join(part for part in (self.commune_name, self.province_name) if part)
            return self.card_address + (f" (nay thuộc {now})" if now else "")
        return ", ".join(part for part in (self.detail, self.commune_name, self.province_name) if part)


@dataclass(frozen=True)
class Person:
    full_name: str
    birth_date: date | None = None
    sex: Sex = Sex.UNKNOWN
    id_type: IdType = IdType.CCCD
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: Address = field(default_factory=Address)


@dataclass(frozen=True)
class DocumentItem:
    """One paper received ("thành phần hồ sơ"), with its kind and number of copies."""

    name: str
    copy_kind: CopyKind = CopyKind.ORIGINAL
    count: int = 1


@dataclass(frozen=True)
class DueRevision:
    """Every due date the dossier has had, with why (the first one is the printed promise)."""

    due_at: datetime
    reason: str  # "received" | "supplement-restart" | "supplement-extend" | "extension"
    at: datetime


@dataclass(frozen=True)
class HandOver:
    """One row of the process control sheet (form 06)."""

    at: datetime
    from_unit: str
    to_unit: str
    giver: str
    receiver: str = ""
    note: str = ""


@dataclass(frozen=True)
class SupplementRound:
    requested_at: datetime
    requested_by: str
    items: tuple[str, ...]
    reason: str
    received_at: datetime | None = None
    due_before: datetime | None = None
    due_after: datetime | None = None


@dataclass(frozen=True)
class Extension:
    at: datetime
    old_due_at: datetime
    new_due_at: datetime
    reason: str
    by: str


@dataclass(frozen=True)
class Satisfaction:
    overall: Rating
    criteria: dict[str, Rating] = field(default_factory=dict)  # Decree 118 Art. 33(1) items a, b, c…
    comment: str = ""


@dataclass(frozen=True)
class ReturnRecord:
    returned_at: datetime
    returned_by: str  # clerk username
    collector_kind: CollectorKind
    collector_name: str
    collector_id_type: IdType = IdType.CCCD
    collector_id_number: str = ""
    originals_returned: int = 0  # originals handed back to the citizen
    fee_collected: int = 0
    satisfaction: Satisfaction | None = None
    note: str = ""


@dataclass(frozen=True)
class DossierRef:
    """A dossier as a caller names it to a use case: its uuid, and the revision the caller was looking at
    (the action is refused when the dossier changed since; None: whatever it is now). A form holding a
    loaded dossier passes ``dossier.ref``; typed or scanned text becomes one through
    ``services.dossiers.lookup.find_dossier``."""

    uuid: str
    rev: int | None = None


@dataclass(frozen=True)
class BundleLink:
    """The linked group ("liên thông") a dossier was received in (``domain.bundles``): every part
    carries the same ``uuid``."""

    uuid: str
    key: str
    name: str


@dataclass(frozen=True)
class Dossier:
    uuid: str
    code: str | None  # None for pre-reception outcomes (guidance, refusal at the counter)
    status: Status
    applicant: Person
    procedure: ProcedureSnapshot
    channel: Channel
    received_at: datetime
    received_by: str
    device_id: str
    receiving_agency_id: str
    receiving_unit: str
    representative: Person | None = None  # person submitting on the applicant's behalf
    documents: tuple[DocumentItem, ...] = ()
    sets_count: int = 1
    summary: str = ""  # "trích yếu"
    fee_amount: int = 0  # VND due
    fee_paid: int = 0
    fee_stated: bool = False  # the fee was set at reception (typed, or established in the catalogue): 0 means free
    note: str = ""
    deciding_unit: str = ""
    result_delivery: ResultDelivery = ResultDelivery.COUNTER
    due_at: datetime | None = None
    original_due_at: datetime | None = None
    due_history: tuple[DueRevision, ...] = ()
    book_volume: str = ""  # "Quyển số" of the tracking book
    book_line: int = 0  # "Số thứ tự"
    file_location: str = ""
    handovers: tuple[HandOver, ...] = ()
    supplements: tuple[SupplementRound, ...] = ()
    extension: Extension | None = None
    reason: str = ""  # refusal / stop / guidance reason, as printed on the form
    missing_items: tuple[str, ...] = ()  # guidance at the counter (form 02 before reception)
    result_at: datetime | None = None
    finished_at: datetime | None = None
    outcome: Outcome | None = None  # under the office's rule when the dossier finished
    outcome_date_part: Outcome | None = None  # under each rule, recorded at finish (reports, rules.md §5)
    outcome_qd766: Outcome | None = None
    return_record: ReturnRecord | None = None
    # Each time the citizen came back for the result and it was not ready (``domain.trips``).
    visits_not_ready: tuple[datetime, ...] = ()
    bundle: BundleLink | None = None  # received with other procedures ("liên thông")
    print_count: int = 0
    corrections: int = 0
    rev: int = 0
    updated_at: datetime | None = None

    @property
    def ref(self) -> DossierRef:
        """This dossier at this revision."""
        return DossierRef(self.uuid, self.rev)

    @property
    def applicant_name(self) -> str:
        return self.applicant.full_name

    @property
    def extension_used(self) -> bool:
        return self.extension is not None

    @property
    def fee_owed(self) -> int:
        """What the citizen still has to pay (``domain.money.fee_owed``)."""
        return fee_owed(self.fee_amount, self.fee_paid)

    @property
    def supplement_used(self) -> bool:
        """Asked to supplement already: Decree 118/2025 allows one request per dossier (rules.md §4.1)."""
        return bool(self.supplements)

    @property
    def open_supplement(self) -> SupplementRound | None:
        if self.supplements and self.supplements[-1].received_at is None:
            return self.supplements[-1]
        return None


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """One line of a dossier list: what lists, searches and reports need, without the history.

    Slotted: lists keep thousands of these (a third of the memory of a dict-backed instance).
    """

    uuid: str
    code: str | None
    status: Status
    channel: Channel
    procedure_key: str
    procedure_code: str
    procedure_name: str
    field: str
    applicant_name: str
    applicant_id_number: str
    applicant_phone: str
    representative_name: str
    address: str
    received_at: datetime
    received_by: str
    device_id: str
    due_at: datetime | None
    original_due_at: datetime | None
    result_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    outcome: Outcome | None
    supplement_count: int
    extended: bool
    fee_amount: int
    fee_paid: int
    book_volume: str
    book_line: int
    file_location: str
    row_id: int = 0  # storage position, the tie-breaker of keyset pagination
