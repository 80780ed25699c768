"""PostgreSQL failures as the counter's known errors, in Vietnamese: unreachable, refused, not a hub."""

from __future__ import annotations

import psycopg

from motcua_desktop.domain.errors import KnownError

PLACE = "Máy chủ văn phòng"


class HubError(KnownError):
    """The hub cannot be used right now; the counter keeps working on its own database."""


class HubUnavailable(HubError):
    """The server does not answer (stopped, LAN cut, wrong address): try again later, by itself."""


class HubRefused(HubError):
    """The server answered no (wrong password, no TLS, a role bound to another PC, a refused row):
    trying again will not help until someone fixes it."""


def unavailable(where: str, exc: BaseException | None = None) -> HubUnavailable:
    detail = _first_line(exc)
    return HubUnavailable(
        f"{PLACE} ({where}) không trả lời{': ' + detail if detail else ''}. Quầy vẫn làm việc bình thường; "
        "chương trình tự kết nối lại và gửi bù khi máy chủ hoạt động trở lại."
    )


def translate(exc: psycopg.Error, where: str) -> HubError:
    """A psycopg error as a known error naming the server and what to do."""
    text = _first_line(exc)
    lowered = str(exc).lower()
    if "password authentication failed" in lowered or "no pg_hba.conf entry" in lowered or "rejects" in lowered:
        return HubRefused(
            f"{PLACE} ({where}) từ chối đăng nhập: sai tên/mật khẩu của quầy hoặc máy chủ chưa cho phép kết nối "
            "mã hóa (TLS) từ máy này. Hãy dùng đúng chuỗi kết nối do «motcua hub init» in ra cho quầy này."
        )
    if any(sign in lowered for sign in _DROPPED):
        # A connection that worked and was cut (server stopped, LAN cable pulled): over TLS libpq words it
        # "SSL connection has been closed unexpectedly", which is no certificate problem; retrying helps.
        return unavailable(where, exc)
    if "ssl" in lowered and ("not support" in lowered or "certificate" in lowered or "ssl" in text.lower()):
        return HubRefused(
            f"{PLACE} ({where}): không lập được kết nối mã hóa TLS ({text}). Kiểm tra chứng chỉ máy chủ "
            "(tệp --ca) và cấu hình ssl của PostgreSQL (docs/hub.md)."
        )
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        if "bound to device" in lowered:
            return HubRefused(
                f"{PLACE} ({where}): tài khoản của quầy này đã gắn với một máy khác. Nếu đã thay máy, người quản trị "
                "máy chủ chạy «motcua hub init … --reset-counter N» rồi kết nối lại bằng mật khẩu mới."
            )
        return HubRefused(f"{PLACE} ({where}) không cho phép thao tác này ({text}).")
    if isinstance(
        exc, psycopg.errors.UndefinedTable | psycopg.errors.InvalidSchemaName | psycopg.errors.UndefinedFunction
    ):
        return HubRefused(
            f"{PLACE} ({where}) chưa được khởi tạo cho Một cửa Desktop. Người quản trị chạy «motcua hub init» trước."
        )
    if isinstance(exc, psycopg.errors.CheckViolation | psycopg.errors.RaiseException):
        return HubRefused(f"{PLACE} ({where}) từ chối dữ liệu gửi lên: {text}.")
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return unavailable(where, exc)
    return HubRefused(f"{PLACE} ({where}) báo lỗi: {text}.")


_DROPPED = (
    "closed unexpectedly",
    "server closed the connection",
    "connection has been closed",
    "eof detected",
    "connection reset",
    "terminating connection due to administrator command",
)


def _first_line(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
