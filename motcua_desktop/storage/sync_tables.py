"""``Store.sync``: the sync bookkeeping, one small table class per job."""

from __future__ import annotations

import sqlite_utils

from motcua_desktop.storage.hub_table import HubTable
from motcua_desktop.storage.sync_inbox import InboxTable
from motcua_desktop.storage.sync_outbox import OutboxTable
from motcua_desktop.storage.sync_peers import PeersTable
from motcua_desktop.storage.sync_queries import SyncQueries
from motcua_desktop.storage.sync_reports import SyncReportsTable


class SyncTables:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.outbox = OutboxTable(db)  # export batches and acknowledgements
        self.peers = PeersTable(db)  # recipients and enrolled devices
        self.inbox = InboxTable(db)  # imported and pending packages
        self.reports = SyncReportsTable(db)  # gaps, forks, conflicts, duplicates
        self.queries = SyncQueries(db)  # event rows and hashes an export or an import reads
        self.hub = HubTable(db)  # the office hub's replication state (migration v006)
