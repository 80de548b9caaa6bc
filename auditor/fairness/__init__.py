"""Outcome disparities in decision logs: columns, statistics and fairlearn-based tables."""

from auditor.fairness.columns import UNKNOWN, DecisionColumns
from auditor.fairness.disparity import (
    DisparityTable,
    FairnessSettings,
    GroupResult,
    disparity_tables,
)

__all__ = [
    "UNKNOWN",
    "DecisionColumns",
    "DisparityTable",
    "FairnessSettings",
    "GroupResult",
    "disparity_tables",
]
