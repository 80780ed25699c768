"""Kill -9 ``motcua export`` (end-of-day package to a folder) and ``motcua import`` (the consolidation
PC taking a counter's package) at every durable step and at random moments.

After each kill: every package under its final name (its manifest) is whole and verifies, or is
absent; the consolidation PC accepts what is there; the next export still works; re-importing a
package whose import was killed takes it exactly once (no dossier twice); every printed code is
held, the next registration reuses none, ``check --full`` passes. Rounds as in
``test_kill_restore.py`` (every step once in a seeded order, then random moments, 20 kills at least).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua_desktop.domain.accounts import Role
from motcua_desktop.services.safety.integrity import open_workspace
from motcua_desktop.services.sync import export as sync_export
from motcua_desktop.services.sync import upstream as sync_upstream
from motcua_desktop.services.sync.import_results import ALREADY, APPLIED, ImportReport
from motcua_desktop.services.sync.imports import import_files
from motcua_desktop.services.sync.verify import verify_file_with
from tests.factories import ADMIN_PASSWORD, MONDAY_9AM, FakeClock
from tests.helpers.kill_rounds import assert_sound, issued, run_as
from tests.helpers.safety import signed_in
from tests.safety.test_kill_restore import KILLS, SEED, Counter, Figures, steps_of
from tests.sync.helpers import make_office


def two_counters(root: Path) -> tuple[Counter, Counter]:
    """Counter 1 and the consolidation PC (counter 3) of one office, each enrolled where it must be."""
    make_office(root, FakeClock(MONDAY_9AM)).close()
    c1, leader = Counter(root / "c1"), Counter(root / "leader")
    c1.register(2)
    leader.register(1)
    return c1, leader


def consolidate(leader: Counter, at: Counter, *folders: Path) -> ImportReport:
    """The consolidation PC imports ``folders`` (in process, at ``at``'s time); nothing is refused."""
    leader.minutes = max(leader.minutes, at.minutes) + 1
    workspace = open_workspace(leader.folder)
    try:
        assert workspace.safe_mode is None, workspace.safe_mode.message()
        assert workspace.store is not None
        report = import_files(signed_in(workspace.store, leader.clock(), Role.ADMIN), list(folders))
    finally:
        workspace.close()
    assert not report.rejected, [o.message for o in report.rejected]
    assert {o.status for o in report.outcomes} <= {APPLIED, ALREADY}, report.outcomes
    return report


def whole_packages(folder: Path, leader: Counter) -> int:
    """Every manifest on the stick verifies with every file it names; returns how many."""
    manifests = sorted(folder.glob("*.manifest.json"))
    for manifest in manifests:
        verify_file_with(manifest, leader.db)  # raises when a file is missing, short or altered
    return len(manifests)


def held_once(leader: Counter, c1: Counter) -> None:
    codes, _ = issued(leader.db)
    assert len(codes) == len(set(codes))  # no dossier imported twice
    assert c1.codes <= set(codes)


def kinds_of(err: str) -> list[int]:
    """The first durable step of each kind a whole run lists: the parts of a package (``.p1.``,
    ``.p2.``…) are written alike, so each kind of step is killed once, not each part."""
    seen: dict[tuple[int, str], int] = {}
    commits = 0  # the same file is written to the outbox, then to the stick, between two commits
    for line in err.splitlines():
        if line.startswith("fault-point "):
            _, number, label = line.split(" ", 2)
            seen.setdefault((commits, re.sub(r"\.p\d+\.", ".pN.", label)), int(number))
            commits += label == "committed"
    return sorted(seen.values())


def rounds_of(
    rng: random.Random, kinds: list[int], whole_run: float, figures: Figures, late: float
) -> Iterator[tuple[int | None, float | None]]:
    """Each kind of step once (in a random order), then random moments (up to ``late`` times a
    whole run), at least 5, until 20 processes were killed."""
    order: list[tuple[int | None, float | None]] = [(n, None) for n in kinds]
    rng.shuffle(order)
    yield from order
    extra = 0
    while (figures.kills < KILLS or extra < 5) and extra < 3 * KILLS:
        extra += 1
        yield None, rng.uniform(0.3, late) * whole_run


def acknowledged(c1: Counter, home: Path, usb: Path) -> None:
    """The upstream office acknowledges what the stick holds; counter 1 imports the acknowledgement
    (its outbox empties, so the next export rewrites only the new package)."""
    acks = usb.parent / "acks"
    sync_upstream.acknowledge(home, [usb], acks, c1.clock())
    workspace = open_workspace(c1.folder)
    try:
        assert workspace.store is not None
        report = import_files(signed_in(workspace.store, c1.clock(), Role.CLERK), [acks])
    finally:
        workspace.close()
    assert not report.rejected, [o.message for o in report.rejected]


@pytest.mark.slow
def test_killing_export_leaves_whole_packages_or_none(tmp_path: Path) -> None:
    rng = random.Random(SEED + 20)
    c1, leader = two_counters(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    figures = Figures()
    started = time.monotonic()
    code, _, err = run_as(c1, ["export", "--to", str(usb)], "admin", ADMIN_PASSWORD, kill_at=0)
    whole_run = time.monotonic() - started
    assert code == 0, err
    kinds = kinds_of(err)
    assert len(kinds) >= 6, err  # the batch committed; each file written, fsynced, renamed; the batch marked
    figures.completed += 1
    packages = whole_packages(usb, leader)
    for kill_at, delay in rounds_of(rng, kinds, whole_run, figures, 1.6):  # the stick's copies come last
        acknowledged(c1, tmp_path / "upstream", usb)
        c1.register(2)
        code, _, err = run_as(c1, ["export", "--to", str(usb)], "admin", ADMIN_PASSWORD, kill_at=kill_at, delay=delay)
        figures.kills += code != 0
        assert code in (0, -9, 137), err
        now = whole_packages(usb, leader)  # a package being rewritten is absent until its manifest lands
        figures.completed += now > packages  # the new package landed whole (killed or not)
        figures.undone += now <= packages
        packages = now
        if packages:
            consolidate(leader, c1, usb)  # the consolidation PC accepts whatever is there
        figures.reissued += len(c1.register(1))
        assert_sound(c1, figures)
        assert_sound(leader, figures)
    code, _, err = run_as(c1, ["export", "--to", str(usb)], "admin", ADMIN_PASSWORD)  # the next export still works
    assert code == 0, err
    whole_packages(usb, leader)
    consolidate(leader, c1, usb)
    held_once(leader, c1)
    assert not list(usb.glob("*.partial"))  # what killed exports left on the stick is gone
    print("\n" + figures.line("export") + f"; {len(kinds)} kinds of step; {packages} packages on the stick")
    assert figures.reissued == 0
    assert figures.kills >= KILLS


@pytest.mark.slow
def test_killing_import_takes_each_package_exactly_once(tmp_path: Path) -> None:
    rng = random.Random(SEED + 21)
    c1, leader = two_counters(tmp_path)
    figures = Figures()
    rounds = [0]

    def package() -> Path:
        """Counter 1's end of day: two more dossiers, exported (in process) to a new stick."""
        rounds[0] += 1
        c1.register(2)
        usb = tmp_path / f"usb{rounds[0]}"
        usb.mkdir()
        workspace = open_workspace(c1.folder)
        assert workspace.store is not None
        sync_export.export_to(signed_in(workspace.store, c1.clock(), Role.CLERK), usb)
        workspace.close()
        leader.minutes = max(leader.minutes, c1.minutes)
        return usb

    started = time.monotonic()
    first = package()
    code, _, err = run_as(leader, ["import", str(first)], "admin", ADMIN_PASSWORD, kill_at=0)
    acknowledged(c1, tmp_path / "upstream", first)
    whole_run = time.monotonic() - started
    assert code == 0, err
    steps = steps_of(err)
    assert steps >= 3, err  # sign-in, the import committed
    figures.completed += 1
    for kill_at, delay in rounds_of(rng, list(range(1, steps + 1)), whole_run, figures, 0.9):
        usb = package()
        before = len(issued(leader.db)[0])
        code, _, err = run_as(leader, ["import", str(usb)], "admin", ADMIN_PASSWORD, kill_at=kill_at, delay=delay)
        figures.kills += code != 0
        assert code in (0, -9, 137), err
        taken = len(issued(leader.db)[0]) - before
        assert taken in (0, 2) and (code != 0 or taken == 2)  # a package is taken whole or not at all
        figures.completed += taken == 2
        figures.undone += taken == 0
        report = consolidate(leader, c1, usb)  # the clerk imports the same stick again
        assert [o.status for o in report.outcomes].count(APPLIED) == (taken == 0)
        held_once(leader, c1)
        figures.reissued += len(leader.register(1))
        assert_sound(leader, figures)
        assert_sound(c1, figures)
        acknowledged(c1, tmp_path / "upstream", usb)  # the next stick holds only the next package
    print("\n" + figures.line("import") + f"; {steps} durable steps")
    assert figures.reissued == 0
    assert figures.kills >= KILLS
