"""Decision logs as columns: one integer code per row for each thing the metrics group by.

Fairness metrics depend only on how many decisions each group had and how many of
them were favourable (and, with ground truth, on the four confusion counts), so the
log is turned once into small integer arrays and every later step counts with
`numpy.bincount` instead of looping over decisions.

A missing segment value is its own category, `unknown` (the decision loader writes
it so): it is counted and shown, never imputed and never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from auditor.model import Decision

__all__ = ["UNKNOWN", "Codes", "DecisionColumns", "label_value"]

UNKNOWN = "unknown"
_TRUE_LABELS = frozenset({"1", "true", "yes", "y", "t", "favourable", "favorable", "positive"})
_FALSE_LABELS = frozenset({"0", "false", "no", "n", "f", "unfavourable", "unfavorable",
                           "negative"})

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Codes:
    """One column as integer codes into `names` (the distinct values, in first-seen order)."""

    codes: IntArray
    names: tuple[str, ...]


def label_value(label: str | None) -> int:
    """Ground truth as 1 (favourable), 0 (unfavourable) or -1 (not given)."""
    if label is None:
        return -1
    folded = label.strip().casefold()
    return 1 if folded in _TRUE_LABELS else 0 if folded in _FALSE_LABELS else -1


# Placeholders exports write for a missing value; all of them are the unknown category.
MISSING_VALUES = frozenset({"", "unknown", "n/a", "na", "null", "none", "nan", "-", "?"})


def _category(value: str | None) -> str:
    """A segment value, or `unknown` for a missing one."""
    text = (value or "").strip()
    return UNKNOWN if text.casefold() in MISSING_VALUES else text


def _codes(values: Sequence[str]) -> Codes:
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), sort=False)
    return Codes(codes.astype(np.int64), tuple(str(name) for name in uniques))


def _mapped(values: Sequence[Any], convert: Callable[[Any], int]) -> npt.NDArray[np.int8]:
    """`convert` applied to each distinct value once, spread back over the rows."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    table = np.array([convert(None if _missing(value) else value) for value in uniques],
                     dtype=np.int8)
    return table[codes] if len(table) else np.zeros(0, dtype=np.int8)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


@dataclass(frozen=True)
class DecisionColumns:
    """A decision log as arrays: type, favourable (1/0/-1), label (1/0/-1), segments."""

    decision_type: Codes
    favourable: npt.NDArray[np.int8]
    label: npt.NDArray[np.int8]
    segments: Mapping[str, Codes]

    @property
    def rows(self) -> int:
        """The number of decisions."""
        return len(self.favourable)

    @classmethod
    def from_decisions(cls, decisions: Sequence[Decision],
                       attributes: Sequence[str] | None = None) -> DecisionColumns:
        """Columns for `decisions`; `attributes` defaults to every segment seen."""
        if attributes is None:
            seen: dict[str, None] = {}
            for decision in decisions:
                seen.update(dict.fromkeys(decision.segments))
            attributes = tuple(seen)
        favourable = _mapped([d.favourable for d in decisions],
                             lambda value: -1 if value is None else int(value))
        # Labels are a handful of distinct strings: parse each once, not once per row.
        label = _mapped([d.label for d in decisions], label_value)
        segments = {
            name: _codes([_category(d.segments.get(name)) for d in decisions])
            for name in attributes
        }
        return cls(_codes([d.decision_type for d in decisions]), favourable, label,
                   MappingProxyType(segments))
