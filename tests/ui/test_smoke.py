"""``motcua --smoke``, the check of the built app: every page of each role, fonts, translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from motcua_desktop.services.core.context import AppContext
from motcua_desktop.services.workspace import close_workspace, open_context
from motcua_desktop.ui.shell import main_window
from motcua_desktop.ui.shell.pages import PageSpec, default_pages
from motcua_desktop.ui.shell.smoke import expected_lines, run_smoke


def test_smoke_run_opens_every_page_of_each_role() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "motcua_desktop", "--smoke"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines == [
        *expected_lines(),
        "SMOKE fonts Liberation Sans,Liberation Serif",
        "SMOKE translation vi",
        "SMOKE OK",
    ]


def test_expected_pages_follow_the_roles() -> None:
    admin, leader, clerk = expected_lines()
    assert admin == "SMOKE quan_tri dossiers,complaints,dashboard,reports,sync,backup,audit,settings"
    assert leader == (
        "SMOKE lanh_dao reception,dossiers,return,paper_survey,queue,complaints,dashboard,reports,sync,backup,audit"
    )
    assert clerk == "SMOKE can_bo reception,dossiers,return,paper_survey,queue,complaints,dashboard,sync,backup"


def test_a_page_that_cannot_be_built_fails_the_run(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As in a build that lost a page's module: the run names it and exits 1."""

    def lost(_ctx: AppContext) -> QWidget:
        from motcua_desktop.ui.reports import no_such_dashboard  # type: ignore[attr-defined]

        return no_such_dashboard.DashboardPage(_ctx)

    specs = [
        PageSpec(s.key, s.title, s.shortcut, s.permission, lost) if s.key == "dashboard" else s for s in default_pages()
    ]
    monkeypatch.setattr(main_window, "default_pages", lambda: specs)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_smoke replaces it; restored after
    ctx = open_context(tmp_path / "data")
    try:
        assert run_smoke(ctx, qapp) == 1
    finally:
        close_workspace(ctx)
    out = capsys.readouterr().out.splitlines()
    assert "SMOKE can_bo reception,dossiers,return,paper_survey,queue,complaints,sync,backup" in out
    failed = [line for line in out if line.startswith("SMOKE FAILED")]
    assert len(failed) == 1 and "dashboard: ImportError" in failed[0] and "no_such_dashboard" in failed[0]
    assert "SMOKE OK" not in out
