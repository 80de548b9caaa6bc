"""Outcome disparities in decision logs: columns, statistics and fairlearn-based tables.

The tables load pandas, fairlearn and SciPy: they are imported on first use of a name
below, so that importing the package (to list checks, say) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.fairness.settings import FairnessSettings

if TYPE_CHECKING:
    from auditor.fairness.columns import UNKNOWN, DecisionColumns
    from auditor.fairness.disparity import DisparityTable, GroupResult, disparity_tables

__all__ = [
    "UNKNOWN",
    "DecisionColumns",
    "DisparityTable",
    "FairnessSettings",
    "GroupResult",
    "disparity_tables",
]

_LAZY = {"UNKNOWN": "auditor.fairness.columns", "DecisionColumns": "auditor.fairness.columns",
         "DisparityTable": "auditor.fairness.disparity",
         "GroupResult": "auditor.fairness.disparity",
         "disparity_tables": "auditor.fairness.disparity"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
