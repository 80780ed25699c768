"""When Qt cannot open a window (Linux: no display, the xcb plugin's system libraries missing), the
program says so in Vietnamese with the fix, logs it and exits 2, instead of Qt's English abort (134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua_desktop.ui.shell import platform_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 (xcb) platform is Linux's")


def start_window(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``motcua`` without a sub-command (the window), with ``env`` over a clean environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "QT_", "DISPLAY", "WAYLAND"))}
    return subprocess.run(
        [sys.executable, "-m", "motcua_desktop", "--data-dir", str(data_dir)],
        env=base | {"PYTHONIOENCODING": "utf-8"} | env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def logged(data_dir: Path) -> str:
    return (data_dir / "logs" / "motcua.log").read_text(encoding="utf-8")


def test_no_display_is_said_in_vietnamese_logged_and_exits_2(tmp_path: Path) -> None:
    done = start_window(tmp_path, QT_QPA_PLATFORM="xcb")
    assert done.returncode == 2, done.stderr
    assert "máy không có màn hình đồ họa (biến DISPLAY trống)" in done.stderr
    assert "motcua --help" in done.stderr and "Aborted" not in done.stderr
    assert "biến DISPLAY trống" in logged(tmp_path)


def plugin_copy(tmp_path: Path, *, rename: tuple[bytes, bytes] | None = None) -> Path:
    """A copy of Qt's xcb plugin where Qt will look first, its Qt libraries reachable as from the
    real one ($ORIGIN/../../lib), optionally needing a library of another name (same length)."""
    real = platform_check.xcb_plugin({})
    assert real is not None, "PySide6 ships platforms/libqxcb.so"
    folder = tmp_path / "qt" / "plugins" / "platforms"
    folder.mkdir(parents=True)
    (tmp_path / "qt" / "lib").symlink_to(real.parent.parent.parent / "lib")
    data = real.read_bytes()
    if rename is not None:
        old, new = rename
        assert len(old) == len(new) and data.count(old + b"\0") == 1
        data = data.replace(old + b"\0", new + b"\0")
    (folder / "libqxcb.so").write_bytes(data)
    return folder


def test_a_missing_system_library_is_named_with_its_package(tmp_path: Path) -> None:
    """As on a PC without libxcb-cursor0: the plugin needs a library the system does not have."""
    folder = plugin_copy(tmp_path, rename=(b"libxcb-cursor.so.0", b"libxcb-cursoq.so.0"))
    done = start_window(tmp_path / "data", QT_QPA_PLATFORM="xcb", DISPLAY=":0", QT_QPA_PLATFORM_PLUGIN_PATH=str(folder))
    assert done.returncode == 2, done.stderr
    assert "máy thiếu thư viện hiển thị" in done.stderr and "libxcb-cursoq.so.0" in done.stderr
    assert "sudo apt-get install" in done.stderr and "libxcb-cursoq0" in done.stderr
    assert "libxcb-cursoq.so.0" in logged(tmp_path / "data")


def test_a_broken_installation_says_reinstall(tmp_path: Path) -> None:
    folder = plugin_copy(tmp_path)
    (tmp_path / "qt" / "lib").unlink()  # the plugin's own Qt library is gone
    done = start_window(tmp_path / "data", QT_QPA_PLATFORM="xcb", DISPLAY=":0", QT_QPA_PLATFORM_PLUGIN_PATH=str(folder))
    assert done.returncode == 2, done.stderr
    assert "libQt6XcbQpa.so.6" in done.stderr and "cài lại chương trình" in done.stderr


def test_a_fatal_qt_message_is_logged_and_ends_with_a_vietnamese_message(tmp_path: Path) -> None:
    """What the checks cannot foresee still reaches the log and exits normally (no abort, 134)."""
    done = start_window(tmp_path, QT_QPA_PLATFORM="khong-co")
    assert done.returncode == 2, done.stderr
    assert "Qt không khởi động được phần hiển thị" in done.stderr
    text = logged(tmp_path)
    assert "CRITICAL" in text and 'Could not find the Qt platform plugin "khong-co"' in text


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libEGL.so.1", "libegl1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
    ],
)
def test_packages_of_the_libraries_qt_needs(soname: str, package: str) -> None:
    assert platform_check.package_of(soname) == package


def test_which_platform_qt_tries_first() -> None:
    assert platform_check.wanted_platform({}) == "xcb"
    assert platform_check.wanted_platform({"WAYLAND_DISPLAY": "wayland-0"}) == "wayland"
    assert platform_check.wanted_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert platform_check.wanted_platform({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert platform_check.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_a_display_nobody_serves_does_not_answer() -> None:
    assert not platform_check.display_answers(":987")


def test_a_display_that_does_not_answer_is_said_in_vietnamese(tmp_path: Path) -> None:
    """DISPLAY names no X server: the libraries' message on a PC that lacks them, else the display's."""
    done = start_window(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=":987")
    assert done.returncode == 2, done.stderr
    assert "Không mở được cửa sổ chương trình" in done.stderr
    assert "không kết nối được màn hình «:987»" in done.stderr or "máy thiếu thư viện hiển thị" in done.stderr
    assert "Không mở được cửa sổ chương trình" in logged(tmp_path)
