"""Can Qt open a window here? Asked before the QApplication exists, because Qt cannot answer it:
when its platform plugin does not load, Qt prints an English message and aborts (exit 134), and
nothing reaches the log.

On Linux (the X11 "xcb" plugin) this checks what makes that happen: no display, the plugin's
system libraries missing (named with the Debian/Ubuntu packages that hold them), a display that
refuses the connection. Windows and the offscreen platform need none of it. What still slips
through reaches Qt's fatal message, which ``log_qt_messages`` writes to the log and turns into a
Vietnamese message and a normal exit.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger("motcua.ui")

# Debian/Ubuntu package of a shared library whose name the rule in ``package_of`` gets wrong.
PACKAGES = {"libglib-2.0.so.0": "libglib2.0-0", "libxcb-util.so.1": "libxcb-util1", "libxcb.so.1": "libxcb1"}
# What a PC without a desktop lacks, all at once (Qt's "X11 requirements"): one command fixes it.
XCB_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 "
    "libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libegl1"
)
COMMANDS_STILL_WORK = "Các lệnh dòng lệnh (motcua --help) vẫn dùng được."


def wanted_platform(env: Mapping[str, str]) -> str:
    """The platform Qt will try first: QT_QPA_PLATFORM's first name, else xcb (or wayland in a
    Wayland session)."""
    requested = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested:
        return requested
    return "wayland" if env.get("WAYLAND_DISPLAY") else "xcb"


def display_problem(env: Mapping[str, str] | None = None) -> str | None:
    """None when nothing stops Qt from opening a window here; else what is wrong and the fix."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux") or wanted_platform(env) != "xcb":
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return (
            "Không mở được cửa sổ chương trình: máy không có màn hình đồ họa (biến DISPLAY trống). "
            "Hãy chạy chương trình trong phiên làm việc có màn hình (đăng nhập vào desktop). " + COMMANDS_STILL_WORK
        )
    plugin = xcb_plugin(env)
    if plugin is None:
        return (
            "Không mở được cửa sổ chương trình: bản cài thiếu thành phần hiển thị của Qt "
            "(platforms/libqxcb.so). Hãy cài lại chương trình. " + COMMANDS_STILL_WORK
        )
    missing = missing_libraries(plugin)
    if missing:
        packages = sorted({package_of(name) for name in missing if not name.startswith("libQt6")})
        own = [name for name in missing if name.startswith("libQt6")]
        fix = (
            f"Cài bằng lệnh: sudo apt-get install {' '.join(packages)} (Debian/Ubuntu; hoặc cả bộ: "
            f"sudo apt-get install {XCB_PACKAGES}), rồi chạy lại."
            if packages
            else "Hãy cài lại chương trình."
        )
        if own and packages:
            fix += " Nếu vẫn lỗi, hãy cài lại chương trình."
        return (
            "Không mở được cửa sổ chương trình: máy thiếu thư viện hiển thị "
            f"{', '.join(missing)}. {fix} {COMMANDS_STILL_WORK}"
        )
    if not display_answers(display):
        return (
            f"Không mở được cửa sổ chương trình: không kết nối được màn hình «{display}» (biến DISPLAY). "
            "Hãy chạy chương trình trong phiên làm việc có màn hình, hoặc kiểm tra biến DISPLAY. " + COMMANDS_STILL_WORK
        )
    return None


def xcb_plugin(env: Mapping[str, str]) -> Path | None:
    """The ``libqxcb.so`` Qt would load, searched where Qt searches."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    folders = [Path(p) for p in env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    plugin_roots = [*QCoreApplication.libraryPaths(), QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)]
    folders += [Path(root) / "platforms" for root in plugin_roots if root]
    for folder in folders:
        candidate = folder / "libqxcb.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that this system cannot load (all of them when
    ``ldd`` is there, else the first one the loader names); empty when it loads."""
    try:
        ctypes.CDLL(str(library))
    except OSError as exc:
        first = re.match(r"([^:\s]+\.so[.\d]*): cannot open shared object file", str(exc))
        ldd = shutil.which("ldd")
        if ldd:
            listed = subprocess.run([ldd, str(library)], capture_output=True, text=True, check=False).stdout
            found = list(dict.fromkeys(re.findall(r"^\s*(\S+) => not found", listed, flags=re.M)))
            if found:
                return found
        return [first[1]] if first else [str(exc)]
    return []


def package_of(soname: str) -> str:
    """The Debian/Ubuntu package that ships a shared library: libxcb-icccm.so.4 → libxcb-icccm4."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    match = re.fullmatch(r"(lib.+)\.so\.(\d+)(?:\.\d+)*", soname)
    if not match:
        return soname
    name, version = match[1].lower(), match[2]
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def display_answers(display: str) -> bool:
    """True when the X server of ``display`` accepts a connection (asked through libxcb)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # the plugin loaded, so this cannot happen; leave the answer to Qt
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def log_qt_messages() -> None:
    """Qt's warnings go to the log; its fatal messages too, followed by a Vietnamese message and a
    normal exit instead of an abort (2 when no platform plugin could start, else 1)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        level = levels.get(kind, logging.WARNING)
        if level >= logging.WARNING:
            log.log(level, "Qt: %s", message)
        if kind != QtMsgType.QtFatalMsg:
            if sys.stderr is not None and level >= logging.WARNING:
                print(message, file=sys.stderr)
            return
        no_platform = "platform plugin" in message
        text = (
            "Không mở được cửa sổ chương trình: Qt không khởi động được phần hiển thị. "
            f"Hãy cài các thư viện hiển thị (Debian/Ubuntu: sudo apt-get install {XCB_PACKAGES}) hoặc cài lại "
            "chương trình. " + COMMANDS_STILL_WORK
            if no_platform
            else "Chương trình gặp lỗi nghiêm trọng của Qt và phải dừng. Chi tiết đã được ghi vào tệp nhật ký."
        )
        if sys.stderr is not None:
            print(text, file=sys.stderr, flush=True)
        logging.shutdown()  # flush the log: nothing after this runs
        os._exit(2 if no_platform else 1)

    qInstallMessageHandler(handler)
