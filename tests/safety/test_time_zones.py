"""Business dates are Vietnam time (UTC+7) whatever the PC's time zone, near midnight too; a PC
clock reset to 2000 cannot register. Run in child processes with ``TZ`` set, with a frozen
instant (always) and under libfaketime end to end (when libfaketime is installed; CI installs it).

libfaketime is preloaded directly rather than through the ``faketime`` wrapper: the wrapper opens a
POSIX semaphore and shared memory to share one fake clock between processes, which a container
without a usable ``/dev/shm`` refuses ("...sem_open() system call..."): one CI run failed that way.
A single child process needs no shared clock."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.storage import open_store
from tests.factories import CLERK_PASSWORD, set_up_office
from tests.helpers.safety import ROOT, child_env, signed_in

ZONES = ["UTC", "America/Los_Angeles", "Asia/Ho_Chi_Minh"]
# 17:30 UTC on 16/11 is 00:30 on 17/11 in Vietnam, while it is still 16/11 in UTC and in Los Angeles.
AFTER_VN_MIDNIGHT = datetime(2026, 11, 16, 17, 30, tzinfo=UTC)
# 16:50 UTC is 23:50 on 16/11 in Vietnam: still the 16th.
BEFORE_VN_MIDNIGHT = datetime(2026, 11, 16, 16, 50, tzinfo=UTC)

FROZEN = """
import sys, time, datetime as real
from pathlib import Path
T = float(sys.argv[2])
class Frozen(real.datetime):
    @classmethod
    def now(cls, tz=None):
        return real.datetime.fromtimestamp(T, tz)
import motcua_desktop.services.core.context as context
context.datetime = Frozen
from argon2 import PasswordHasher
from motcua_desktop.services.accounts import auth
auth.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
from motcua_desktop.domain.accounts import Role
from motcua_desktop.domain.vntime import business_day
from motcua_desktop.services.core.context import AppContext, Session, SystemClock
from motcua_desktop.services.dossiers.registration import register
from motcua_desktop.storage import open_store
from tests.factories import birth_registration
store = open_store(Path(sys.argv[1]))
ctx = AppContext(store, session=Session("lan.nguyen", "Nguyen Thi Lan", Role.CLERK))
d = register(ctx, birth_registration()).dossier
print(d.code, d.received_at.isoformat(), business_day(SystemClock().now()).isoformat(),
      time.strftime("%Y-%m-%d", time.localtime(T)))
store.close()
"""


@pytest.fixture
def office_db(tmp_path, clock):  # type: ignore[no-untyped-def]
    """An office set up on 16/11/2026 09:00 (Vietnam), with a clerk."""
    db = tmp_path / "data" / "motcua.db"
    store = open_store(db)
    set_up_office(store, clock)
    signed_in(store, clock, Role.CLERK)
    store.close()
    return db


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    ("instant", "vn_day", "code_day"),
    [(AFTER_VN_MIDNIGHT, "2026-11-17", "261117"), (BEFORE_VN_MIDNIGHT, "2026-11-16", "261116")],
    ids=["after-vn-midnight", "before-vn-midnight"],
)
def test_business_date_ignores_the_pc_time_zone(office_db, zone, instant, vn_day, code_day) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        [sys.executable, "-c", FROZEN, str(office_db), str(instant.timestamp())],
        cwd=ROOT,
        env=child_env(TZ=zone),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    code, received_at, business, local_day = done.stdout.split()
    assert f"-{code_day}-" in code
    assert business == vn_day and received_at.startswith(vn_day) and received_at.endswith("+07:00")
    if zone != "Asia/Ho_Chi_Minh" and instant == AFTER_VN_MIDNIGHT:
        assert local_day == "2026-11-16" != vn_day  # the PC's own calendar says otherwise


def cli(db, zone: str, fake_time: str, *args: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """Run ``motcua`` in a child process whose clock starts at ``fake_time`` (local time in ``zone``)."""
    assert LIBFAKETIME is not None
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "motcua_desktop",
            "--data-dir",
            str(db.parent),
            *args,
        ],
        cwd=ROOT,
        env=child_env(TZ=zone, MOTCUA_PASSWORD=CLERK_PASSWORD, LD_PRELOAD=LIBFAKETIME, FAKETIME="@" + fake_time),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


REGISTER = (
    "register",
    "--user",
    "lan.nguyen",
    "--json",
    "--procedure",
    "1.001193",
    "--name",
    "Nguyễn Văn An",
    "--id-number",
    "038087042028",
    "--birth-date",
    "15/03/1987",
    "--sex",
    "nam",
    "--province",
    "Thanh Hóa",
    "--commune",
    "Phường Đông Tiến",
    "--address",
    "Thôn Phú Lâm",
    "--all-documents",
)


def _libfaketime() -> str | None:
    """The preloadable libfaketime of a Debian/Ubuntu machine (package ``libfaketime``), if present."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1") + glob.glob("/usr/lib/faketime/libfaketime.so.1"))
    return found[0] if found else None


LIBFAKETIME = _libfaketime()
# Skipped on a developer machine without it; under CI (which installs it) a missing library fails the tests.
needs_faketime = pytest.mark.skipif(
    LIBFAKETIME is None and not os.environ.get("CI"), reason="libfaketime not installed (apt install faketime)"
)


@needs_faketime
@pytest.mark.slow
@pytest.mark.parametrize(
    ("zone", "local_time"),
    [("UTC", "2026-11-16 17:30:00"), ("America/Los_Angeles", "2026-11-16 09:30:00")],
)
def test_whole_program_under_a_faked_clock_near_midnight(office_db, zone, local_time) -> None:  # type: ignore[no-untyped-def]
    """The same instant (00:30 on 17/11 in Vietnam) typed as the PC's local time in two zones."""
    done = cli(office_db, zone, local_time, *REGISTER)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "-261117-" in result["code"] and result["received_at"].startswith("2026-11-17T00:30")


@needs_faketime
@pytest.mark.slow
def test_a_clock_reset_to_2000_cannot_register(office_db) -> None:  # type: ignore[no-untyped-def]
    done = cli(office_db, "Asia/Ho_Chi_Minh", "2000-01-01 08:00:00", *REGISTER)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "01/01/2000" in done.stderr and "lãnh đạo" in done.stderr
    store = open_store(office_db)
    assert store.dossiers.count() == 0
    store.close()
