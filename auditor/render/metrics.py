"""View models for the metrics a check measured (the `metrics` of its result entry).

A metrics document says what it is with `kind`. Escalation metrics become a table
per channel and language plus a histogram of times to a person; ESC010's frustration
rates a table per language and per region, which FAIR003's view also shows beside its
rates of access to a person by language and by region; any other kind is shown as a
plain table of its top-level figures, so a plugin's metrics are never hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from auditor.render import charts
from auditor.render.fairness import fairness_view
from auditor.render.views import ChartView, MetricsSection, MetricsView

__all__ = ["bin_labels", "build_metrics", "duration", "frustration_sections"]

_DIMENSIONS: Mapping[str, str] = {"all": "All conversations", "channel": "Channel",
                                  "language": "Language"}
ESCALATION_COLUMNS = ("Group", "Conversations", "Escalated", "Unmet requests",
                      "Loops per 1,000", "Wait p50", "Wait p95", "Waits measured")
FRUSTRATION_COLUMNS = ("Group", "Conversations", "Rising frustration", "Left unheeded")
FRUSTRATION_NOTE = ("Rising frustration: conversations in which the customer's frustration "
                    "rose across two turns (ESC010), of all the group's conversations; left "
                    "unheeded: of those, the bot neither acknowledged it nor brought a person.")
# The decision type of FAIR003's pseudo-decisions: was a person provided on request.
ACCESS_DECISION_TYPE = "access_to_human"


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


def _frustration_rows(metrics: Mapping[str, Any], dimension: str) -> tuple[tuple[str, ...], ...]:
    return tuple((
        "All conversations" if dimension == "all" else str(group.get("group")),
        _number(group.get("conversations")),
        _rate(group.get("rising_rate"), group.get("rising"), group.get("conversations")),
        _rate(group.get("unheeded_rate"), group.get("unheeded"), group.get("rising")),
    ) for group in metrics.get("groups") or () if group.get("dimension") == dimension)


def frustration_sections(metrics: Mapping[str, Any],
                         dimensions: Sequence[str] = ("language", "region")
                         ) -> tuple[MetricsSection, ...]:
    """One table of ESC010's frustration rates per dimension (language, region)."""
    return tuple(MetricsSection(title=f"Rising frustration by {dimension} (ESC010)",
                                columns=FRUSTRATION_COLUMNS,
                                rows=_frustration_rows(metrics, dimension),
                                note=FRUSTRATION_NOTE)
                 for dimension in dimensions)


def _frustration(metrics: Mapping[str, Any]) -> MetricsView:
    return MetricsView(
        title="Rising frustration per language and region",
        intro=FRUSTRATION_NOTE,
        sections=(MetricsSection("", FRUSTRATION_COLUMNS, _frustration_rows(metrics, "all")),
                  *frustration_sections(metrics)),
    )


def _beside_access(view: MetricsView, metrics: Mapping[str, Any],
                   frustration: Mapping[str, Any]) -> MetricsView:
    """FAIR003's view with the frustration table of the same dimension after each table
    of access to a person by language or by region."""
    by_dimension = dict(zip(("language", "region"), frustration_sections(frustration),
                            strict=True))
    sections: list[MetricsSection] = []
    tables = list(metrics.get("tables") or ())
    for table, section in zip(tables, view.sections, strict=False):
        sections.append(section)
        if table.get("decision_type") == ACCESS_DECISION_TYPE \
                and table.get("attribute") in by_dimension:
            sections.append(by_dimension[str(table["attribute"])])
    sections.extend(view.sections[len(tables):])
    return replace(view, sections=tuple(sections))


def _generic(metrics: Mapping[str, Any]) -> MetricsView:
    rows = tuple((str(key), _number(value)) for key, value in metrics.items()
                 if key != "kind" and not isinstance(value, Mapping | list | tuple))
    return MetricsView(title="Measured figures", intro="",
                       sections=(MetricsSection("", ("Figure", "Value"), rows),))


def build_metrics(metrics: object, *, frustration: object = None) -> MetricsView | None:
    """The view of a check's metrics document, or None when it has none.

    `frustration` is the run's frustration document (ESC010's metrics), shown beside
    FAIR003's rates of access to a person when both are in the result.
    """
    if not isinstance(metrics, Mapping) or not metrics:
        return None
    if metrics.get("kind") == "escalation":
        return _escalation(metrics)
    if metrics.get("kind") == "frustration":
        return _frustration(metrics)
    if metrics.get("kind") == "fairness":
        view = fairness_view(metrics)
        if isinstance(frustration, Mapping) and frustration.get("kind") == "frustration":
            return _beside_access(view, metrics, frustration)
        return view
    return _generic(metrics)
