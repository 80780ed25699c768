"""Regression guard: PySide6(-Essentials) 6.12.0 on CPython 3.11 drops a reference to None on
every void Qt call and aborts with "Fatal Python error: none_dealloc" after a few thousand calls.
An upgrade that brings it back must fail here, not at a clerk's counter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 30_000

SCRIPT = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range({CALLS}):
        label.setText("Hồ sơ %d" % i)
        label.update()
    app.processEvents()
    after = sys.getrefcount(None)
    print(before, after)
    """
)


def test_thousands_of_void_qt_calls_do_not_corrupt_none() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    before, after = (int(x) for x in result.stdout.split())
    # On 3.12+ None is immortal (huge constant count); on 3.11 the count must not drift down.
    assert after >= before - 100
