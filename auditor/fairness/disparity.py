"""Outcome disparities per decision type and segment, computed with fairlearn's definitions.

For each decision type and each segment attribute (and each pair of attributes,
the intersectional categories of NYC Local Law 144), the decisions are counted
per group. The rates then come from fairlearn itself: a `MetricFrame` over one
row per (group, ground truth, outcome) cell weighted by its count gives exactly
the numbers fairlearn gives on the raw rows, at the cost of a few dozen rows
instead of a million. Demographic parity difference and ratio, and the
equalized-odds difference, are the frame's between-groups aggregations, which is
how fairlearn's own functions of those names compute them, taken over the judged
groups only: a group too small to judge, or the `unknown` category, would
otherwise set the summary (a 3-decision group with no favourable outcome makes
every ratio 0) and contradict the per-group screen. With fewer than two judged
groups there is no gap to measure, and the three numbers are None.

Every group's rate has a 95 % Wilson interval. The impact ratio compares a group
with the most-favoured one; its significance is Fisher's exact test of the group
against the other judged groups together, Holm-adjusted within the table. A
group is judged only when it is large enough (`min-group-size` decisions and
`min-expected` favourable outcomes expected at the overall rate) and holds at
least `min-share` of the decisions; the others are shown with their count and
rate, marked insufficient data or excluded as small
(the Local Law 144 convention for categories under 2 %). The `unknown` category is
counted and shown but never judged or used as the reference.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from fairlearn.metrics import MetricFrame, selection_rate

from auditor.fairness.columns import UNKNOWN, DecisionColumns
from auditor.fairness.settings import FairnessSettings
from auditor.fairness.statistics import fisher_p_value, holm_adjusted, wilson_interval

__all__ = ["DisparityTable", "FairnessSettings", "GroupResult", "disparity_tables"]

INTERSECTION = " \u00d7 "


@dataclass(frozen=True)
class GroupResult:
    """One group's counts, rate with its interval, and its comparison to the reference."""

    group: str
    count: int
    share: float
    favourable: int
    rate: float
    ci_low: float
    ci_high: float
    impact_ratio: float | None
    p_value: float | None
    status: str
    true_positive_rate: float | None = None
    false_positive_rate: float | None = None
    p_adjusted: float | None = None
    positives: int = 0  # labelled favourable-truth cases
    true_positives: int = 0
    negatives: int = 0  # labelled unfavourable-truth cases
    false_positives: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {
            "group": self.group, "count": self.count, "share": round(self.share, 6),
            "favourable": self.favourable, "rate": self.rate,
            "ci_low": round(self.ci_low, 6), "ci_high": round(self.ci_high, 6),
            "impact_ratio": None if self.impact_ratio is None else round(self.impact_ratio, 6),
            "p_value": self.p_value, "p_adjusted": self.p_adjusted, "status": self.status,
            "true_positive_rate": self.true_positive_rate,
            "false_positive_rate": self.false_positive_rate,
            "labelled_positives": self.positives, "true_positives": self.true_positives,
            "labelled_negatives": self.negatives, "false_positives": self.false_positives,
        }


@dataclass(frozen=True)
class DisparityTable:
    """One decision type against one attribute (or a pair): every group and the gaps."""

    decision_type: str
    attributes: tuple[str, ...]
    rows: tuple[GroupResult, ...]
    reference: str | None
    demographic_parity_difference: float | None
    demographic_parity_ratio: float | None
    equalized_odds_difference: float | None
    unrated: int

    @property
    def attribute(self) -> str:
        """The attribute, or the pair joined with a multiplication sign."""
        return INTERSECTION.join(self.attributes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {
            "decision_type": self.decision_type, "attribute": self.attribute,
            "attributes": list(self.attributes), "reference": self.reference,
            "demographic_parity_difference": self.demographic_parity_difference,
            "demographic_parity_ratio": self.demographic_parity_ratio,
            "equalized_odds_difference": self.equalized_odds_difference,
            "unrated_decisions": self.unrated,
            "groups": [row.to_dict() for row in self.rows],
        }


_DEFAULT_SETTINGS = FairnessSettings()


def disparity_tables(columns: DecisionColumns, settings: FairnessSettings = _DEFAULT_SETTINGS
                     ) -> tuple[DisparityTable, ...]:
    """Every decision type against every attribute and, if enabled, every pair."""
    names = list(columns.segments)
    attribute_sets: list[tuple[str, ...]] = [(name,) for name in names]
    if settings.intersections:
        attribute_sets += list(itertools.combinations(names, 2))
    tables = []
    for type_code, decision_type in enumerate(columns.decision_type.names):
        in_type = columns.decision_type.codes == type_code
        for attributes in attribute_sets:
            table = _table(columns, in_type, decision_type, attributes, settings)
            if table is not None:
                tables.append(table)
    return tuple(tables)


def _grouping(columns: DecisionColumns,
              attributes: tuple[str, ...]) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Combined group codes for one attribute or a pair, and the group names."""
    first = columns.segments[attributes[0]]
    if len(attributes) == 1:
        return first.codes, list(first.names)
    second = columns.segments[attributes[1]]
    # Only the combinations that occur get a code and a name: two attributes of a
    # thousand values each must not cost a million names.
    present, codes = np.unique(first.codes * len(second.names) + second.codes,
                               return_inverse=True)
    names = [f"{first.names[c // len(second.names)]}{INTERSECTION}"
             f"{second.names[c % len(second.names)]}" for c in present.tolist()]
    return codes.astype(np.int64), names


def _table(columns: DecisionColumns, in_type: npt.NDArray[np.bool_], decision_type: str,
           attributes: tuple[str, ...], settings: FairnessSettings) -> DisparityTable | None:
    codes, names = _grouping(columns, attributes)
    rated = in_type & (columns.favourable >= 0)
    groups = codes[rated]
    if groups.size == 0:
        return None
    favourable = columns.favourable[rated].astype(np.int64)
    # Each row stands for `weight` decisions (`DecisionColumns`); the sums of integer
    # weights are exact in floating point far beyond any log's size.
    weight = columns.weight[rated]
    counts = _counted(groups, weight, len(names))
    favoured = _counted(groups, weight * favourable, len(names))
    present = [int(g) for g in np.flatnonzero(counts)]
    labels = columns.label[rated].astype(np.int64)
    labelled = labels >= 0
    confusion = _counted(groups[labelled] * 4 + labels[labelled] * 2 + favourable[labelled],
                         weight[labelled], len(names) * 4).reshape(len(names), 4)
    total, overall_rate = int(counts.sum()), float(favoured.sum() / counts.sum())
    unjudged = {g: _unjudged_status(names[g], int(counts[g]), total, overall_rate, settings)
                for g in present}
    eligible = [g for g in present if unjudged[g] is None]
    rates, tpr, fpr, fairlearn_summary = _fairlearn(groups, favourable, labels, labelled,
                                                    weight, eligible)
    reference = max(eligible, key=lambda g: (rates[g], -g)) if len(eligible) >= 2 else None
    compared = [g for g in eligible if g != reference] if reference is not None else []
    # Each category is tested against the other judged categories together, not against
    # the best one alone: the best is picked for being high, and testing against it
    # would find "significant" gaps in fair data.
    pool_n = sum(int(counts[g]) for g in eligible)
    pool_f = sum(int(favoured[g]) for g in eligible)
    raw = {g: fisher_p_value(int(favoured[g]), int(counts[g]), pool_f - int(favoured[g]),
                             pool_n - int(counts[g])) for g in compared}
    adjusted = dict(zip(compared, holm_adjusted([raw[g] for g in compared]), strict=True))
    rows = []
    for g in present:
        count, fav = int(counts[g]), int(favoured[g])
        low, high = wilson_interval(fav, count)
        ratio = None
        status = unjudged[g]
        if status is None and reference is not None:
            ratio = rates[g] / rates[reference] if rates[reference] > 0 else None
            # Only a gap to the group's disadvantage counts as significant.
            behind = rates[g] * (pool_n - count) < (pool_f - fav) * 1.0
            status = ("reference" if g == reference
                      else _verdict(ratio, adjusted[g] if behind else 1.0, settings))
        elif status is None:
            status = "insufficient_data"  # fewer than two groups can be compared
        tn, fp, fn, tp = (int(n) for n in confusion[g])
        rows.append(GroupResult(names[g], count, count / total, fav, rates[g], low, high, ratio,
                                raw.get(g), status, tpr.get(g), fpr.get(g), adjusted.get(g),
                                positives=tp + fn, true_positives=tp, negatives=tn + fp,
                                false_positives=fp))
    rows.sort(key=lambda row: (-row.count, row.group))
    return DisparityTable(decision_type, attributes, tuple(rows),
                          names[reference] if reference is not None else None,
                          *fairlearn_summary, unrated=int(columns.weight[in_type & ~rated].sum()))


def _counted(codes: npt.NDArray[np.int64], weight: npt.NDArray[np.int64],
             length: int) -> npt.NDArray[np.int64]:
    """How many decisions have each code, from rows of `weight` decisions each."""
    return np.bincount(codes, weights=weight, minlength=length).astype(np.int64)


def _unjudged_status(name: str, count: int, total: int, overall_rate: float,
                     settings: FairnessSettings) -> str | None:
    """Why a group is shown but not judged, or None when it is judged."""
    if UNKNOWN in name.split(INTERSECTION):
        return "unknown"
    if count / total < settings.min_share:
        return "excluded_small"
    if count < settings.min_group_size or count * overall_rate < settings.min_expected:
        return "insufficient_data"
    return None


def _verdict(ratio: float | None, p_value: float, settings: FairnessSettings) -> str:
    """The four-fifths screen: below the threshold and significant fails."""
    below = ratio is not None and ratio < settings.threshold
    significant = p_value < settings.alpha
    if below and significant:
        return "fail"
    return "warn" if below or significant else "pass"


def _fairlearn(
    groups: npt.NDArray[np.int64], favourable: npt.NDArray[np.int64],
    labels: npt.NDArray[np.int64], labelled: npt.NDArray[np.bool_],
    weight: npt.NDArray[np.int64], judged: list[int],
) -> tuple[dict[int, float], dict[int, float], dict[int, float],
           tuple[float | None, float | None, float | None]]:
    """Rates and gaps from fairlearn, on one weighted row per (group, truth, outcome) cell
    (each of the rows given stands for `weight` decisions).

    Every group gets its rates; the gaps are over the `judged` groups only, and None
    when fewer than two are judged.
    """
    # Without ground truth fairlearn still wants y_true; selection rate ignores it.
    truth = np.where(labelled, labels, favourable)
    cell = (groups * 2 + truth) * 2 + favourable
    weights = _counted(cell, weight, 0)
    used = np.flatnonzero(weights)
    cell_group, cell_truth, cell_outcome = used // 4, (used // 2) % 2, used % 2
    # A named Series, not a bare array: fairlearn reads a one-element array as a
    # feature matrix of the wrong shape.
    frame = MetricFrame(metrics=selection_rate, y_true=cell_truth, y_pred=cell_outcome,
                        sensitive_features=pd.Series(cell_group, name="group"),
                        sample_params={"sample_weight": weights[used]})
    rates = {int(g): float(v) for g, v in frame.by_group.items()}
    # fairlearn's demographic_parity_difference and _ratio are the frame's
    # between-groups difference (group_max - group_min) and ratio (group_min /
    # group_max). They are taken here over the judged groups' rates of the same
    # frame: a second frame on the judged rows alone would give the same numbers at
    # twice the cost.
    dp_difference: float | None = None
    dp_ratio: float | None = None
    if len(judged) >= 2:
        judged_rates = frame.by_group.loc[judged]
        low, high = float(judged_rates.min()), float(judged_rates.max())
        dp_difference = high - low
        # No judged group has a favourable outcome: 0/0, which fairlearn reports as NaN.
        dp_ratio = low / high if high > 0 else None
    tpr: dict[int, float] = {}
    fpr: dict[int, float] = {}
    eo_difference = None
    if labelled.any():
        lcell = (groups[labelled] * 2 + labels[labelled]) * 2 + favourable[labelled]
        lweights = _counted(lcell, weight[labelled], 0)
        lused = np.flatnonzero(lweights)
        lgroup, ltruth, loutcome = lused // 4, (lused // 2) % 2, lused % 2
        # The true positive rate is the selection rate among the truly favourable
        # cases and the false positive rate among the others (fairlearn's definitions),
        # so one selection-rate frame by (group, truth) gives both; it is several times
        # cheaper than fairlearn's scikit-learn based rate functions. A group without
        # positive (or negative) cases has no TPR (FPR) rather than a made-up 0.
        labelled_frame = MetricFrame(
            metrics=selection_rate, y_true=ltruth, y_pred=loutcome,
            sensitive_features=pd.DataFrame({"group": lgroup, "truth": ltruth}),
            sample_params={"sample_weight": lweights[lused]})
        for (group, truth), value in labelled_frame.by_group.items():
            # fairlearn fills a (group, truth) cell with no cases with NaN: no rate.
            if not math.isnan(float(value)):
                (tpr if truth == 1 else fpr)[int(group)] = float(value)
        # fairlearn's equalized_odds_difference: the larger of the two between-group
        # gaps, here between the judged groups that have the rate at all.
        gaps = [max(values) - min(values)
                for values in ([of[g] for g in judged if g in of] for of in (tpr, fpr))
                if len(values) >= 2]
        eo_difference = max(gaps) if gaps else None
    return rates, tpr, fpr, (dp_difference, dp_ratio, eo_difference)
