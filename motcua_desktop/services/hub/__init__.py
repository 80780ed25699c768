"""The office hub: this counter's events replicated through a PostgreSQL server on the LAN.

Each counter stays the authority for its own writes (its SQLite file); the hub is a relay that
every counter pushes its signed events to and pulls the others' from, and that can be rebuilt from
the counters. Nothing a clerk does waits for it: a background thread with its own SQLite connection
(``worker.Replicator``) pushes, pulls when PostgreSQL notifies it (and every few seconds anyway),
and reconnects by itself. What it pulls is verified and folded by ``services.sync.fold``, the core of
the USB package import.

- ``config``: the connection (URL with the counter's password, the server's certificate) kept with
  this PC's other secrets (``crypto.keystore``);
- ``setup``: ``hub init`` (IT officer), ``connect`` / ``disconnect`` (administrator);
- ``replicate``: one push, one pull, one round;
- ``worker``: the background thread;
- ``status``: connected or since when not, lag, and how fresh this PC's copy of each counter is.

See ``docs/hub.md``.
"""

# Modules other wings may use: the leader's dashboard shows how fresh each counter's copy is.
SHARED: tuple[str, ...] = ("coverage",)
