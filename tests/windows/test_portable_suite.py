"""The test suite and the benchmarks must run on a Windows PC too (finding 9).

Checked statically, because this machine cannot run them on Windows:
- a child process's text output is decoded as UTF-8, never with the locale's code page (cp1252 on
  a Western-European Windows cannot hold the Vietnamese the program prints);
- POSIX-only calls are guarded (``Popen.kill()`` instead of ``signal.SIGKILL``; ``os.geteuid``,
  ``os.fork`` and friends only behind a platform test; ``resource``/``fcntl`` never imported at the
  top of a module).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(p for folder in ("tests", "bench") for p in (ROOT / folder).rglob("*.py"))
SUBPROCESS_CALLS = {"run", "Popen", "check_output", "check_call", "call"}
POSIX_ONLY_OS = {"fork", "geteuid", "getuid", "getegid", "getgid", "killpg", "setsid", "mkfifo", "getpgid"}
POSIX_ONLY_MODULES = {"resource", "fcntl", "termios", "pwd", "grp"}
PLATFORM_TESTS = ("os.name", "sys.platform", "hasattr(os", "hasattr(signal", "platform.system")


def parsed() -> list[tuple[Path, str, ast.Module]]:
    return [(p, text, ast.parse(text)) for p in SOURCES if (text := p.read_text(encoding="utf-8"))]


def parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def guarded(node: ast.AST, up: dict[ast.AST, ast.AST], text: str) -> bool:
    """Inside an ``if``/``and``/``or`` that tests the platform, or a test skipped by platform."""
    while node in up:
        node = up[node]
        if isinstance(node, ast.If | ast.BoolOp | ast.IfExp):
            test = node.test if not isinstance(node, ast.BoolOp) else node
            if any(mark in (ast.get_source_segment(text, test) or "") for mark in PLATFORM_TESTS):
                return True
        if isinstance(node, ast.FunctionDef):
            decorators = " ".join(ast.get_source_segment(text, d) or "" for d in node.decorator_list)
            if "skipif" in decorators and any(mark in decorators for mark in PLATFORM_TESTS):
                return True
        if isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "AttributeError", "OSError")
            for h in node.handlers
        ):
            return True
    return False


def test_child_output_is_decoded_as_utf8() -> None:
    offenders = []
    for path, _text, tree in parsed():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in SUBPROCESS_CALLS or not isinstance(node.func.value, ast.Name):
                continue
            if node.func.value.id != "subprocess":
                continue
            words = {k.arg: k.value for k in node.keywords}
            text_mode = any(
                isinstance(words.get(name), ast.Constant) and words[name].value is True  # type: ignore[union-attr]
                for name in ("text", "universal_newlines")
            )
            if text_mode and "encoding" not in words:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "text=True without encoding='utf-8' decodes with the ANSI code page on Windows"


def test_posix_only_calls_are_guarded() -> None:
    offenders = []
    for path, text, tree in parsed():
        if path.name == "test_portable_suite.py":
            continue
        up = parents(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                posix_only = (node.value.id == "os" and node.attr in POSIX_ONLY_OS) or (
                    node.value.id == "signal" and node.attr in ("SIGKILL", "SIGSTOP", "SIGCONT", "SIGUSR1")
                )
                if posix_only and not guarded(node, up, text):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
            if isinstance(node, ast.Import) and up.get(node) is tree:
                for alias in node.names:
                    if alias.name in POSIX_ONLY_MODULES:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} import {alias.name}")
    assert offenders == []


@pytest.mark.parametrize("module", ["bench.contract", "bench.bench_list", "tests.helpers.safety"])
def test_shared_helpers_import_without_posix_modules(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Imported as on Windows, where ``resource`` and ``fcntl`` do not exist."""
    import importlib
    import sys

    for name in POSIX_ONLY_MODULES:
        monkeypatch.setitem(sys.modules, name, None)  # type: ignore[arg-type]  # import raises ImportError
    monkeypatch.delitem(sys.modules, module, raising=False)
    imported = importlib.import_module(module)
    assert imported.__name__ == module and not any(sys.modules.get(name) for name in POSIX_ONLY_MODULES)
