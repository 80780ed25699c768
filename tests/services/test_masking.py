"""ID numbers are masked in every list and search result for roles that do not need them."""

from __future__ import annotations

import json

import pytest

from motcua_desktop.domain.accounts import Permission, Role, allows
from motcua_desktop.domain.identity import mask_id_number
from motcua_desktop.services.accounts.users import list_users
from motcua_desktop.services.dossiers.lookup import search_dossiers
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.services.office.due_flags import due_flags
from motcua_desktop.services.safety.audit import AuditQuery, list_audit
from tests.factories import applicant, birth_registration
from tests.helpers.safety import signed_in

NUMBER = "038087042028"


@pytest.fixture
def registered(office_store, clock):  # type: ignore[no-untyped-def]
    clerk = signed_in(office_store, clock, Role.CLERK)
    return register(clerk, birth_registration(applicant=applicant(id_number=NUMBER))).dossier


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
@pytest.mark.parametrize("query", [NUMBER, "nguyen van an", "0912345678"])
def test_search_results(office_store, clock, registered, role, query) -> None:  # type: ignore[no-untyped-def]
    found = search_dossiers(signed_in(office_store, clock, role), query)
    assert [s.uuid for s in found] == [registered.uuid]
    expected = NUMBER if allows(role, Permission.VIEW_ID_NUMBERS) else mask_id_number(NUMBER)
    assert found[0].applicant_id_number == expected
    if role is not Role.CLERK:
        assert found[0].applicant_id_number == "0380******28"


@pytest.mark.parametrize("role", [Role.CLERK, Role.LEADER], ids=lambda r: r.name.lower())
def test_possible_duplicates_at_registration(office_store, clock, registered, role) -> None:  # type: ignore[no-untyped-def]
    clock.advance(minutes=10)
    result = register(signed_in(office_store, clock, role), birth_registration(applicant=applicant(id_number=NUMBER)))
    assert [d.uuid for d in result.possible_duplicates] == [registered.uuid]
    shown = result.possible_duplicates[0].applicant_id_number
    assert shown == (NUMBER if role is Role.CLERK else "0380******28")


@pytest.mark.parametrize(
    ("role", "listing"),
    [
        (Role.LEADER, lambda ctx: list_audit(ctx, AuditQuery())),
        (Role.ADMIN, lambda ctx: list_audit(ctx, AuditQuery())),
        (Role.LEADER, due_flags),
        (Role.ADMIN, list_users),
    ],
    ids=["audit-leader", "audit-admin", "due-flags", "users"],
)
def test_other_lists_carry_no_id_numbers(office_store, clock, registered, role, listing) -> None:  # type: ignore[no-untyped-def]
    rows = listing(signed_in(office_store, clock, role))
    assert rows is not None
    assert NUMBER not in json.dumps([vars(r) for r in rows], default=str)
