"""Backup names and grandfather-father-son thinning, with clocks that jump."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from motcua_desktop.domain.backups import (
    BackupName,
    Retention,
    backups_to_delete,
    backups_to_keep,
    newest,
    parse_backup_name,
)
from motcua_desktop.domain.vntime import vn_datetime

DEVICE = "MC-1A2B3C4D"


START = vn_datetime(2025, 1, 1, 17, 0)


def daily(days: int, *, start: datetime = START, epoch: int = 1) -> list[BackupName]:
    """One backup per day, sequence growing by 10 a day."""
    return [BackupName(DEVICE, epoch, 10 * (i + 1), start + timedelta(days=i)) for i in range(days)]


def test_names_round_trip_and_foreign_files_are_ignored() -> None:
    name = BackupName(DEVICE, 2, 1234, vn_datetime(2026, 11, 16, 17, 5, 9), sealed=True)
    assert name.file_name == "motcua-MC-1A2B3C4D-e002-s000001234-20261116-170509.db.sealed"
    assert parse_backup_name(name.file_name) == name
    for other in ("motcua.db", "motcua-before-restore-20261116-170509.db", "notes.txt", "motcua-x-e1-s1-1-1.db"):
        assert parse_backup_name(other) is None


def test_grandfather_father_son_over_a_year_and_a_half() -> None:
    backups = daily(550)
    keep = backups_to_keep(backups)
    newest_first = sorted(backups, key=lambda b: b.order, reverse=True)
    assert newest_first[0] in keep
    assert set(newest_first[:7]) <= keep  # seven daily
    months = {(b.taken_at.year, b.taken_at.month) for b in keep}
    assert len(months) == 12  # twelve monthly
    assert len(keep) <= 3 + 7 + 4 + 12
    assert set(backups_to_delete(backups)) == set(backups) - keep


def test_a_clock_reset_to_2000_deletes_nothing_new() -> None:
    """After 30 good days the CMOS battery dies: newer backups (higher sequence) say 01/01/2000."""
    good = daily(30)
    reset = [BackupName(DEVICE, 1, 400 + i, vn_datetime(2000, 1, 1, 7, i)) for i in range(5)]
    keep = backups_to_keep(good + reset)
    assert newest(good + reset) == reset[-1]
    assert set(reset[-3:]) <= keep  # the newest by sequence, whatever they say
    good_kept = sorted((b for b in keep if b in good), key=lambda b: b.order)
    assert good_kept[-1] == good[-1]  # the last good day is still there
    assert len([b for b in good_kept if b.taken_at >= good[-6].taken_at]) == 6  # 6 more daily slots


def test_a_clock_set_to_2030_and_back_deletes_nothing_new() -> None:
    good = daily(10)
    ahead = BackupName(DEVICE, 1, 105, vn_datetime(2030, 5, 1, 9))
    after = [BackupName(DEVICE, 1, 110 + i, good[-1].taken_at + timedelta(days=1 + i)) for i in range(4)]
    keep = backups_to_keep([*good, ahead, *after])
    assert set(after) <= keep and good[-1] in keep
    assert newest([*good, ahead, *after]) == after[-1]  # order by sequence, not by the 2030 date


def test_a_restore_epoch_is_newer_than_any_sequence_of_the_old_one() -> None:
    old = daily(5)
    restored = BackupName(DEVICE, 2, 3, old[0].taken_at)
    assert newest([*old, restored]) == restored
    assert restored in backups_to_keep([*old, restored], Retention(recent=1, daily=1, weekly=1, monthly=1))


def test_devices_are_thinned_separately() -> None:
    mine, other = daily(3), [BackupName("MC-OTHER", 1, 5, vn_datetime(2020, 1, 1))]
    assert set(other) <= backups_to_keep(mine + other, Retention(recent=1, daily=1, weekly=1, monthly=1))


@given(
    st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 10_000), st.integers(0, 20_000)),
        min_size=1,
        max_size=60,
        unique=True,
    )
)
def test_the_newest_backup_is_never_deleted(items) -> None:  # type: ignore[no-untyped-def]
    backups = [BackupName(DEVICE, e, s, vn_datetime(2000, 1, 1) + timedelta(hours=h)) for e, s, h in items]
    deleted = backups_to_delete(backups, Retention(recent=1, daily=2, weekly=1, monthly=1))
    assert newest(backups) not in deleted
    assert len(deleted) <= len(backups) - 1
