"""``motcua catalogue list|import``: the procedure catalogue."""

from __future__ import annotations

from pathlib import Path

from motcua_desktop.commands.base import CliApp, add_command
from motcua_desktop.services.office.catalogue import import_catalogue, list_procedures, search_procedures


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
        "Nhập danh mục từ tệp CSV (UTF-8, UTF-8 BOM, Windows-1258) hoặc XLSX. Toàn bộ tệp được kiểm tra "
        "trước; có lỗi thì không ghi gì. Thủ tục thay đổi được lưu thành phiên bản mới.",
    )
    imp.add_argument("file", type=Path, metavar="TỆP")
    imp.add_argument("--retire-missing", action="store_true", help="thủ tục không có trong tệp thôi áp dụng")


def run_list(app: CliApp) -> int:
    ctx = app.anonymous()
    found = search_procedures(ctx, app.args.search, limit=1000) if app.args.search else list_procedures(ctx)

    def text() -> str:
        lines = [f"{'Mã':<12} {'Lĩnh vực':<18} {'Thời hạn':<24} Tên thủ tục"]
        for p in found:
            duration = p.duration.label() if p.duration else "(chưa có)"
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
                "fee": p.fee_text,
                "documents": list(p.documents),
            }
            for p in found
        ],
        text,
    )
    return 0


def run_import(app: CliApp) -> int:
    result = import_catalogue(app.context(), app.args.file, retire_missing=app.args.retire_missing)
    c = result.change
    app.emit(
        {
            "file": result.file_name,
            "added": c.added,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "retired": c.retired,
            "warnings": result.warnings,
        },
        "\n".join([result.summary(), *result.warnings]),
    )
    return 0
