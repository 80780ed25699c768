"""The benchmark runner's contract (bench/README.md): discovery, rows, the table. No timings here."""

from __future__ import annotations

import importlib

from bench.contract import BenchRow, interleaved, p99
from bench.run import discover, follows_contract, format_value, table

BENCHES = (
    "bench_export",
    "bench_form01",
    "bench_keys",
    "bench_list",
    "bench_register",
    "bench_reports",
    "bench_search",
    "bench_startup",
)


def test_every_bench_module_follows_the_contract() -> None:
    names = discover([])
    assert set(BENCHES) <= set(names)
    for name in names:
        assert follows_contract(name), f"{name} has no measure(env)"
        assert callable(importlib.import_module(f"bench.{name}").measure)
    assert discover(["search"]) == ["bench_search"]


def test_standalone_scripts_are_skipped_without_being_imported(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import bench.run

    (tmp_path / "bench_standalone.py").write_text("raise SystemExit('ran at import')\n", encoding="utf-8")
    (tmp_path / "bench_converted.py").write_text("def measure(env):\n    return []\n", encoding="utf-8")
    monkeypatch.setattr(bench.run, "BENCH_DIR", tmp_path)
    assert discover([]) == ["bench_converted", "bench_standalone"]
    assert follows_contract("bench_converted") and not follows_contract("bench_standalone")


def test_rows_compute_ratio_and_target() -> None:
    fast = BenchRow("x", 3.0, "ms", floor=2.0, max_ratio=1.5)
    slow = BenchRow("y", 4.0, "ms", floor=2.0, max_ratio=1.5, max_value=10)
    absolute = BenchRow("z", 120.0, "MiB", max_value=150)
    assert (fast.ratio, fast.met) == (1.5, True)
    assert (slow.ratio, slow.met) == (2.0, False)
    assert absolute.ratio is None and absolute.met is True
    assert slow.target_text() == "≤ 1.5× floor, ≤ 10 ms"
    lines = table([("m", fast), ("m", slow)])
    assert lines[2].startswith("| x | 3.00 ms | 2.00 ms | 1.50× | ≤ 1.5× floor | yes |")
    assert "**no**" in lines[3]
    assert format_value(6.0, "keys") == "6 keys" and format_value(5100.0, "rows") == "5,100 rows"


def test_interleaving_alternates_and_counts() -> None:
    calls: list[str] = []
    a, b = interleaved(4, lambda: calls.append("a"), lambda: calls.append("b"), warmup=1)
    assert len(a) == len(b) == 4
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b", "b", "a"]
    assert p99([1.0, 2.0, 3.0]) == 3.0
