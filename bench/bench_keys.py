"""Clerk speed: key presses of a scripted birth registration with a CCCD scan, and of a return by scan.

Drives the real window offscreen on a temporary database (not the shared 1M one) and counts every
key event the clerk sends (the scanner's characters and its Enter suffix count as one scan).
Targets: ≤ 12 keys + 1 scan to a printed receipt; 1 scan + ≤ 2 keys for a return, on the return
page. A count, not a time: there is no floor.

    python bench/bench_keys.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.contract import BenchEnv, BenchRow

QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"


class Keyboard:
    """Sends key events to the focused widget and counts them (clerk keys and scans apart)."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.scans = 0

    def _send(self, text: str, key=None) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        target = QApplication.focusWidget()
        assert target is not None, "no focus"
        if key is not None:
            QTest.keyClick(target, key)
        elif text.isascii():
            QTest.keyClick(target, text)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, text, Qt.KeyboardModifier.NoModifier)

    def type(self, text: str) -> None:
        for ch in text:
            self._send(ch)
            self.keys.append(ch)

    def press(self, name: str) -> None:
        from PySide6.QtCore import Qt

        self._send("", getattr(Qt.Key, f"Key_{name}"))
        self.keys.append(name)

    def scan(self, payload: str) -> None:
        from PySide6.QtCore import Qt

        for ch in payload:
            self._send(ch)
        self._send("", Qt.Key.Key_Return)
        self.scans += 1

    def report(self, title: str) -> str:
        return f"{title}: {len(self.keys)} phím + {self.scans} lần quét  ({' '.join(self.keys)})"


def scenarios() -> list[tuple[str, Keyboard, int]]:
    """Runs the three scripted scenarios on the real window; (title, keyboard, keys that count)."""
    from argon2 import PasswordHasher

    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.codes import barcode_key
    from motcua_desktop.domain.lifecycle import Status
    from motcua_desktop.domain.office import make_office_settings
    from motcua_desktop.domain.transitions import ResultReadyInput
    from motcua_desktop.services.accounts import auth
    from motcua_desktop.services.accounts.users import add_user
    from motcua_desktop.services.core.context import Session
    from motcua_desktop.services.dossiers.lifecycle import transition
    from motcua_desktop.services.dossiers.lookup import find_dossier, load_dossier, resolve, search_dossiers
    from motcua_desktop.services.dossiers.registration import register
    from motcua_desktop.services.printing.settings import DIRECT, set_print_mode
    from motcua_desktop.services.workspace import close_workspace, open_context, set_up_workspace, sign_in_workspace
    from motcua_desktop.ui.printing import print_flow
    from motcua_desktop.ui.shell.app import application
    from motcua_desktop.ui.shell.main_window import MainWindow
    from tests.factories import birth_registration

    real_hasher, real_deliver = auth.PASSWORD_HASHER, print_flow.deliver
    auth.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # speed only
    app = application()
    printed: list = []  # type: ignore[type-arg]
    print_flow.deliver = lambda parent, ctx, job: printed.append(job) or True  # the direct printer
    results: list[tuple[str, Keyboard, int]] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            ctx = open_context(Path(folder))
            office = make_office_settings(
                superior_name="UBND phường Đông Tiến",
                unit_name="Trung tâm Phục vụ hành chính công phường Đông Tiến",
                agency_id="000.00.12.H56",
                province="Thanh Hóa",
                commune="Phường Đông Tiến",
                counter_no=1,
            )
            set_up_workspace(
                ctx, office, admin_username="admin", admin_full_name="Quản Trị", admin_password="quan-tri-2026"
            )
            sign_in_workspace(ctx, "admin", "quan-tri-2026")
            set_print_mode(ctx, DIRECT)
            add_user(ctx, username="lan.nguyen", full_name="Nguyễn Thị Lan", role=Role.CLERK, password="can-bo-2026!")
            ctx.session = Session("lan.nguyen", "Nguyễn Thị Lan", Role.CLERK)
            window = MainWindow(ctx)
            window.show()
            window.activateWindow()
            app.processEvents()

            # 1. A birth registration, the procedure found by its initials (Đăng Ký Khai Sinh).
            keys = Keyboard()
            keys.type("dkks")
            keys.press("Return")
            assert window.page("reception").picker.procedure().code == "1.001193"
            keys.scan(QR)
            keys.press("F9")
            found = search_dossiers(ctx, "038087042028")
            assert len(found) == 1 and len(printed) == 1 and printed[0].form == "01", (found, printed)
            results.append(
                ("registration with a CCCD scan, procedure typed «dkks» → receipt printed", keys, len(keys.keys))
            )

            # 2. The same when birth registration is this counter's most frequent procedure (the usual day).
            for _ in range(3):
                register(ctx, birth_registration())
            keys = Keyboard()
            keys.press("Return")
            assert window.page("reception").picker.procedure().code == "1.001193"
            keys.scan(QR)
            keys.press("F9")
            assert len(printed) == 2
            results.append(("registration with a CCCD scan, the counter's most used procedure", keys, len(keys.keys)))

            # 3. The return by scan.
            code = found[0].code
            transition(ctx, find_dossier(ctx, code), ResultReadyInput())
            keys = Keyboard()
            keys.press("F3")
            switch = len(keys.keys)
            keys.scan(barcode_key(code))
            keys.press("Return")
            keys.type("1")
            returned = load_dossier(ctx.store, resolve(ctx, code))
            assert returned.status is Status.RETURNED and returned.return_record.satisfaction is not None
            results.append(("return by scan of the appointment slip, rating 1", keys, len(keys.keys) - switch))
            window.close()
            close_workspace(ctx)
    finally:
        auth.PASSWORD_HASHER, print_flow.deliver = real_hasher, real_deliver
    return results


def measure(env: BenchEnv) -> list[BenchRow]:
    rows = []
    for title, keys, counted in scenarios():
        assert keys.scans == 1, (title, keys.scans)
        registration = title.startswith("registration")
        limit = 12 if registration else 2
        extra = "" if registration else " (F3 to reach the page not counted)"
        rows.append(
            BenchRow(
                title,
                float(counted),
                "keys",
                max_value=limit,
                target=f"≤ {limit} keys + 1 scan",
                n=1,
                note=f"+ {keys.scans} scan; keys: {' '.join(keys.keys)}{extra}; real window, offscreen",
            )
        )
    return rows


def main() -> int:
    from bench.run import table

    print("\n".join(table([("bench_keys", r) for r in measure(BenchEnv())])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
