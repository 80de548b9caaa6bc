"""FAIR001 and FAIR002: outcome gaps between customer segments in the decision log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from auditor.check import Check, CheckOutcome, DecisionCountsCheck, Options
from auditor.fairness.settings import FairnessSettings
from auditor.findings import Finding, Severity
from auditor.intervals import wilson_interval
from auditor.legal import NYC_LL144_METHOD, REG_B_PROHIBITED_BASIS, UGESP_FOUR_FIFTHS
from auditor.model import Decision
from auditor.plain_words import PlainWords

from .base import (
    FAIRNESS_OPTIONS,
    SCREEN_NOTE,
    count_decisions,
    severity_for,
    tables_from,
    text_list,
)

if TYPE_CHECKING:  # the tables load pandas and fairlearn: made in tables_from
    from auditor.fairness import DisparityTable, GroupResult

JUDGED = ("pass", "warn", "fail")


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


class FourFifthsCheck(DecisionCountsCheck):
    """What it checks
        For every decision type in the decision log and every segment attribute
        (language, region, plan...), and every pair of attributes (intersectional
        categories), the favourable-outcome rate of each group against the
        most-favoured group: the impact ratio, with a 95 % Wilson interval for each
        rate and Fisher's exact test for each gap. Rates, demographic parity
        difference and ratio are fairlearn's.

    Why it matters
        Bots decide refunds, discounts, fee waivers, credit and who gets a person. A
        group that gets favourable outcomes at less than four-fifths of the best
        group's rate is the classic screen for adverse impact (29 CFR 1607.4(D));
        for credit, Regulation B forbids discrimination on a prohibited basis.

    Fails when
        A group's impact ratio is below `impact-ratio-threshold` (0.8) and the gap is
        significant (p below `alpha`, 0.05): `high` for credit and access to a person,
        `medium` for refunds, discounts and the rest. Below 0.8 but not significant,
        or significant above 0.8: a `low` warning.

    Passes when
        Every judged group is at or above 0.8 and no gap is significant. Groups with
        fewer than `min-group-size` (30) decisions or `min-expected` (5) expected
        favourable outcomes are "insufficient data"; groups under `min-share` (2 %)
        of the decisions are excluded from the judgement, with their count and rate
        still shown; the `unknown` category is counted and shown, never judged.

    Options
        `impact-ratio-threshold` (0.8), `alpha` (0.05), `min-group-size` (30),
        `min-expected` (5), `min-share` (0.02), `intersections` (true: pairs of
        attributes too), `segments` (attributes to use; default all), `decision-types`
        (default all). All can be set for the pack under `[packs.FAIR]`.

    References
        29 CFR 1607.4(D) (four-fifths rule, as a screen); NYC Local Law 144, 6 RCNY
        §5-301 (the report's table layout); Regulation B 12 CFR 1002.4(a).
    """

    code = "FAIR001"
    plain = PlainWords(
        action="Find out why some groups get worse outcomes",
        problem="one group of customers got a good outcome far less often than others",
        fix="Review the rule behind the decision and the details that drive the gap.")
    name = "four-fifths-screen"
    title = "A customer segment gets favourable outcomes at under four-fifths of the best rate"
    severity = Severity.HIGH
    remediation = ("Review the decision rule for the flagged decision type and segment: check "
                   "which inputs drive the gap, whether the segment stands in for a protected "
                   "characteristic, and whether a human review would decide differently.")
    references = (UGESP_FOUR_FIFTHS, NYC_LL144_METHOD, REG_B_PROHIBITED_BASIS)
    default_options: Mapping[str, Any] = FAIRNESS_OPTIONS

    def notes(self, *, options: Options) -> tuple[str, ...]:
        """Say what kind of finding this is."""
        return (SCREEN_NOTE,)

    def count(self, decisions: Sequence[Decision], *, options: Options) -> object:
        """Decisions counted by type, outcome, ground truth and segment values."""
        return count_decisions(decisions, options)

    def outcome_from_counts(self, counts: Sequence[object], *, options: Options
                            ) -> CheckOutcome:
        """Judge every group of every table; one finding per failing or warned group."""
        tables = tables_from(counts, options)
        findings = [self._finding(table, row)
                    for table in tables for row in table.rows if row.status in ("fail", "warn")]
        judged = sum(row.status in JUDGED for table in tables for row in table.rows)
        return CheckOutcome(judged, tuple(findings), flagged=len(findings),
                            metrics=MappingProxyType(fairness_metrics(tables, options)))

    def _finding(self, table: DisparityTable, row: GroupResult) -> Finding:
        return gap_finding(self, table, row)


def gap_finding(check: Check, table: DisparityTable, row: GroupResult,
                hint: str = "") -> Finding:
    """A finding for one group that failed or was warned by the four-fifths screen."""
    reference = next(r for r in table.rows if r.group == table.reference)
    failed = row.status == "fail"
    ratio = f"{row.impact_ratio:.2f}" if row.impact_ratio is not None else "undefined"
    return check.finding(
        None,
        f"{table.decision_type} by {table.attribute}: {row.group} had a favourable rate of "
        f"{_percent(row.rate)} (n={row.count:,}) against {_percent(reference.rate)} for "
        f"{reference.group}: impact ratio {ratio}, p = {row.p_value:.2g}"
        + ("." if failed else "; a warning, not a failure.") + (f" {hint}" if hint else ""),
        severity=severity_for(table.decision_type) if failed else Severity.LOW,
        anchor=f"{table.decision_type}|{table.attribute}|{row.group}",
        data={"decision_type": table.decision_type, "attribute": table.attribute,
              "group": row.group, "reference": reference.group, "rate": row.rate,
              "reference_rate": reference.rate, "impact_ratio": row.impact_ratio,
              "p_value": row.p_value, "count": row.count, "status": row.status,
              **({"root_cause_hint": hint} if hint else {})},
    )


class EqualizedOddsCheck(DecisionCountsCheck):
    """What it checks
        Where the decision log has a ground-truth `label` (the outcome a correct
        decision would have had), each group's true positive rate and false positive
        rate, and the equalized-odds difference between the judged groups (the
        larger of the TPR gap and the FPR gap), with fairlearn's definitions.

    Why it matters
        Equal selection rates can hide a bot that is right more often for one group:
        equalized odds asks that deserving customers get the favourable outcome
        equally often in every group, and undeserving ones equally rarely.

    Fails when
        The equalized-odds difference over the judged groups exceeds
        `max-equalized-odds-difference` (0.1) and Fisher's exact test finds the gap
        significant (p below `alpha`, doubled because two gaps were compared): `high`
        for credit and access to a person, `medium` otherwise. A group is judged when
        it is judged by FAIR001 and has at least `min-group-size` labelled cases with
        a favourable truth and as many with an unfavourable one; the finding gives
        each group's rates with their 95 % Wilson intervals.

    Passes when
        The gap is within the limit. Without ground truth the check does not apply.

    Options
        `max-equalized-odds-difference` (0.1), and the pack's options
        `impact-ratio-threshold`, `alpha`, `min-group-size`, `min-expected`,
        `min-share`, `intersections`, `segments` and `decision-types` (see FAIR001),
        which decide the groups that are judged.

    References
        29 CFR 1607.4(D) (as a screen); Regulation B 12 CFR 1002.4(a).
    """

    code = "FAIR002"
    plain = PlainWords(
        action="Find out why the bot is wrong more often for some groups",
        problem="the bot's decisions were wrong more often for one group of customers",
        fix=("Compare decisions with the right answer for each group, and send unclear cases "
             "to a person."))
    name = "equalized-odds-gap"
    title = "Correct outcomes are less likely for some customer segments"
    severity = Severity.HIGH
    remediation = ("Compare the decisions with their ground truth per segment, find where "
                   "the bot errs more for one group, and fix the rule or route those cases to a "
                   "person.")
    references = (UGESP_FOUR_FIFTHS, REG_B_PROHIBITED_BASIS)
    default_options: Mapping[str, Any] = MappingProxyType({
        **FAIRNESS_OPTIONS, "max-equalized-odds-difference": 0.1})

    def count(self, decisions: Sequence[Decision], *, options: Options) -> object:
        """Decisions counted by type, outcome, ground truth and segment values."""
        return count_decisions(decisions, options)

    def outcome_from_counts(self, counts: Sequence[object], *, options: Options
                            ) -> CheckOutcome:
        """Judge each table that has ground truth for at least two judged groups."""
        limit = options["max-equalized-odds-difference"]
        if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 <= limit <= 1:
            raise ValueError(f"max-equalized-odds-difference must be between 0 and 1, "
                             f"not {limit!r}")
        text_list(options, "segments")
        settings = FairnessSettings.from_options(options)
        evaluated = 0
        findings: list[Finding] = []
        for table in tables_from(counts, options):
            # Each judged group needs enough labelled cases of both kinds for its rates.
            judged = [r for r in table.rows if r.status in (*JUDGED, "reference")
                      and r.positives >= settings.min_group_size
                      and r.negatives >= settings.min_group_size]
            if len(judged) < 2:
                continue
            evaluated += 1
            gap, p_value, detail = _odds_gap(judged)
            if gap > limit and p_value < settings.alpha:
                findings.append(self.finding(
                    None,
                    f"{table.decision_type} by {table.attribute}: the equalized-odds difference "
                    f"between judged groups is {gap:.3f}, above {limit:g} ({detail}; "
                    f"p = {p_value:.2g}).",
                    severity=severity_for(table.decision_type),
                    anchor=f"{table.decision_type}|{table.attribute}",
                    data={"decision_type": table.decision_type, "attribute": table.attribute,
                          "equalized_odds_difference": gap, "p_value": p_value,
                          "fairlearn_equalized_odds_difference": table.equalized_odds_difference,
                          "groups": {r.group: {
                              "tpr": r.true_positive_rate, "fpr": r.false_positive_rate,
                              "tpr_interval": wilson_interval(r.true_positives, r.positives),
                              "fpr_interval": wilson_interval(r.false_positives, r.negatives),
                          } for r in judged}},
                ))
        return CheckOutcome(evaluated, tuple(findings), flagged=len(findings))


def _odds_gap(groups: list[GroupResult]) -> tuple[float, float, str]:
    """The larger of the TPR and FPR gaps, its Fisher p-value (Bonferroni ×2), in words."""
    from auditor.fairness.statistics import fisher_p_value

    tpr = sorted(groups, key=lambda r: r.true_positives / r.positives)
    fpr = sorted(groups, key=lambda r: r.false_positives / r.negatives)
    tpr_gap = tpr[-1].true_positives / tpr[-1].positives - tpr[0].true_positives / tpr[0].positives
    fpr_gap = (fpr[-1].false_positives / fpr[-1].negatives
               - fpr[0].false_positives / fpr[0].negatives)
    if tpr_gap >= fpr_gap:
        low, high = tpr[0], tpr[-1]
        p_value = fisher_p_value(low.true_positives, low.positives, high.true_positives,
                                 high.positives)
        words = (f"true positive rate {low.true_positives / low.positives:.3f} for {low.group} "
                 f"against {high.true_positives / high.positives:.3f} for {high.group}")
    else:
        low, high = fpr[0], fpr[-1]
        p_value = fisher_p_value(low.false_positives, low.negatives, high.false_positives,
                                 high.negatives)
        words = (f"false positive rate {high.false_positives / high.negatives:.3f} for "
                 f"{high.group} against {low.false_positives / low.negatives:.3f} for "
                 f"{low.group}")
    # Two gaps were looked at to pick this one, so its p-value counts twice.
    return max(tpr_gap, fpr_gap), min(1.0, 2 * p_value), words


def fairness_metrics(tables: tuple[DisparityTable, ...], options: Options) -> dict[str, Any]:
    """The metrics document the report draws: settings and every table."""
    settings = FairnessSettings.from_options(options)
    return {
        "kind": "fairness",
        "settings": {"impact_ratio_threshold": settings.threshold, "alpha": settings.alpha,
                     "min_group_size": settings.min_group_size,
                     "min_expected": settings.min_expected, "min_share": settings.min_share,
                     "confidence_interval": "Wilson score, 95%",
                     "significance_test": "Fisher's exact test, two-sided, against the "
                                          "most-favoured judged group"},
        "tables": [table.to_dict() for table in tables],
    }
