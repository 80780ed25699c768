"""Form 01 (a4x2) generation time vs a bare reportlab canvas drawing the same page.

The floor is the same strings at the same positions in the same registered fonts, plus the same
barcode bars and rules, drawn with plain ``Canvas.drawString``: what a hand-written receipt
routine with no template, no measuring and no wrapping would cost. Both are warm and run
interleaved, so drift hits both alike. Target: ratio of medians ≤ 1.5.

Part of ``python -m bench`` (``measure``); on its own:

    python bench/bench_form01.py [--runs 400] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bench.contract import BenchEnv, BenchRow
from motcua_desktop.printing import PrintOptions, barcodes, boxes, engine, render_form
from tests.printing import samples

OPTIONS = PrintOptions(layout="a4x2")


def record_page() -> tuple[list[tuple[str, float, float, float, str]], list[tuple[float, float, float, float]], list]:
    """Runs the engine once with recording hooks: (strings, bar rects, rule lines) as drawn."""
    strings: list[tuple[str, float, float, float, str]] = []
    bars: list[tuple[float, float, float, float]] = []
    lines: list[tuple[float, float, float, float]] = []
    real_draw_lines, real_code128 = boxes.draw_lines, boxes.draw_code128

    def draw_lines(c, placed, x, top, size, line_height):  # type: ignore[no-untyped-def]
        for i, (dx, line) in enumerate(placed):
            baseline = top - (i + 1) * line_height + boxes.DESCENT * size
            for name, sx, text in line.segments:
                strings.append((name, size, x + dx + sx, baseline, text))
        real_draw_lines(c, placed, x, top, size, line_height)

    def draw_code128(c, value, x, y, module, height):  # type: ignore[no-untyped-def]
        _, runs = barcodes.code128_runs(value)
        bars.extend((x + start * module, y, width * module, height) for start, width in runs)
        real_code128(c, value, x, y, module, height)

    class RecordingCanvas(Canvas):
        def line(self, x1, y1, x2, y2):  # type: ignore[no-untyped-def]
            lines.append((x1, y1, x2, y2))
            super().line(x1, y1, x2, y2)

    boxes.draw_lines, boxes.draw_code128 = draw_lines, draw_code128
    real_canvas = engine.Canvas
    engine.Canvas = RecordingCanvas  # type: ignore[misc]
    try:
        render_form("01", samples.dossier(), samples.context(), OPTIONS)
    finally:
        boxes.draw_lines, boxes.draw_code128 = real_draw_lines, real_code128
        engine.Canvas = real_canvas  # type: ignore[misc]
    return strings, bars, lines


def bare_canvas(strings, bars, lines) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, initialFontName=strings[0][0])
    for name, size, x, y, text in strings:
        c.setFont(name, size)
        c.drawString(x, y, text)
    path = c.beginPath()
    for x, y, w, h in bars:
        path.rect(x, y, w, h)
    c.drawPath(path, stroke=0, fill=1)
    for x1, y1, x2, y2 in lines:
        c.line(x1, y1, x2, y2)
    c.showPage()
    c.save()
    return buf.getvalue()


def form01() -> bytes:
    return render_form("01", samples.dossier(), samples.context(), OPTIONS)


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def measure(env: BenchEnv) -> list[BenchRow]:
    strings, bars, lines = record_page()
    for _ in range(30):  # warm both (fonts registered, caches and subsets built)
        form01()
        bare_canvas(strings, bars, lines)
    ours: list[float] = []
    floor: list[float] = []
    for i in range(env.repeat(400, 40)):
        pair = ((form01, ours), (lambda: bare_canvas(strings, bars, lines), floor))
        for fn, bucket in pair if i % 2 == 0 else reversed(pair):
            bucket.append(timed(fn))
    return [
        BenchRow(
            "form 01 receipt PDF (a4x2), warm",
            statistics.median(ours),
            "ms",
            statistics.median(floor),
            max_ratio=1.5,
            n=len(ours),
            floor_name="bare reportlab canvas, same strings/bars",
            note=f"p99 {p99(ours):.1f} vs {p99(floor):.1f} ms",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--profile", action="store_true", help="cProfile 200 form-01 builds and print the top")
    args = parser.parse_args()

    strings, bars, lines = record_page()
    print(f"page: {len(strings)} strings, {len(bars)} bars, {len(lines)} rules; PDF {len(form01())} bytes")
    for _ in range(30):  # warm both (fonts registered, caches and subsets built)
        form01()
        bare_canvas(strings, bars, lines)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(200):
            form01()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return
    ours: list[float] = []
    floor: list[float] = []
    for i in range(args.runs):
        if i % 2:
            ours.append(timed(form01))
            floor.append(timed(lambda: bare_canvas(strings, bars, lines)))
        else:
            floor.append(timed(lambda: bare_canvas(strings, bars, lines)))
            ours.append(timed(form01))
    med_ours, med_floor = statistics.median(ours), statistics.median(floor)
    print(f"{'variant':<28}{'n':>6}{'median ms':>12}{'p99 ms':>10}")
    print(f"{'form 01 a4x2 (render_form)':<28}{len(ours):>6}{med_ours:>12.2f}{p99(ours):>10.2f}")
    print(f"{'bare canvas, same strings':<28}{len(floor):>6}{med_floor:>12.2f}{p99(floor):>10.2f}")
    ratio = med_ours / med_floor
    print(f"ratio of medians: {ratio:.2f} (target ≤ 1.5) {'OK' if ratio <= 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
