"""``motcua hub init|connect|status|sync|disconnect`` end to end, as an IT officer and administrators run them."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.helpers.pg_cluster import Cluster
from tests.sync.test_cli import SETUP, env, run  # noqa: F401  (fixture)


def test_init_connect_sync_status_disconnect(
    pg_cluster: Cluster,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    env: None,  # noqa: F811
) -> None:
    database = f"hub_{uuid.uuid4().hex[:10]}"
    pg_cluster.psql(f'CREATE DATABASE "{database}"')
    c1, c2 = tmp_path / "c1", tmp_path / "c2"
    for folder, counter in ((c1, 1), (c2, 2)):
        assert run(capsys, *SETUP, "--counter", counter, "--data-dir", folder)[0] == 0

    code, out, err = run(
        capsys, "hub", "init", pg_cluster.superuser_url(database), "--counters", "3", "--host", "127.0.0.1",
        "--port", pg_cluster.port, "--data-dir", c1, "--json",
    )  # fmt: skip
    assert code == 0, err
    made = json.loads(out)
    assert made["agency_id"] == "000.00.12.H56" and [c["counter_no"] for c in made["counters"]] == [1, 2, 3]
    urls = {c["counter_no"]: c["url"] for c in made["counters"]}
    again = run(
        capsys, "hub", "init", pg_cluster.superuser_url(database), "--counters", "3", "--agency-id", "000.00.12.H56"
    )
    assert again[0] == 0 and "giữ mật khẩu cũ" in again[1]

    for folder, counter in ((c1, 1), (c2, 2)):
        code, out, err = run(
            capsys, "hub", "connect", urls[counter], "--ca", pg_cluster.certificate, "--data-dir", folder
        )
        assert code == 0, err
        assert f"quầy {counter}" in out and "đã xác thực chứng chỉ" in out
    code, out, err = run(capsys, "hub", "sync", "--data-dir", c1)
    assert code == 0 and "đã gửi" in out, err
    assert run(capsys, "hub", "sync", "--data-dir", c2)[0] == 0

    code, out, err = run(capsys, "hub", "status", "--data-dir", c2, "--json")
    assert code == 0, err
    status = json.loads(out)
    assert status["configured"] and status["reachable"] and status["verifies_server"]
    assert status["unsent"] == 0 and status["behind"] == 0
    assert [c["counter_no"] for c in status["counters"]] == [2, 1]
    assert status["last_pull_at"] is not None
    assert status["driver"].startswith("psycopg 3.") and status["driver"].endswith(", binary")

    wrong = run(capsys, "hub", "connect", urls[1], "--data-dir", c2)
    assert wrong[0] == 2 and "dành cho quầy 1" in wrong[2]
    assert run(capsys, "hub", "disconnect", "--data-dir", c2)[0] == 0
    assert "chưa kết nối" in run(capsys, "hub", "status", "--data-dir", c2)[1]
