"""The named values a template can print, built from a dossier and the print context.

Every value is NFC text already formatted the Vietnamese way (dates dd/mm/yyyy or "ngày …
tháng … năm …", money "50.000 đồng"), so templates only choose wording and order.
``docs/printing.md`` lists the names.
"""

from __future__ import annotations

from datetime import date, datetime

from motcua_desktop.domain.codes import barcode_key
from motcua_desktop.domain.dossier import CopyKind, Dossier, Person, ResultDelivery
from motcua_desktop.domain.identity import IdType
from motcua_desktop.domain.money import format_vnd
from motcua_desktop.domain.text import nfc
from motcua_desktop.domain.vntime import fmt_date, official_date, official_time, to_vn
from motcua_desktop.printing.builder import Fields, Row
from motcua_desktop.printing.context import FormContext, PrintOptions
from motcua_desktop.printing.control_sheet import handover_rows

ID_LABELS = {
    IdType.CCCD: "Số định danh cá nhân",
    IdType.CMND: "Số CMND",
    IdType.PASSPORT: "Số hộ chiếu",
    IdType.OTHER: "Số giấy tờ tùy thân",
}


# Form 01 item 6 reads "Đăng ký nhận kết quả tại: …": the place, without the list label's "Tại".
RESULT_PLACES = {
    ResultDelivery.COUNTER: "Bộ phận tiếp nhận và trả kết quả",
    ResultDelivery.POST: "địa chỉ của người nộp hồ sơ, qua dịch vụ bưu chính công ích",
    ResultDelivery.ELECTRONIC: "Cổng Dịch vụ công quốc gia",
}


def date_words(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_vn(day).date()
    return official_date(day)


def common_values(context: FormContext, options: PrintOptions) -> dict[str, str]:
    """Office, signer, date line and option flags: the same on every form."""
    office = context.office
    printed = to_vn(context.printed_at)
    values = {
        "superior": office.superior_name,
        "superior_upper": office.superior_name.upper(),
        "unit": office.unit_name,
        "unit_upper": office.unit_name.upper(),
        "agency_id": office.agency_id,
        "office_phone": office.phone,
        "office_address": office.address,
        "place": office.place_name or office.commune_name,
        "date_words": official_date(printed.date()),
        "printed_date": fmt_date(printed),
        "printed_time": f"{printed:%H:%M}",
        "clerk_name": context.clerk_name,
        "document_number": context.document_number,
        # A letter's number comes from the issuing office's register; when the office gives none the
        # line keeps dots to be numbered by hand, never a number made up here.
        "number_or_dots": context.document_number or "………/………",
        "website": context.website,
        "contact_name": context.contact_name or context.clerk_name,
        "contact_phone": context.contact_phone or office.phone,
        "signer_title": context.signer_title,
        "signer_name": context.signer_name,
        "qr": "1" if options.qr else "",
        "reprint": "1" if options.reprint else "",
        "corrected": "1" if options.corrected else "",
        "copy_label": "",
    }
    for key, value in {**office.extra, **context.extra}.items():
        values[f"extra.{key}"] = value
    return values


def fee_text(dossier: Dossier) -> str:
    """The fee as form 01 prints it: the amount, or "Không thu phí"; "" (the line is left out) when no
    fee was stated at reception and the catalogue established none. Notes about provincial rates or
    examples are never printed."""
    if dossier.fee_amount > 0:
        return format_vnd(dossier.fee_amount)
    if dossier.fee_stated or dossier.procedure.fee_amount == 0:
        return "Không thu phí"
    return ""


def content_text(procedure_name: str, summary: str) -> str:
    """ "Nội dung yêu cầu giải quyết": the procedure's name once, then the summary when it adds to it
    (a summary that repeats or begins with the name is printed alone)."""
    name, summary = procedure_name.strip(), summary.strip()
    if not summary or summary.casefold() == name.casefold():
        return name
    if summary.casefold().startswith(name.casefold()):
        return summary
    return f"{name}: {summary}"


def person_values(prefix: str, person: Person | None) -> dict[str, str]:
    if person is None:
        person = Person(full_name="")
    return {
        f"{prefix}_name": person.full_name,
        f"{prefix}_address": person.address.one_line(),
        f"{prefix}_phone": person.phone,
        f"{prefix}_email": person.email,
        f"{prefix}_id_label": ID_LABELS.get(person.id_type, "Số giấy tờ") if person.id_number else "",
        f"{prefix}_id_number": person.id_number,
        f"{prefix}_birth_date": fmt_date(person.birth_date),
    }


def dossier_fields(dossier: Dossier, context: FormContext, options: PrintOptions) -> Fields:
    """Every value of a dossier the forms print, plus its lists (documents, items, hand-overs)."""
    values = common_values(context, options)
    values.update(person_values("applicant", dossier.applicant))
    values.update(person_values("representative", dossier.representative))
    procedure = dossier.procedure
    code = dossier.code or ""
    summary = dossier.summary
    appointment = context.appointment_text or official_time(dossier.due_at)
    supplement = dossier.open_supplement
    extension = dossier.extension
    deciding = dossier.deciding_unit or procedure.deciding_agency or context.office.deciding_unit
    values.update(
        {
            "code": code,
            "barcode_key": barcode_key(code) if code else "",
            "submitter_name": (dossier.representative or dossier.applicant).full_name,
            "channel": dossier.channel.label,
            "status": dossier.status.label,
            "receiving_unit": dossier.receiving_unit or context.office.unit_name,
            "deciding_unit": deciding,
            "deciding_unit_upper": deciding.upper(),
            "procedure_name": procedure.name,
            "procedure_code": procedure.code,
            "procedure_field": procedure.field,
            "summary": summary,
            "content": content_text(procedure.name, summary),
            "sets_count": str(dossier.sets_count),
            "documents_count": str(len(dossier.documents)),
            "duration": procedure.duration.label() if procedure.duration else "",
            "received_time": official_time(dossier.received_at),
            "received_date": fmt_date(dossier.received_at),
            "received_date_words": date_words(dossier.received_at),
            "appointment": appointment,
            "due_date": fmt_date(dossier.due_at),
            "original_due_date": fmt_date(dossier.original_due_at or dossier.due_at),
            "result_delivery": RESULT_PLACES[dossier.result_delivery],
            "fee": fee_text(dossier),
            "book_volume": dossier.book_volume,
            "book_line": str(dossier.book_line) if dossier.book_line else "",
            "note": dossier.note,
            "reason": (supplement.reason if supplement else "") or dossier.reason,
            "guide_name": context.clerk_name,
            "extension_reason": extension.reason if extension else "",
            "old_due_words": date_words(extension.old_due_at) if extension else "",
            "old_due_time": official_time(extension.old_due_at) if extension else "",
            "new_due_words": date_words(extension.new_due_at) if extension else "",
            "new_due_time": official_time(extension.new_due_at) if extension else "",
            "extension_date_words": date_words(extension.at) if extension else "",
            "stop_request_date": date_words(context.stop_requested_on or dossier.finished_at),
            "stop_date": date_words(dossier.finished_at),
            "current_unit": dossier.handovers[-1].to_unit if dossier.handovers else "",
            "coordinating_units": _coordinating(dossier),
            "bundle_name": context.bundle_name,
            "bundle_appointment": context.bundle_appointment,
        }
    )
    documents: list[Row] = [
        {
            "n": str(i),
            "name": doc.name,
            "kind": doc.copy_kind.label,
            "count": str(doc.count),
            "original": str(doc.count) if doc.copy_kind is CopyKind.ORIGINAL else "",
            "certified": str(doc.count) if doc.copy_kind is CopyKind.CERTIFIED_COPY else "",
            "photo": str(doc.count) if doc.copy_kind is CopyKind.PHOTOCOPY else "",
        }
        for i, doc in enumerate(dossier.documents, 1)
    ]
    items = supplement.items if supplement else dossier.missing_items
    handovers = handover_rows(dossier, context.office.unit_name)
    return Fields(
        _nfc_values(values),
        {
            "documents": _nfc_rows(documents),
            "missing_items": _nfc_rows([{"n": str(i), "name": item} for i, item in enumerate(items, 1)]),
            "handovers": _nfc_rows(handovers),
            "bundle_parts": _nfc_rows(
                [
                    {"n": str(i), "code": code, "procedure": name, "agency": agency, "due": due}
                    for i, (code, name, agency, due) in enumerate(context.bundle_parts, 1)
                ]
            ),
            "bundle_missing": _nfc_rows(
                [
                    {"n": str(i), "name": name, "agency": agency}
                    for i, (name, agency) in enumerate(context.bundle_missing, 1)
                ]
            ),
        },
    )


def _coordinating(dossier: Dossier) -> str:
    """Units the dossier went to besides the counter and the deciding unit (form 06, item 8)."""
    skip = {dossier.receiving_unit, dossier.deciding_unit}
    seen: list[str] = []
    for h in dossier.handovers:
        for unit in (h.from_unit, h.to_unit):
            if unit and unit not in skip and unit not in seen:
                seen.append(unit)
    return ", ".join(seen)


def _nfc_values(values: dict[str, str]) -> dict[str, str]:
    return {k: nfc(v) for k, v in values.items()}


def _nfc_rows(rows: list[Row]) -> list[Row]:
    return [{k: nfc(v) for k, v in row.items()} for row in rows]


def with_values(fields: Fields, **more: str) -> Fields:
    return Fields({**fields.values, **{k: nfc(v) for k, v in more.items()}}, fields.lists)
