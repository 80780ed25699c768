"""Small bar charts for the dashboard and the report preview (matplotlib on Qt).

matplotlib is imported on first use only, so starting the application does not pay for it.
Text is set in the serif family of the printed forms (bundled Liberation Serif, or the PC's
Times New Roman), registered with matplotlib once, so Vietnamese letters render correctly.
Each bar carries a key (its ``gid``); clicking it calls ``on_pick(key)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from PySide6.QtWidgets import QSizePolicy, QWidget

from motcua_desktop.domain.money import vn_number

COLORS = {"early": "#2E7D32", "on_time": "#1565C0", "late": "#C62828", "plain": "#5C6BC0", "muted": "#9E9E9E"}


@cache
def font_family() -> str:
    """Registers the forms' serif fonts with matplotlib (once) and returns the family name."""
    from matplotlib import font_manager

    from motcua_desktop.services.reports.build import chart_fonts  # with matplotlib: only when a chart is drawn

    family, files = chart_fonts()
    for path in files:
        font_manager.fontManager.addfont(str(path))
    return family


def make_canvas(parent: QWidget | None = None, *, width: float = 4.0, height: float = 2.4) -> Any:
    """A matplotlib canvas widget (``FigureCanvasQTAgg``) with an empty figure."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    canvas = FigureCanvasQTAgg(figure)
    canvas.setParent(parent)
    canvas.setMinimumHeight(int(height * 70))
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return canvas


def bar_chart(
    canvas: Any,
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    keys: Sequence[str],
    colors: Sequence[str] | None = None,
    on_pick: Callable[[str], None] | None = None,
    value_text: Callable[[float], str] | None = None,
    horizontal: bool = False,
) -> None:
    """Draws one bar per value on ``canvas`` (replacing what it showed)."""
    family = font_family()
    figure = canvas.figure
    figure.clear()
    ax = figure.add_subplot()
    colours = list(colors or [COLORS["plain"]] * len(values))
    positions = range(len(values))
    if horizontal:
        bars = ax.barh(positions, values, color=colours, picker=True)
        ax.set_yticks(list(positions), list(labels), fontfamily=family, fontsize=8)
        ax.invert_yaxis()
    else:
        bars = ax.bar(positions, values, color=colours, picker=True)
        ax.set_xticks(list(positions), list(labels), fontfamily=family, fontsize=8)
    for bar, key, value in zip(bars, keys, values, strict=True):
        bar.set_gid(key)
        text = value_text(value) if value_text else vn_number(value)
        if horizontal:
            ax.annotate(
                text,
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                fontfamily=family,
            )
        else:
            ax.annotate(
                text,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                fontfamily=family,
            )
    # Over the whole figure, wrapped: above the axes a long title ran past a narrow panel's edge.
    figure.suptitle(title, fontfamily=family, fontsize=10, wrap=True)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if on_pick is not None:
        old = getattr(canvas, "_pick_connection", None)
        if old is not None:
            canvas.mpl_disconnect(old)
        canvas._pick_connection = canvas.mpl_connect("pick_event", lambda event: _picked(event, on_pick))
    canvas.draw_idle()


def _picked(event: Any, on_pick: Callable[[str], None]) -> None:
    key = event.artist.get_gid()
    if key:
        on_pick(str(key))


def bar_keys(canvas: Any) -> list[str]:
    """The keys of the bars the canvas shows, left to right (for tests and accessibility)."""
    axes = canvas.figure.axes
    return [str(p.get_gid()) for p in axes[0].patches] if axes else []
