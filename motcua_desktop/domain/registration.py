"""Turning what the clerk typed into validated domain objects.

Every problem is collected and reported at once (``ValidationErrors``), each naming its field
in Vietnamese, so the save button can say exactly what is missing. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from motcua_desktop.domain import admin_units
from motcua_desktop.domain import fields as f
from motcua_desktop.domain.catalogue import Procedure
from motcua_desktop.domain.contact import normalise_email, normalise_phone
from motcua_desktop.domain.dossier import Address, Channel, CopyKind, DocumentItem, Person, ResultDelivery
from motcua_desktop.domain.duration import Duration, make_duration
from motcua_desktop.domain.errors import Field, ValidationError, ValidationErrors
from motcua_desktop.domain.identity import IdType, Sex, id_consistency_warnings, normalise_id_number
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import parse_date

T = TypeVar("T")
# The two people of a form: their fields are ``applicant.full_name``…, labelled ``Người nộp – Họ và tên``…
APPLICANT = Field("applicant", "Người nộp")
REPRESENTATIVE = Field("representative", "Người được ủy quyền")


@dataclass
class PersonInput:
    """A person as typed (or filled from a CCCD QR scan): raw text only."""

    full_name: str = ""
    birth_date: str = ""
    sex: str = ""
    id_type: str = "CCCD"
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address_detail: str = ""
    province: str = ""  # code or name
    commune: str = ""  # code or name
    # The address printed on a card issued before the 2025 reform (old district and commune),
    # kept verbatim; province/commune are then the optional current unit, chosen by the clerk.
    card_address: str = ""

    def is_blank(self) -> bool:
        return not any(
            (
                self.full_name,
                self.id_number,
                self.phone,
                self.email,
                self.address_detail,
                self.birth_date,
                self.card_address,
            )
        )


@dataclass
class DocumentInput:
    name: str
    copy_kind: str = CopyKind.ORIGINAL.value
    count: int | str = 1


@dataclass
class RegistrationRequest:
    procedure: str  # catalogue key or national code
    applicant: PersonInput
    representative: PersonInput | None = None
    channel: str = Channel.DIRECT.value
    documents: list[DocumentInput] = field(default_factory=list)
    sets_count: int | str = 1
    summary: str = ""
    fee_amount: int | str = ""  # empty: the catalogue's amount, or 0
    note: str = ""
    result_delivery: str = ResultDelivery.COUNTER.value
    deciding_unit: str = ""
    duration_unit: str = ""  # required when the catalogue has no duration for the procedure
    duration_amount: str = ""
    request_id: str = ""  # idempotency key created when the form opens


@dataclass(frozen=True)
class ValidRegistration:
    applicant: Person
    representative: Person | None
    channel: Channel
    documents: tuple[DocumentItem, ...]
    sets_count: int
    summary: str
    fee_amount: int
    note: str
    result_delivery: ResultDelivery
    deciding_unit: str
    duration: Duration
    warnings: tuple[str, ...] = ()
    fee_stated: bool = True  # typed by the clerk or established in the catalogue (Dossier.fee_stated)


_SEX_WORDS = {
    "nam": Sex.MALE,
    "male": Sex.MALE,
    "m": Sex.MALE,
    "nu": Sex.FEMALE,
    "nữ": Sex.FEMALE,
    "female": Sex.FEMALE,
    "f": Sex.FEMALE,
    "": Sex.UNKNOWN,
}
_ID_WORDS = {
    "cccd": IdType.CCCD,
    "can cuoc": IdType.CCCD,
    "căn cước": IdType.CCCD,
    "ddcn": IdType.CCCD,
    "cmnd": IdType.CMND,
    "ho_chieu": IdType.PASSPORT,
    "hộ chiếu": IdType.PASSPORT,
    "passport": IdType.PASSPORT,
    "khac": IdType.OTHER,
    "khác": IdType.OTHER,
}


def parse_sex(raw: str, *, field: Field = Field("sex", "Giới tính")) -> Sex:
    key = clean_text(raw).lower()
    if key in _SEX_WORDS:
        return _SEX_WORDS[key]
    raise ValidationError(field, f"«{raw}» không hợp lệ.", "Chọn Nam hoặc Nữ.")


def parse_id_type(raw: str, *, field: Field = Field("id_type", "Loại giấy tờ")) -> IdType:
    key = clean_text(raw).lower()
    if key in _ID_WORDS:
        return _ID_WORDS[key]
    try:
        return IdType(key.upper())
    except ValueError:
        raise ValidationError(field, f"«{raw}» không hợp lệ.", "Chọn CCCD, CMND, HO_CHIEU hoặc KHAC.") from None


def parse_person(
    raw: PersonInput,
    role: Field,
    errors: list[ValidationError],
    warnings: list[str],
    *,
    today: date,
    require_id: bool = True,
) -> Person | None:
    """Validated person or None (problems appended to ``errors``, field names prefixed by ``role``)."""
    start = len(errors)

    def attempt(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            errors.append(exc)
            return None

    name = attempt(f.person_name, raw.full_name, role.part("full_name", "Họ và tên")) or ""
    birth: date | None = None
    birth_text = attempt(f.clean_field, raw.birth_date, role.part("birth_date", "Ngày sinh"), limit=20) or ""
    if birth_text:
        try:
            birth = parse_date(birth_text)
        except ValueError:
            errors.append(
                ValidationError(
                    role.part("birth_date", "Ngày sinh"), f"«{raw.birth_date}» không phải ngày.", "Dạng dd/mm/yyyy."
                )
            )
        else:
            if birth > today or birth.year < 1900:
                errors.append(ValidationError(role.part("birth_date", "Ngày sinh"), f"{birth:%d/%m/%Y} không hợp lệ."))
                birth = None
    sex = attempt(parse_sex, raw.sex, field=role.part("sex", "Giới tính")) or Sex.UNKNOWN
    id_type = attempt(parse_id_type, raw.id_type or "CCCD", field=role.part("id_type", "Loại giấy tờ")) or IdType.CCCD
    id_number = ""
    if clean_text(raw.id_number) or require_id:
        id_number = (
            attempt(normalise_id_number, id_type, raw.id_number, field=role.part("id_number", "Số giấy tờ")) or ""
        )
    if id_number and id_type is IdType.CCCD:
        warnings.extend(f"{role.label}: {w}" for w in id_consistency_warnings(id_number, birth, sex))
    phone = attempt(normalise_phone, raw.phone, field=role.part("phone", "Số điện thoại")) or ""
    email = attempt(normalise_email, raw.email, field=role.part("email", "Thư điện tử")) or ""
    address = _parse_address(raw, role, errors)
    if len(errors) > start:
        return None
    return Person(name, birth, sex, id_type, id_number, phone, email, address)


def _parse_address(raw: PersonInput, role: Field, errors: list[ValidationError]) -> Address:
    try:
        detail = f.clean_field(raw.address_detail, role.part("address_detail", "Địa chỉ"), limit=f.ADDRESS)
        # An old card's address, kept as printed (never mapped).
        card = f.clean_field(raw.card_address, role.part("card_address", "Địa chỉ trên thẻ"), limit=f.ADDRESS)
        province_text = f.clean_field(raw.province, role.part("province", "Tỉnh/thành phố"), limit=f.UNIT_NAME)
        commune_text = f.clean_field(raw.commune, role.part("commune", "Xã/phường"), limit=f.UNIT_NAME)
    except ValidationError as exc:
        errors.append(exc)
        return Address()
    if not province_text:
        if commune_text:
            errors.append(
                ValidationError(role.part("province", "Tỉnh/thành phố"), "chưa chọn.", "Chọn tỉnh trước khi chọn xã.")
            )
        return Address(detail=detail, card_address=card)
    found = admin_units.match_province(province_text)
    province = found.unit
    if province is None:
        errors.append(
            ValidationError(
                role.part("province", "Tỉnh/thành phố"),
                f"«{province_text}» không khớp đúng tên (có dấu) tỉnh, thành phố nào.",
                f"Chọn một trong: {admin_units.choices(found.look_alikes)}."
                if found.look_alikes
                else "Chọn trong danh sách.",
            )
        )
        return Address(detail=detail, card_address=card)
    if not commune_text:
        return Address(detail=detail, province_code=province.code, province_name=province.name, card_address=card)
    match = admin_units.match_commune(province.code, commune_text)
    commune = match.unit
    if commune is None:
        fix = (
            f"Chọn một trong: {admin_units.choices(match.look_alikes)}."
            if match.look_alikes
            else "Chọn xã, phường, đặc khu trong danh sách (sau sắp xếp năm 2025)."
        )
        problem = (
            f"«{commune_text}» không khớp đúng tên đơn vị nào của {province.name} (phải có đủ dấu, đúng loại xã/phường/đặc khu)."
            if match.look_alikes
            else f"«{commune_text}» không thuộc {province.name}."
        )
        errors.append(ValidationError(role.part("commune", "Xã/phường"), problem, fix))
        return Address(detail=detail, province_code=province.code, province_name=province.name, card_address=card)
    return Address(detail, commune.code, commune.name, province.code, province.name, card)


def _int_field(
    raw: int | str, where: Field, errors: list[ValidationError], *, minimum: int, maximum: int, default: int
) -> int:
    try:
        return f.parse_whole_number(raw, where, minimum=minimum, maximum=maximum, default=default)
    except ValidationError as exc:
        errors.append(exc)
        return default


def _text_field(raw: str, where: Field, errors: list[ValidationError], *, limit: int, multiline: bool = False) -> str:
    try:
        return f.clean_field(raw, where, limit=limit, multiline=multiline)
    except ValidationError as exc:
        errors.append(exc)
        return ""


def validate_registration(request: RegistrationRequest, procedure: Procedure, *, today: date) -> ValidRegistration:
    """Checks a whole registration form against its procedure; raises ValidationErrors."""
    errors: list[ValidationError] = []
    warnings: list[str] = []
    applicant = parse_person(request.applicant, APPLICANT, errors, warnings, today=today)
    representative = None
    if request.representative is not None:  # given (the box ticked) but left empty: refused, naming its fields
        representative = parse_person(request.representative, REPRESENTATIVE, errors, warnings, today=today)
    try:
        channel = Channel(clean_text(request.channel) or Channel.DIRECT.value)
    except ValueError:
        errors.append(
            ValidationError(
                Field("channel", "Kênh tiếp nhận"),
                f"«{request.channel}» không hợp lệ.",
                "truc_tiep, truc_tuyen hoặc buu_chinh.",
            )
        )
        channel = Channel.DIRECT
    try:
        delivery = ResultDelivery(clean_text(request.result_delivery) or ResultDelivery.COUNTER.value)
    except ValueError:
        errors.append(
            ValidationError(
                Field("result_delivery", "Nơi nhận kết quả"),
                f"«{request.result_delivery}» không hợp lệ.",
                "tai_quay, buu_chinh hoặc dien_tu.",
            )
        )
        delivery = ResultDelivery.COUNTER
    documents = []
    if len(request.documents) > f.LIST_ITEMS:
        errors.append(
            ValidationError(
                Field("documents", "Thành phần hồ sơ"),
                f"có {len(request.documents)} giấy tờ.",
                f"Tối đa {f.LIST_ITEMS}.",
            )
        )
    for index, doc in enumerate(request.documents[: f.LIST_ITEMS], start=1):
        document = Field(f"documents.{index}", f"Thành phần hồ sơ {index}")
        name = _text_field(doc.name, document, errors, limit=f.SHORT_TEXT)
        if not name:
            errors.append(ValidationError(document, "chưa có tên giấy tờ."))
            continue
        try:
            kind = CopyKind(clean_text(doc.copy_kind) or CopyKind.ORIGINAL.value)
        except ValueError:
            errors.append(
                ValidationError(
                    document,
                    f"loại bản «{doc.copy_kind}» không hợp lệ.",
                    "ban_chinh, ban_sao_chung_thuc hoặc ban_photo.",
                )
            )
            continue
        count = _int_field(doc.count, document.part("count", "Số bản"), errors, minimum=1, maximum=999, default=1)
        documents.append(DocumentItem(name, kind, count))
    if not documents and procedure.effective_documents:  # no checklist: nothing to tick, nothing missing
        errors.append(
            ValidationError(
                Field("documents", "Thành phần hồ sơ"),
                "chưa đánh dấu giấy tờ nào đã nhận.",
                "Đánh dấu các giấy tờ công dân đã nộp.",
            )
        )
    sets_count = _int_field(
        request.sets_count, Field("sets_count", "Số lượng hồ sơ (bộ)"), errors, minimum=1, maximum=99, default=1
    )
    # The fee printed on the receipt is the one typed here or one the catalogue established; an
    # unverified catalogue figure is never used (Procedure.effective_fee).
    default_fee = procedure.effective_fee
    fee = default_fee or 0
    fee_typed = False
    try:
        typed_fee = f.parse_vnd(request.fee_amount, Field("fee", "Phí, lệ phí"))
        fee_typed = typed_fee is not None
        fee = fee if typed_fee is None else typed_fee
    except ValidationError as exc:
        errors.append(exc)
    summary = _text_field(request.summary, Field("summary", "Trích yếu"), errors, limit=f.LONG_TEXT, multiline=True)
    note = _text_field(request.note, Field("note", "Ghi chú"), errors, limit=f.LONG_TEXT, multiline=True)
    deciding_unit = _text_field(
        request.deciding_unit, Field("deciding_unit", "Cơ quan giải quyết"), errors, limit=f.UNIT_NAME
    )
    _text_field(request.request_id, Field("request_id", "Khóa chống trùng"), errors, limit=f.REQUEST_ID)
    duration = procedure.effective_duration
    if clean_text(request.duration_unit):
        try:
            duration = make_duration(request.duration_unit, request.duration_amount)
        except ValidationError as exc:
            errors.append(exc)
    elif duration is None:
        errors.append(
            ValidationError(
                Field("duration_amount", "Thời hạn giải quyết"),
                "danh mục chưa có thời hạn đã đối chiếu nguồn cho thủ tục này.",
                "Nhập thời hạn theo danh mục TTHC tỉnh công bố (ví dụ 5 ngày làm việc) hoặc cập nhật danh mục.",
            )
        )
    if errors:
        raise ValidationErrors(errors)
    assert applicant is not None and duration is not None
    return ValidRegistration(
        applicant=applicant,
        representative=representative,
        channel=channel,
        documents=tuple(documents),
        sets_count=sets_count,
        summary=summary or procedure.name,
        fee_amount=fee,
        note=note,
        result_delivery=delivery,
        deciding_unit=deciding_unit,
        duration=duration,
        warnings=tuple(warnings),
        fee_stated=fee_typed or default_fee is not None,
    )
