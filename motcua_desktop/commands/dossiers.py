"""``motcua register|show|search|transition|locate|visit``: dossiers from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from motcua_desktop.commands.base import CliApp, CliError, add_command
from motcua_desktop.domain.dossier import Dossier, DossierSummary
from motcua_desktop.domain.errors import NotFound
from motcua_desktop.domain.lifecycle import Action
from motcua_desktop.domain.registration import DocumentInput, PersonInput, RegistrationRequest
from motcua_desktop.domain.serde import to_plain
from motcua_desktop.domain.transitions import input_for
from motcua_desktop.domain.trips import trips
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime
from motcua_desktop.services.dossiers.bundles import checklist, receive
from motcua_desktop.services.dossiers.lifecycle import transition
from motcua_desktop.services.dossiers.lookup import (
    find_dossier,
    open_dossier,
    record_not_ready_visit,
    search_dossiers,
    set_file_location,
)

SHOW_CANDIDATES = 10  # ``show`` by a search lists at most this many codes to choose from


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = add_command(subparsers, "register", run_register, "tiếp nhận một hồ sơ (in mã hồ sơ và ngày hẹn trả)")
    p.add_argument("--procedure", required=True, metavar="MÃ_TTHC", help="mã thủ tục trong danh mục, ví dụ 1.001193")
    person_options(p, "", "người nộp / chủ hồ sơ", required=True)
    person_options(p, "rep-", "người được ủy quyền nộp thay (nếu có)", required=False)
    p.add_argument("--channel", default="truc_tiep", help="truc_tiep (mặc định), truc_tuyen hoặc buu_chinh")
    p.add_argument(
        "--document",
        action="append",
        default=[],
        metavar="TÊN[:LOẠI[:SỐ_BẢN]]",
        help="giấy tờ đã nhận (lặp lại được); LOẠI: ban_chinh, ban_sao_chung_thuc, ban_photo",
    )
    p.add_argument(
        "--all-documents", action="store_true", help="nhận đủ các giấy tờ của thủ tục theo danh mục (bản chính)"
    )
    p.add_argument("--sets", default="1", help="số lượng hồ sơ (bộ)")
    p.add_argument("--summary", default="", help="trích yếu nội dung")
    p.add_argument("--fee", default="", help="phí, lệ phí (đồng); mặc định theo danh mục")
    p.add_argument("--note", default="", help="ghi chú")
    p.add_argument("--delivery", default="tai_quay", help="nơi nhận kết quả: tai_quay, buu_chinh, dien_tu")
    p.add_argument("--deciding-unit", default="", help="cơ quan giải quyết (nếu khác mặc định)")
    p.add_argument(
        "--duration-unit",
        default="",
        help="loại thời hạn khi danh mục chưa có: working-days, calendar-days, hours, same-day",
    )
    p.add_argument("--duration", default="", help="số thời hạn khi danh mục chưa có, ví dụ 5 hoặc 2,5")
    p.add_argument("--request-id", default="", help="khóa chống trùng: gửi lại cùng khóa không tạo hồ sơ mới")
    p.add_argument(
        "--part",
        action="append",
        default=[],
        metavar="PHẦN",
        help="thủ tục liên thông: chỉ tiếp nhận phần này (lặp lại được; ví dụ khai-sinh, thuong-tru)",
    )

    s = add_command(subparsers, "show", run_show, "xem hồ sơ và toàn bộ lịch sử (việc xem được ghi nhật ký)")
    s.add_argument(
        "code",
        metavar="MÃ_HỒ_SƠ",
        help="mã hồ sơ, mã không có dấu chấm/gạch, số mã vạch, hoặc số căn cước/điện thoại/tên khớp đúng một hồ sơ",
    )

    q = add_command(
        subparsers, "search", run_search, "tìm hồ sơ theo mã, tên (gõ không dấu được), số căn cước, số điện thoại"
    )
    q.add_argument("query", metavar="NỘI_DUNG")
    q.add_argument("--limit", type=int, default=50)
    q.add_argument("--prefix", action="store_true", help="từ cuối là tiền tố (ví dụ 'nguyen van a')")

    t = add_command(
        subparsers,
        "transition",
        run_transition,
        "chuyển trạng thái hồ sơ",
        "Thao tác theo quy trình: " + ", ".join(f"{a.value} ({a.label.lower()})" for a in Action) + ".",
    )
    t.add_argument("code", metavar="MÃ_HỒ_SƠ")
    t.add_argument("action", metavar="THAO_TÁC", choices=[a.value for a in Action])
    t.add_argument("--note", default="", help="lý do / nội dung (bắt buộc với yêu cầu bổ sung, gia hạn, dừng, từ chối)")
    t.add_argument("--to-unit", default="", help="chuyển xử lý: cơ quan nhận")
    t.add_argument("--receiver", default="", help="chuyển xử lý: người nhận")
    t.add_argument("--item", action="append", default=[], help="yêu cầu bổ sung: giấy tờ cần bổ sung (lặp lại được)")
    t.add_argument("--new-due", default="", help="gia hạn: ngày hẹn mới dd/mm/yyyy [hh:mm]")
    t.add_argument("--amount", default="", help="phí, nghĩa vụ tài chính (đồng)")
    t.add_argument("--collector-kind", default="chu_ho_so", help="trả kết quả: chu_ho_so hoặc nguoi_duoc_uy_quyen")
    t.add_argument("--collector-name", default="")
    t.add_argument("--collector-id-type", default="CCCD")
    t.add_argument("--collector-id", default="")
    t.add_argument("--originals", default="0", help="trả kết quả: số bản chính trả lại")
    t.add_argument("--fee", default="", help="trả kết quả: phí, lệ phí đã thu")
    t.add_argument("--rating", default="", help="đánh giá: rat_hai_long, hai_long, khong_hai_long")
    t.add_argument("--expected-rev", type=int, default=None, help="phiên bản hồ sơ đang xem (chống ghi đè)")

    loc = add_command(subparsers, "locate", run_locate, "ghi nơi lưu hồ sơ giấy")
    loc.add_argument("code", metavar="MÃ_HỒ_SƠ")
    loc.add_argument("location", metavar="NƠI_LƯU")

    visit = add_command(subparsers, "visit", run_visit, "ghi lượt công dân đến nhận mà chưa có kết quả")
    visit.add_argument("code", metavar="MÃ_HỒ_SƠ")


def person_options(p: argparse.ArgumentParser, prefix: str, who: str, *, required: bool) -> None:
    p.add_argument(f"--{prefix}name", required=required, default="", help=f"họ và tên {who}")
    p.add_argument(f"--{prefix}birth-date", default="", help="ngày sinh dd/mm/yyyy")
    p.add_argument(f"--{prefix}sex", default="", help="nam hoặc nu")
    p.add_argument(f"--{prefix}id-type", default="CCCD", help="CCCD (mặc định), CMND, HO_CHIEU, KHAC")
    p.add_argument(f"--{prefix}id-number", default="", help="số giấy tờ tùy thân")
    p.add_argument(f"--{prefix}phone", default="")
    p.add_argument(f"--{prefix}email", default="")
    p.add_argument(f"--{prefix}address", default="", help="số nhà, thôn/xóm")
    p.add_argument(f"--{prefix}province", default="", help="tỉnh/thành phố (mã hoặc tên)")
    p.add_argument(f"--{prefix}commune", default="", help="xã/phường (mã hoặc tên)")


def person(args: argparse.Namespace, prefix: str) -> PersonInput:
    def get(name: str) -> str:
        return str(getattr(args, (prefix + name).replace("-", "_")))

    return PersonInput(
        full_name=get("name"),
        birth_date=get("birth_date"),
        sex=get("sex"),
        id_type=get("id_type"),
        id_number=get("id_number"),
        phone=get("phone"),
        email=get("email"),
        address_detail=get("address"),
        province=get("province"),
        commune=get("commune"),
    )


def documents(args: argparse.Namespace, app: CliApp) -> list[DocumentInput]:
    items = []
    for spec in args.document:
        name, _, rest = spec.partition(":")
        kind, _, count = rest.partition(":")
        items.append(DocumentInput(name, kind or "ban_chinh", count or 1))
    if args.all_documents:
        items.extend(DocumentInput(name) for name in checklist(app.anonymous(), args.procedure))
    return items


def run_register(app: CliApp) -> int:
    a = app.args
    ctx = app.context()
    request = RegistrationRequest(
        procedure=a.procedure,
        applicant=person(a, ""),
        representative=person(a, "rep_") if a.rep_name else None,
        channel=a.channel,
        documents=documents(a, app),
        sets_count=a.sets,
        summary=a.summary,
        fee_amount=a.fee,
        note=a.note,
        result_delivery=a.delivery,
        deciding_unit=a.deciding_unit,
        duration_unit=a.duration_unit,
        duration_amount=a.duration,
        request_id=a.request_id,
    )
    result = receive(ctx, request, parts=a.part)
    d = result.dossier
    text = [
        (
            "Hồ sơ này đã được tiếp nhận trước đó (cùng khóa chống trùng): "
            if result.already_registered
            else "Đã tiếp nhận hồ sơ: "
        )
        + str(d.code),
        f"Người nộp: {d.applicant.full_name}",
        f"Thủ tục: {d.procedure.name}",
        f"Tiếp nhận lúc: {fmt_datetime(d.received_at)}",
        f"Hẹn trả kết quả: {fmt_datetime(d.due_at)}",
        f"Sổ theo dõi: quyển {d.book_volume}, số thứ tự {d.book_line}",
        *(f"Hồ sơ liên thông: {p.code} – {p.procedure.name}, hẹn {fmt_datetime(p.due_at)}" for p in result.bundle),
        *(f"Lưu ý: {w}" for w in result.warnings),
    ]
    app.emit(
        {
            "code": d.code,
            "uuid": d.uuid,
            "received_at": d.received_at,
            "due_at": d.due_at,
            "book_volume": d.book_volume,
            "book_line": d.book_line,
            "already_registered": result.already_registered,
            "warnings": list(result.warnings),
            **(
                {
                    "bundle": [
                        {"code": p.code, "procedure": p.procedure.code, "due_at": p.due_at} for p in result.bundle
                    ],
                    "bundle_missing": [p.name for p in result.bundle_missing],
                }
                if result.bundle
                else {}
            ),
        },
        "\n".join(text),
    )
    return 0


def run_show(app: CliApp) -> int:
    ctx = app.context()
    reference = app.args.code
    try:
        view = open_dossier(ctx, reference, purpose="xem bằng dòng lệnh")
    except NotFound:
        # Not a code: what the citizen brings back (CCCD number, phone, name) when it finds one dossier.
        found = search_dossiers(ctx, reference, limit=SHOW_CANDIDATES)
        if not found:
            raise
        if len(found) > 1:
            raise CliError(
                f"Có {len(found)}{'+' if len(found) == SHOW_CANDIDATES else ''} hồ sơ khớp «{reference}»; "
                "hãy gõ mã hồ sơ: " + ", ".join(s.code or s.uuid for s in found)
            ) from None
        view = open_dossier(ctx, found[0].code or found[0].uuid, purpose="xem bằng dòng lệnh")
    d = view.dossier
    app.emit(
        {"dossier": to_plain(d, compact=False), "history": view.history, "prints": view.prints},
        lambda: (
            describe(d)
            + "\n\nLịch sử:\n"
            + "\n".join(
                f"  {fmt_datetime(h.at)}  {h.actor:<14} {h.title}" + (f" – {h.detail}" if h.detail else "")
                for h in view.history
            )
        ),
    )
    return 0


def describe(d: Dossier) -> str:
    rows: list[tuple[str, Any]] = [
        ("Mã hồ sơ", d.code or "(chưa cấp – ngoài quy trình tiếp nhận)"),
        ("Trạng thái", d.status.label),
        ("Thủ tục", f"{d.procedure.code} {d.procedure.name}"),
        ("Người nộp", d.applicant.full_name),
        ("Số giấy tờ", d.applicant.id_number),
        ("Điện thoại", d.applicant.phone),
        ("Địa chỉ", d.applicant.address.one_line()),
        ("Người được ủy quyền", d.representative.full_name if d.representative else ""),
        ("Kênh", d.channel.label),
        ("Tiếp nhận", f"{fmt_datetime(d.received_at)} bởi {d.received_by}"),
        ("Hẹn trả", fmt_datetime(d.due_at)),
        ("Hẹn trả ban đầu", fmt_datetime(d.original_due_at) if d.original_due_at != d.due_at else ""),
        ("Kết quả", d.outcome.label if d.outcome else ""),
        ("Nơi lưu hồ sơ giấy", d.file_location),
        ("Thành phần hồ sơ", "; ".join(f"{x.name} ({x.copy_kind.label.lower()}, {x.count})" for x in d.documents)),
    ]
    return "\n".join(f"{label + ':':<22}{value}" for label, value in rows if value)


def run_search(app: CliApp) -> int:
    found = search_dossiers(app.context(), app.args.query, limit=app.args.limit, prefix=app.args.prefix)
    app.emit(found, lambda: summary_table(found))
    return 0


def summary_table(found: list[DossierSummary]) -> str:
    lines = [f"{'Mã hồ sơ':<27} {'Tiếp nhận':<11} {'Hẹn trả':<11} {'Trạng thái':<22} Người nộp"]
    for s in found:
        lines.append(
            f"{s.code or '-':<27} {fmt_date(s.received_at):<11} {fmt_date(s.due_at):<11} "
            f"{s.status.label[:22]:<22} {s.applicant_name}"
        )
    lines.append(f"{len(found)} hồ sơ.")
    return "\n".join(lines)


def run_transition(app: CliApp) -> int:
    a = app.args
    action = Action(a.action)
    request = input_for(  # the options this action takes; the others are ignored
        action,
        {
            "note": a.note,
            "to_unit": a.to_unit,
            "receiver": a.receiver,
            "items": a.item,
            "new_due": a.new_due,
            "amount": a.amount,
            "collector_kind": a.collector_kind,
            "collector_name": a.collector_name,
            "collector_id_type": a.collector_id_type,
            "collector_id_number": a.collector_id,
            "originals_returned": a.originals,
            "fee_collected": a.fee,
            "rating": a.rating,
        },
    )
    ctx = app.context()
    result = transition(ctx, find_dossier(ctx, a.code, expected_rev=a.expected_rev), request)
    d = result.dossier
    app.emit(
        {"code": d.code, "status": d.status, "due_at": d.due_at, "rev": d.rev, "warnings": list(result.warnings)},
        "\n".join(
            [
                f"Hồ sơ {d.code}: {action.label} → {d.status.label}. Hẹn trả: {fmt_datetime(d.due_at)}",
                *(f"Lưu ý: {w}" for w in result.warnings),
            ]
        ),
    )
    return 0


def run_locate(app: CliApp) -> int:
    ctx = app.context()
    d = set_file_location(ctx, find_dossier(ctx, app.args.code), app.args.location)
    app.emit({"code": d.code, "file_location": d.file_location}, f"Hồ sơ {d.code} lưu tại: {d.file_location}")
    return 0


def run_visit(app: CliApp) -> int:
    ctx = app.context()
    d = record_not_ready_visit(ctx, find_dossier(ctx, app.args.code))
    count = trips(d)
    app.emit(
        {"code": d.code, "trips": count},
        f"Đã ghi: công dân đến nhận hồ sơ {d.code} nhưng chưa có kết quả (lần đi lại thứ {count}).",
    )
    return 0
