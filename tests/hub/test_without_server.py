"""Where PostgreSQL is missing, the hub tests skip on a developer's PC and FAIL in CI (``CI=true``,
which ``.ci/run`` sets): a CI machine that lost its server must not turn the hub's tests green by
skipping them all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.pg_cluster import BIN_ENV

ROOT = Path(__file__).resolve().parents[2]
ONE_HUB_TEST = "tests/hub/test_replicate.py::test_pushing_and_pulling_again_changes_nothing"


def _run_without_server(tmp_path: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI" and not k.startswith("PYTEST_")}
    env[BIN_ENV] = str(tmp_path)  # a folder without ``postgres``: this machine has no server
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONUTF8"] = "1"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:benchmark", "-p", "no:xdist", ONE_HUB_TEST],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


@pytest.mark.parametrize("ci", [True, False], ids=["ci", "developer"])
def test_a_missing_server_fails_the_hub_tests_in_ci_and_skips_them_elsewhere(tmp_path: Path, ci: bool) -> None:
    done = _run_without_server(tmp_path, ci=ci)

    if ci:
        assert done.returncode == 1, done.stdout + done.stderr
        assert "PostgreSQL must run for the hub tests in CI" in done.stdout
        assert "1 error" in done.stdout and "skipped" not in done.stdout
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 skipped" in done.stdout
