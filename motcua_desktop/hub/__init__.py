"""The office hub's PostgreSQL side: the only code that talks to PostgreSQL (psycopg 3).

- ``schema``: the hub's tables, roles, row-level security and functions (SQL text and names);
- ``admin``: ``motcua hub init`` — creates the schema and one database role per counter;
- ``client``: a counter's connection — claim its role, push its signed events, read the others',
  wait for a notification.

Like ``storage/`` for SQLite, this package knows SQL and nothing of use cases: the services wing
``services/hub`` decides what to push and pull and folds what it pulls through the package import's
core (``services.sync.fold``). See ``docs/hub.md``.
"""
