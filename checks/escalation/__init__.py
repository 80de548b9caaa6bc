"""The ESC pack: escalations to a person that never happened.

Phrase detection (English, Spanish, French, German) lives in
`auditor.language.human_request`, `auditor.language.bot_escalation` and
`auditor.language.customer_escalation`; handoff evidence, request judging, loop
detection and metrics in `auditor.escalation`. These checks decide what a match
means.
"""

from auditor.checks.escalation.cues import (
    ComplaintNotEscalatedCheck,
    DistressUnansweredCheck,
    PaymentDisputeIgnoredCheck,
)
from auditor.checks.escalation.decisions import AutomatedDecisionNotReviewableCheck
from auditor.checks.escalation.frustration import FrustrationUnheededCheck
from auditor.checks.escalation.loops import LoopWithoutHandoffCheck
from auditor.checks.escalation.promises import PromisedTransferMissingCheck
from auditor.checks.escalation.requests import HumanRequestIgnoredCheck
from auditor.checks.escalation.silence import HandoffWentSilentCheck
from auditor.checks.escalation.time_to_human import TimeToHumanCheck

__all__ = [
    "AutomatedDecisionNotReviewableCheck",
    "ComplaintNotEscalatedCheck",
    "DistressUnansweredCheck",
    "FrustrationUnheededCheck",
    "HandoffWentSilentCheck",
    "HumanRequestIgnoredCheck",
    "LoopWithoutHandoffCheck",
    "PaymentDisputeIgnoredCheck",
    "PromisedTransferMissingCheck",
    "TimeToHumanCheck",
]
