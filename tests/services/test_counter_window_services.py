"""Small use cases the counter window needs: frequent procedures, drafts, printers, roles, start-up."""

from __future__ import annotations

import json

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.dossier_filter import DossierFilter, DueFilter
from motcua_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from motcua_desktop.services.accounts.users import add_user, set_role
from motcua_desktop.services.core.calendar import appointment_text_for, office_hours
from motcua_desktop.services.dossiers.drafts import discard_draft, load_draft, save_draft
from motcua_desktop.services.dossiers.lists import list_dossiers, near_due_before
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.catalogue import find_procedures, frequent_procedures, initials
from motcua_desktop.services.printing.forms import set_receipt_options
from motcua_desktop.services.printing.settings import (
    DIRECT,
    PREVIEW,
    PrinterChoice,
    print_mode,
    printer_choice,
    receipt_options,
    set_print_mode,
    set_printer_choice,
)
from motcua_desktop.services.workspace import (
    close_workspace,
    data_folder,
    office_or_none,
    open_context,
    set_up_workspace,
    sign_in_workspace,
    worker_context,
    workspace_is_set_up,
)
from tests.factories import ADMIN_PASSWORD, birth_registration, context, make_office


def test_frequent_procedures_come_from_recent_registrations(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    assert frequent_procedures(ctx) == []
    for _ in range(3):
        register(ctx, birth_registration(procedure="2.000815"))
    register(ctx, birth_registration())
    keys = [p.key for p in frequent_procedures(ctx)]
    assert keys == ["2.000815", "1.001193"]
    # The empty picker lists the whole catalogue, frequent procedures on top.
    everything = find_procedures(ctx, "", limit=500)
    assert [p.key for p in everything[:2]] == keys and len(everything) > 50


def test_find_procedures_by_folded_words_code_and_initials(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    # Among equally frequent matches the most specific (shortest) name comes first.
    assert find_procedures(ctx, "khai sinh")[0].name == "Đăng ký khai sinh"
    assert find_procedures(ctx, "dkks")[0].name == "Đăng ký khai sinh"
    assert find_procedures(ctx, "khai")[0].name.startswith("Đăng ký khai")
    assert initials("Đăng ký khai sinh") == "dkks"
    assert find_procedures(ctx, "dang ky khai sinh")[0].name.startswith("Đăng ký khai sinh")
    assert find_procedures(ctx, "1.001193")[0].code == "1.001193"
    by_initials = find_procedures(ctx, "dkks")
    assert by_initials and all(initials(p.name).startswith("dkks") for p in by_initials[:1])
    # A frequent procedure outranks a rarer one that matches the same words.
    rare, frequent = find_procedures(ctx, "khai sinh")[:2]
    for _ in range(2):
        register(ctx, birth_registration(procedure=frequent.key, duration_unit="NGAY_LAM_VIEC", duration_amount="5"))
    assert find_procedures(ctx, "khai sinh")[0].key == frequent.key
    assert rare.key != frequent.key
    assert find_procedures(ctx, "zzzz khong co") == []
    assert find_procedures(ctx, "ks")[0].key == frequent.key  # initials anywhere in the name, frequent first


def test_drafts_are_per_user_atomic_and_discardable(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    lan = context(office_store, clock)
    hung = context(office_store, clock, username="hung.tran")
    assert load_draft(lan, "reception") is None
    save_draft(lan, "reception", {"full_name": "Nguyễn Văn An", "documents": [True, False]})
    clock.advance(minutes=1)
    saved = save_draft(lan, "reception", {"full_name": "Nguyễn Văn Ân"})
    assert load_draft(hung, "reception") is None
    draft = load_draft(lan, "reception")
    assert draft is not None and draft.data == {"full_name": "Nguyễn Văn Ân"} and draft.saved_at == saved.saved_at
    folder = office_store.path.parent / "drafts"
    assert [p.name for p in folder.iterdir()] == ["reception.lan.nguyen.json"]  # no temporary file left
    assert json.loads((folder / "reception.lan.nguyen.json").read_text(encoding="utf-8"))["data"]["full_name"]
    discard_draft(lan, "reception")
    assert load_draft(lan, "reception") is None
    (folder / "reception.lan.nguyen.json").write_text("{hỏng", encoding="utf-8")
    assert load_draft(lan, "reception") is None  # a damaged draft is dropped, not a crash
    lan.session = None
    with pytest.raises(PermissionDenied):
        save_draft(lan, "reception", {})


def test_print_settings_per_form(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, role=Role.ADMIN, username="admin2")
    clerk = context(office_store, clock)
    assert print_mode(clerk) == PREVIEW
    assert printer_choice(clerk, "01") == PrinterChoice()
    set_print_mode(admin, DIRECT)
    chosen = set_printer_choice(admin, "01", PrinterChoice(" Máy in nhiệt ", "80mm", "portrait", 1))
    assert chosen.printer_name == "Máy in nhiệt"
    assert print_mode(clerk) == DIRECT and printer_choice(clerk, "01") == chosen
    assert printer_choice(clerk, "02") == PrinterChoice()
    with pytest.raises(ValidationError, match="Khổ giấy"):
        set_printer_choice(admin, "02", PrinterChoice(paper="A3"))
    with pytest.raises(ValidationError, match="Cách in"):
        set_print_mode(admin, "fax")
    with pytest.raises(PermissionDenied):
        set_print_mode(clerk, PREVIEW)
    assert receipt_options(clerk).layout == "a4x2"
    set_receipt_options(admin, layout="a5", qr=True)
    assert receipt_options(clerk).layout == "a5" and receipt_options(clerk).qr


def test_set_role_keeps_one_administrator(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    admin = context(office_store, clock, role=None)
    sign_in_workspace(admin, "admin", ADMIN_PASSWORD)
    add_user(admin, username="hoa.le", full_name="Lê Thị Hoa", role=Role.CLERK, password="ban-dau-123")
    assert set_role(admin, "hoa.le", Role.LEADER).role == Role.LEADER.value
    with pytest.raises(ConflictError, match="quản trị viên duy nhất"):
        set_role(admin, "admin", Role.CLERK)
    with pytest.raises(PermissionDenied):
        set_role(context(office_store, clock), "hoa.le", Role.ADMIN)


def test_near_due_threshold_and_calendar_wrappers(office_store, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = context(office_store, clock)
    assert near_due_before(ctx) > clock.now()
    assert office_hours(ctx).describe().startswith("07:00")
    dossier = register(ctx, birth_registration()).dossier
    assert "2026" in appointment_text_for(ctx, dossier.due_at)
    clock.advance(hours=1)  # a same-day procedure: due at the end of today, so near due now
    near = list_dossiers(ctx, DossierFilter(due=DueFilter.NEAR_DUE))
    assert [s.uuid for s in near] == [dossier.uuid] and dossier.due_at <= near_due_before(ctx)


def test_workspace_open_set_up_sign_in_and_worker(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(tmp_path / "data", clock=clock)
    try:
        assert not workspace_is_set_up(ctx) and office_or_none(ctx) is None
        set_up_workspace(
            ctx, make_office(), admin_username="admin", admin_full_name="Quản Trị", admin_password=ADMIN_PASSWORD
        )
        assert workspace_is_set_up(ctx) and office_or_none(ctx).agency_id == "000.00.12.H56"
        session = sign_in_workspace(ctx, "admin", ADMIN_PASSWORD)
        assert ctx.session == session and data_folder(ctx) == tmp_path / "data"
        worker = worker_context(ctx)
        try:
            assert worker.store is not ctx.store and worker.session == session
            assert worker.office() == ctx.office()
        finally:
            close_workspace(worker)
    finally:
        close_workspace(ctx)
