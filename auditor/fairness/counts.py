"""A decision log counted, so that any cut of the log counts to the same tables.

The FAIR tables depend only on how many decisions share a decision type, an outcome
(favourable, unfavourable or not known to be either), a ground truth and their segment
values. `DecisionCounts.of` counts a run of decisions so, and `DecisionCounts.merged`
adds up the counts of consecutive runs, in order, into the counts of the whole run:
the same cells, in the same first-seen order. A log cut in partitions (on the workers
of a Dask cluster, say) is counted where it is, only the counts travel, and the
statistics are computed once, on their sum (`DecisionColumns.from_counts`).

The counts are as large as the number of distinct combinations of those values: a
few dozen cells for a log of a million decisions with a handful of segments.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from auditor.model import Decision

__all__ = ["Cell", "DecisionCounts", "UNKNOWN", "category", "label_value"]

UNKNOWN = "unknown"
_TRUE_LABELS = frozenset({"1", "true", "yes", "y", "t", "favourable", "favorable", "positive"})
_FALSE_LABELS = frozenset({"0", "false", "no", "n", "f", "unfavourable", "unfavorable",
                           "negative"})
# Placeholders exports write for a missing value; all of them are the unknown category.
MISSING_VALUES = frozenset({"", "unknown", "n/a", "na", "null", "none", "nan", "-", "?"})

# (decision type, favourable as 1/0/-1, ground truth as 1/0/-1, the decision's segment
# values as (attribute, category) pairs in the decision's own order)
Cell = tuple[str, int, int, tuple[tuple[str, str], ...]]


def label_value(label: str | None) -> int:
    """Ground truth as 1 (favourable), 0 (unfavourable) or -1 (not given)."""
    if label is None:
        return -1
    folded = label.strip().casefold()
    return 1 if folded in _TRUE_LABELS else 0 if folded in _FALSE_LABELS else -1


def category(value: str | None) -> str:
    """A segment value, or `unknown` for a missing one."""
    text = (value or "").strip()
    return UNKNOWN if text.casefold() in MISSING_VALUES else text


@dataclass(frozen=True, slots=True)
class DecisionCounts:
    """How many decisions fell in each `Cell`, in the order the cells were first seen,
    and per decision type the outcome values not known to be favourable or not."""

    cells: Mapping[Cell, int]
    ambiguous: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, decisions: Iterable[Decision],
           attributes: Collection[str] | None = None) -> DecisionCounts:
        """The counts of `decisions`, by every segment attribute or only `attributes`."""
        cells: dict[Cell, int] = {}
        ambiguous: dict[str, set[str]] = {}
        # A log holds a handful of distinct labels and segment values: each is read once.
        labels: dict[str | None, int] = {}
        categories: dict[str | None, str] = {}
        for decision in decisions:
            if decision.favourable is None:
                favourable = -1
                ambiguous.setdefault(decision.decision_type, set()).add(decision.outcome)
            else:
                favourable = int(decision.favourable)
            label = labels.get(decision.label)
            if label is None:
                label = labels[decision.label] = label_value(decision.label)
            values = []
            for name, value in decision.segments.items():
                if attributes is not None and name not in attributes:
                    continue
                known = categories.get(value)
                if known is None:
                    known = categories[value] = category(value)
                values.append((name, known))
            cell = (decision.decision_type, favourable, label, tuple(values))
            cells[cell] = cells.get(cell, 0) + 1
        return cls(MappingProxyType(cells),
                   MappingProxyType({t: frozenset(v) for t, v in ambiguous.items()}))

    @classmethod
    def merged(cls, parts: Iterable[DecisionCounts]) -> DecisionCounts:
        """The counts of consecutive runs of a log, given in order, as the counts of the
        whole run: a cell first seen in an earlier run comes first."""
        cells: dict[Cell, int] = {}
        ambiguous: dict[str, frozenset[str]] = {}
        for part in parts:
            for cell, count in part.cells.items():
                cells[cell] = cells.get(cell, 0) + count
            for decision_type, values in part.ambiguous.items():
                ambiguous[decision_type] = ambiguous.get(decision_type, frozenset()) | values
        return cls(MappingProxyType(cells), MappingProxyType(ambiguous))

    def attributes(self) -> tuple[str, ...]:
        """Every segment attribute seen, in first-seen order."""
        seen: dict[str, None] = {}
        for _, _, _, values in self.cells:
            seen.update(dict.fromkeys(name for name, _ in values))
        return tuple(seen)
