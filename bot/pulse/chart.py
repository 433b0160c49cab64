"""The pulse chart: twelve weeks of met rate, check-in rate and share of members with a
friend, as a PNG. matplotlib's object API on the Agg canvas (no pyplot, no global state),
so it renders the same in a job, a handler thread or a headless server."""

from __future__ import annotations

import io
import math

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from bot.pulse.figures import Pulse, Rate

WIDTH, HEIGHT, DPI = 8.0, 4.5, 100  # 800 × 450 pixels
SERIES = (
    ("Members with a friend", "friend_share", "#2e7d32"),
    ("Intros that met", "met_rate", "#1565c0"),
    ("Check-ins answered", "checkin_rate", "#ef6c00"),
)


def _percent(rate: Rate) -> float:
    """A gap (NaN) where the rate was withheld or had nothing behind it."""
    return math.nan if rate.value is None else rate.value * 100


def render_chart(pulse: Pulse) -> bytes:
    """The PNG's bytes: 800 × 450 pixels."""
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [f"{w.monday.day} {w.monday:%b}" for w in pulse.weeks]
    x = list(range(len(labels)))
    for name, attribute, colour in SERIES:
        values = [_percent(getattr(week, attribute)) for week in pulse.weeks]
        axes.plot(x, values, marker="o", label=name, color=colour, linewidth=2)
    axes.set_xticks(x, labels, fontsize=8)
    axes.set_ylim(0, 100)
    axes.yaxis.set_major_formatter(PercentFormatter())
    axes.grid(axis="y", alpha=0.3)
    axes.set_title("Are friendships forming? The last 12 weeks (weeks start on Monday)")
    axes.legend(loc="upper left", fontsize=8, frameon=False)
    figure.text(
        0.01, 0.01, "Gaps: fewer than 5 answers, or nothing to measure.", fontsize=7, alpha=0.7
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
