"""README.md says what a new user types; these tests type it."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers.readme_steps import code_blocks, first_steps, run_first_steps

ROOT = Path(__file__).resolve().parent.parent


def test_set_up_is_two_commands_and_ci_runs_the_test_command_verbatim() -> None:
    blocks = [block.strip() for block in code_blocks("Set-up: two commands")]
    assert blocks == ["pip install -e . && motcua", 'pip install -e ".[test]" && pytest']
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert blocks[1] in ci_lines


def motcua_command() -> list[str]:
    """The ``motcua`` that ``pip install -e .`` put beside this Python (the README's own command)."""
    script = Path(sys.executable).parent / "motcua"
    found = str(script) if script.exists() else shutil.which("motcua")
    assert found, "the motcua command is not installed: pip install -e ."
    return [found]


@pytest.mark.slow
def test_first_steps_run_word_for_word(tmp_path: Path) -> None:
    steps = run_first_steps(motcua_command(), tmp_path / "data")
    assert [s.argv[1] for s in steps] == ["setup", "user", "user", "register", "search", "show"]
    by_command = {s.argv[1]: s.output for s in steps}
    code = re.search(r"Đã tiếp nhận hồ sơ: (000\.00\.12\.H56-\d{6}-\d{4})", by_command["register"])
    assert code, by_command["register"]
    assert code[1] in by_command["search"]
    assert code[1] in by_command["show"] and "Nguyễn Văn An" in by_command["show"]


def test_first_steps_parse_as_the_shell_would() -> None:
    steps = first_steps()
    assert steps[0][:2] == ["motcua", "setup"] and "Thanh Hóa" in steps[0]
    assert all(step[0] == "motcua" and "#" not in " ".join(step) for step in steps)
