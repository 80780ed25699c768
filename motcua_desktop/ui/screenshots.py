"""Screenshots of every screen, taken offscreen on a demo database (for docs/gui.md and the README).

    python -m motcua_desktop.ui.screenshots docs/screenshots            # 100 %
    python -m motcua_desktop.ui.screenshots /tmp/shots --scale 1.5      # Windows at 150 %

The clock is fixed (Monday 16/11/2026 09:30) and the fonts are the bundled ones, so the pictures
are the same on every machine. ``--scale`` sets ``QT_SCALE_FACTOR`` before Qt starts, which is how
a 125 % or 150 % Windows display looks: use it to check that nothing is clipped.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

WINDOW_SIZE = (1280, 760)
QR = "038087042028|173456789|Nguyễn Văn An|15031987|Nam|Thôn Phú Lâm, Xã Đông Tiến, Huyện Triệu Sơn, Thanh Hóa|10072021"


class FixedClock:
    def now(self) -> datetime:
        from motcua_desktop.domain.vntime import vn_datetime

        return vn_datetime(2026, 11, 16, 9, 30)


def take(
    output: Path, size: tuple[int, int] = WINDOW_SIZE, only: set[str] | None = None, dossiers: int = 3000
) -> list[Path]:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QWidget

    from motcua_desktop.domain.accounts import Role
    from motcua_desktop.domain.complaints import Channel, ComplaintInput
    from motcua_desktop.domain.dossier_filter import DueFilter
    from motcua_desktop.domain.lifecycle import Action, Status
    from motcua_desktop.domain.office import make_office_settings
    from motcua_desktop.services.accounts.users import add_user
    from motcua_desktop.services.complaints.register import receive_complaint
    from motcua_desktop.services.core.context import Session
    from motcua_desktop.services.demo.generate import generate_demo
    from motcua_desktop.services.workspace import close_workspace, open_context, set_up_workspace, sign_in_workspace
    from motcua_desktop.ui.accounts.login import LoginDialog
    from motcua_desktop.ui.complaints.complaints_page import ComplaintsPage
    from motcua_desktop.ui.dossiers.action_dialogs import ActionDialog
    from motcua_desktop.ui.dossiers.dossiers_page import DossiersPage
    from motcua_desktop.ui.dossiers.reception_page import ReceptionPage
    from motcua_desktop.ui.dossiers.return_page import ReturnPage
    from motcua_desktop.ui.office.first_run import FirstRunWizard
    from motcua_desktop.ui.office.settings_page import SettingsPage
    from motcua_desktop.ui.printing import print_flow
    from motcua_desktop.ui.queue.display import QueueDisplay
    from motcua_desktop.ui.queue.queue_page import QueuePage
    from motcua_desktop.ui.reports.reports_page import ReportsPage
    from motcua_desktop.ui.shell.app import application
    from motcua_desktop.ui.shell.main_window import MainWindow

    app = application()
    output.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    print_flow.deliver = lambda parent, ctx, job: True  # screenshots never print

    def shot(name: str, widget: QWidget) -> None:
        if only and name not in only:
            return
        widget.show()
        for _ in range(3):
            app.processEvents()
        for _ in range(3):  # again, once the layouts have adapted to the width
            if not isinstance(widget, QMainWindow) or (widget.width(), widget.height()) == size:
                break
            widget.resize(*size)
            for _ in range(3):
                app.processEvents()
        path = output / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    with tempfile.TemporaryDirectory() as folder:
        fresh = open_context(Path(folder) / "new", clock=FixedClock())
        wizard = FirstRunWizard(fresh)
        wizard.resize(760, 560)
        shot("01-first-run", wizard)
        wizard.close()
        close_workspace(fresh)

        ctx = open_context(Path(folder) / "demo", clock=FixedClock())
        office = make_office_settings(
            superior_name="UBND phường Đông Tiến",
            unit_name="Trung tâm Phục vụ hành chính công phường Đông Tiến",
            agency_id="000.00.12.H56",
            province="Thanh Hóa",
            commune="Phường Đông Tiến",
            counter_no=1,
            phone="0237 3856 123",
        )
        set_up_workspace(
            ctx, office, admin_username="admin", admin_full_name="Nguyễn Văn Quản", admin_password="quan-tri-2026"
        )
        sign_in_workspace(ctx, "admin", "quan-tri-2026")
        generate_demo(ctx, dossiers, seed=11, years=1)
        add_user(ctx, username="lan.nguyen", full_name="Nguyễn Thị Lan", role=Role.CLERK, password="can-bo-2026!")
        admin_session = ctx.session
        ctx.session = None
        login = LoginDialog(ctx)
        login.username.setText("lan.nguyen")
        shot("02-login", login)
        login.close()

        ctx.session = Session("lan.nguyen", "Nguyễn Thị Lan", Role.CLERK)
        window = MainWindow(ctx)
        window.resize(*size)
        window.show_page("reception")
        reception = window.page_as("reception", ReceptionPage)
        shot("03-reception-empty", window)
        reception.picker.edit.setText("dkks")
        reception.picker.refresh()
        shot("04-reception-picker", window)
        reception.picker.choose_key("1.001193")
        applicant_box = reception.form.applicant_box
        applicant_box.fill_from_scan(QR, applicant_box.applicant)
        applicant_box.applicant.ui.phone.setText("0912345678")
        reception.validate_live()
        shot("05-reception-filled", window)
        applicant_box.applicant.ui.id_number.setText("03808704202")
        reception.save()
        shot("06-reception-errors", window)
        reception.new_form()

        window.show_page("dossiers")
        dossier_page = window.page_as("dossiers", DossiersPage)
        dossier_page.status.setCurrentIndex(dossier_page.status.findData("pending"))
        shot("07-dossiers", window)
        dossier_page.status.setCurrentIndex(0)
        dossier_page.due.setCurrentIndex(dossier_page.due.findData(DueFilter.OVERDUE.value))
        if dossier_page.model.rows:
            dossier_page.table.selectRow(0)
            dossier_page.open_reference(dossier_page.model.rows[0].uuid)
        shot("08-dossier-detail", window)
        shown = dossier_page.detail.dossier()
        if shown is not None and shown.code:
            dialog = ActionDialog(ctx, shown, Action.REQUEST_SUPPLEMENT, window)
            items, note = dialog.inputs["items"], dialog.inputs["note"]
            assert isinstance(items, QPlainTextEdit) and isinstance(note, QPlainTextEdit)
            items.setPlainText("Giấy chứng sinh (bản chính)\nTờ khai có chữ ký của người đi đăng ký")
            note.setPlainText("Giấy chứng sinh nộp kèm là bản photo không rõ nét.")
            shot("09-action-dialog", dialog)
            dialog.close()

        window.show_page("return")
        returning = window.page_as("return", ReturnPage)
        dossier_page.clear_filters()
        dossier_page.status.setCurrentIndex(dossier_page.status.findData(Status.RESULT_READY.value))
        ready = list(dossier_page.model.rows)
        window.show_page("return")
        if ready and ready[0].code:
            returning.load(ready[0].code)
        shot("10-return", window)
        if ready:
            returning.confirm()
        shot("11-return-rating", window)

        window.show_page("queue")
        queue_page = window.page_as("queue", QueuePage)
        queue_page.print_ticket = lambda pdf: None  # screenshots never print
        for code in ("HT", "HT", "CT", "DD", "HT", "CT", "HT"):
            queue_page.take(code)
        queue_page.call()
        shot("queue-page", window)
        display = QueueDisplay(ctx)
        display.resize(1280, 720)
        shot("queue-tv", display)
        display.close()

        ctx.session = Session("hung.tran", "Trần Văn Hùng", Role.LEADER)
        leader_window = MainWindow(ctx)
        leader_window.resize(*size)
        for channel, sender, text in (
            (Channel.COUNTER, "Lê Thị Mai", "Chờ lâu ở quầy đất đai buổi sáng thứ Hai."),
            (Channel.BOX, "", "Đề nghị niêm yết thêm phí chứng thực bản sao."),
            (Channel.PHONE, "Phạm Văn Tú", "Hỏi vì sao hồ sơ khai sinh chưa có kết quả."),
        ):
            receive_complaint(ctx, ComplaintInput(channel, sender, text, assignee="lan.nguyen"))
        leader_window.show_page("complaints")
        complaints = leader_window.page_as("complaints", ComplaintsPage)
        complaints.show_report()
        shot("complaints-page", leader_window)
        leader_window.show_page("dashboard")
        shot("16-dashboard", leader_window)
        leader_window.show_page("reports")
        leader_window.page_as("reports", ReportsPage).show_report()
        shot("17-reports-ii06a", leader_window)
        leader_window.show_page("sync")
        shot("18-sync", leader_window)
        leader_window.show_page("audit")
        shot("19-audit", leader_window)

        ctx.session = admin_session
        admin_window = MainWindow(ctx)
        admin_window.resize(*size)
        admin_window.show_page("settings")
        settings = admin_window.page_as("settings", SettingsPage)
        shot("12-settings-office", admin_window)
        settings.tabs.setCurrentIndex(1)
        shot("13-settings-calendar", admin_window)
        settings.tabs.setCurrentIndex(2)
        shot("14-settings-printers", admin_window)
        settings.tabs.setCurrentIndex(3)
        shot("15-settings-users", admin_window)
        for each in (window, leader_window, admin_window):
            each.close()
            each.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        close_workspace(ctx)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chụp ảnh các màn hình (không cần màn hình thật).")
    parser.add_argument("output", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="hệ số phóng như Windows (1.25, 1.5)")
    parser.add_argument("--only", nargs="*", help="chỉ chụp những ảnh này (tên không có .png)")
    parser.add_argument("--size", default="1280x760", help="cỡ cửa sổ chính (điểm ảnh logic), ví dụ 1024x640")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    width, height = (int(v) for v in args.size.lower().split("x"))
    for path in take(args.output, (width, height), only=set(args.only) if args.only else None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
