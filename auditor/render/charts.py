"""Inline SVG charts for the HTML and PDF reports.

Charts are plain SVG strings: no JavaScript, no fonts or images fetched from
anywhere, so the report stays a single self-contained file. Every piece of text
placed in a chart goes through `markupsafe.escape` before it is joined into
markup, and only the finished string is wrapped in `Markup`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"

SEVERITY_COLOURS: Mapping[str, str] = {
    "critical": "#8e1b1b",
    "high": "#c0392b",
    "medium": "#d68910",
    "low": "#2874a6",
    "info": "#7f8c8d",
}

PASS_COLOUR = "#2e7d32"
FINDINGS_COLOUR = "#b9770e"
FAIL_COLOUR = "#c0392b"
NEUTRAL_COLOUR = "#95a5a6"
GRID_COLOUR = "#d5d8dc"
STATUS_COLOURS = {"passed": PASS_COLOUR, "passed_with_findings": FINDINGS_COLOUR,
                  "failed": FAIL_COLOUR}
TEXT_COLOUR = "#1c2833"
MUTED_COLOUR = "#566573"
HISTOGRAM_COLOUR = "#2874a6"

# Geometry of the score chart, in SVG user units (the chart scales to its box).
_LABEL_WIDTH = 190
_BAR_X = 200
_BAR_WIDTH = 380
_ROW_HEIGHT = 26
_TOP = 22


@dataclass(frozen=True)
class ScoreBar:
    """One row of the score chart: a check and its score out of 100."""

    label: str
    score: float | None
    value_text: str
    # The check's status: passed (green), passed_with_findings (amber), failed (red).
    status: str


def _attr(value: object) -> str:
    """Escape a value for use inside a double-quoted SVG attribute."""
    return str(escape(str(value)))


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 12,
          fill: str = TEXT_COLOUR, weight: str = "normal", halo: bool = False) -> str:
    """Return one escaped SVG <text> element, optionally on a white outline.

    The outline is a white copy drawn first, not `paint-order`, which WeasyPrint
    ignores (the stroke would then hide the text in the PDF).
    """
    start = (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
             f'font-weight="{weight}"')
    text = f'{start} fill="{fill}">{escape(content)}</text>'
    if not halo:
        return text
    return f'{start} fill="#fff" stroke="#fff" stroke-width="3">{escape(content)}</text>{text}'



def _svg(width: int, height: int, label: str, parts: Iterable[str], css_class: str) -> Markup:
    """Wrap escaped parts into an accessible, width-fluid SVG element."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="{_attr(FONT)}" aria-label="{_attr(label)}">'
        f"<title>{escape(label)}</title>"
    )
    # Every part was assembled from escaped text and numeric geometry above.
    svg = head + "".join(parts) + "</svg>"
    return Markup(svg)  # nosec B704


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "\u2026"


def score_chart(bars: Iterable[ScoreBar], threshold: float | None) -> Markup:
    """Horizontal bars of check scores on a 0-100 axis with the pass mark drawn in.

    Checks without a score (crashed or not applicable) get a row with their
    status text instead of a bar, so no check silently disappears.
    """
    rows = list(bars)
    height = _TOP + _ROW_HEIGHT * max(len(rows), 1) + 30
    width = _BAR_X + _BAR_WIDTH + 60
    axis_bottom = _TOP + _ROW_HEIGHT * max(len(rows), 1)
    parts: list[str] = []
    for tick in (0, 25, 50, 75, 100):
        x = _BAR_X + _BAR_WIDTH * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 4}" x2="{x:.1f}" y2="{axis_bottom}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(_text(x, axis_bottom + 14, str(tick), anchor="middle", size=10,
                           fill=MUTED_COLOUR))
    for index, row in enumerate(rows):
        y = _TOP + index * _ROW_HEIGHT
        parts.append(_text(_LABEL_WIDTH, y + 17, shorten(row.label, 30), anchor="end"))
        if row.score is None:
            parts.append(_text(_BAR_X + 6, y + 17, row.value_text, size=11, fill=MUTED_COLOUR))
            continue
        score = min(max(row.score, 0.0), 100.0)
        length = _BAR_WIDTH * score / 100
        colour = STATUS_COLOURS.get(row.status, NEUTRAL_COLOUR)
        parts.append(
            f'<rect x="{_BAR_X}" y="{y + 5}" width="{length:.1f}" height="{_ROW_HEIGHT - 10}" '
            f'rx="2" fill="{colour}"/>'
        )
        # A white halo keeps the value readable where it crosses the pass-mark line.
        parts.append(_text(_BAR_X + length + 5, y + 17, row.value_text, size=11, weight="bold",
                           halo=True))
    if threshold is not None:
        x = _BAR_X + _BAR_WIDTH * min(max(threshold, 0.0), 100.0) / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{axis_bottom}" '
            f'stroke="{TEXT_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
        parts.append(_text(x, _TOP - 11, f"pass mark {threshold:g}", anchor="middle", size=10))
    parts.append(_text(_BAR_X + _BAR_WIDTH / 2, height - 2, "score out of 100",
                       anchor="middle", size=10, fill=MUTED_COLOUR))
    label = "Check scores out of 100" + (
        f", pass mark {threshold:g}" if threshold is not None else ""
    )
    return _svg(width, height, label, parts, "scores")


def conversation_chart(evaluated: int, flagged: int, not_applicable: int) -> Markup:
    """One stacked bar: conversations flagged, clean, and not applicable to the check."""
    clean = max(evaluated - flagged, 0)
    total = max(evaluated + not_applicable, 0)
    width, height, bar_width = 320, 62, 300
    segments = (
        ("flagged", flagged, FAIL_COLOUR),
        ("no problem", clean, PASS_COLOUR),
        ("not applicable", not_applicable, NEUTRAL_COLOUR),
    )
    parts: list[str] = []
    if total == 0:
        parts.append(
            f'<rect x="10" y="8" width="{bar_width}" height="18" fill="none" '
            f'stroke="{GRID_COLOUR}"/>'
        )
        parts.append(_text(width / 2, 21, "no conversations", anchor="middle", size=11,
                           fill=MUTED_COLOUR))
    x = 10.0
    for _name, count, colour in segments:
        if total == 0 or count <= 0:
            continue
        length = bar_width * count / total
        parts.append(
            f'<rect x="{x:.1f}" y="8" width="{length:.1f}" height="18" fill="{colour}"/>'
        )
        x += length
    legend_x = 10.0
    for name, count, colour in segments:
        parts.append(f'<rect x="{legend_x:.1f}" y="38" width="10" height="10" fill="{colour}"/>')
        caption = f"{name} {count:,}"
        parts.append(_text(legend_x + 14, 47, caption, size=10))
        legend_x += 14 + 6.5 * len(caption) + 14
    label = (
        f"Conversations: {flagged:,} flagged, {clean:,} without a problem, "
        f"{not_applicable:,} not applicable"
    )
    return _svg(width, height, label, parts, "conversations")


def severity_chart(counts: Mapping[str, int], severities: Iterable[str]) -> Markup:
    """Small vertical bars of finding counts per severity, most severe first."""
    names = list(severities)
    width, height = 320, 92
    slot = (width - 20) / max(len(names), 1)
    top_count = max([counts.get(name, 0) for name in names] + [1])
    parts: list[str] = [
        f'<line x1="10" y1="64" x2="{width - 10}" y2="64" stroke="{GRID_COLOUR}"/>'
    ]
    for index, name in enumerate(names):
        count = counts.get(name, 0)
        centre = 10 + slot * index + slot / 2
        bar_height = 46 * count / top_count
        colour = SEVERITY_COLOURS.get(name, NEUTRAL_COLOUR)
        if count:
            parts.append(
                f'<rect x="{centre - 14:.1f}" y="{64 - bar_height:.1f}" width="28" '
                f'height="{bar_height:.1f}" rx="2" fill="{colour}"/>'
            )
        parts.append(_text(centre, 60 - bar_height, f"{count:,}", anchor="middle", size=10,
                           weight="bold"))
        parts.append(_text(centre, 80, name, anchor="middle", size=10, fill=MUTED_COLOUR))
    label = "Findings by severity: " + ", ".join(
        f"{name} {counts.get(name, 0):,}" for name in names
    )
    return _svg(width, height, label, parts, "severities")


def histogram_chart(labels: Iterable[str], counts: Iterable[int], label: str) -> Markup:
    """Vertical bars of counts per bin, with the bin labels underneath.

    Used for distributions such as the time customers waited for a person; an
    empty distribution still draws its axis and says "no measurements".
    """
    names = list(labels)
    values = list(counts)
    width, height, base = 560, 130, 92
    slot = (width - 20) / max(len(names), 1)
    top = max(values + [1])
    parts: list[str] = [
        f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{GRID_COLOUR}"/>'
    ]
    for index, (name, count) in enumerate(zip(names, values, strict=True)):
        centre = 10 + slot * index + slot / 2
        bar_height = 64 * count / top
        if count:
            parts.append(
                f'<rect x="{centre - slot * 0.35:.1f}" y="{base - bar_height:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{bar_height:.1f}" rx="2" '
                f'fill="{HISTOGRAM_COLOUR}"/>'
            )
        parts.append(_text(centre, base - bar_height - 4, f"{count:,}", anchor="middle",
                           size=10, weight="bold"))
        parts.append(_text(centre, base + 16, shorten(name, 12), anchor="middle", size=10,
                           fill=MUTED_COLOUR))
    if not any(values):
        parts.append(_text(width / 2, base - 30, "no measurements", anchor="middle", size=11,
                           fill=MUTED_COLOUR))
    summary = ", ".join(f"{name} {count:,}" for name, count in zip(names, values, strict=True))
    return _svg(width, height, f"{label}: {summary}", parts, "histogram")


@dataclass(frozen=True)
class RateBar:
    """One group in a rate chart: its rate, 95 % interval, and whether it was flagged."""

    label: str
    rate: float
    low: float
    high: float
    status: str


def rate_chart(bars: Iterable[RateBar], threshold: float | None, label: str) -> Markup:
    """Horizontal bars of rates (0-100 %) with interval whiskers and a threshold line.

    The threshold is drawn at its rate (four-fifths of the most-favoured group's
    rate), so a bar ending left of the dashed line has an impact ratio below it.
    Failed groups are red, warned amber, the rest green or grey when not judged.
    """
    rows = list(bars)
    height = _TOP + _ROW_HEIGHT * max(len(rows), 1) + 30
    width = _BAR_X + _BAR_WIDTH + 60
    bottom = _TOP + _ROW_HEIGHT * max(len(rows), 1)
    colours = {"fail": FAIL_COLOUR, "warn": SEVERITY_COLOURS["medium"], "pass": PASS_COLOUR,
               "reference": PASS_COLOUR}
    parts: list[str] = []
    for tick in (0, 25, 50, 75, 100):
        x = _BAR_X + _BAR_WIDTH * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{_TOP - 4}" x2="{x:.1f}" y2="{bottom}" '
                     f'stroke="{GRID_COLOUR}" stroke-width="1"/>')
        parts.append(_text(x, bottom + 14, f"{tick}%", anchor="middle", size=10,
                           fill=MUTED_COLOUR))
    for index, row in enumerate(rows):
        y = _TOP + index * _ROW_HEIGHT
        parts.append(_text(_LABEL_WIDTH, y + 17, shorten(row.label, 30), anchor="end"))
        length = _BAR_WIDTH * min(max(row.rate, 0.0), 1.0)
        colour = colours.get(row.status, NEUTRAL_COLOUR)
        parts.append(f'<rect x="{_BAR_X}" y="{y + 6}" width="{length:.1f}" '
                     f'height="{_ROW_HEIGHT - 12}" rx="2" fill="{colour}"/>')
        low = _BAR_X + _BAR_WIDTH * min(max(row.low, 0.0), 1.0)
        high = _BAR_X + _BAR_WIDTH * min(max(row.high, 0.0), 1.0)
        middle = y + _ROW_HEIGHT / 2
        parts.append(f'<line x1="{low:.1f}" y1="{middle:.1f}" x2="{high:.1f}" y2="{middle:.1f}" '
                     f'stroke="{TEXT_COLOUR}" stroke-width="1.5"/>')
        for end in (low, high):
            parts.append(f'<line x1="{end:.1f}" y1="{middle - 5:.1f}" x2="{end:.1f}" '
                         f'y2="{middle + 5:.1f}" stroke="{TEXT_COLOUR}" stroke-width="1.5"/>')
        parts.append(_text(max(high, _BAR_X + length) + 5, y + 17, f"{row.rate * 100:.1f}%",
                           size=11, weight="bold", halo=True))
    if threshold is not None:
        x = _BAR_X + _BAR_WIDTH * min(max(threshold, 0.0), 1.0)
        parts.append(f'<line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{bottom}" '
                     f'stroke="{TEXT_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>')
        parts.append(_text(x, _TOP - 11, "four-fifths line", anchor="middle", size=10))
    parts.append(_text(_BAR_X + _BAR_WIDTH / 2, height - 2,
                       "favourable rate with 95% interval", anchor="middle", size=10,
                       fill=MUTED_COLOUR))
    summary = ", ".join(f"{row.label} {row.rate * 100:.1f}%" for row in rows)
    return _svg(width, height, f"{label}: {summary}", parts, "rates")
