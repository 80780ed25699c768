"""A real PostgreSQL server for the hub tests (one per test session and xdist worker), a fresh hub
database per test (left until the server goes at the end of the session), and counter PCs connected to it.

In CI (``CI=true``) a server that cannot start fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import FakeClock
from tests.helpers.pg_cluster import Cluster, start_cluster
from tests.hub.helpers import Hub, HubOffice, make_hub, make_hub_office


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.hub)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    try:
        cluster = start_cluster()
    except RuntimeError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL must run for the hub tests in CI: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server here: {exc}")
    yield cluster
    cluster.destroy()


@pytest.fixture
def hub(pg_cluster: Cluster) -> Iterator[Hub]:
    made = make_hub(pg_cluster, f"hub_{uuid.uuid4().hex[:10]}")
    yield made
    if not pg_cluster.running():  # a test stopped the server
        pg_cluster.start()


@pytest.fixture
def hub_office(hub: Hub, tmp_path: Path, clock: FakeClock) -> Iterator[HubOffice]:
    made = make_hub_office(hub, tmp_path, clock)
    yield made
    made.close()
