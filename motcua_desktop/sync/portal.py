"""A dossier in the national portal's sync fields (``HoSoDongBoDVC``, rules.md §3.6).

Dates are ``yyyyMMddHHmmss`` in Vietnam time; ``TrangThaiHoSo`` 1–10 and ``KenhThucHien`` 1–3 come from
the domain's own mappings; ``QuaTrinhXuLy`` has one row per recorded step (rules.md §3.5).
Codes the rules do not fix (``HinhThuc``, ``LoaiDinhDanh`` for passports) are documented as our
assumption in ``docs/export-format.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.dossier import Dossier, ResultDelivery
from motcua_desktop.domain.identity import IdType
from motcua_desktop.domain.lifecycle import Action, Status
from motcua_desktop.domain.projection import apply_event
from motcua_desktop.domain.vntime import to_vn

DELIVERY_CODES = {ResultDelivery.COUNTER: 1, ResultDelivery.POST: 2, ResultDelivery.ELECTRONIC: 3}
_REFUSED = (Status.REFUSED_AT_COUNTER, Status.REFUSED_AFTER_APPRAISAL)


def portal_time(moment: datetime | None) -> str | None:
    return None if moment is None else to_vn(moment).strftime("%Y%m%d%H%M%S")


def portal_dossier(state_events: Sequence[ev.EventRecord]) -> dict[str, Any] | None:
    """``HoSoDongBoDVC`` of a dossier from its state events (revision 1 onwards, in order);
    None for pre-reception guidance, which the portal does not receive."""
    state: Dossier | None = None
    steps: list[dict[str, Any]] = []
    for event in state_events:
        state = apply_event(state, event)
        assert state is not None
        step = _step(state, event)
        if step is not None:
            steps.append(step)
    if state is None or state.status.national_code is None:
        return None
    d = state
    person = d.applicant
    identity = _identity(person.id_type, person.id_number)
    return {
        "MaHoSo": d.code,
        "MaTTHC": d.procedure.code,
        "TenTTHC": d.procedure.name,
        "MaLinhVuc": "",
        "TenLinhVuc": d.procedure.field,
        "KenhThucHien": d.channel.national_code,
        "TrichYeuHoSo": d.summary,
        "NoiNopHoSo": d.receiving_unit,
        "GhiChu": d.note,
        "ThongTinKhac": {
            "MaDonViTiepNhan": d.receiving_agency_id,
            "DiaChiChuHoSo": person.address.one_line(),
            "NguoiNopThay": d.representative.full_name if d.representative else "",
            "SoTheoDoi": f"{d.book_volume}/{d.book_line}" if d.book_line else "",
        },
        "ChuHoSo": person.full_name,
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "",
        "SoGiayToChuHoSo": person.id_number,
        "DinhDanhCHS": [identity] if identity else [],
        "Email": person.email,
        "Fax": "",
        "SoDienThoai": person.phone,
        "TaiKhoanDuocXacThucVoiVNeID": 0,
        "NgayNopHoSo": portal_time(d.received_at),
        "NgayTiepNhan": portal_time(d.received_at) if d.code else None,
        "NgayHenTra": portal_time(d.due_at),
        "NgayKetThucXuLy": portal_time(d.result_at or d.finished_at),
        "NgayTra": portal_time(d.return_record.returned_at if d.return_record else None),
        "NgayTuChoi": portal_time(d.finished_at) if d.status in _REFUSED else None,
        "TrangThaiHoSo": d.status.national_code,
        "DonViXuLy": d.deciding_unit,
        "HinhThuc": DELIVERY_CODES[d.result_delivery],
        "ThongTinTra": _return_text(d),
        "TaiLieuNop": [
            {"TenTepDinhKem": item.name, "SoBan": item.count, "LoaiBan": item.copy_kind.label, "DuocSoHoa": 0}
            for item in d.documents
        ],
        "DanhSachLePhi": (
            # the catalogue's fee notes (rates of other provinces, examples) are not a fee's name
            [{"TenPhiLePhi": "Phí, lệ phí", "Gia": d.fee_amount, "DaThu": d.fee_paid}] if d.fee_amount else []
        ),
        "DanhSachHoSoBoSung": [
            {
                "NguoiYeuCauBoSung": s.requested_by,
                "NoiDungBoSung": "; ".join(s.items) + (f" ({s.reason})" if s.reason else ""),
                "NgayBoSung": portal_time(s.requested_at),
                "NgayTiepNhanBoSung": portal_time(s.received_at),
                "TrangThaiBoSung": 1 if s.received_at else 0,
                "NgayHenTraTruoc": portal_time(s.due_before),
                "NgayHenTraMoi": portal_time(s.due_after),
            }
            for s in d.supplements
        ],
        "QuaTrinhXuLy": [{"MaHoSo": d.code, **step} for step in steps],
    }


def _identity(id_type: IdType, number: str) -> dict[str, Any] | None:
    if not number:
        return None
    if id_type is IdType.CCCD and len(number) == 12:
        return {"LoaiDinhDanh": 1, "SoDinhDanh": number}
    if id_type is IdType.CMND and len(number) == 9:
        return {"LoaiDinhDanh": 2, "SoDinhDanh": number}
    return None


def _return_text(d: Dossier) -> str:
    record = d.return_record
    if record is None:
        return ""
    return f"Trả cho {record.collector_kind.label.lower()} {record.collector_name}".strip()


def _step(after: Dossier, event: ev.EventRecord) -> dict[str, Any] | None:
    p = event.payload
    if event.kind == ev.DOSSIER_REGISTERED:
        content, unit = "Tiếp nhận hồ sơ" if after.code else after.status.label, after.receiving_unit
    elif event.kind == ev.DOSSIER_TRANSITIONED:
        action = Action(p["action"])
        content = action.label + (f": {p['note']}" if p.get("note") else "")
        unit = after.handovers[-1].to_unit if action is Action.HAND_OVER and after.handovers else after.receiving_unit
    elif event.kind == ev.DOSSIER_CORRECTED:
        content, unit = "Sửa thông tin: " + str(p.get("reason", "")), after.receiving_unit
    else:
        return None
    return {
        "NguoiXuLy": event.actor,
        "ChucDanh": "",
        "ThoiDiemXuLy": portal_time(event.occurred_at),
        "PhongBanXuLy": unit,
        "NoiDungXuLy": content,
        "TrangThai": after.status.national_code,
        "NgayBatDau": portal_time(event.occurred_at),
        "NgayKetThucTheoQuyDinh": portal_time(after.due_at),
    }
