"""The view of FAIR001's metrics: per decision type and attribute, a rate chart and the
Local Law 144-style table (category | count | rate | impact ratio), plus the interval,
the p-value and what the screen concluded for each category."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.render import charts
from auditor.render.views import ChartView, MetricsSection, MetricsView

__all__ = ["fairness_view"]

FAIRNESS_COLUMNS = ("Category", "Count", "Share", "Rate", "95% interval", "Impact ratio",
                    "p (Holm)", "Screen")
STATUS_TEXT: Mapping[str, str] = {
    "reference": "most favoured",
    "pass": "pass",
    "warn": "warning",
    "fail": "fail",
    "insufficient_data": "insufficient data",
    "excluded_small": "excluded: under 2% of decisions",
    "unknown": "counted, not judged",
}

# The statuses of categories the screen judged; the others are shown with their counts only.
JUDGED_STATUSES = frozenset({"reference", "pass", "warn", "fail"})


def _ratio(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "\u2014"


def _p_value(value: object) -> str:
    if not isinstance(value, int | float):
        return "\u2014"
    return "< 0.0001" if value < 0.0001 else f"{value:.4f}"


def _parity_note(table: Mapping[str, Any], judged: int) -> str:
    """Demographic parity over the judged categories, or why there is none."""
    scope = "over the judged categories (small and unknown ones are shown but not judged)"
    difference = table.get("demographic_parity_difference")
    # A result saved before the summary left unjudged categories out may still carry
    # numbers for a table with fewer than two judged categories: they are not shown.
    if difference is None or judged < 2:
        return (f"Demographic parity difference and ratio undefined: fewer than two "
                f"categories are judged; fairlearn's measures are taken {scope}")
    ratio = table.get("demographic_parity_ratio")
    ratio_text = _ratio(ratio) if ratio is not None else "undefined (no favourable outcome)"
    return (f"Demographic parity difference {float(difference):.3f}, ratio {ratio_text} "
            f"(fairlearn) {scope}")


def _section(table: Mapping[str, Any], threshold: float) -> MetricsSection:
    groups = list(table.get("groups") or ())
    reference = next((g for g in groups if g.get("status") == "reference"), None)
    line = threshold * float(reference["rate"]) if reference else None
    chart = charts.rate_chart(
        (charts.RateBar(str(g["group"]), float(g["rate"]), float(g["ci_low"]),
                        float(g["ci_high"]), str(g["status"])) for g in groups),
        line, f"{table.get('decision_type')} by {table.get('attribute')}")
    labelled = any(g.get("true_positive_rate") is not None for g in groups)
    rows = tuple((
        str(g["group"]), f"{int(g['count']):,}", f"{float(g['share']) * 100:.1f}%",
        f"{float(g['rate']) * 100:.1f}%",
        f"{float(g['ci_low']) * 100:.1f}\u2013{float(g['ci_high']) * 100:.1f}%",
        _ratio(g.get("impact_ratio")), _p_value(g.get("p_adjusted", g.get("p_value"))),
        STATUS_TEXT.get(str(g.get("status")), str(g.get("status"))),
        *((_ratio(g.get("true_positive_rate")), _ratio(g.get("false_positive_rate")))
          if labelled else ()),
    ) for g in groups)
    note = _parity_note(table, sum(g.get("status") in JUDGED_STATUSES for g in groups))
    if table.get("equalized_odds_difference") is not None:
        note += f"; equalized-odds difference {float(table['equalized_odds_difference']):.3f}"
    if table.get("unrated_decisions"):
        note += f"; {int(table['unrated_decisions']):,} decisions with an unknown outcome"
    return MetricsSection(
        title=f"{table.get('decision_type')} by {table.get('attribute')}",
        columns=FAIRNESS_COLUMNS + (("TPR", "FPR") if labelled else ()), rows=rows,
        charts=(ChartView("Favourable rate per category", chart),), note=note + ".")


def fairness_view(metrics: Mapping[str, Any]) -> MetricsView:
    """One section per decision type and attribute (or pair of attributes)."""
    settings = metrics.get("settings") or {}
    threshold = float(settings.get("impact_ratio_threshold", 0.8))
    return MetricsView(
        title="Outcomes per customer segment",
        intro=(f"Favourable-outcome rate per category with its 95% Wilson interval; impact "
               f"ratio against the most-favoured judged category; Fisher's exact test "
               f"(two-sided) of each category against the other judged categories together, "
               f"Holm-adjusted within each table. Categories with fewer than "
               f"{settings.get('min_group_size', 30)} decisions or "
               f"{float(settings.get('min_expected', 5)):g} expected favourable outcomes are "
               f"insufficient data; categories under "
               f"{float(settings.get('min_share', 0.02)) * 100:g}% of the decisions are "
               f"excluded from the screen but shown; the unknown category is counted, never "
               f"imputed. A statistical screen, not a legal finding."),
        sections=tuple(_section(table, threshold) for table in metrics.get("tables") or ()),
    )
