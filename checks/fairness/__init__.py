"""The FAIR pack: outcome disparities between customer segments in decision logs.

The counting, fairlearn metrics and statistics live in `auditor.fairness`; these
checks decide what a gap means.
"""

from auditor.checks.fairness.access import HumanAccessGapCheck
from auditor.checks.fairness.disparity import EqualizedOddsCheck, FourFifthsCheck
from auditor.checks.fairness.inputs import ProhibitedInputCheck
from auditor.checks.fairness.reasons import AdverseReasonMissingCheck
from auditor.checks.fairness.statements import DiscouragingStatementCheck

__all__ = [
    "AdverseReasonMissingCheck",
    "DiscouragingStatementCheck",
    "EqualizedOddsCheck",
    "FourFifthsCheck",
    "HumanAccessGapCheck",
    "ProhibitedInputCheck",
]
