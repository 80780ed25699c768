"""``motcua backup [list|offsite|key|keygen]`` and ``motcua restore FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

from motcua_desktop.commands._options import common_options
from motcua_desktop.commands.base import CliApp, CliError, add_command, runs_in_safe_mode
from motcua_desktop.crypto.keys import fingerprint
from motcua_desktop.domain.errors import FileProblem
from motcua_desktop.services.safety.backup import (
    BackupPreview,
    backup_now,
    list_backups,
    new_recovery_key,
    set_offsite_folder,
    set_recovery_key,
)
from motcua_desktop.services.safety.integrity import preview_in_safe_mode, restore_in_safe_mode
from motcua_desktop.services.safety.restore import preview_backup, restore_backup


def register(subparsers) -> None:  # type: ignore[no-untyped-def]
    p = subparsers.add_parser(
        "backup",
        help="sao lưu ngay (kiểm tra, xoay vòng, chép bản mã hóa ra nơi thứ hai)",
        description="Không có lệnh con: sao lưu ngay. Bản sao lưu được kiểm tra toàn vẹn, đặt tên theo máy, "
        "kỷ nguyên và số thứ tự sự kiện, giữ theo kiểu ông–cha–con (7 ngày, 4 tuần, 12 tháng).",
    )
    common_options(p)
    p.set_defaults(handler=run_backup)
    sub = p.add_subparsers(dest="backup_command", metavar="LỆNH")
    add_command(sub, "list", run_list, "liệt kê các bản sao lưu (trong máy và ở nơi thứ hai)")
    off = add_command(sub, "offsite", run_offsite, 'chọn nơi sao lưu thứ hai (ổ đĩa khác, USB riêng); "" để bỏ')
    off.add_argument("folder", metavar="THƯ_MỤC")
    key = add_command(sub, "key", run_key, "nhập khóa công khai khôi phục (bản sao lưu ra ngoài được mã hóa bằng nó)")
    key.add_argument("public_key", nargs="?", default="", metavar="KHÓA", help="x25519:…")
    key.add_argument("--file", default="", metavar="TỆP", help="đọc khóa công khai từ tệp")
    gen = add_command(
        sub,
        "keygen",
        run_keygen,
        "tạo cặp khóa khôi phục: khóa bí mật ghi ra tệp để cất ngoài máy, khóa công khai để nhập vào chương trình",
    )
    gen.add_argument("--private-out", required=True, metavar="TỆP", help="tệp mới nhận khóa bí mật (ví dụ trên USB)")

    r = add_command(
        subparsers,
        "restore",
        run_restore,
        "khôi phục từ bản sao lưu (quản trị viên): xem trước, giữ lại bản hiện tại, bắt đầu kỷ nguyên mới",
    )
    r.add_argument("file", metavar="TỆP")
    r.add_argument("--key-file", default="", metavar="TỆP", help="khóa bí mật khôi phục (cho bản đã mã hóa)")
    r.add_argument("--yes", action="store_true", help="không hỏi xác nhận")
    r.add_argument("--other-device", action="store_true", help="cho phép khôi phục bản sao lưu của máy khác")


@runs_in_safe_mode  # the backup service itself refuses to copy a database in safe mode
def run_backup(app: CliApp) -> int:
    result = backup_now(app.context())
    app.emit(
        {
            "file": str(result.local.path),
            "device_id": result.local.name.device_id,
            "epoch": result.local.name.epoch,
            "seq": result.local.name.seq,
            "offsite": str(result.offsite.path) if result.offsite else None,
            "removed": list(result.removed),
            "warnings": list(result.warnings),
        },
        result.message(),
    )
    return 0


@runs_in_safe_mode
def run_list(app: CliApp) -> int:
    found = list_backups(app.context())
    app.emit(
        [{"file": str(b.path), "offsite": b.offsite, "epoch": b.name.epoch, "seq": b.name.seq} for b in found],
        lambda: "\n".join([*(b.label() + f"\n    {b.path}" for b in found), f"{len(found)} bản sao lưu."]),
    )
    return 0


def run_offsite(app: CliApp) -> int:
    set_offsite_folder(app.context(), app.args.folder)
    folder = app.args.folder.strip()
    app.emit(
        {"offsite_dir": folder},
        f"Nơi sao lưu thứ hai: {folder}" if folder else "Đã bỏ nơi sao lưu thứ hai.",
    )
    return 0


def run_key(app: CliApp) -> int:
    text = app.args.public_key or (_read_text(app.args.file) if app.args.file else "")
    if not text:
        raise CliError("Cần khóa công khai (x25519:…) hoặc --file TỆP.")
    print_ = set_recovery_key(app.context(), text)
    app.emit({"fingerprint": print_}, f"Đã lưu khóa khôi phục. Dấu vân tay: {print_} (đối chiếu với bản giấy).")
    return 0


def run_keygen(app: CliApp) -> int:
    target = Path(app.args.private_out)
    public, private = new_recovery_key()
    try:
        with open(target, "x", encoding="ascii") as handle:
            handle.write(private + "\n")
    except FileExistsError:
        raise CliError(f"Tệp «{target}» đã có; chọn tên khác (không ghi đè khóa cũ).") from None
    except OSError as exc:
        raise FileProblem(target.name, f"không ghi được ({exc.strerror}).") from None
    app.emit(
        {"public_key": public, "fingerprint": fingerprint(public), "private_key_file": str(target)},
        f"Khóa công khai (nhập vào chương trình bằng «motcua backup key»):\n{public}\n"
        f"Dấu vân tay: {fingerprint(public)}\n"
        f"Khóa bí mật đã ghi vào «{target}». Cất tệp này NGOÀI máy tính (USB riêng trong két của đơn vị, "
        "kèm bản in); không để trên máy quầy. Mất khóa bí mật thì không mở được các bản sao lưu đã mã hóa.",
    )
    return 0


@runs_in_safe_mode
def run_restore(app: CliApp) -> int:
    """The way out of safe mode too: there the password is checked against the accounts the damaged
    database still shows, or against those of the backup (``restore_in_safe_mode``)."""
    held = app.held()
    path = Path(app.args.file)
    key_text = _read_text(app.args.key_file) if app.args.key_file else ""
    if held.safe_mode is not None:
        username = app.username()
        if not username:
            raise CliError(
                "Cần đăng nhập: thêm --user TÊN_QUẢN_TRỊ (mật khẩu sẽ được hỏi, hoặc đặt biến MOTCUA_PASSWORD)."
            )
        password = app.password(f"Mật khẩu của {username}: ", env="MOTCUA_PASSWORD")
        preview = preview_in_safe_mode(held.workspace, path, key_text=key_text)
        _confirm(app, preview)
        held.ctx, result = restore_in_safe_mode(held.workspace, path, username, password, key_text=key_text)
    else:
        ctx = app.context()
        preview = preview_backup(ctx, path, key_text=key_text)
        _confirm(app, preview)
        result = restore_backup(ctx, path, key_text=key_text, allow_other_device=app.args.other_device)
    app.emit(
        {
            "restored_from": preview.file,
            "new_epoch": result.new_epoch,
            "kept_copy": [str(p) for p in result.kept_copy],
            "moves": result.moves,
            "warnings": list(result.warnings),
        },
        result.message(),
    )
    return 0


def _confirm(app: CliApp, preview: BackupPreview) -> None:
    if app.args.yes:
        return
    if not sys.stdin.isatty():
        raise CliError(preview.describe() + "\nThêm --yes để khôi phục (không hỏi được vì không có cửa sổ dòng lệnh).")
    print(preview.describe(), file=sys.stderr)
    answer = input("Khôi phục bản này? Dữ liệu hiện tại được giữ lại một bản. Gõ «co» để tiếp tục: ")
    if answer.strip().lower() not in ("co", "có", "yes", "y"):
        raise CliError("Đã hủy, không thay đổi gì.")


def _read_text(name: str) -> str:
    try:
        return Path(name).read_text(encoding="utf-8-sig").strip()  # a key file saved by Notepad has a BOM
    except (OSError, UnicodeDecodeError) as exc:
        raise FileProblem(Path(name).name, f"không đọc được ({exc}).") from None
