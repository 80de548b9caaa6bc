"""ESC003: the bot promises a transfer, call back or ticket that never comes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from auditor.check import Options
from auditor.escalation.evidence import (
    CLOSED_EVENTS,
    FAILED_EVENTS,
    Handoff,
    HandoffKind,
    handed_out_of_log,
    is_voice,
)
from auditor.escalation.requests import human_requests, seconds_between
from auditor.findings import Finding, Reference, Severity
from auditor.language.bot_escalation import find_reference_id, find_transfer_promise
from auditor.language.normalise import fold
from auditor.legal import CFPA_UDAAP, ES_LEY_10_2025_PERSON, FTC_ACT_5
from auditor.model import Conversation, Role, Turn
from auditor.plain_words import PlainWords

from .base import HANDOFF_OPTIONS, EscalationCheck

PROMISE_OPTIONS: Mapping[str, Any] = MappingProxyType({
    **HANDOFF_OPTIONS,
    "agent-wait-chat-seconds": 900,
    "agent-wait-voice-seconds": 300,
    "quoted-wait-factor": 3,
})
# Waiting longer than this after a broken promise, or asking again, makes it critical.
LONG_WAIT_SECONDS = 300

# "in about 5 minutes", "2-3 min", "en 5 minutos", "dans 10 minutes", "in 5 Minuten".
_QUOTED_WAIT = re.compile(
    r"(\d+)(?:\s*(?:-|to|a|bis|à)\s*(\d+))?\s*"
    r"(min(?:ute)?s?|minutos?|minuten?|sec(?:ond)?s?|segundos?|secondes?|sekunden?)\b")

_OUTCOMES: Mapping[str, str] = MappingProxyType({
    "session_ended": "the conversation ended with no person",
    "handoff_failed": "the handoff failed and no person joined",
    "bot_resumed": "the bot went back to answering instead",
    "not_recorded": "no call back or ticket was recorded and no reference was given",
    "late": "the person joined only after {wait}",
})


@dataclass(frozen=True, slots=True)
class Broken:
    """How a promise was broken, with the numbers behind it and a turn to show."""

    outcome: str
    severity: Severity
    data: Mapping[str, Any] = field(default_factory=dict)
    shown: Turn | None = None


def quoted_wait_seconds(text: str) -> float | None:
    """The wait a bot quoted ("about 5 minutes", "2-3 min"), upper bound, in seconds."""
    match = _QUOTED_WAIT.search(fold(text))
    if match is None:
        return None
    amount = float(match.group(2) or match.group(1))
    return amount if match.group(3).startswith(("s", "sek")) else amount * 60


class PromisedTransferMissingCheck(EscalationCheck):
    """What it checks
        Every bot turn promising a transfer ("I'll transfer you to an agent", "Te paso
        con un agente", "Je vous mets en relation avec un conseiller", "Ich verbinde
        Sie mit einem Mitarbeiter"), a call back or a ticket, and what followed.

    Why it matters
        Telling a customer a person is coming when none is deceives them (FTC Act §5,
        UDAAP) and keeps them waiting; Spain's Ley 10/2025 requires real access to a
        person.

    Fails when
        After a transfer promise no person joins: the session ends, the handoff
        fails, or the bot goes back to answering: `high`, `critical` when the
        customer waited more than 5 minutes or asked again. A
        person joins later than the limit (15 minutes for chat, 5 for voice) or later
        than 3 times the wait the bot quoted: `medium` (`high` when the bot went back
        to answering meanwhile). A call back or ticket promise with no
        `callback_scheduled` / `ticket_created` event at or after the promise (or
        just before it), no escalation in the decision log and no reference number
        given: `high`.

    Passes when
        A person joins within the limit, or the call back or ticket is recorded or
        its reference given to the customer. In the bot's own log (an input format
        that does not log people), which ends where people take over, a handoff
        started after the promise that did not fail, with neither the bot nor the
        customer writing after it, is as far as the log can show: kept, and the
        report notes it.

    Options
        `agent-wait-chat-seconds` (default 900), `agent-wait-voice-seconds` (300,
        for channels voice, phone, ivr, call), `quoted-wait-factor` (3), and the
        pack's handoff options `handoff-bot-turns`, `handoff-seconds` and
        `escalation-decisions` (see ESC001).

    References
        FTC Act §5; CFPA §1031/§1036 (UDAAP); Spain Ley 10/2025.
    """

    code = "ESC003"
    plain = PlainWords(
        action="Keep promises to pass customers to a person",
        problem="the bot promised a person, but no one came",
        fix="Only promise a transfer once it has started, and offer a call back if it fails.")
    name = "promised-transfer-missing"
    title = "A promised transfer, call back or ticket never happens"
    severity = Severity.HIGH
    remediation = ("Only promise a transfer once the handoff has started; if it fails, "
                   "tell the customer and offer a call back with a reference number.")
    references = (FTC_ACT_5, CFPA_UDAAP, ES_LEY_10_2025_PERSON)
    default_options = PROMISE_OPTIONS

    def validate(self, options: Options) -> None:
        """The pack's options and the waiting limits, which must be positive numbers."""
        super().validate(options)
        for name in ("agent-wait-chat-seconds", "agent-wait-voice-seconds",
                     "quoted-wait-factor"):
            value = options[name]
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"{name} must be a positive number, not {value!r}")

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where the bot promised a transfer, call back or ticket."""
        return any(_promise_kind(turn) for turn in conversation.turns)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Judge each promise; report the first one that was broken."""
        evidence = self.evidence(conversation, options)
        promises = [t for t in conversation.turns if _promise_kind(t)]
        for promise in promises:
            broken = self._broken(conversation, promise, evidence, options)
            if broken is None:
                continue
            yield self.finding(
                conversation,
                f"At turn {promise.index} the bot promised a {_promise_kind(promise)}, but "
                f"{_OUTCOMES[broken.outcome].format(**broken.data)}.",
                turn=promise, severity=broken.severity,
                evidence=(promise, broken.shown) if broken.shown else (promise,),
                data={"promise": _promise_kind(promise), "outcome": broken.outcome,
                      "promises": len(promises), **broken.data},
                references=references,
            )
            return

    def _broken(self, conversation: Conversation, promise: Turn, evidence: Sequence[Handoff],
                options: Options) -> Broken | None:
        if _promise_kind(promise) != "transfer":
            # The event may be logged just before the bot announces it, never earlier.
            recorded = any(h.kind in (HandoffKind.CALLBACK, HandoffKind.TICKET,
                                      HandoffKind.DECISION_LOG)
                           and (h.index is None or h.index >= promise.index - 1)
                           for h in evidence)
            referenced = any(t.role is Role.BOT and find_reference_id(t.text)
                             for t in conversation.turns[promise.index:])
            return None if recorded or referenced else Broken("not_recorded", self.severity)
        after = conversation.after(promise)
        person = next((h for h in evidence if h.reaches_person and h.after(promise)), None)
        resumed = next((t for t in after if t.role is Role.BOT and not _promise_kind(t)
                        and (person is None or person.index is None
                             or t.index < person.index)), None)
        if person is not None:
            return self._late(conversation, promise, person, options, resumed)
        if resumed is None and handed_out_of_log(conversation, evidence, promise):
            return None  # the bot did what it promised as far as its own log can show
        failed = any(t.event in FAILED_EVENTS for t in after)
        end = next((t for t in after if t.event in CLOSED_EVENTS), conversation.turns[-1])
        waited = seconds_between(promise, end)
        asked_again = any(turn.index > promise.index for turn, _ in human_requests(conversation))
        severity = self.severity
        if asked_again or (waited is not None and waited > LONG_WAIT_SECONDS):
            severity = Severity.CRITICAL
        outcome = "handoff_failed" if failed else "bot_resumed" if resumed else "session_ended"
        return Broken(outcome, severity, {"waited_seconds": waited, "asked_again": asked_again},
                      shown=resumed)

    def _late(self, conversation: Conversation, promise: Turn, person: Handoff,
              options: Options, resumed: Turn | None) -> Broken | None:
        wait = seconds_between(promise, person)
        if wait is None:
            return None
        limit = float(options["agent-wait-voice-seconds" if is_voice(conversation)
                              else "agent-wait-chat-seconds"])
        quoted = quoted_wait_seconds(promise.text)
        factor = float(options["quoted-wait-factor"])
        if wait <= limit and (quoted is None or wait <= factor * quoted):
            return None
        # A late person after the bot went back to answering is the bot resuming (high).
        severity = self.severity if resumed is not None else Severity.MEDIUM
        return Broken("late", severity,
                      {"wait": f"{wait / 60:.0f} min", "wait_seconds": wait,
                       "limit_seconds": limit, "quoted_wait_seconds": quoted,
                       "bot_resumed": resumed is not None}, shown=resumed)


def _promise_kind(turn: Turn) -> str | None:
    if turn.role is not Role.BOT:
        return None
    match = find_transfer_promise(turn.text)
    return match.kind if match else None
