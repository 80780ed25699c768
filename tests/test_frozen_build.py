"""The PyInstaller one-folder build (build.spec) builds and passes its smoke test (scripts/build_frozen.sh).

Slow (about a minute to build, half a minute to smoke-test on the standard machine); skipped where
PyInstaller is not installed (``pip install -e ".[build]"``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is not installed"),
    pytest.mark.skipif(shutil.which("bash") is None, reason="the build script needs bash"),
]


def test_frozen_folder_builds_and_passes_the_smoke_test(tmp_path: Path) -> None:
    env = {**os.environ, "MOTCUA_BUILD_DIR": str(tmp_path)}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_frozen.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "smoke: all passed" in done.stdout
    folder = tmp_path / "dist" / "motcua" / "_internal" / "resources"
    assert (folder / "fonts" / "LiberationSerif-Regular.ttf").is_file()
    assert (folder / "templates" / "form01.toml").is_file()
    version_file = (tmp_path / "build" / "build" / "file_version_info-motcua.txt").read_text(encoding="utf-8")
    from motcua_desktop import __version__

    assert f"'FileVersion', '{__version__}'" in version_file
