"""What the FAIR checks share: options, one disparity computation per run, severities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from auditor.check import Options, UnjudgeableInput
from auditor.fairness.settings import FairnessSettings
from auditor.findings import Severity
from auditor.model import AuditInput, Decision

if TYPE_CHECKING:  # the tables load pandas and fairlearn: imported where they are made
    from auditor.fairness import DecisionColumns, DisparityTable

# Options every FAIR check accepts, so a policy can set them once with [packs.FAIR].
FAIRNESS_OPTIONS: Mapping[str, Any] = MappingProxyType({
    "impact-ratio-threshold": FairnessSettings.threshold,
    "alpha": FairnessSettings.alpha,
    "min-group-size": FairnessSettings.min_group_size,
    "min-expected": FairnessSettings.min_expected,
    "min-share": FairnessSettings.min_share,
    "intersections": FairnessSettings.intersections,
    "segments": (),
    "decision-types": (),
})

# Decision types whose disparities weigh most: credit and access to a person.
HIGH_STAKES = ("credit", "loan", "escalation", "handoff", "human", "account")

SCREEN_NOTE = ("The FAIR pack is a statistical screen, not a legal finding: the four-fifths "
               "rule (29 CFR 1607.4(D)) is an employment-selection guideline used here as a "
               "screen, and US federal disparate-impact enforcement was deprioritised in 2025 "
               "(EO 14281).")

_last: tuple[tuple[Any, ...], tuple[DisparityTable, ...]] | None = None


def text_list(options: Options, name: str) -> tuple[str, ...]:
    """A list-of-strings option, validated."""
    value = options.get(name, ())
    if isinstance(value, str) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{name} must be a list of names, not {value!r}")
    return tuple(value)


def tables_for(audit: AuditInput, options: Options) -> tuple[DisparityTable, ...]:
    """The run's disparity tables, computed once however many FAIR checks ask."""
    global _last
    from auditor.fairness import DecisionColumns, disparity_tables

    settings = FairnessSettings.from_options(options)
    segments = text_list(options, "segments") or None
    types = text_list(options, "decision-types")
    # The cache keeps the decisions tuple itself, so it is compared by identity and
    # cannot be confused with a later audit that happens to reuse its memory.
    key = (audit.decisions, settings, segments, types)
    if _last is not None and _last[0][0] is audit.decisions and _last[0][1:] == key[1:]:
        return _last[1]
    decisions = audit.decisions
    if types:
        wanted = {name.casefold() for name in types}
        decisions = tuple(d for d in decisions if d.decision_type.casefold() in wanted)
    _require_known_outcomes(decisions)
    columns = DecisionColumns.from_decisions(decisions, segments)
    _require_categorical_segments(columns)
    tables = disparity_tables(columns, settings)
    _last = (key, tables)
    return tables


def severity_for(decision_type: str) -> Severity:
    """High for credit and access to a person, medium for refunds, discounts and the rest."""
    folded = decision_type.casefold()
    return Severity.HIGH if any(word in folded for word in HIGH_STAKES) else Severity.MEDIUM


def _require_known_outcomes(decisions: Sequence[Decision]) -> None:
    """Stop with a clear error when an outcome value cannot be read as favourable or not.

    Dropping those decisions would bias every rate without a word, and guessing would
    make them meaningless, so the user is asked to say which values are favourable.
    """
    ambiguous: dict[str, set[str]] = defaultdict(set)
    for decision in decisions:
        if decision.favourable is None:
            ambiguous[decision.decision_type].add(decision.outcome)
    if ambiguous:
        dtype, values = sorted(ambiguous.items())[0]
        shown = ", ".join(repr(v) for v in sorted(values)[:6])
        raise UnjudgeableInput(
            f"decision type {dtype!r}: the outcome values {shown} are not known to be "
            "favourable or unfavourable; name the favourable ones with --favourable or "
            "`favourable = [...]` under [decisions] in the policy")


# A segment with more distinct values than this share of the decisions (and at least
# MIN_IDENTIFIER_VALUES of them) is an identifier or a measurement, not a segment.
IDENTIFIER_SHARE = 0.5
MIN_IDENTIFIER_VALUES = 100


def _require_categorical_segments(columns: DecisionColumns) -> None:
    """Stop with a clear error when a segment column looks like an id or an amount."""
    for name, codes in columns.segments.items():
        distinct = len(codes.names)
        if distinct >= MIN_IDENTIFIER_VALUES and distinct > IDENTIFIER_SHARE * columns.rows:
            raise UnjudgeableInput(
                f"segment column {name!r} has {distinct:,} distinct values in "
                f"{columns.rows:,} decisions, so it looks like an identifier or an amount; "
                "name the segment columns with --segment or `segments = [...]` under "
                "[decisions] in the policy (or `segments` under [packs.FAIR])")
