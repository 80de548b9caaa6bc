"""ESC002: the bot goes round in circles and never offers a person."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from auditor.check import Options
from auditor.escalation.evidence import FAILED_EVENTS, PERSON_KINDS
from auditor.escalation.loops import LoopLimits, find_loop
from auditor.escalation.requests import human_requests
from auditor.findings import Finding, Reference, Severity
from auditor.language.bot_escalation import find_human_offer, find_transfer_promise
from auditor.legal import CFPB_DOOM_LOOPS, ES_LEY_10_2025_PERSON
from auditor.model import Conversation, Role
from auditor.plain_words import PlainWords

from .base import HANDOFF_OPTIONS, EscalationCheck

_DEFAULTS = LoopLimits()
LOOP_OPTIONS: Mapping[str, Any] = MappingProxyType({
    **HANDOFF_OPTIONS,
    "loop-repeats": _DEFAULTS.repeats,
    "loop-consecutive-fallbacks": _DEFAULTS.consecutive_fallbacks,
    "loop-total-fallbacks": _DEFAULTS.total_fallbacks,
})

DESCRIPTIONS: Mapping[str, str] = MappingProxyType({
    "repeated_reply": "sent near-identical replies",
    "consecutive_fallbacks": "failed to understand several times in a row",
    "fallbacks": "failed to understand again and again",
    "restated_intent": "left the customer asking for the same thing",
})


def loop_limits(options: Options) -> LoopLimits:
    """Loop limits from check options, with a clear error for impossible values."""
    values = {}
    for option, field in (("loop-repeats", "repeats"),
                          ("loop-consecutive-fallbacks", "consecutive_fallbacks"),
                          ("loop-total-fallbacks", "total_fallbacks")):
        value = options.get(option, getattr(_DEFAULTS, field))
        if isinstance(value, bool) or not isinstance(value, int) or value < 2:
            raise ValueError(f"{option} must be a whole number of 2 or more, not {value!r}")
        values[field] = value
    return LoopLimits(**values)


class LoopWithoutHandoffCheck(EscalationCheck):
    """What it checks
        Conversations where the customer never asked for a person (ESC001 judges those
        that did) but the bot loops: three near-identical bot replies (similarity 0.9
        or more), three fallbacks in a row ("Sorry, I didn't understand that"), four
        fallbacks in all, or the customer asking for the same thing three times in a
        row, in the same words or in others ("where is my refund", "I still haven't
        got my money back", "when do I get the refund??"; English, Spanish, French
        and German).

    Why it matters
        The CFPB names repetitive loops that never reach a person as a sign of a
        bot that traps customers; many customers give up rather than type "agent".

    Fails when
        A loop happens and no person is offered or reached: `high`. A person was
        offered but the handoff failed: `medium`.

    Passes when
        There is no loop, or the bot offers a person, promises a transfer, or a handoff
        happens.

    Options
        `loop-repeats` (default 3), `loop-consecutive-fallbacks` (3),
        `loop-total-fallbacks` (4), and
        the pack's handoff options `handoff-bot-turns`,
        `handoff-seconds` and `escalation-decisions` (see ESC001).

    References
        CFPB, Chatbots in consumer finance (2023); Spain Ley 10/2025.
    """

    code = "ESC002"
    plain = PlainWords(
        action="Stop the bot going round in circles",
        problem="the bot went round in circles without offering a person",
        fix="After the bot fails to understand twice, offer a person.")
    name = "loop-without-handoff"
    title = "The bot loops without offering a person"
    severity = Severity.HIGH
    remediation = ("Detect repeated fallbacks and repeated replies, and offer a person "
                   "after the second one instead of answering the same way again.")
    references = (CFPB_DOOM_LOOPS, ES_LEY_10_2025_PERSON)
    default_options = LOOP_OPTIONS

    def validate(self, options: Options) -> None:
        """The pack's options and the loop limits."""
        super().validate(options)
        loop_limits(options)

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where a bot spoke and the customer did not ask for a person."""
        return (conversation.first_turn(Role.BOT) is not None
                and not human_requests(conversation))

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Find the first loop; pass when a person was offered or reached."""
        loop = find_loop(conversation, loop_limits(options))
        if loop is None:
            return
        evidence = self.evidence(conversation, options)
        offered = any(turn.role is Role.BOT and (find_human_offer(turn.text)
                                                 or find_transfer_promise(turn.text))
                      for turn in conversation.turns)
        routed = [h for h in evidence if h.kind in PERSON_KINDS]
        failed = any(turn.event in FAILED_EVENTS for turn in conversation.turns)
        if any(not h.cancelled for h in routed):
            return
        if failed or (offered and routed):
            severity = Severity.MEDIUM
            outcome = "a person was offered but the handoff failed"
        elif offered:
            return  # the customer was offered a person and did not take it
        else:
            severity = self.severity
            outcome = "no person was offered"
        yield self.finding(
            conversation,
            f"The bot {DESCRIPTIONS[loop.kind]} ({len(loop.turns)} times by turn "
            f"{loop.first.index}) and {outcome}.",
            turn=loop.first, severity=severity, evidence=loop.turns,
            data={"loop": loop.kind, "turns": [t.index for t in loop.turns],
                  "offered": offered, "handoff_failed": failed},
            references=references,
        )
