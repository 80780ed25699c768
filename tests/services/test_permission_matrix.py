"""Every permission-checked service, called directly as each role: allowed or denied (and audited).

Hiding a button is not security: the services refuse. The list of cases is checked against the
services' source, so a new permission-checked service cannot be forgotten here.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from motcua_desktop.domain import events as ev
from motcua_desktop.domain.accounts import Permission, Role, allows
from motcua_desktop.domain.bundles import BIRTH
from motcua_desktop.domain.calendar import CalendarConfig, DayKind
from motcua_desktop.domain.complaints import Channel, ComplaintInput, total_period
from motcua_desktop.domain.dossier_filter import DossierFilter
from motcua_desktop.domain.errors import KnownError, PermissionDenied
from motcua_desktop.domain.lifecycle import Status
from motcua_desktop.domain.settings import APPOINTMENT_STYLE
from motcua_desktop.domain.transitions import HandOverInput, ReturnInput
from motcua_desktop.reports.period import month_period
from motcua_desktop.services.accounts import auth, users
from motcua_desktop.services.complaints import register as complaints
from motcua_desktop.services.core import clock_guard
from motcua_desktop.services.core import settings as core_settings
from motcua_desktop.services.demo import generate as demo
from motcua_desktop.services.dossiers import bundles, lifecycle, lists, paper_survey, registration
from motcua_desktop.services.dossiers import lookup as dossiers
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.hub import setup as hub_setup
from motcua_desktop.services.hub import status as hub_status
from motcua_desktop.services.office import calendar, calendar_notice, catalogue, due_flags, setup
from motcua_desktop.services.printing import forms as printing
from motcua_desktop.services.printing import listing as print_listing
from motcua_desktop.services.printing import settings as print_settings
from motcua_desktop.services.queue import tickets as queue
from motcua_desktop.services.reports import build as reports
from motcua_desktop.services.reports import dashboard
from motcua_desktop.services.reports import options as report_options
from motcua_desktop.services.reports import practices as practice_reports
from motcua_desktop.services.safety import audit, backup, restore
from motcua_desktop.services.safety.audit import AuditQuery
from motcua_desktop.services.sync import ack as sync_ack
from motcua_desktop.services.sync import conflicts as sync_conflicts
from motcua_desktop.services.sync import export as sync
from motcua_desktop.services.sync import import_package as sync_import_package
from motcua_desktop.services.sync import import_reports as sync_import_reports
from motcua_desktop.services.sync import imports as sync_import
from motcua_desktop.services.sync import keys as sync_keys
from motcua_desktop.services.sync import outbox as sync_outbox
from tests.factories import birth_registration, make_office
from tests.helpers.safety import signed_in

SERVICES = Path(__file__).resolve().parents[2] / "motcua_desktop" / "services"


@dataclass
class Env:
    tmp: Path
    code: str
    backup_path: Path
    public_key: str


Call = Callable[[Any, Env], object]

# (service function, permission it needs, a call with plausible arguments)
CASES: list[tuple[str, Permission, Call]] = [
    ("safety.audit.list_audit", Permission.AUDIT, lambda c, e: audit.list_audit(c, AuditQuery())),
    ("safety.audit.verify_log", Permission.AUDIT, lambda c, e: audit.verify_log(c)),
    ("accounts.auth.set_idle_lock_minutes", Permission.SETTINGS, lambda c, e: auth.set_idle_lock_minutes(c, 5)),
    ("safety.backup.backup_settings", Permission.BACKUP, lambda c, e: backup.backup_settings(c)),
    ("safety.backup.set_offsite_folder", Permission.SETTINGS, lambda c, e: backup.set_offsite_folder(c, str(e.tmp))),
    ("safety.backup.set_recovery_key", Permission.SETTINGS, lambda c, e: backup.set_recovery_key(c, e.public_key)),
    ("safety.backup.backup_now", Permission.BACKUP, lambda c, e: backup.backup_now(c)),
    ("safety.backup.list_backups", Permission.BACKUP, lambda c, e: backup.list_backups(c)),
    ("safety.restore.preview_backup", Permission.RESTORE, lambda c, e: restore.preview_backup(c, e.backup_path)),
    ("safety.restore.restore_backup", Permission.RESTORE, lambda c, e: restore.restore_backup(c, e.backup_path)),
    (
        "safety.restore.restore_over",
        Permission.RESTORE,
        lambda c, e: restore.restore_over(c, c.store.path, e.backup_path, None),
    ),
    (
        "office.calendar_notice.preview_calendar_import",
        Permission.CALENDAR,
        lambda c, e: calendar_notice.preview_calendar_import(c, e.tmp / "khong-co.csv"),
    ),
    (
        "office.calendar_notice.apply_calendar_import",
        Permission.CALENDAR,
        lambda c, e: calendar_notice.apply_calendar_import(c, e.tmp / "khong-co.csv", digest="x"),
    ),
    (
        "office.calendar_notice.preview_reported",
        Permission.CALENDAR,
        lambda c, e: calendar_notice.preview_reported(c, 2027),
    ),
    (
        "office.calendar_notice.confirm_reported",
        Permission.CALENDAR,
        lambda c, e: calendar_notice.confirm_reported(c, 2027, checked="Công văn 10065/VPCP-KGVX", digest="x"),
    ),
    (
        "office.calendar.set_day",
        Permission.CALENDAR,
        lambda c, e: calendar.set_day(c, date(2026, 12, 24), DayKind.CLOSURE, "Nghỉ do bão", "Bão số 9"),
    ),
    (
        "office.calendar.confirm_day",
        Permission.CALENDAR,
        lambda c, e: calendar.confirm_day(c, date(2026, 12, 24), "Đã có"),
    ),
    (
        "office.calendar.set_office_hours",
        Permission.CALENDAR,
        lambda c, e: calendar.set_office_hours(c, CalendarConfig()),
    ),
    (
        "core.settings.change_setting",
        Permission.SETTINGS,
        lambda c, e: core_settings.change_setting(c, APPOINTMENT_STYLE, "x"),
    ),
    (
        "core.settings.change_settings",
        Permission.SETTINGS,
        lambda c, e: core_settings.change_settings(c, [(APPOINTMENT_STYLE, "x")]),
    ),
    ("office.due_flags.due_flags", Permission.SEARCH, lambda c, e: due_flags.due_flags(c)),
    ("office.due_flags.flagged_appointments", Permission.SEARCH, lambda c, e: due_flags.flagged_appointments(c)),
    ("office.due_flags.redate_for_calendar", Permission.FOLLOW, lambda c, e: due_flags.redate_for_calendar(c, "x")),
    ("office.due_flags.keep_printed_due", Permission.FOLLOW, lambda c, e: due_flags.keep_printed_due(c, "x", "Giữ")),
    (
        "office.catalogue_import.import_catalogue",
        Permission.CATALOGUE,
        lambda c, e: catalogue.import_catalogue(c, e.tmp / "x.csv"),
    ),
    (
        "office.catalogue_import.preview_import",
        Permission.CATALOGUE,
        lambda c, e: catalogue.preview_import(c, e.tmp / "x.csv"),
    ),
    ("office.catalogue.export_catalogue", Permission.CATALOGUE, lambda c, e: catalogue.export_catalogue(c)),
    (
        "office.catalogue.set_local_fields",
        Permission.CATALOGUE,
        lambda c, e: catalogue.set_local_fields(c, "1.001193", fee="0", basis="Quyết định số 1/QĐ-UBND"),
    ),
    (
        "reports.options.set_report_options",
        Permission.SETTINGS,
        lambda c, e: report_options.set_report_options(c, cutoff=True),
    ),
    (
        "core.clock_guard.confirm_correct_time",
        Permission.CLOCK_OVERRIDE,
        lambda c, e: clock_guard.confirm_correct_time(c, c.clock.now()),
    ),
    (
        "core.clock_guard.confirm_forward_jump",
        Permission.CLOCK_OVERRIDE,
        lambda c, e: clock_guard.confirm_forward_jump(c),
    ),
    ("demo.generate.generate_demo", Permission.SETTINGS, lambda c, e: demo.generate_demo(c, 0)),
    ("dossiers.lookup.search_dossiers", Permission.SEARCH, lambda c, e: dossiers.search_dossiers(c, "nguyen")),
    ("dossiers.lookup.scan_target", Permission.SEARCH, lambda c, e: dossiers.scan_target(c, e.code)),
    ("dossiers.lookup.open_dossier", Permission.VIEW_DETAIL, lambda c, e: dossiers.open_dossier(c, e.code)),
    (
        "dossiers.lifecycle.transition",
        Permission.FOLLOW,
        lambda c, e: lifecycle.transition(c, dossiers.find_dossier(c, e.code), HandOverInput(receiver="Lê Văn Nhận")),
    ),
    (
        "dossiers.lifecycle.transition",
        Permission.RETURN,
        lambda c, e: lifecycle.transition(c, dossiers.find_dossier(c, e.code), ReturnInput()),
    ),
    (
        "dossiers.lookup.correct",
        Permission.FOLLOW,
        lambda c, e: dossiers.correct(
            c, dossiers.find_dossier(c, e.code), reason="Gõ nhầm", summary="Đăng ký khai sinh cho cháu Khôi"
        ),
    ),
    (
        "dossiers.lookup.set_file_location",
        Permission.FOLLOW,
        lambda c, e: dossiers.set_file_location(c, dossiers.find_dossier(c, e.code), "Tủ 2"),
    ),
    (
        "dossiers.lookup.record_not_ready_visit",
        Permission.FOLLOW,
        lambda c, e: dossiers.record_not_ready_visit(c, dossiers.find_dossier(c, e.code)),
    ),
    (
        "dossiers.bundles.register_bundle",
        Permission.REGISTER,
        lambda c, e: bundles.register_bundle(c, BIRTH, birth_registration(), ["khai-sinh"]),
    ),
    (
        "dossiers.registration.register",
        Permission.REGISTER,
        lambda c, e: registration.register(c, birth_registration()),
    ),
    (
        "dossiers.registration.record_pre_reception",
        Permission.REGISTER,
        lambda c, e: registration.record_pre_reception(
            c, birth_registration(), Status.GUIDED, reason="Thiếu giấy tờ", missing_items=["Giấy chứng sinh"]
        ),
    ),
    ("office.setup.update_office", Permission.SETTINGS, lambda c, e: setup.update_office(c, make_office())),
    (
        "accounts.users.add_user",
        Permission.USERS,
        lambda c, e: users.add_user(c, username="moi.vao", full_name="Người Mới", role=Role.CLERK, password="dai-du-8"),
    ),
    ("accounts.users.list_users", Permission.USERS, lambda c, e: users.list_users(c)),
    ("dossiers.lists.count_dossiers", Permission.SEARCH, lambda c, e: lists.count_dossiers(c, DossierFilter())),
    ("reports.build.ii06a_report", Permission.REPORTS, lambda c, e: reports.ii06a_report(c, month_period(2026, 11))),
    (
        "reports.build.satisfaction_report",
        Permission.REPORTS,
        lambda c, e: reports.satisfaction_report(c, month_period(2026, 11)),
    ),
    ("reports.build.trips_report", Permission.REPORTS, lambda c, e: reports.trips_report(c, month_period(2026, 11))),
    # Every signed-in role may ask for its own closing sheet; another clerk's needs REPORTS.
    ("reports.build.closing_sheet", Permission.SEARCH, lambda c, e: reports.closing_sheet(c, date(2026, 11, 16))),
    ("reports.build.clerks", Permission.SEARCH, lambda c, e: reports.clerks(c)),
    ("reports.dashboard.dashboard", Permission.SEARCH, lambda c, e: dashboard.dashboard(c)),
    (
        "printing.forms.tracking_book_lines",
        Permission.PRINT,
        lambda c, e: printing.tracking_book_lines(c, date(2026, 11, 1), date(2026, 11, 30)),
    ),
    (
        "dossiers.lists.dossier_summary",
        Permission.SEARCH,
        lambda c, e: lists.dossier_summary(c, dossiers.resolve(c, e.code)),
    ),
    (
        "dossiers.lookup.refresh_view",
        Permission.VIEW_DETAIL,
        lambda c, e: dossiers.refresh_view(c, dossiers.resolve(c, e.code)),
    ),
    ("printing.settings.set_print_mode", Permission.SETTINGS, lambda c, e: print_settings.set_print_mode(c, "preview")),
    (
        "printing.settings.set_printer_choice",
        Permission.SETTINGS,
        lambda c, e: print_settings.set_printer_choice(c, "01", print_settings.PrinterChoice()),
    ),
    ("accounts.users.set_role", Permission.USERS, lambda c, e: users.set_role(c, "khac.user", Role.LEADER)),
    ("accounts.users.staff_names", Permission.SEARCH, lambda c, e: users.staff_names(c)),
    ("dossiers.lists.list_dossiers", Permission.SEARCH, lambda c, e: lists.list_dossiers(c, DossierFilter())),
    ("printing.forms.print_form", Permission.PRINT, lambda c, e: printing.print_form(c, e.code)),
    (
        "printing.forms.record_printed",
        Permission.PRINT,
        lambda c, e: printing.record_printed(c, printing.PrintJob("01", b"", "x.pdf", False, "x", recorded=True)),
    ),
    (
        "printing.forms.print_tracking_book",
        Permission.PRINT,
        lambda c, e: printing.print_tracking_book(c, date(2026, 11, 1), date(2026, 11, 30)),
    ),
    ("printing.forms.set_receipt_options", Permission.SETTINGS, lambda c, e: printing.set_receipt_options(c, qr=True)),
    ("sync.outbox.build_batches", Permission.EXPORT, lambda c, e: sync_outbox.build_batches(c)),
    ("sync.export.export_summary", Permission.EXPORT, lambda c, e: sync.export_summary(c)),
    ("sync.export.export_to", Permission.EXPORT, lambda c, e: sync.export_to(c, e.tmp / "usb")),
    ("sync.ack.import_ack", Permission.EXPORT, lambda c, e: sync_ack.import_ack(c, b"{}", "ack.json")),
    ("sync.imports.import_files", Permission.EXPORT, lambda c, e: sync_import.import_files(c, [e.tmp / "khong-co"])),
    (
        "sync.import_package.import_package",
        Permission.CONSOLIDATE,
        lambda c, e: sync_import_package.import_package(c, e.tmp / "x"),
    ),
    ("sync.import_reports.sync_reports", Permission.CONSOLIDATE, lambda c, e: sync_import_reports.sync_reports(c)),
    ("sync.conflicts.list_conflicts", Permission.CONSOLIDATE, lambda c, e: sync_conflicts.list_conflicts(c)),
    (
        "sync.conflicts.dossier_conflict",
        Permission.CONSOLIDATE,
        lambda c, e: sync_conflicts.dossier_conflict(c, e.code),
    ),
    (
        "sync.conflicts.resolve_conflict",
        Permission.CONSOLIDATE,
        lambda c, e: sync_conflicts.resolve_conflict(c, e.code, 1, "Giữ phiên bản 1"),
    ),
    ("sync.keys.this_pc_card", Permission.SETTINGS, lambda c, e: sync_keys.this_pc_card(c)),
    ("sync.keys.read_card_file", Permission.SETTINGS, lambda c, e: sync_keys.read_card_file(c, b"{}", "khoa.json")),
    ("sync.keys.add_recipient", Permission.SETTINGS, lambda c, e: sync_keys.add_recipient(c, b"{}", "khoa.json")),
    ("sync.keys.remove_recipient", Permission.SETTINGS, lambda c, e: sync_keys.remove_recipient(c, "AAAA-BBBB")),
    ("sync.keys.list_recipients", Permission.EXPORT, lambda c, e: sync_keys.list_recipients(c)),
    ("sync.keys.enrol_device", Permission.SETTINGS, lambda c, e: sync_keys.enrol_device(c, b"{}", "may.json")),
    ("sync.keys.list_devices", Permission.CONSOLIDATE, lambda c, e: sync_keys.list_devices(c)),
    (
        "hub.setup.connect",
        Permission.SETTINGS,
        lambda c, e: hub_setup.connect(c, "postgresql://quay:x@127.0.0.1:1/motcua?sslmode=require"),
    ),
    ("hub.setup.disconnect", Permission.SETTINGS, lambda c, e: hub_setup.disconnect(c)),
    ("hub.status.sync_now", Permission.EXPORT, lambda c, e: hub_status.sync_now(c)),
    (
        "dossiers.paper_survey.enter_paper_rating",
        Permission.RETURN,
        lambda c, e: paper_survey.enter_paper_rating(c, dossiers.find_dossier(c, e.code), "1"),
    ),
    ("printing.listing.public_listing", Permission.SEARCH, lambda c, e: print_listing.public_listing(c)),
    (
        "reports.practices.same_day_report",
        Permission.REPORTS,
        lambda c, e: practice_reports.same_day_report(c, month_period(2026, 11)),
    ),
    (
        "reports.practices.rating_channels_report",
        Permission.REPORTS,
        lambda c, e: practice_reports.rating_channels_report(c, month_period(2026, 11)),
    ),
    ("accounts.users.lock_user", Permission.USERS, lambda c, e: users.lock_user(c, "khac.user", "Nghỉ việc")),
    ("accounts.users.unlock_user", Permission.USERS, lambda c, e: users.unlock_user(c, "khac.user")),
    ("accounts.users.reset_password", Permission.USERS, lambda c, e: users.reset_password(c, "khac.user")),
    (
        "complaints.register.receive_complaint",
        Permission.REGISTER,
        lambda c, e: complaints.receive_complaint(c, ComplaintInput(Channel.PHONE, "Lê Văn Hùng", "Chờ lâu")),
    ),
    (
        "complaints.register.assign_complaint",
        Permission.FOLLOW,
        lambda c, e: complaints.assign_complaint(c, "PA-2026-0001", "khac.user"),
    ),
    (
        "complaints.register.answer_complaint",
        Permission.FOLLOW,
        lambda c, e: complaints.answer_complaint(c, "PA-2026-0001", "Đã trả lời"),
    ),
    ("complaints.register.set_answer_days", Permission.SETTINGS, lambda c, e: complaints.set_answer_days(c, 10)),
    ("complaints.register.complaint_register", Permission.SEARCH, lambda c, e: complaints.complaint_register(c)),
    (
        "complaints.register.complaint_report",
        Permission.REPORTS,
        lambda c, e: complaints.complaint_report(c, [total_period(date(2026, 11, 1), date(2026, 11, 30))]),
    ),
    (
        "queue.tickets.set_queue_options",
        Permission.SETTINGS,
        lambda c, e: queue.set_queue_options(c, fields=["HT=Hộ tịch", "K=Khác"], layout="a6"),
    ),
    (
        "reports.practices.complaints_report",
        Permission.REPORTS,
        lambda c, e: practice_reports.complaints_report(c, month_period(2026, 11)),
    ),
    (
        "reports.practices.waiting_queue_report",
        Permission.REPORTS,
        lambda c, e: practice_reports.waiting_queue_report(c, month_period(2026, 11)),
    ),
    ("queue.tickets.take_ticket", Permission.REGISTER, lambda c, e: queue.take_ticket(c, "HT")),
    ("queue.tickets.call_next", Permission.REGISTER, lambda c, e: queue.call_next(c, 1)),
    ("queue.tickets.finish_current", Permission.REGISTER, lambda c, e: queue.finish_current(c, 1)),
    ("queue.tickets.queue_board", Permission.REGISTER, lambda c, e: queue.queue_board(c)),
    (
        "queue.tickets.queue_report",
        Permission.REPORTS,
        lambda c, e: queue.queue_report(c, date(2026, 11, 1), date(2026, 11, 30)),
    ),
]


def permission_checked_services() -> set[str]:
    """``module.function`` of every service function that calls ``ctx.require``/``require_fresh``, or
    ``change_setting``/``change_settings`` or their ``_require`` (which check the setting's permission).
    A private helper (``_name``) is not a service: its public callers are."""
    found = set()
    for path in SERVICES.rglob("*.py"):
        module = ".".join(path.relative_to(SERVICES).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and (
                    (
                        isinstance(sub.func, ast.Attribute)
                        and sub.func.attr in ("require", "require_fresh")
                        and isinstance(sub.func.value, ast.Name)
                        and sub.func.value.id == "ctx"
                    )
                    or (
                        isinstance(sub.func, ast.Name)
                        and sub.func.id in ("change_setting", "change_settings", "_require")
                    )
                ):
                    found.add(f"{module}.{node.name}")
    return found


def test_every_permission_checked_service_is_in_the_matrix() -> None:
    assert permission_checked_services() == {name for name, _, _ in CASES}


@pytest.fixture
def env(office_store, clock, tmp_path) -> Env:  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    code = register(clerk, birth_registration()).dossier.code
    signed_in(office_store, clock, Role.CLERK, "khac.user")
    made = backup.backup_now(signed_in(office_store, clock, Role.ADMIN))
    public, _private = backup.new_recovery_key()
    return Env(tmp_path, str(code), made.local.path, public)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
@pytest.mark.parametrize(("name", "permission", "call"), CASES, ids=[f"{n}[{p.value}]" for n, p, _ in CASES])
def test_service_allows_exactly_the_roles_with_the_permission(
    office_store, clock, env, role, name, permission, call
) -> None:  # type: ignore[no-untyped-def]
    ctx = signed_in(office_store, clock, role)
    denials_before = _denials(ctx)
    if allows(role, permission):
        try:
            call(ctx, env)
        except PermissionDenied as exc:  # pragma: no cover - the assertion below explains
            pytest.fail(f"{role.label} should be allowed {name}: {exc}")
        except KnownError:
            pass  # allowed, then refused for a reason of the data (missing file, nothing to confirm…)
    else:
        with pytest.raises(PermissionDenied, match=role.label):
            call(ctx, env)
        assert _denials(ctx) == [*denials_before, permission.value]  # the refusal is in the audit trail


def _denials(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.payload["permission"] for e, _ in ctx.store.events.find(kind=ev.ACCESS_DENIED, limit=1000)][::-1]


def test_sensitive_actions_need_the_password_again(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    from motcua_desktop.services.core.context import REAUTH_WINDOW_SECONDS, ReauthenticationRequired
    from tests.factories import ADMIN_PASSWORD

    now = [1000.0]
    admin = signed_in(office_store, clock, Role.ADMIN)
    admin.monotonic = lambda: now[0]
    admin.mark_authenticated()
    users.list_users(admin)  # reading needs no new entry
    now[0] += REAUTH_WINDOW_SECONDS + 1
    with pytest.raises(ReauthenticationRequired, match="nhập lại mật khẩu"):
        users.add_user(admin, username="moi.vao", full_name="Người Mới", role=Role.CLERK, password="dai-du-8")
    assert office_store.users.get("moi.vao") is None
    auth.reauthenticate(admin, ADMIN_PASSWORD)
    assert users.add_user(admin, username="moi.vao", full_name="Người Mới", role=Role.CLERK, password="dai-du-8")
