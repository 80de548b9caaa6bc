"""Decision logs as columns: one integer code per counted cell for each thing the
metrics group by.

Fairness metrics depend only on how many decisions each group had and how many of
them were favourable (and, with ground truth, on the four confusion counts), so the
log is counted once (`auditor.fairness.counts`: decisions that agree on everything
the metrics read share a cell) and the cells are turned into small integer arrays,
each with its number of decisions as a weight; every later step counts with
`numpy.bincount` instead of looping over decisions. The counts of a log cut in
partitions, summed, give the same columns as the whole log's.

A missing segment value is its own category, `unknown` (the decision loader writes
it so): it is counted and shown, never imputed and never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
import pandas as pd

from auditor.fairness.counts import UNKNOWN, DecisionCounts, label_value
from auditor.model import Decision

__all__ = ["UNKNOWN", "Codes", "DecisionColumns", "label_value"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Codes:
    """One column as integer codes into `names` (the distinct values, in first-seen order)."""

    codes: IntArray
    names: tuple[str, ...]


def _codes(values: Sequence[str]) -> Codes:
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), sort=False)
    return Codes(codes.astype(np.int64), tuple(str(name) for name in uniques))


@dataclass(frozen=True)
class DecisionColumns:
    """A decision log as arrays, one row per counted cell: type, favourable (1/0/-1),
    label (1/0/-1), segments, and `weight`, how many decisions the row stands for."""

    decision_type: Codes
    favourable: npt.NDArray[np.int8]
    label: npt.NDArray[np.int8]
    segments: Mapping[str, Codes]
    weight: IntArray

    @property
    def rows(self) -> int:
        """The number of decisions."""
        return int(self.weight.sum())

    @classmethod
    def from_decisions(cls, decisions: Sequence[Decision],
                       attributes: Sequence[str] | None = None) -> DecisionColumns:
        """Columns for `decisions`; `attributes` defaults to every segment seen."""
        return cls.from_counts(
            DecisionCounts.of(decisions, None if attributes is None else set(attributes)),
            attributes)

    @classmethod
    def from_counts(cls, counts: DecisionCounts,
                    attributes: Sequence[str] | None = None) -> DecisionColumns:
        """Columns for the decisions `counts` counted; `attributes` defaults to every
        segment seen. First-seen orders are the decisions' own: a cell is first seen
        with the first decision that falls in it."""
        if attributes is None:
            attributes = counts.attributes()
        cells = list(counts.cells)
        values = [dict(cell[3]) for cell in cells]
        segments = {name: _codes([row.get(name, UNKNOWN) for row in values])
                    for name in attributes}
        return cls(_codes([cell[0] for cell in cells]),
                   np.array([cell[1] for cell in cells], dtype=np.int8),
                   np.array([cell[2] for cell in cells], dtype=np.int8),
                   MappingProxyType(segments),
                   np.fromiter(counts.cells.values(), dtype=np.int64, count=len(cells)))
