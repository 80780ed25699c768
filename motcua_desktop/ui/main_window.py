"""The main window (placeholder until the counter window lands): opens the database, shows the office."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow

from motcua_desktop import APP_NAME, __version__
from motcua_desktop.services.app_state import StartupInfo, start_up


def create_main_window(data_folder: Path) -> QMainWindow:
    info = start_up(data_folder)
    window = QMainWindow()
    window.setWindowTitle(f"{APP_NAME} {__version__}")
    window.setCentralWidget(QLabel(_text(info)))
    window.resize(900, 600)
    return window


def _text(info: StartupInfo) -> str:
    if not info.set_up:
        return (
            f"Cơ sở dữ liệu: {info.database}\nDanh mục mẫu: {info.procedures} thủ tục.\n"
            "Chưa thiết lập thông tin đơn vị: hãy chạy «motcua setup»."
        )
    return f"{info.unit_name}\nQuầy số {info.counter_no}\nCơ sở dữ liệu: {info.database}"
