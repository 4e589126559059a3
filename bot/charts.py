"""Trade charts as PNG (matplotlib, Agg). Pure and synchronous: callers run it in a thread.

Sized for a phone: 8 x 4.5 inches at 120 dpi (960 x 540 px), large fonts, labelled axes in
billions of US dollars, a legend. DejaVu Sans (shipped with matplotlib) covers Cyrillic.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TradePoint:
    year: int | None  # None: a target with no year, drawn as a level line
    usd_bn: float
    is_target: bool
    metric: str


@dataclass(frozen=True, slots=True)
class ChartLabels:
    title: str
    y_axis: str
    x_axis: str
    actual: str
    target: str
    target_open: str  # a target with no year
    decimal_comma: bool = False  # Russian writes 1,2


def _number(value: float, labels: ChartLabels) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if labels.decimal_comma else text


def warm_up_charts() -> None:
    """Import matplotlib ahead of the first chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.figure


def _plot_points(axes: Any, points: list[TradePoint], labels: ChartLabels) -> None:
    """Actual figures as an annotated line, dated targets as diamonds, open targets as
    level lines."""
    actual = sorted((p.year, p.usd_bn) for p in points if not p.is_target and p.year)
    dated_targets = sorted((p.year, p.usd_bn) for p in points if p.is_target and p.year)
    open_targets = sorted({p.usd_bn for p in points if p.is_target and not p.year})
    if actual:
        years, values = zip(*actual, strict=True)
        axes.plot(
            years,
            values,
            marker="o",
            linewidth=2.5,
            markersize=8,
            color="#1f5fa8",
            label=labels.actual,
        )
        for year, value in actual:
            axes.annotate(
                _number(value, labels),
                (year, value),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=11,
            )
    if dated_targets:
        years, values = zip(*dated_targets, strict=True)
        axes.scatter(
            years, values, marker="D", s=80, color="#d9822b", zorder=3, label=labels.target
        )
    for value in open_targets:
        axes.axhline(
            value,
            linestyle="--",
            linewidth=1.8,
            color="#d9822b",
            label=f"{labels.target_open}: {_number(value, labels)}",
        )


def trade_chart_png(points: list[TradePoint], labels: ChartLabels) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no display; must precede pyplot
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    # Figure, not pyplot: no global state, so concurrent threads cannot draw on each other.
    figure = Figure(figsize=(8, 4.5), dpi=120)
    axes = figure.add_subplot()
    _plot_points(axes, points, labels)
    axes.set_title(labels.title, fontsize=15, pad=12)
    axes.set_ylabel(labels.y_axis, fontsize=12)
    axes.set_xlabel(labels.x_axis, fontsize=12)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0, top=max(p.usd_bn for p in points) * 1.25)
    years_shown = [p.year for p in points if p.year]
    if years_shown and min(years_shown) == max(years_shown):
        axes.set_xlim(min(years_shown) - 1, max(years_shown) + 1)
    axes.tick_params(labelsize=11)
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize=11, loc="best")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
