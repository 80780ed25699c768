"""The README's "First steps", read from README.md and run word for word.

Shared by tests/test_readme.py (the ``motcua`` command of the checkout) and
tests/test_frozen_build.py (the built ``motcua-cli``). Passwords go through the variables the
README documents: ``MOTCUA_PASSWORD`` for the account that runs the command (for ``setup``, the
administrator's new one), ``MOTCUA_NEW_PASSWORD`` for the password the command gives.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


@dataclass(frozen=True)
class Step:
    argv: list[str]  # as written in the README, starting with "motcua"
    output: str


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)
    found = [p for p in parts if p.startswith(title + "\n")]
    assert len(found) == 1, f"README.md has no single section «## {title}»"
    return found[0]


def code_blocks(title: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", section(title), flags=re.M | re.S)


def first_steps() -> list[list[str]]:
    """The commands of the "First steps" block: continuation lines joined, comments dropped."""
    (block,) = code_blocks("First steps")
    joined = block.replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in joined.splitlines() if line.strip()]


def _option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def run_first_steps(motcua: list[str], data_dir: Path, *, timeout: float = 300) -> list[Step]:
    """Runs every step with ``motcua`` (the program and its leading arguments) in place of the
    README's ``motcua``, in ``data_dir``, without a terminal; fails on the first step that fails."""
    passwords: dict[str, str] = {}
    done: list[Step] = []
    for number, argv in enumerate(first_steps(), 1):
        assert argv[0] == "motcua", argv
        args = argv[1:]
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
        env |= {"MOTCUA_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
        acting = _option(args, "--user")
        if args[0] == "setup":
            admin = _option(args, "--admin-user")
            assert admin
            passwords[admin] = env["MOTCUA_PASSWORD"] = f"{admin} {number} Đông Tiến"
        elif acting is not None:
            env["MOTCUA_PASSWORD"] = passwords[acting]
        given_to = args[2] if args[:2] == ["user", "add"] else acting if args[:2] == ["user", "passwd"] else None
        if given_to is not None:
            env["MOTCUA_NEW_PASSWORD"] = f"{given_to} {number} Đông Tiến"
        result = subprocess.run(
            [*motcua, *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, f"README step {number} «{shlex.join(argv)}» failed:\n{result.stderr}"
        if given_to is not None:
            passwords[given_to] = env["MOTCUA_NEW_PASSWORD"]
        done.append(Step(argv, result.stdout))
    return done
