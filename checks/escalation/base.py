"""What the ESC checks share: options, the decision-log join, evidence and applicability."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from auditor.check import Check, ConversationCheck, Options
from auditor.escalation.evidence import (
    DEFAULT_ESCALATION_DECISIONS,
    Handoff,
    handoff_evidence,
    joins_person,
)
from auditor.escalation.requests import DEFAULT_BOT_TURNS, DEFAULT_SECONDS, HandoffWindow
from auditor.jurisdiction import Applicability, applicable_references
from auditor.model import AuditInput, Conversation, Decision, Role, Turn

# Options every ESC check accepts, so a policy can set them once for the pack with
# [packs.ESC] or per check with [checks.ESC00N.options].
HANDOFF_OPTIONS: Mapping[str, Any] = MappingProxyType({
    "handoff-bot-turns": DEFAULT_BOT_TURNS,
    "handoff-seconds": DEFAULT_SECONDS,
    "escalation-decisions": DEFAULT_ESCALATION_DECISIONS,
})


def escalation_decisions(options: Options) -> tuple[str, ...]:
    """The decision types that mean "escalated to a person", validated."""
    value = options.get("escalation-decisions", DEFAULT_ESCALATION_DECISIONS)
    if isinstance(value, str) or not all(isinstance(item, str) for item in value):
        raise ValueError("escalation-decisions must be a list of decision types, "
                         f"not {value!r}")
    return tuple(value)


class DecisionIndex:
    """Decisions grouped by conversation id, filled by `prepare` before a run."""

    def __init__(self) -> None:
        self._by_conversation: dict[str, list[Decision]] = defaultdict(list)

    def fill(self, decisions: Sequence[Decision]) -> None:
        """Index a run's decisions (replacing any earlier ones)."""
        self._by_conversation.clear()
        for decision in decisions:
            if decision.conversation_id:
                self._by_conversation[decision.conversation_id].append(decision)

    def of(self, conversation: Conversation) -> tuple[Decision, ...]:
        """The decisions logged for one conversation."""
        return tuple(self._by_conversation.get(conversation.id, ()))


class DecisionLogJoin(Check):
    """A check that reads each conversation together with its decision-log entries."""

    default_options = HANDOFF_OPTIONS

    # The join reads the decision log and, for some, the files' export ends.
    reads_decision_log_only = True

    def __init__(self) -> None:
        self.decisions = DecisionIndex()

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """Check the options, then index the decision log by conversation."""
        self.validate(options)
        self.decisions.fill(audit.decisions)

    def validate(self, options: Options) -> None:
        """Raise ValueError naming the option when a value is impossible.

        Runs before any conversation, so a typo in a policy is reported even when
        no conversation would have used the option.
        """
        HandoffWindow.from_options(options)
        escalation_decisions(options)

    def evidence(self, conversation: Conversation, options: Options) -> tuple[Handoff, ...]:
        """Handoff evidence from the transcript and the decision log."""
        return handoff_evidence(conversation, self.decisions.of(conversation),
                                escalation_decisions=escalation_decisions(options))


class EscalationCheck(DecisionLogJoin, ConversationCheck):
    """An ESC conversation check: joins the decision log and applies in every region.

    Access to a person is written into law in some places (Spain, the EU for
    automated decisions, US consumer finance) and is the standard of care in the
    rest, so these checks judge every conversation; a finding cites only the
    references in force for its conversation, or all of them where none is.
    """

    def applicability(self, conversation: Conversation) -> Applicability:
        """Always applies; the references are those in force, else all of them."""
        in_force = applicable_references(self.references, conversation)
        return in_force if in_force.applies else Applicability(self.references)


def next_bot_turns(conversation: Conversation, turn: Turn, count: int) -> tuple[Turn, ...]:
    """Up to `count` bot turns after `turn`, stopping where a person joins."""
    found: list[Turn] = []
    for later in conversation.after(turn):
        if joins_person(later):
            break
        if later.role is Role.BOT:
            found.append(later)
            if len(found) == count:
                break
    return tuple(found)
