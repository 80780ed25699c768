"""Staff roles and what each may do; enforced in the services so the CLI obeys them too."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from motcua_desktop.domain.errors import ValidationError
from motcua_desktop.domain.fields import shown


class Role(StrEnum):
    CLERK = "can_bo"
    LEADER = "lanh_dao"
    ADMIN = "quan_tri"

    @property
    def label(self) -> str:
        return {Role.CLERK: "Cán bộ một cửa", Role.LEADER: "Lãnh đạo", Role.ADMIN: "Quản trị viên"}[self]


class Permission(StrEnum):
    REGISTER = "register"  # receive dossiers, pre-reception outcomes
    FOLLOW = "follow"  # lifecycle actions, corrections, file location
    RETURN = "return"  # record the return of results
    SEARCH = "search"  # lists and search (ID numbers masked unless VIEW_ID_NUMBERS)
    VIEW_DETAIL = "view_detail"  # open a dossier with its personal data (audited)
    VIEW_ID_NUMBERS = "view_id_numbers"  # full ID numbers in lists
    PRINT = "print"
    EXPORT = "export"  # end-of-day export of this counter
    CONSOLIDATE = "consolidate"  # import other counters' packages
    REPORTS = "reports"
    AUDIT = "audit"  # read the audit trail
    CLOCK_OVERRIDE = "clock_override"
    SETTINGS = "settings"
    USERS = "users"
    CALENDAR = "calendar"
    CATALOGUE = "catalogue"
    RESTORE = "restore"
    BACKUP = "backup"


_CLERK = frozenset(
    {
        Permission.REGISTER,
        Permission.FOLLOW,
        Permission.RETURN,
        Permission.SEARCH,
        Permission.VIEW_DETAIL,
        Permission.VIEW_ID_NUMBERS,
        Permission.PRINT,
        Permission.EXPORT,
        Permission.BACKUP,
    }
)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: _CLERK,
    # Leaders supervise rather than serve citizens: full ID numbers only in the (audited) detail view.
    Role.LEADER: (_CLERK - {Permission.VIEW_ID_NUMBERS})
    | {Permission.CONSOLIDATE, Permission.REPORTS, Permission.AUDIT, Permission.CLOCK_OVERRIDE},
    Role.ADMIN: frozenset(
        {
            Permission.SETTINGS,
            Permission.USERS,
            Permission.CALENDAR,
            Permission.CATALOGUE,
            Permission.RESTORE,
            Permission.BACKUP,
            Permission.SEARCH,
            Permission.REPORTS,
            Permission.AUDIT,
            Permission.EXPORT,
            Permission.CONSOLIDATE,
        }
    ),
}

PERMISSION_LABELS = {
    Permission.REGISTER: "tiếp nhận hồ sơ",
    Permission.FOLLOW: "cập nhật xử lý hồ sơ",
    Permission.RETURN: "trả kết quả",
    Permission.SEARCH: "tra cứu hồ sơ",
    Permission.VIEW_DETAIL: "xem chi tiết hồ sơ",
    Permission.VIEW_ID_NUMBERS: "xem đầy đủ số giấy tờ tùy thân",
    Permission.PRINT: "in phiếu",
    Permission.EXPORT: "xuất dữ liệu",
    Permission.CONSOLIDATE: "nhập dữ liệu của quầy khác",
    Permission.REPORTS: "xem báo cáo",
    Permission.AUDIT: "xem nhật ký",
    Permission.CLOCK_OVERRIDE: "xác nhận giờ máy tính",
    Permission.SETTINGS: "thay đổi cài đặt",
    Permission.USERS: "quản lý tài khoản",
    Permission.CALENDAR: "quản lý lịch làm việc",
    Permission.CATALOGUE: "quản lý danh mục thủ tục",
    Permission.RESTORE: "khôi phục dữ liệu",
    Permission.BACKUP: "sao lưu dữ liệu",
}

MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,31}\Z")


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def parse_role(text: str) -> Role:
    key = (text or "").strip().lower()
    aliases = {"clerk": Role.CLERK, "leader": Role.LEADER, "admin": Role.ADMIN}
    if key in aliases:
        return aliases[key]
    try:
        return Role(key)
    except ValueError:
        raise ValidationError(
            "Vai trò", f"«{shown(text)}» không hợp lệ.", "Chọn can_bo, lanh_dao hoặc quan_tri."
        ) from None


def normalise_username(text: str) -> str:
    name = (text or "").strip().lower()
    if not _USERNAME.match(name):
        raise ValidationError(
            "Tên đăng nhập",
            f"«{shown(text)}» không hợp lệ.",
            "Dùng 3–32 chữ cái không dấu, chữ số, dấu chấm, gạch ngang; bắt đầu bằng chữ cái (ví dụ: lan.nguyen).",
        )
    return name


def normalise_password(password: str) -> str:
    """The form a password is hashed in: NFC. Unikey and EVKey type Vietnamese letters composed
    ("Unicode dựng sẵn") or decomposed ("Unicode tổ hợp") depending on a setting, and Windows'
    own Vietnamese keyboard decomposes some; the same password typed two ways must match."""
    return unicodedata.normalize("NFC", password)


def password_forms(password: str) -> tuple[str, ...]:
    """What to check a typed password against, in order: its NFC form (every hash made since
    passwords are normalised), then its NFD and raw forms (a hash made before, from whatever the
    keyboard produced then; a match there is rehashed in NFC)."""
    forms = [normalise_password(password), unicodedata.normalize("NFD", password), password]
    return tuple(dict.fromkeys(forms))


def check_new_password(password: str, username: str) -> None:
    """Local policy (OWASP): length over complexity rules; never the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("Mật khẩu", f"phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if len(password) > 128:
        raise ValidationError("Mật khẩu", "quá dài (tối đa 128 ký tự).")
    if password.strip().lower() == username.lower() or (password.isdigit() and len(set(password)) == 1):
        raise ValidationError("Mật khẩu", "quá dễ đoán.", "Không dùng tên đăng nhập hoặc một chữ số lặp lại.")
