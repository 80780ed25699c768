"""The practices of the best counters (issue 19, ``docs/practices.md``): dossiers resolved on the spot
on a «Ngày không hẹn», and where each satisfaction rating was given.

``dossiers.same_day`` marks a dossier received and resolved at the counter (``Dossier.same_day``);
``satisfaction_ratings.channel`` says whether its rating was given at the counter (``quay``) or on a
paper survey form entered later (``phieu_giay``). Every dossier and rating before this version was
given at the counter and not on the spot, which the defaults say, so nothing is replayed.
"""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.storage.sqlscript import run_script

SCHEMA = """
ALTER TABLE dossiers ADD COLUMN same_day INTEGER NOT NULL DEFAULT 0;
CREATE INDEX dossiers_same_day ON dossiers (received_day, procedure_key) WHERE same_day = 1;
ALTER TABLE satisfaction_ratings ADD COLUMN channel TEXT NOT NULL DEFAULT 'quay';
CREATE INDEX satisfaction_ratings_day ON satisfaction_ratings (returned_day, channel, criterion, rating);
"""


def apply(db: sqlite_utils.Database) -> None:
    run_script(db, SCHEMA)
