"""What the FAIR checks share: options, one disparity computation per run, severities."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from auditor.check import Options, UnjudgeableInput
from auditor.fairness.settings import FairnessSettings
from auditor.findings import Severity
from auditor.model import Decision

if TYPE_CHECKING:  # the tables load pandas and fairlearn: imported where they are made
    from auditor.fairness import DecisionColumns, DisparityTable
    from auditor.fairness.counts import DecisionCounts

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

# The last tables made, by the counts they were made from (held, so that they are
# compared by identity and cannot be confused with later counts at the same address)
# and the settings: FAIR001 and FAIR002 read the same tables.
_last: tuple[tuple[Any, ...], tuple[DisparityTable, ...]] | None = None
_last_counted: tuple[tuple[Any, ...], DecisionCounts] | None = None


def text_list(options: Options, name: str) -> tuple[str, ...]:
    """A list-of-strings option, validated."""
    value = options.get(name, ())
    if isinstance(value, str) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{name} must be a list of names, not {value!r}")
    return tuple(value)


def count_decisions(decisions: Sequence[Decision], options: Options) -> DecisionCounts:
    """The counts of a run of decisions of the types the options select, made once
    however many FAIR checks ask."""
    global _last_counted
    from auditor.fairness.counts import DecisionCounts

    types = text_list(options, "decision-types")
    segments = text_list(options, "segments")
    if _last_counted is not None and _last_counted[0][0] is decisions \
            and _last_counted[0][1:] == (types, segments):
        return _last_counted[1]
    wanted = {name.casefold() for name in types}
    # Named segments are all the tables read: the other attributes are not counted.
    counts = DecisionCounts.of((d for d in decisions
                                if not wanted or d.decision_type.casefold() in wanted),
                               set(segments) if segments else None)
    _last_counted = ((decisions, types, segments), counts)
    return counts


def tables_from(counts: Sequence[object], options: Options) -> tuple[DisparityTable, ...]:
    """The disparity tables of the log whose consecutive runs `count_decisions` counted
    into `counts` (in order), made once however many FAIR checks ask."""
    global _last
    from auditor.fairness import DecisionColumns, disparity_tables
    from auditor.fairness.counts import DecisionCounts

    settings = FairnessSettings.from_options(options)
    segments = text_list(options, "segments") or None
    key = (tuple(counts), settings, segments)
    if (_last is not None and len(_last[0][0]) == len(key[0])
            and all(a is b for a, b in zip(_last[0][0], key[0], strict=True))
            and _last[0][1:] == key[1:]):
        return _last[1]
    parts = [part for part in counts if isinstance(part, DecisionCounts)]
    merged = parts[0] if len(parts) == 1 else DecisionCounts.merged(parts)
    _require_known_outcomes(merged.ambiguous)
    columns = DecisionColumns.from_counts(merged, segments)
    _require_categorical_segments(columns)
    tables = disparity_tables(columns, settings)
    _last = (key, tables)
    return tables


def severity_for(decision_type: str) -> Severity:
    """High for credit and access to a person, medium for refunds, discounts and the rest."""
    folded = decision_type.casefold()
    return Severity.HIGH if any(word in folded for word in HIGH_STAKES) else Severity.MEDIUM


def _require_known_outcomes(ambiguous: Mapping[str, frozenset[str]]) -> None:
    """Stop with a clear error when an outcome value cannot be read as favourable or not
    (`ambiguous`: such values by decision type).

    Dropping those decisions would bias every rate without a word, and guessing would
    make them meaningless, so the user is asked to say which values are favourable.
    """
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
