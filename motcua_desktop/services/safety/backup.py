"""Backups: automatic, verified, rotated, and copied encrypted to a second location.

Automatic backups are taken when the program closes and at least once a day when something
changed (``backup_if_due``), manually with ``backup_now``. Each is a consistent snapshot (SQLite
backup API), fully verified (integrity check, foreign keys, file marks, and exactly the event
sequence of the snapshot) before it gets its final name, which carries the device, epoch and
sequence (``domain.backups``). Backups are kept in ``<data folder>/backups`` and, when the
administrator has chosen one, in a second location: copies there leave the PC, so they are
encrypted (HPKE, ``crypto.envelope``) to the office's recovery public key. The private key is
never on the PC (``docs/security.md``).

Restoring is ``services.safety.restore``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from motcua_desktop import fileio
from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission
from motcua_desktop.domain.backups import BackupName, Retention, backups_to_delete, newest, parse_backup_name
from motcua_desktop.domain.errors import Field, FileProblem, ValidationError
from motcua_desktop.domain.settings import BACKUP_OFFSITE_DIR, RECOVERY_PUBLIC_KEY
from motcua_desktop.domain.text import clean_text
from motcua_desktop.domain.vntime import business_day, fmt_datetime, from_iso
from motcua_desktop.paths import absolute_path
from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.core.settings import change_setting
from motcua_desktop.storage.backup_files import (
    BackupFailed,
    SnapshotInfo,
    describe_file,
    publish,
    release,
    remove_stale_partials,
    snapshot,
    temporary_copy,
    verify_copy,
)

SEALED_CONTEXT = b"motcua-desktop/backup/v1"
RETENTION = Retention()


def backup_folder(store_path: Path) -> Path:
    return store_path.parent / "backups"


def before_restore_folder(store_path: Path) -> Path:
    return backup_folder(store_path) / "before-restore"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    name: BackupName
    size: int
    offsite: bool = False

    def label(self) -> str:
        where = "nơi thứ hai, đã mã hóa" if self.offsite else "trong máy"
        return (
            f"{fmt_datetime(self.name.taken_at)} – máy {self.name.device_id}, kỷ nguyên {self.name.epoch}, "
            f"đến sự kiện số {self.name.seq} ({where}, {self.size / 1_048_576:.1f} MB)"
        )


@dataclass(frozen=True)
class BackupResult:
    local: BackupInfo
    offsite: BackupInfo | None = None
    removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def message(self) -> str:
        lines = [f"Đã sao lưu và kiểm tra: {self.local.path.name}."]
        if self.offsite is not None:
            lines.append(f"Đã chép bản mã hóa sang nơi thứ hai: {self.offsite.path}.")
        lines += self.warnings
        return "\n".join(lines)


@dataclass(frozen=True)
class BackupPreview:
    file: str
    device_id: str
    epoch: int
    seq: int
    dossiers: int
    events: int
    last_event_at: datetime | None
    schema_version: int
    sealed: bool

    @staticmethod
    def of(path: Path, info: SnapshotInfo, *, sealed: bool) -> BackupPreview:
        last = from_iso(info.last_event_at) if info.last_event_at else None
        return BackupPreview(
            path.name,
            info.device_id,
            info.epoch,
            info.seq,
            info.dossiers,
            info.events,
            last,
            info.schema_version,
            sealed,
        )

    def describe(self) -> str:
        return (
            f"Bản sao lưu «{self.file}»{' (đã mã hóa)' if self.sealed else ''}: máy {self.device_id}, "
            f"kỷ nguyên {self.epoch}, đến sự kiện số {self.seq}; {self.dossiers} hồ sơ, {self.events} sự kiện; "
            f"thao tác cuối lúc {fmt_datetime(self.last_event_at) or 'không có'}."
        )


@dataclass(frozen=True)
class BackupSettings:
    offsite_dir: str
    recovery_key: str
    recovery_fingerprint: str
    newest_local: BackupInfo | None


# --- settings ------------------------------------------------------------------------------


def backup_settings(ctx: AppContext) -> BackupSettings:
    from motcua_desktop.crypto.keys import fingerprint  # cryptography: not needed to open the window

    ctx.require(Permission.BACKUP)
    key = ctx.store.settings.value(RECOVERY_PUBLIC_KEY)
    local = _scan(backup_folder(ctx.store.path), offsite=False)
    newest_name = newest([b.name for b in local])
    newest_info = next((b for b in local if b.name == newest_name), None)
    return BackupSettings(
        ctx.store.settings.value(BACKUP_OFFSITE_DIR), key, fingerprint(key) if key else "", newest_info
    )


def set_offsite_folder(ctx: AppContext, folder: str) -> None:
    """The second location (another disk, a dedicated USB stick); empty to stop copying there."""

    def checked(value: str) -> str:
        text = clean_text(value)
        if not text:
            return ""
        path = Path(text).expanduser()
        if not path.is_absolute():
            raise ValidationError(
                Field("backup.offsite_dir", "Nơi sao lưu thứ hai"),
                "phải là đường dẫn đầy đủ.",
                "Ví dụ: E:\\SaoLuu hoặc D:\\MotCua",
            )
        if not path.is_dir():
            raise ValidationError(
                Field("backup.offsite_dir", "Nơi sao lưu thứ hai"),
                f"không tìm thấy thư mục «{text}».",
                "Cắm ổ đĩa rồi chọn lại.",
            )
        if (
            path.resolve() == backup_folder(ctx.store.path).resolve()
            or path.resolve() == ctx.store.path.parent.resolve()
        ):
            raise ValidationError(
                Field("backup.offsite_dir", "Nơi sao lưu thứ hai"),
                "trùng thư mục dữ liệu.",
                "Chọn một ổ đĩa khác hoặc USB riêng cho sao lưu.",
            )
        return str(absolute_path(path))  # as chosen: a mapped drive stays Z:\…, not \\server\share

    change_setting(ctx, BACKUP_OFFSITE_DIR, folder, prepare=checked)


def set_recovery_key(ctx: AppContext, public_key_text: str) -> str:
    """The office's recovery public key (``x25519:…``); returns its fingerprint to compare."""
    from motcua_desktop.crypto.keys import fingerprint, parse_x25519_public

    def checked(value: str) -> str:
        text = clean_text(value)
        parse_x25519_public(text, field=RECOVERY_PUBLIC_KEY.field)
        return text

    return fingerprint(change_setting(ctx, RECOVERY_PUBLIC_KEY, public_key_text, prepare=checked))


def new_recovery_key() -> tuple[str, str]:
    """A new recovery key pair: (public text to configure, private text to keep OFF the PC)."""
    from motcua_desktop.crypto.keys import new_encryption_key, x25519_private_text, x25519_public_text

    private = new_encryption_key()
    return x25519_public_text(private.public_key()), x25519_private_text(private)


# --- backing up ----------------------------------------------------------------------------


def backup_now(ctx: AppContext) -> BackupResult:
    ctx.require(Permission.BACKUP)
    return _backup(ctx)


def backup_if_due(ctx: AppContext, *, closing: bool = False) -> BackupResult | None:
    """The automatic backup (no sign-in needed): when the program closes, and otherwise once a
    business day, but only if something changed since the newest backup of this PC."""
    store = ctx.store
    if store.readonly:
        return None
    device = store.events.device()
    head = store.events.own_head()
    latest = newest([b.name for b in _scan(backup_folder(store.path), offsite=False)], device.device_id)
    if latest is not None:
        changed = latest.epoch != device.epoch or (
            store.events.count_after(device.device_id, device.epoch, latest.seq, except_prefix="backup.") > 0
        )
        if not changed and (head.last_seq if head else 0) >= latest.seq:
            return None
        now = ctx.clock.now()
        same_day = business_day(now) == business_day(latest.taken_at) and now >= latest.taken_at
        if not closing and same_day:
            return None
    return _backup(ctx)


def _backup(ctx: AppContext) -> BackupResult:
    store = ctx.store
    if store.readonly:
        raise BackupFailed("Đang ở chế độ chỉ đọc (cơ sở dữ liệu có lỗi): không sao lưu bản có thể đã hỏng.")
    folder = backup_folder(store.path)
    now = ctx.clock.now().replace(microsecond=0)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(folder)
    temporary = temporary_copy(folder)
    try:
        info = snapshot(store, temporary)
        fileio.fault_point("backup: snapshot written")
        problems = verify_copy(temporary, info)
        fileio.fault_point("backup: snapshot verified")
        if not problems:
            name = BackupName(info.device_id, info.epoch, info.seq, now)
            final = folder / name.file_name
            publish(temporary, final)
    finally:
        release(temporary)
    if problems:
        raise BackupFailed(
            "Bản sao lưu vừa tạo không đạt kiểm tra (" + "; ".join(problems[:3]) + "), đã bỏ. "
            "Dữ liệu đang dùng chưa bị thay đổi; hãy chạy kiểm tra cơ sở dữ liệu («motcua check --full»)."
        )
    local = BackupInfo(final, name, final.stat().st_size)
    warnings: list[str] = []
    offsite = _copy_offsite(ctx, local, warnings)
    removed = _thin(folder, warnings)
    if offsite is not None:
        removed += _thin(offsite.path.parent, warnings)
    return BackupResult(local, offsite, tuple(removed), tuple(warnings))


def _copy_offsite(ctx: AppContext, local: BackupInfo, warnings: list[str]) -> BackupInfo | None:
    from motcua_desktop.crypto.keys import fingerprint, parse_x25519_public
    from motcua_desktop.services.safety.sealed_files import seal_file_durably

    store = ctx.store
    folder_text = store.settings.value(BACKUP_OFFSITE_DIR)
    if not folder_text:
        return None
    key_text = store.settings.value(RECOVERY_PUBLIC_KEY)
    if not key_text:
        warnings.append(
            "Chưa có khóa công khai khôi phục nên chưa chép bản sao lưu ra nơi thứ hai (dữ liệu không được rời máy "
            "khi chưa mã hóa). Quản trị viên cần nhập khóa khôi phục."
        )
        return None
    folder = Path(folder_text)
    name = replace(local.name, sealed=True)
    target = folder / name.file_name
    try:
        if not folder.is_dir():
            raise FileNotFoundError(2, "không tìm thấy thư mục (ổ đĩa hoặc USB chưa cắm?)")
        seal_file_durably(local.path, target, parse_x25519_public(key_text), SEALED_CONTEXT)  # chunk by chunk
    except OSError as exc:
        warnings.append(
            f"Không chép được bản sao lưu sang «{folder}» ({fileio.reason(exc)}). Bản trong máy vẫn còn; "
            "kiểm tra ổ đĩa thứ hai hoặc USB sao lưu rồi sao lưu lại."
        )
        return None
    with store.transaction():
        store.events.append(
            kind=ev.BACKUP_OFFSITE,
            actor=ctx.actor,
            occurred_at=ctx.clock.now(),
            payload={"file": target.name, "folder": str(folder), "seq": local.name.seq, "key": fingerprint(key_text)},
        )
    return BackupInfo(target, name, target.stat().st_size, offsite=True)


def _thin(folder: Path, warnings: list[str]) -> list[str]:
    found = {b.name: b.path for b in _scan(folder, offsite=None)}
    removed = []
    for name in backups_to_delete(found, RETENTION):
        try:
            found[name].unlink()
            removed.append(found[name].name)
        except OSError as exc:
            warnings.append(f"Không xóa được bản sao lưu cũ {found[name].name} ({exc.strerror}).")
    return removed


def _scan(folder: Path, *, offsite: bool | None) -> list[BackupInfo]:
    """Backups in ``folder`` (sealed ones count as off-site copies); other files are ignored."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        name = parse_backup_name(path.name)
        if name is None or not path.is_file():
            continue
        if offsite is not None and name.sealed != offsite:
            continue
        found.append(BackupInfo(path, name, path.stat().st_size, offsite=name.sealed))
    return found


def list_backups(ctx: AppContext) -> list[BackupInfo]:
    """Backups in the data folder and in the second location, newest first."""
    ctx.require(Permission.BACKUP)
    return available_backups(ctx.store.path, ctx.store.settings.value(BACKUP_OFFSITE_DIR))


def available_backups(store_path: Path, offsite_dir: str = "") -> list[BackupInfo]:
    found = _scan(backup_folder(store_path), offsite=False)
    if offsite_dir:
        found += _scan(Path(offsite_dir), offsite=True)
    return sorted(found, key=lambda b: (b.name.order, not b.offsite), reverse=True)


def newest_good_backup(store_path: Path, *, tries: int = 3) -> tuple[BackupInfo, BackupPreview] | None:
    """The newest backup in the data folder that passes verification (for safe mode)."""
    for info in available_backups(store_path)[:tries]:
        if not verify_copy(info.path):
            return info, BackupPreview.of(info.path, describe_file(info.path), sealed=False)
    return None


@contextmanager
def plain_backup(store_path: Path, path: Path, key_text: str) -> Iterator[tuple[Path, bool]]:
    """The backup as a plain database file (a sealed one is opened into a temporary file)."""
    from motcua_desktop.crypto.envelope import MAGIC, STREAM_MAGIC
    from motcua_desktop.crypto.keys import parse_x25519_private
    from motcua_desktop.services.safety.sealed_files import open_sealed_file

    try:
        with open(path, "rb") as handle:
            sealed = handle.read(len(STREAM_MAGIC)).startswith((MAGIC, STREAM_MAGIC))
    except OSError as exc:
        raise FileProblem(path.name, f"không đọc được tệp ({exc.strerror}).") from None
    if not sealed:
        yield path, False
        return
    if not clean_text(key_text):
        raise ValidationError(
            Field("recovery_private_key", "Khóa bí mật khôi phục"),
            "cần để mở bản sao lưu đã mã hóa.",
            "Lấy tệp khóa khôi phục cất giữ ngoài máy (két của đơn vị) và chọn tệp đó.",
        )
    backup_folder(store_path).mkdir(parents=True, exist_ok=True)
    temporary = temporary_copy(backup_folder(store_path), "restore-")
    try:
        open_sealed_file(path, temporary, parse_x25519_private(key_text), SEALED_CONTEXT)  # chunk by chunk
        yield temporary, True
    finally:
        release(temporary)
