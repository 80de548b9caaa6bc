"""Requests for a human and whether each was honoured in time.

A request is a customer turn in which `find_human_request` finds a request for a
person (in English, Spanish, French or German), or a `handoff_requested` event (a
"talk to a person" button). It is honoured when, within the handoff window (by
default 2 bot turns or 120 seconds, whichever allows more), one of these follows:

* handoff evidence (`auditor.escalation.evidence`) that was not cancelled by a
  `handoff_failed` event;
* a bot turn that promises a transfer, call back or ticket (whether the promise
  was kept is judged separately);
* a concrete alternative the customer accepts: the bot says no person is free but
  gives a phone number or opening hours, and the customer answers "OK, I'll call".

A request made while a person is already in the conversation, or taken back by the
customer ("never mind, I found it") while the bot was still engaging, is honoured. A
request that is the very last turn of a transcript is not judged: the export may
simply end there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.escalation.evidence import (
    CLOSED_EVENTS,
    REQUEST_EVENTS,
    ROUTING_KINDS,
    Handoff,
    person_present,
)
from auditor.language.bot_escalation import find_deflection, find_fallback, find_transfer_promise
from auditor.language.human_request import find_human_request, find_request_withdrawal
from auditor.language.normalise import fold
from auditor.model import Conversation, Role, Turn

__all__ = [
    "DEFAULT_BOT_TURNS",
    "DEFAULT_SECONDS",
    "HandoffWindow",
    "RequestOutcome",
    "bot_turns_between",
    "human_requests",
    "judge_requests",
    "seconds_between",
]

# A concrete alternative to a person now: a phone number or opening hours.
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")
_HOURS = re.compile(r"\b\d{1,2}(?::\d{2})? ?(?:am|pm|h)\b|\b\d{1,2}:\d{2}\b"
                    r"|\b(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mie|jue|vie|mer|jeu|ven|mo|di|mi"
                    r"|do|fr)[a-z]*\b ?(?:-|to|a|au|bis|\u2013) ?\b[a-z]+")
_ACCEPTANCE = re.compile(
    r"\W*(?:ok(?:ay)?|thanks?|thank you|will do|i'?ll (?:call|ring|phone|try)|alright|sure"
    r"|great|perfect|fine|got it|vale|gracias|de acuerdo|perfecto|llamare|merci|d'accord"
    r"|parfait|j'appellerai|danke|gut|alles klar|in ordnung|ich rufe)\b")



DEFAULT_BOT_TURNS = 2
DEFAULT_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class HandoffWindow:
    """How soon a request for a human must be acted on: bot turns or seconds."""

    bot_turns: int = DEFAULT_BOT_TURNS
    seconds: float = DEFAULT_SECONDS

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> HandoffWindow:
        """The window from check options, with a clear error for impossible values."""
        bot_turns = options.get("handoff-bot-turns", DEFAULT_BOT_TURNS)
        seconds = options.get("handoff-seconds", DEFAULT_SECONDS)
        if isinstance(bot_turns, bool) or not isinstance(bot_turns, int) or bot_turns < 1:
            raise ValueError(f"handoff-bot-turns must be a whole number of 1 or more, "
                             f"not {bot_turns!r}")
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ValueError(f"handoff-seconds must be a number of 0 or more, not {seconds!r}")
        return cls(bot_turns, float(seconds))


@dataclass(frozen=True, slots=True)
class RequestOutcome:
    """One request for a human and what followed it.

    `response` says what happened: `handoff` (evidence in time), `promise` (the bot
    promised a transfer in time), `with_person` (a person was already there), or,
    for unmet requests, `late` (a person came, but outside the window),
    `handoff_failed`, `refusal` or `self_service` (the bot deflected), `fallback`
    (the bot did not understand), `closed` (the session closed), `ended` (the
    conversation ends with no reply and no closing) or `ignored`.
    """

    turn: Turn
    kind: str
    judged: bool
    met: bool
    response: str
    reply: Turn | None = None
    closing: Turn | None = None

    def ended_after_seconds(self, conversation: Conversation) -> float | None:
        """Seconds from the request to the conversation's last turn, when both are
        timed (0 when the request is the last turn)."""
        return seconds_between(self.turn, conversation.turns[-1])

    @property
    def closed_after_seconds(self) -> float | None:
        """Seconds from the request to a later session_closed event, when both are timed."""
        return seconds_between(self.turn, self.closing) if self.closing else None


def human_requests(conversation: Conversation) -> tuple[tuple[Turn, str], ...]:
    """Customer turns asking for a person, and handoff_requested events, with their kind."""
    found: list[tuple[Turn, str]] = []
    for turn in conversation.turns:
        if turn.role is Role.CUSTOMER:
            match = find_human_request(turn.text)
            if match is not None:
                found.append((turn, match.kind))
        elif turn.role is Role.SYSTEM and turn.event in REQUEST_EVENTS:
            found.append((turn, "button"))
    return tuple(found)


def judge_requests(
    conversation: Conversation, evidence: Sequence[Handoff], window: HandoffWindow
) -> tuple[RequestOutcome, ...]:
    """Whether each request for a human in the conversation was honoured in time."""
    return tuple(_judge(conversation, turn, kind, evidence, window)
                 for turn, kind in human_requests(conversation))


def bot_turns_between(conversation: Conversation, first: Turn, index: int | None) -> int:
    """Bot turns strictly after `first` and before position `index` (all if None)."""
    end = len(conversation.turns) if index is None else index
    return sum(1 for turn in conversation.turns[first.index + 1:end] if turn.role is Role.BOT)


def seconds_between(first: Turn, later: Turn | Handoff) -> float | None:
    """Seconds from one turn to a later turn or piece of evidence, when both are timed."""
    if first.timestamp is None or later.timestamp is None:
        return None
    return (later.timestamp - first.timestamp).total_seconds()


def _judge(conversation: Conversation, request: Turn, kind: str,
           evidence: Sequence[Handoff], window: HandoffWindow) -> RequestOutcome:
    reply = next((t for t in conversation.after(request) if t.role is Role.BOT), None)
    closed = next((t for t in conversation.after(request) if t.event in CLOSED_EVENTS), None)
    # A request the conversation ends on is judged too: a real export often stops
    # there, with no reply and no closing event (see `ended_after_seconds`).
    judged = True

    def outcome(met: bool, response: str) -> RequestOutcome:
        return RequestOutcome(request, kind, judged, met, response, reply, closed)

    if person_present(conversation, request):
        return outcome(True, "with_person")
    if _withdrawn(conversation, request, reply):
        return outcome(True, "withdrawn")
    routing = [h for h in evidence if h.kind in ROUTING_KINDS and h.after(request)]
    live = [h for h in routing if not h.cancelled]
    if any(_in_window(conversation, request, h.index, h, window) for h in live):
        return outcome(True, "handoff")
    promise = next((t for t in conversation.after(request)
                    if t.role is Role.BOT and find_transfer_promise(t.text)), None)
    # A promise is made on a bot turn, so it must be one of the first N bot turns.
    if promise is not None and _in_window(conversation, request, promise.index + 1, promise,
                                          window):
        return outcome(True, "promise")
    if live:
        return outcome(False, "late")
    if routing:
        return outcome(False, "handoff_failed")
    response = _reply_kind(reply, closed)
    if reply is not None and response in ("refusal", "self_service") \
            and _alternative_accepted(conversation, reply):
        return outcome(True, "alternative")
    return outcome(False, response)


def _withdrawn(conversation: Conversation, request: Turn, reply: Turn | None) -> bool:
    """The customer took the request back ("never mind, I found it") before asking again.

    A withdrawal after the bot refused, deflected or did not understand is the
    customer giving up, not withdrawing, so it does not count.
    """
    same_turn = find_request_withdrawal(request.text)
    asked = find_human_request(request.text)
    if same_turn is not None and asked is not None and same_turn.start > asked.start:
        return True
    for later in conversation.after(request):
        if later.role is not Role.CUSTOMER:
            continue
        withdrawal = find_request_withdrawal(later.text)
        new_request = find_human_request(later.text)
        if withdrawal is not None and (new_request is None or withdrawal.start > new_request.start):
            failed_first = (reply is not None and reply.index < later.index
                            and _reply_kind(reply, None) != "ignored")
            return not failed_first
        if new_request is not None:
            return False
    return False


def _alternative_accepted(conversation: Conversation, reply: Turn) -> bool:
    """No person now, but a phone number or opening hours the customer accepts (ESC-001)."""
    if not (_PHONE.search(reply.text) or _HOURS.search(fold(reply.text))):
        return False
    answer = next((t for t in conversation.after(reply) if t.role is Role.CUSTOMER), None)
    return (answer is not None and _ACCEPTANCE.match(fold(answer.text)) is not None
            and find_human_request(answer.text) is None)


def _in_window(conversation: Conversation, request: Turn, index: int | None,
               later: Turn | Handoff, window: HandoffWindow) -> bool:
    if index is None:
        return True  # evidence with no position (an untimed log entry) counts
    if bot_turns_between(conversation, request, index) <= window.bot_turns:
        return True
    elapsed = seconds_between(request, later)
    # A negative time means the clocks disagree; the bot-turn rule has already spoken.
    return elapsed is not None and 0 <= elapsed <= window.seconds


def _reply_kind(reply: Turn | None, closing: Turn | None) -> str:
    if reply is None and closing is None:
        return "ended"
    if reply is None or (closing is not None and closing.index < reply.index):
        return "closed" if closing is not None else "ignored"
    deflection = find_deflection(reply.text)
    if deflection is not None:
        return deflection.kind
    if find_fallback(reply.text) is not None:
        return "fallback"
    return "ignored"

