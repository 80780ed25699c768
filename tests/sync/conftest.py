from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import FakeClock
from tests.sync.helpers import Office, make_office


@pytest.fixture
def office(tmp_path: Path, clock: FakeClock) -> Iterator[Office]:
    made = make_office(tmp_path, clock)
    yield made
    made.close()
