"""``motcua export|import|verify|upstream|sync``: end-of-day packages, consolidation, acknowledgements, keys."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from motcua_desktop.commands.base import CliApp, CliError, add_command, runs_in_safe_mode
from motcua_desktop.domain.vntime import fmt_date, fmt_datetime, parse_date
from motcua_desktop.paths import database_path
from motcua_desktop.services.core.context import SystemClock
from motcua_desktop.services.sync import export as sync
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.services.sync.conflicts import DossierConflict, list_conflicts, resolve_conflict
from motcua_desktop.services.sync.import_reports import sync_reports
from motcua_desktop.services.sync.import_results import REJECTED
from motcua_desktop.services.sync.imports import import_files
from motcua_desktop.services.sync.verify import verify_file_with

REPORT_KINDS = {
    "gap": "Thiếu gói",
    "fork": "Hai phiên bản",
    "dossier_conflict": "Xung đột hồ sơ",
    "duplicate": "Có thể trùng",
}


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    e = add_command(
        subparsers,
        "export",
        run_export,
        "xuất dữ liệu cuối ngày ra USB (đã mã hóa, có chữ ký)",
        "Đóng gói các sự kiện chưa xuất của máy này (mã hóa cho cơ quan cấp trên và điểm tổng hợp, ký bằng khóa "
        "của máy), ghi vào thư mục đích cùng mọi gói chưa được xác nhận, đọc lại kiểm tra từng tệp.",
    )
    e.add_argument("--to", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục đích, ví dụ ổ USB E:\\")
    e.add_argument(
        "--since", default="", metavar="dd/mm/yyyy", help="ghi lại cả các gói đã được xác nhận lập từ ngày này"
    )
    i = add_command(
        subparsers,
        "import",
        run_import,
        "nhập gói dữ liệu của quầy khác (tổng hợp) hoặc tệp xác nhận của cấp trên",
        "Nhập các tệp *.manifest.json (gói dữ liệu) và *.ack.json (xác nhận); có thể chỉ định thư mục. Mỗi gói "
        "được nhập trọn vẹn hoặc không nhập gì.",
    )
    i.add_argument("files", nargs="+", type=Path, metavar="TỆP")
    v = add_command(
        subparsers,
        "verify",
        run_verify,
        "kiểm tra một gói, tệp xác nhận hoặc thẻ khóa (không nhập, không cần đăng nhập)",
    )
    v.add_argument("file", type=Path, metavar="TỆP")
    _register_upstream(subparsers)
    _register_sync(subparsers)


def _register_upstream(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "upstream",
        help="công cụ phía cơ quan cấp trên: tạo khóa, giải mã, xác nhận, chuyển sang trường Cổng DVC quốc gia",
        description="Dùng ở cơ quan cấp trên (hoặc bởi người tích hợp hệ thống). Không cần cơ sở dữ liệu quầy; "
        "mọi khóa và tiến độ nằm trong thư mục --home.",
    )
    sub = p.add_subparsers(dest="upstream_command", metavar="LỆNH", required=True)
    k = _leaf(sub, "keygen", run_keygen, "tạo cặp khóa của cơ quan (X25519 + Ed25519) và thẻ khóa công khai")
    k.add_argument("--name", required=True, help='tên cơ quan, ví dụ "Sở Nội vụ tỉnh Thanh Hóa"')
    n = _leaf(sub, "enrol", run_enrol, "đăng ký thẻ khóa của máy quầy (so dấu vân tay trước)")
    n.add_argument("files", nargs="+", type=Path, metavar="THẺ_KHÓA")
    d = _leaf(sub, "decrypt", run_decrypt, "kiểm tra, giải mã gói; ghi sự kiện dạng JSON Lines")
    d.add_argument("files", nargs="+", type=Path, metavar="TỆP")
    d.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    a = _leaf(sub, "ack", run_ack, "kiểm tra gói và tạo tệp xác nhận có chữ ký để gửi lại quầy")
    a.add_argument("files", nargs="+", type=Path, metavar="TỆP")
    a.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    t = _leaf(sub, "to-portal-json", run_portal, "chuyển hồ sơ trong gói sang trường đồng bộ của Cổng DVC quốc gia")
    t.add_argument("files", nargs="+", type=Path, metavar="TỆP")
    t.add_argument("--out", required=True, type=Path, metavar="TỆP_JSON")


def _leaf(sub: Any, name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
    leaf = add_command(sub, name, handler, help_text)
    leaf.add_argument("--home", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục khóa của cơ quan cấp trên")
    return leaf


def _register_sync(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "sync",
        help="khóa đồng bộ, nơi nhận, đăng ký máy quầy, tình trạng và báo cáo đồng bộ",
        description="Cấu hình một lần bởi quản trị viên: thẻ khóa của máy này, nơi nhận gói (cơ quan cấp trên, "
        "điểm tổng hợp), máy quầy được nhận gói; xem tình trạng xuất và báo cáo cần xử lý.",
    )
    sub = p.add_subparsers(dest="sync_command", metavar="LỆNH", required=True)
    c = add_command(sub, "card", run_card, "ghi thẻ khóa công khai của máy này (để đăng ký ở điểm tổng hợp, cấp trên)")
    c.add_argument("--out", required=True, metavar="TỆP_HOẶC_THƯ_MỤC")  # text: a final "/" means a folder
    r = sub.add_parser("recipient", help="nơi nhận gói (thẻ khóa của cơ quan cấp trên, máy tổng hợp)")
    rs = r.add_subparsers(dest="recipient_command", metavar="LỆNH", required=True)
    ra = add_command(rs, "add", run_recipient_add, "thêm nơi nhận từ thẻ khóa")
    ra.add_argument("file", type=Path, metavar="THẺ_KHÓA")
    add_command(rs, "list", run_recipient_list, "liệt kê nơi nhận")
    rr = add_command(rs, "remove", run_recipient_remove, "bỏ một nơi nhận")
    rr.add_argument("fingerprint", metavar="DẤU_VÂN_TAY")
    dv = sub.add_parser("device", help="máy quầy được nhận gói tại máy này (điểm tổng hợp)")
    ds = dv.add_subparsers(dest="device_command", metavar="LỆNH", required=True)
    da = add_command(ds, "add", run_device_add, "đăng ký máy quầy từ thẻ khóa của máy đó")
    da.add_argument("file", type=Path, metavar="THẺ_KHÓA")
    add_command(ds, "list", run_device_list, "liệt kê máy quầy đã đăng ký")
    add_command(sub, "status", run_status, "số hồ sơ, sự kiện chưa xuất / chưa được xác nhận")
    rep = add_command(sub, "reports", run_reports, "các tình huống cần lãnh đạo xem xét (thiếu gói, xung đột, trùng)")
    rep.add_argument("--all", action="store_true", help="cả các báo cáo đã xử lý")
    add_command(sub, "conflicts", run_conflicts, "hồ sơ bị hai quầy cùng cập nhật, với các phiên bản để chọn")
    res = add_command(
        sub,
        "resolve",
        run_resolve,
        "lãnh đạo chọn phiên bản giữ lại của một hồ sơ xung đột (ghi nhật ký, gửi đi ở lần xuất sau)",
    )
    res.add_argument("code", metavar="MÃ_HỒ_SƠ")
    res.add_argument(
        "--keep", required=True, metavar="SỐ", help="số thứ tự phiên bản giữ lại (xem «motcua sync conflicts»)"
    )
    res.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do chọn (ghi vào nhật ký)")


# --- counter side ----------------------------------------------------------------------------------


def run_export(app: CliApp) -> int:
    a = app.args
    since = None
    if a.since:
        try:
            since = parse_date(a.since)
        except ValueError:
            raise CliError(f"--since «{a.since}» không phải ngày; dạng dd/mm/yyyy.") from None
    if not a.to.is_dir():
        raise CliError(f"Không tìm thấy thư mục đích «{a.to}». Cắm USB và chỉ đúng ổ (ví dụ E:\\).")
    ctx = app.context()
    result = sync.export_to(ctx, a.to, since=since, progress=app.progress)
    summary = sync.export_summary(ctx)
    app.emit({"result": result, "summary": summary}, lambda: f"{result.message}\n{summary.text}.")
    return 0


def run_import(app: CliApp) -> int:
    ctx = app.context()
    report = import_files(ctx, app.args.files)
    app.emit(report, report.message)
    return 2 if any(o.status == REJECTED for o in report.outcomes) else 0


@runs_in_safe_mode
def run_verify(app: CliApp) -> int:
    result = verify_file_with(app.args.file, database_path(app.data_dir))
    app.emit(result, result.message)
    return 0


# --- administrator ---------------------------------------------------------------------------------


def run_card(app: CliApp) -> int:
    path, card = sync_keys.save_this_pc_card(app.context(), app.args.out)
    app.emit(
        {"file": str(path), "card": card},
        f"Đã ghi thẻ khóa «{path}».\n{sync_upstream.card_text(card)}\n"
        "Đọc dấu vân tay cho nơi nhận để họ so trước khi đăng ký.",
    )
    return 0


def run_recipient_add(app: CliApp) -> int:
    row = sync_keys.add_recipient(app.context(), _read(app.args.file), app.args.file.name)
    app.emit(
        row, f"Đã thêm nơi nhận: {row.name} ({sync_keys.ROLE_LABELS[row.role]}), dấu vân tay khóa {row.fingerprint}."
    )
    return 0


@runs_in_safe_mode
def run_recipient_list(app: CliApp) -> int:
    rows = sync_keys.list_recipients(app.context())
    app.emit(
        rows,
        lambda: (
            "\n".join(f"{r.fingerprint}  {sync_keys.ROLE_LABELS[r.role]:<26} {r.name}" for r in rows)
            or "Chưa có nơi nhận nào; dữ liệu chưa thể xuất."
        ),
    )
    return 0


def run_recipient_remove(app: CliApp) -> int:
    sync_keys.remove_recipient(app.context(), app.args.fingerprint)
    app.emit({"removed": app.args.fingerprint}, f"Đã bỏ nơi nhận {app.args.fingerprint}.")
    return 0


def run_device_add(app: CliApp) -> int:
    row = sync_keys.enrol_device(app.context(), _read(app.args.file), app.args.file.name)
    app.emit(row, f"Đã đăng ký máy {row.device_id} (quầy {row.counter_no}), dấu vân tay khóa ký {row.fingerprint}.")
    return 0


@runs_in_safe_mode
def run_device_list(app: CliApp) -> int:
    rows = sync_keys.list_devices(app.context())
    app.emit(
        rows,
        lambda: (
            "\n".join(f"Quầy {r.counter_no:<3} {r.device_id:<14} {r.fingerprint}  {r.name}" for r in rows)
            or "Chưa đăng ký máy quầy nào."
        ),
    )
    return 0


@runs_in_safe_mode
def run_status(app: CliApp) -> int:
    summary = sync.export_summary(app.context())
    app.emit(
        summary, summary.text + ("" if summary.upstream_configured else "\nChưa cấu hình khóa của cơ quan cấp trên.")
    )
    return 0


@runs_in_safe_mode
def run_reports(app: CliApp) -> int:
    rows = sync_reports(app.context(), include_resolved=app.args.all)
    app.emit(
        rows,
        lambda: (
            "\n".join(
                f"{fmt_date(r.created_at)}  {REPORT_KINDS[r.kind]:<15} {r.message}"
                + (f" (đã xử lý {fmt_date(r.resolved_at)})" if r.resolved_at else "")
                for r in rows
            )
            or "Không có tình huống nào cần xem xét."
        ),
    )
    return 0


def describe_conflict(c: DossierConflict) -> str:
    lines = [f"Hồ sơ {c.code or c.dossier_uuid} ({c.applicant}): hai quầy cùng cập nhật phiên bản {c.rev}."]
    for v in c.versions:
        more = f", sau đó thêm {v.following} thao tác" if v.following else ""
        lines.append(f"  {v.number}. {v.counter}: {v.action} – {v.actor}, {fmt_datetime(v.at)}{more}")
    return "\n".join(lines)


@runs_in_safe_mode
def run_conflicts(app: CliApp) -> int:
    found = list_conflicts(app.context())
    app.emit(
        found,
        lambda: (
            "\n".join(describe_conflict(c) for c in found)
            + "\nChọn phiên bản giữ lại: motcua sync resolve MÃ_HỒ_SƠ --keep SỐ --reason LÝ_DO"
            if found
            else "Không có hồ sơ nào xung đột giữa các quầy."
        ),
    )
    return 0


def run_resolve(app: CliApp) -> int:
    a = app.args
    left = resolve_conflict(app.context(), a.code, a.keep, a.reason)
    app.emit(
        {"code": a.code, "kept": a.keep, "still_in_conflict": left},
        f"Đã giữ phiên bản {a.keep} của hồ sơ {a.code}; các phiên bản khác được để riêng (vẫn trong nhật ký). "
        "Quyết định này được gửi đi ở lần xuất dữ liệu sau."
        + (f"\nCòn xung đột ở phiên bản sau:\n{describe_conflict(left)}" if left else ""),
    )
    return 0


# --- upstream side ---------------------------------------------------------------------------------


def run_keygen(app: CliApp) -> int:
    card = sync_upstream.keygen(app.args.home, app.args.name, SystemClock())
    path = app.args.home / sync_upstream.CARD_FILE
    app.emit(
        {"card_file": str(path), "card": card},
        f"Đã tạo khóa trong «{app.args.home}». Gửi tệp «{path.name}» cho quản trị viên các quầy.\n"
        f"{sync_upstream.card_text(card)}\nGiữ kín các tệp *.key; sao lưu chúng ở nơi an toàn.",
    )
    return 0


def run_enrol(app: CliApp) -> int:
    found = [sync_upstream.enrol(app.args.home, _read(f), f.name) for f in app.args.files]
    app.emit(found, lambda: "\n".join("Đã đăng ký " + sync_upstream.card_text(c) for c in found))
    return 0


def run_decrypt(app: CliApp) -> int:
    written = sync_upstream.decrypt(app.args.home, app.args.files, app.args.out)
    app.emit(written, lambda: "\n".join(f"{w.path}: {w.description}" for w in written))
    return 0


def run_ack(app: CliApp) -> int:
    outcome = sync_upstream.acknowledge(app.args.home, app.args.files, app.args.out, SystemClock())
    app.emit(
        outcome,
        lambda: (
            "\n".join(
                [
                    *(f"Đã tạo {w.path}: {w.description}" for w in outcome.acks),
                    *(f"Chưa xác nhận: {g}" for g in outcome.gaps),
                ]
            )
            or "Không có gì để xác nhận."
        ),
    )
    return 0


def run_portal(app: CliApp) -> int:
    result = sync_upstream.to_portal_json(app.args.home, app.args.files, app.args.out, SystemClock())
    app.emit(
        result,
        f"Đã ghi {result.path}: {result.dossiers} hồ sơ đủ lịch sử"
        + (f", {result.incomplete} hồ sơ thiếu lịch sử (cần các gói trước)" if result.incomplete else "")
        + ".",
    )
    return 0


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise CliError(f"Không tìm thấy tệp «{path}».")
    if path.stat().st_size > 1_000_000:
        raise CliError(f"Tệp «{path.name}» quá lớn để là thẻ khóa.")
    return path.read_bytes()
