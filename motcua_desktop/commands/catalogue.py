"""``motcua catalogue list|import|export|set-local``: the procedure catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

from motcua_desktop.commands.base import CliApp, CliError, add_command, runs_in_safe_mode
from motcua_desktop.services.office.catalogue import (
    export_catalogue,
    import_catalogue,
    list_procedures,
    preview_import,
    search_procedures,
    set_local_fields,
)


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser(
        "catalogue", help="danh mục thủ tục hành chính", description="Danh mục thủ tục hành chính."
    )
    sub = p.add_subparsers(dest="catalogue_command", metavar="LỆNH", required=True)
    lst = add_command(sub, "list", run_list, "liệt kê các thủ tục đang áp dụng")
    lst.add_argument("--search", default="", metavar="CHỮ", help="lọc theo mã, tên hoặc lĩnh vực (gõ không dấu được)")
    imp = add_command(
        sub,
        "import",
        run_import,
        "nhập hoặc cập nhật danh mục từ tệp CSV/XLSX (quản trị viên)",
        "Nhập danh mục từ tệp xuất của Cơ sở dữ liệu quốc gia về TTHC, danh mục TTHC của tỉnh hoặc tệp danh "
        "mục của chương trình (CSV UTF-8, UTF-8 BOM, Windows-1258, hoặc XLSX). Chương trình xem trước các thay "
        "đổi (thủ tục thêm mới, từng trường thay đổi, thủ tục thôi áp dụng) rồi hỏi trước khi áp dụng. Trường "
        "nào tệp không có thì giữ nguyên, kể cả thời hạn, phí, thành phần hồ sơ riêng của địa phương.",
    )
    imp.add_argument("file", type=Path, metavar="TỆP")
    imp.add_argument("--retire-missing", action="store_true", help="thủ tục không có trong tệp thôi áp dụng")
    imp.add_argument("--preview", action="store_true", help="chỉ xem trước, không áp dụng")
    imp.add_argument("--yes", action="store_true", help="áp dụng không hỏi xác nhận")
    exp = add_command(sub, "export", run_export, "xuất danh mục đang áp dụng ra tệp CSV (kèm trường của địa phương)")
    exp.add_argument("file", type=Path, metavar="TỆP")
    loc = add_command(
        sub,
        "set-local",
        run_set_local,
        "đặt thời hạn, phí, thành phần hồ sơ riêng của địa phương cho một thủ tục (quản trị viên)",
        "Thời hạn của địa phương chỉ được ngắn hơn thời hạn theo quy định (Nghị định 118/2025); giấy tiếp nhận "
        "in thời hạn này. Mỗi giá trị cần căn cứ (quyết định công bố của tỉnh). Bỏ trống một mục là không có.",
    )
    loc.add_argument("procedure", metavar="MÃ", help="mã thủ tục hoặc khóa danh mục")
    loc.add_argument("--unit", default="", help="NGAY_LAM_VIEC, NGAY, GIO hoặc TRONG_NGAY")
    loc.add_argument("--amount", default="", help="số ngày/giờ, ví dụ 2 hoặc 2,5")
    loc.add_argument("--cutoff", default="", help="giờ cắt cho TRONG_NGAY, ví dụ 15:00")
    loc.add_argument("--fee", default="", help="số tiền (đồng), 0 nếu không thu")
    loc.add_argument("--document", action="append", default=[], metavar="GIẤY_TỜ", help="một giấy tờ (lặp lại)")
    loc.add_argument("--basis", default="", help="căn cứ, ví dụ «Quyết định số 1234/QĐ-UBND ngày 01/7/2025»")


@runs_in_safe_mode
def run_list(app: CliApp) -> int:
    ctx = app.anonymous()
    found = search_procedures(ctx, app.args.search, limit=1000) if app.args.search else list_procedures(ctx)

    def text() -> str:
        lines = [f"{'Mã':<12} {'Lĩnh vực':<18} {'Thời hạn':<24} Tên thủ tục"]
        for p in found:
            duration = p.effective_duration.label() if p.effective_duration else "(nhập khi tiếp nhận)"
            lines.append(f"{p.code or p.key:<12} {p.field[:18]:<18} {duration[:24]:<24} {p.name}")
        lines.append(f"{len(found)} thủ tục.")
        return "\n".join(lines)

    app.emit(
        [
            {
                "key": p.key,
                "code": p.code,
                "name": p.name,
                "field": p.field,
                "version": p.version,
                "duration": p.duration.to_dict() if p.duration else None,
                "duration_confirmed": p.duration_confirmed,
                "local_duration": p.local_duration.to_dict() if p.local_duration else None,
                "fee_amount": p.effective_fee,
                "documents": list(p.effective_documents),
                "sources": {
                    "code": p.code_source,
                    "duration": p.duration_source,
                    "fee": p.fee_source,
                    "documents": p.documents_source,
                },
            }
            for p in found
        ],
        text,
    )
    return 0


def run_import(app: CliApp) -> int:
    ctx = app.context()
    preview = preview_import(ctx, app.args.file, retire_missing=app.args.retire_missing)
    shown = "\n".join([preview.summary(), *preview.lines(), *(f"Lưu ý: {w}" for w in preview.warnings)])
    data = {
        "file": preview.file_name,
        "layout": preview.layout,
        "added": preview.plan.added,
        "changed": preview.plan.changed,
        "unchanged": preview.plan.unchanged,
        "retired": preview.plan.retired,
        "changes": [
            {
                "kind": c.kind,
                "key": c.key,
                "name": c.name,
                "fields": [
                    {"field": f.field, "label": f.label, "before": f.before, "after": f.after} for f in c.fields
                ],
                "warnings": list(c.warnings),
            }
            for c in preview.plan.changes
        ],
        "warnings": preview.warnings,
        "applied": False,
    }
    if app.args.preview or not (preview.plan.changes or preview.plan.unchanged):
        app.emit(data, shown + "\nChưa áp dụng gì (xem trước).")
        return 0
    if not app.args.yes:
        if app.json or not sys.stdin.isatty():
            raise CliError(shown + "\nThêm --yes để áp dụng (không hỏi được vì không có cửa sổ dòng lệnh).")
        print(shown, file=sys.stderr)
        answer = input("Áp dụng các thay đổi trên? Gõ «co» để tiếp tục: ")
        if answer.strip().lower() not in ("co", "có", "yes", "y"):
            raise CliError("Đã hủy, không thay đổi gì.")
    result = import_catalogue(ctx, app.args.file, retire_missing=app.args.retire_missing, confirm=preview.token)
    c = result.change
    data.update(
        {"applied": True, "added": c.added, "updated": c.updated, "unchanged": c.unchanged, "retired": c.retired}
    )
    app.emit(data, "\n".join([result.summary(), *result.warnings]))
    return 0


@runs_in_safe_mode
def run_export(app: CliApp) -> int:
    data = export_catalogue(app.context())
    path = Path(app.args.file)
    try:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as exc:
        raise CliError(f"Không ghi được «{path}» ({exc.strerror}). Chọn thư mục khác.") from None
    app.emit({"file": str(path), "bytes": len(data)}, f"Đã xuất danh mục ra «{path}».")
    return 0


def run_set_local(app: CliApp) -> int:
    a = app.args
    procedure = set_local_fields(
        app.context(),
        a.procedure,
        duration_unit=a.unit,
        duration_amount=a.amount,
        cutoff=a.cutoff,
        fee=a.fee,
        documents=a.document,
        basis=a.basis,
    )
    duration = procedure.effective_duration
    app.emit(
        {
            "key": procedure.key,
            "version": procedure.version,
            "local_duration": procedure.local_duration.to_dict() if procedure.local_duration else None,
            "local_fee_amount": procedure.local_fee_amount,
            "local_documents": list(procedure.local_documents),
            "local_basis": procedure.local_basis,
        },
        f"Đã lưu. «{procedure.name}»: thời hạn in trên giấy tiếp nhận "
        f"{duration.label() if duration else '(nhập khi tiếp nhận)'}.",
    )
    return 0
