"""Escalation analysis shared by the ESC checks: evidence, requests, loops, metrics."""

from auditor.escalation.evidence import Handoff, HandoffKind, handoff_evidence
from auditor.escalation.loops import Loop, LoopLimits, find_loop
from auditor.escalation.metrics import ConversationFacts, conversation_facts, escalation_metrics
from auditor.escalation.requests import HandoffWindow, RequestOutcome, judge_requests

__all__ = [
    "ConversationFacts",
    "Handoff",
    "HandoffKind",
    "HandoffWindow",
    "Loop",
    "LoopLimits",
    "RequestOutcome",
    "conversation_facts",
    "escalation_metrics",
    "find_loop",
    "handoff_evidence",
    "judge_requests",
]
