"""The PyInstaller one-folder build (build.spec) builds and passes its smoke test (scripts/build_frozen.sh).

Slow (one to three minutes to build, under a minute to check on the standard machine). Where
PyInstaller is not installed it is skipped on a developer's PC, and it FAILS in CI (``CI`` set):
CI must build the app that ships (``.ci/run`` installs the build extra).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from motcua_desktop.resource_files import RESOURCE_ROOT, shipped_resources
from tests.helpers.readme_steps import run_first_steps

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


def require(available: bool, what: str) -> None:
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what}: CI must build the frozen app (.ci/run installs it)")
    pytest.skip(what)


def test_frozen_folder_builds_and_passes_the_smoke_test(tmp_path: Path) -> None:
    require(
        importlib.util.find_spec("PyInstaller") is not None, 'PyInstaller is not installed (pip install -e ".[build]")'
    )
    require(shutil.which("bash") is not None, "the build script needs bash")
    env = {**os.environ, "MOTCUA_BUILD_DIR": str(tmp_path)}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_frozen.sh")],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "smoke: pages of every role match the source (3 roles)" in done.stdout
    assert "smoke: all passed" in done.stdout
    print("\n".join(line for line in done.stdout.splitlines() if line.startswith(("build:", "folder:"))))

    dist = tmp_path / "dist" / "motcua"
    assert_every_resource_ships(dist / "_internal" / "resources")
    assert_no_module_of_the_app_is_missing(tmp_path / "build" / "build")
    cli = dist / ("motcua-cli.exe" if sys.platform == "win32" else "motcua-cli")
    steps = run_first_steps([str(cli)], tmp_path / "readme-data")
    assert "Nguyễn Văn An" in steps[-1].output

    version_file = (tmp_path / "build" / "build" / "file_version_info-motcua.txt").read_text(encoding="utf-8")
    from motcua_desktop import __version__

    assert f"'FileVersion', '{__version__}'" in version_file


def assert_every_resource_ships(shipped: Path) -> None:
    """The folder holds exactly the files of resources/ but sources, byte for byte."""
    expected = shipped_resources()
    assert {p.as_posix() for p in expected} >= {"i18n/qtbase_vi.qm", "fonts/LiberationSans-Regular.ttf"}
    assert shipped_resources(shipped) == expected
    for relative in expected:
        assert (shipped / relative).read_bytes() == (RESOURCE_ROOT / relative).read_bytes(), relative


def assert_no_module_of_the_app_is_missing(work: Path) -> None:
    """PyInstaller's list of modules it could not find names none of ours."""
    (warnings,) = work.glob("warn-*.txt")
    missing = re.findall(r"^missing module named (\S+)", warnings.read_text(encoding="utf-8"), flags=re.M)
    assert missing, "the warnings file has changed form"
    assert [name for name in missing if name.startswith("motcua_desktop")] == []
