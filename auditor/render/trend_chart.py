"""The monthly report's trend chart: one area's share with a problem over twelve months.

Inline SVG like every other chart: a line through the months that could be judged, a
grey dashed box with "too few" for a month with too little to judge, and nothing but
the month's name for a month with no audit. Drawn for print as much as for screens:
thick strokes, large labels, no colour that carries meaning alone (each point has its
number written beside it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

from auditor.monthly.trend import TrendPoint
from auditor.render.charts import GRID_COLOUR, MUTED_COLOUR, NEUTRAL_COLOUR, _svg, _text

__all__ = ["TREND_COLOUR", "trend_chart"]

# A deep blue used nowhere else in the reports, so a test can find the line in a
# rendered page.
TREND_COLOUR = "#1f4e9c"
_WIDTH, _HEIGHT = 560, 174
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 16, 24, 132


def _ceiling(value: float) -> float:
    """A round top for the axis, in per cent, at least 10."""
    top = max(value, 10.0)
    step = 10 ** math.floor(math.log10(top))
    return float(math.ceil(top / step) * step)


def trend_chart(points: Sequence[TrendPoint], label: str) -> Markup:
    """The chart of one area's twelve months (share with a problem, in per cent)."""
    count = max(len(points), 1)
    slot = (_WIDTH - _LEFT - _RIGHT) / count
    rates = [100 * p.rate for p in points if p.rate is not None]
    top = _ceiling(max(rates, default=0.0))
    height = _BOTTOM - _TOP

    def y_of(percent: float) -> float:
        return _BOTTOM - height * percent / top

    parts: list[str] = []
    for tick in (0, top / 2, top):
        y = y_of(tick)
        parts.append(f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_WIDTH - _RIGHT}" y2="{y:.1f}" '
                     f'stroke="{GRID_COLOUR}" stroke-width="1"/>')
        parts.append(_text(_LEFT - 6, y + 4, f"{tick:g}%", anchor="end", size=11,
                           fill=MUTED_COLOUR))
    line: list[tuple[int, float, float]] = []
    for index, point in enumerate(points):
        x = _LEFT + slot * (index + 0.5)
        parts.append(_text(x, _BOTTOM + 16, point.label, anchor="middle", size=10,
                           fill=MUTED_COLOUR))
        if point.rate is not None:
            line.append((index, x, y_of(100 * point.rate)))
        elif point.base:
            parts.append(f'<rect x="{x - slot * 0.4:.1f}" y="{_TOP:.1f}" '
                         f'width="{slot * 0.8:.1f}" height="{height:.1f}" fill="#eceff1" '
                         f'stroke="{NEUTRAL_COLOUR}" stroke-width="1.5" '
                         f'stroke-dasharray="4 3"/>')
            parts.append(_text(x, _TOP + height / 2, "too", anchor="middle", size=10,
                               fill=MUTED_COLOUR))
            parts.append(_text(x, _TOP + height / 2 + 12, "few", anchor="middle", size=10,
                               fill=MUTED_COLOUR))
    # Only neighbouring months are joined: a line across a gap would invent the months
    # in between.
    for (i1, x1, y1), (i2, x2, y2) in zip(line, line[1:], strict=False):
        if i2 != i1 + 1:
            continue
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="{TREND_COLOUR}" stroke-width="3.5" stroke-linecap="round"/>')
    for (_, x, y), point in zip(line, [p for p in points if p.rate is not None], strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{TREND_COLOUR}"/>')
        parts.append(_text(x, y - 9, f"{100 * (point.rate or 0):.0f}", anchor="middle",
                           size=10, weight="bold", halo=True))
    parts.append(_text(_WIDTH / 2, _HEIGHT - 6, "per cent with a problem, by month; "
                       "\u201ctoo few\u201d: too little to judge", anchor="middle", size=10,
                       fill=MUTED_COLOUR))
    described = ", ".join(
        f"{p.label}: {100 * p.rate:.0f}%" if p.rate is not None
        else f"{p.label}: too few to judge" if p.base else f"{p.label}: no data"
        for p in points)
    return _svg(_WIDTH, _HEIGHT, f"{label}, twelve months. {described}", parts, "trend")
