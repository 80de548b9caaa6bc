"""View models for the metrics a check measured (the `metrics` of its result entry).

A metrics document says what it is with `kind`. Escalation metrics become a table
per channel and language plus a histogram of times to a person; any other kind is
shown as a plain table of its top-level figures, so a plugin's metrics are never
hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from auditor.render import charts
from auditor.render.fairness import fairness_view
from auditor.render.views import ChartView, MetricsSection, MetricsView

__all__ = ["bin_labels", "build_metrics", "duration"]

_DIMENSIONS: Mapping[str, str] = {"all": "All conversations", "channel": "Channel",
                                  "language": "Language"}
ESCALATION_COLUMNS = ("Group", "Conversations", "Escalated", "Unmet requests",
                      "Loops per 1,000", "Wait p50", "Wait p95", "Waits measured")


def duration(seconds: object) -> str:
    """A duration for readers: '45 s', '3.5 min', '1.2 h', or a dash when unknown."""
    if not isinstance(seconds, int | float):
        return "\u2014"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def _rate(value: object, part: object = None, whole: object = None) -> str:
    if not isinstance(value, int | float):
        return "\u2014"
    text = f"{value * 100:.1f}%"
    if isinstance(part, int) and isinstance(whole, int):
        text += f" ({part:,}/{whole:,})"
    return text


def _number(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return "\u2014" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}"
    return str(value)


def _compact(seconds: float) -> str:
    """A short duration for axis labels: '30s', '2m', '1.5h'."""
    if seconds < 60:
        return f"{seconds:g}s"
    if seconds < 3600:
        return f"{seconds / 60:g}m"
    return f"{seconds / 3600:g}h"


def bin_labels(edges: Sequence[float]) -> tuple[str, ...]:
    """Short labels for histogram bins from their lower edges; the last bin is open."""
    labels = []
    for index, edge in enumerate(edges):
        upper = edges[index + 1] if index + 1 < len(edges) else None
        if upper is None:
            labels.append(f"{_compact(edge)}+")
        elif edge == 0:
            labels.append(f"<{_compact(upper)}")
        else:
            labels.append(f"{_compact(edge)}\u2013{_compact(upper)}")
    return tuple(labels)


def _escalation(metrics: Mapping[str, Any]) -> MetricsView:
    rows = []
    for group in metrics.get("groups") or ():
        dimension = str(group.get("dimension", ""))
        name = _DIMENSIONS.get(dimension, dimension)
        label = name if dimension == "all" else f"{name}: {group.get('group')}"
        wait = group.get("time_to_human") or {}
        rows.append((
            label,
            _number(group.get("conversations")),
            _rate(group.get("escalation_rate"), group.get("escalated"),
                  group.get("conversations")),
            _rate(group.get("unmet_request_rate"), group.get("unmet"), group.get("requested")),
            _number(group.get("loops_per_1000")),
            duration(wait.get("p50_seconds")),
            duration(wait.get("p95_seconds")),
            _number(wait.get("measured")),
        ))
    histogram = metrics.get("time_to_human_histogram") or {}
    edges = list(histogram.get("edges_seconds") or ())
    counts = [int(c) for c in histogram.get("counts") or ()]
    chart = charts.histogram_chart(bin_labels(edges), counts,
                                   "Time from the first request to a person joining")
    section = MetricsSection(
        title="", columns=ESCALATION_COLUMNS, rows=tuple(rows),
        charts=(ChartView("Time to a person: conversations per waiting time "
                          "(s = seconds, m = minutes)", chart),))
    return MetricsView(
        title="Escalation metrics",
        intro=("Escalated: conversations routed to a person. Unmet requests: conversations "
               "with a request for a person that was not acted on in time, of those with a "
               "request. Loops: conversations where the bot went round in circles. Wait: the "
               "time from the first request for a person to a person joining."),
        sections=(section,),
    )


def _generic(metrics: Mapping[str, Any]) -> MetricsView:
    rows = tuple((str(key), _number(value)) for key, value in metrics.items()
                 if key != "kind" and not isinstance(value, Mapping | list | tuple))
    return MetricsView(title="Measured figures", intro="",
                       sections=(MetricsSection("", ("Figure", "Value"), rows),))


def build_metrics(metrics: object) -> MetricsView | None:
    """The view of a check's metrics document, or None when it has none."""
    if not isinstance(metrics, Mapping) or not metrics:
        return None
    if metrics.get("kind") == "escalation":
        return _escalation(metrics)
    if metrics.get("kind") == "fairness":
        return fairness_view(metrics)
    return _generic(metrics)
