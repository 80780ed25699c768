"""``motcua demo --dossiers N``: synthetic data for training, screenshots and benchmarks."""

from __future__ import annotations

from motcua_desktop.commands.base import CliApp, add_command
from motcua_desktop.domain.vntime import fmt_date
from motcua_desktop.services.demo.generate import generate_demo


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = add_command(
        subparsers,
        "demo",
        run,
        "tạo dữ liệu mẫu (hồ sơ giả lập nhiều năm) trong một thư mục dữ liệu riêng",
        "Tạo hồ sơ mẫu với tên, số căn cước, điện thoại giả lập; dùng để tập huấn, chụp màn hình, đo hiệu "
        "năng. Từ chối chạy trên cơ sở dữ liệu đã có hồ sơ thật. Cần tài khoản quản trị.",
    )
    p.add_argument("--dossiers", type=int, required=True, metavar="N", help="số hồ sơ (ví dụ 1000000)")
    p.add_argument(
        "--years", type=int, default=None, help="số năm (mặc định: tối thiểu 3, đủ để mỗi ngày không quá 700 hồ sơ)"
    )
    p.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu)")


def run(app: CliApp) -> int:
    summary = generate_demo(
        app.context(),
        app.args.dossiers,
        seed=app.args.seed,
        years=app.args.years,
        progress=lambda done, total: app.progress(done, total, "hồ sơ"),
    )
    app.emit(
        summary,
        f"Đã tạo {summary.dossiers} hồ sơ mẫu, {summary.events} sự kiện, từ {fmt_date(summary.first_day)} "
        f"đến {fmt_date(summary.last_day)}, trong {summary.seconds:.1f} giây.",
    )
    return 0
