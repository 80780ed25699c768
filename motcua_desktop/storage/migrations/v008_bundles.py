"""Linked procedures ("liên thông", ``domain.bundles``): each dossier's bundle id in the projection,
indexed, so the parts of a bundle are found from any one of them (the receipt, the detail, the
return by one scan). No bundle existed before this version: nothing to fill."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE dossiers ADD COLUMN bundle_uuid TEXT")
    db.execute("CREATE INDEX dossiers_bundle ON dossiers (bundle_uuid) WHERE bundle_uuid IS NOT NULL")
