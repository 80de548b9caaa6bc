"""Handoff evidence: what shows that a conversation reached, or was routed to, a person.

Evidence comes from three places:

* system events in the transcript: `handoff_initiated` (also written
  `transfer_initiated` or `queued` by some exports), `agent_joined`,
  `callback_scheduled`, `ticket_created`, `dispute_created`, and `handoff_failed`
  which cancels an initiated handoff that no agent followed;
* a join notice in the text of a system or bot turn ("Maria has joined the chat",
  "You are now connected with an agent", "Un agente se ha unido a la
  conversación"), which exports without an `agent_joined` event carry instead: it
  counts as a person joining (whether that person then wrote is ESC009's question);
* a turn written by a human `agent`;
* the decision log: an escalation decision (by default `decision_type` escalation,
  handoff, human_handoff or transfer) with a favourable outcome for the same
  conversation.

Every piece of evidence keeps the position it has in the conversation, so checks
can ask "did a person come within two bot turns of this request?".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from auditor.language.bot_escalation import find_join_announcement
from auditor.model import AuditInput, Conversation, Decision, Role, Turn

__all__ = [
    "CLOSED_EVENTS",
    "DEFAULT_ESCALATION_DECISIONS",
    "FAILED_EVENTS",
    "JOINED_EVENTS",
    "PERSON_KINDS",
    "REQUEST_EVENTS",
    "ROUTING_KINDS",
    "VOICE_CHANNELS",
    "Handoff",
    "HandoffKind",
    "announces_join",
    "export_ends",
    "handed_out_of_log",
    "handoff_evidence",
    "handoffs_out_of_log_note",
    "is_voice",
    "joins_person",
    "person_present",
]


class HandoffKind(StrEnum):
    """What a piece of handoff evidence shows."""

    INITIATED = "initiated"  # routed to a queue or a person; nobody has joined yet
    AGENT_JOINED = "agent_joined"  # a person is in the conversation
    CALLBACK = "callback"  # a call back is scheduled
    TICKET = "ticket"  # a ticket or case was opened for people to follow up
    DISPUTE = "dispute"  # a payment dispute was opened
    DECISION_LOG = "decision_log"  # the decision log says the conversation was escalated


# Event names as exports write them; the canonical names come first.
INITIATED_EVENTS = frozenset({"handoff_initiated", "transfer_initiated", "queued"})
JOINED_EVENTS = frozenset({"agent_joined"})
CALLBACK_EVENTS = frozenset({"callback_scheduled"})
TICKET_EVENTS = frozenset({"ticket_created"})
DISPUTE_EVENTS = frozenset({"dispute_created"})
FAILED_EVENTS = frozenset({"handoff_failed"})
CLOSED_EVENTS = frozenset({"session_closed"})
REQUEST_EVENTS = frozenset({"handoff_requested"})

_EVENT_KINDS = (
    (INITIATED_EVENTS, HandoffKind.INITIATED),
    (JOINED_EVENTS, HandoffKind.AGENT_JOINED),
    (CALLBACK_EVENTS, HandoffKind.CALLBACK),
    (TICKET_EVENTS, HandoffKind.TICKET),
    (DISPUTE_EVENTS, HandoffKind.DISPUTE),
)

# Evidence that a conversation was routed towards people (a queue, an agent, a call
# back, a ticket, a logged escalation), and the narrower set that routes to a person
# now rather than later.
ROUTING_KINDS = (HandoffKind.INITIATED, HandoffKind.AGENT_JOINED, HandoffKind.CALLBACK,
                 HandoffKind.TICKET, HandoffKind.DECISION_LOG)
PERSON_KINDS = (HandoffKind.INITIATED, HandoffKind.AGENT_JOINED, HandoffKind.DECISION_LOG)

DEFAULT_ESCALATION_DECISIONS = ("escalation", "handoff", "human_handoff", "transfer")
# Outcomes that say an escalation decision did route to a person, for logs with no
# `favourable` column.
_ESCALATED_OUTCOMES = frozenset({"escalated", "transferred", "handed_off", "approved", "yes",
                                 "true", "offered", "accepted", "granted"})
_NOT_ESCALATED_OUTCOMES = frozenset({"not_escalated", "declined", "denied", "refused", "no",
                                     "false", "not_offered", "rejected", "failed"})
VOICE_CHANNELS = frozenset({"voice", "phone", "ivr", "call", "telephone", "telephony"})


@dataclass(frozen=True, slots=True)
class Handoff:
    """One piece of evidence that the conversation went to a person.

    `index` is the position in the conversation: the turn itself for events and
    agent turns; for a decision-log entry, the first turn at or after its timestamp
    (the end of the conversation when it comes later, `None` when it has no
    timestamp, in which case it counts wherever a position is asked for).
    `cancelled` marks an initiated handoff followed by `handoff_failed` before any
    agent joined.
    """

    kind: HandoffKind
    index: int | None
    timestamp: datetime | None
    source: str
    cancelled: bool = False

    @property
    def reaches_person(self) -> bool:
        """True when a person joined, or the log says the conversation was escalated."""
        return self.kind in (HandoffKind.AGENT_JOINED, HandoffKind.DECISION_LOG)

    def after(self, turn: Turn) -> bool:
        """True when this evidence comes after `turn` (unknown positions count)."""
        return self.index is None or self.index > turn.index

    def routes_after(self, turn: Turn, kinds: Sequence[HandoffKind] = ROUTING_KINDS) -> bool:
        """Evidence of one of `kinds` after `turn` that no handoff failure cancelled."""
        return self.kind in kinds and not self.cancelled and self.after(turn)


def handoff_evidence(
    conversation: Conversation,
    decisions: Iterable[Decision] = (),
    *,
    escalation_decisions: Sequence[str] = DEFAULT_ESCALATION_DECISIONS,
) -> tuple[Handoff, ...]:
    """Every piece of handoff evidence for one conversation, in conversation order."""
    found: list[Handoff] = []
    for turn in conversation.turns:
        kind = next((k for events, k in _EVENT_KINDS if turn.event in events), None) \
            if turn.role is Role.SYSTEM and turn.event else None
        if turn.role is Role.AGENT:
            found.append(Handoff(HandoffKind.AGENT_JOINED, turn.index, turn.timestamp,
                                 "agent turn"))
        elif kind is not None:
            found.append(Handoff(kind, turn.index, turn.timestamp, f"{turn.event} event",
                                 cancelled=kind is HandoffKind.INITIATED
                                 and _failed_before_agent(conversation, turn)))
        elif announces_join(turn):
            found.append(Handoff(HandoffKind.AGENT_JOINED, turn.index, turn.timestamp,
                                 "join notice"))
    wanted = {name.casefold() for name in escalation_decisions}
    for decision in decisions:
        if decision.decision_type.casefold() in wanted and _escalated(decision):
            found.append(Handoff(HandoffKind.DECISION_LOG,
                                 _position(conversation, decision.timestamp),
                                 decision.timestamp, "decision log"))
    return tuple(sorted(found, key=lambda h: (h.index is None, h.index or 0)))


def joins_person(turn: Turn) -> bool:
    """True for an agent's turn or a join (see `announces_join`): a person is now present."""
    return turn.role is Role.AGENT or announces_join(turn)


def announces_join(turn: Turn) -> bool:
    """True for an `agent_joined` event, or a system or bot turn saying a person joined.

    A notice claims a person is there; only an agent's own turn shows one attends.
    """
    if turn.event in JOINED_EVENTS:
        return True
    return (turn.role in (Role.SYSTEM, Role.BOT) and bool(turn.text)
            and find_join_announcement(turn.text) is not None)


def person_present(conversation: Conversation, turn: Turn) -> bool:
    """True when a person is in the conversation at `turn`.

    A person arrives with an agent turn or an `agent_joined` event and leaves when
    the bot speaks again (a hand-back to the bot).
    """
    present = False
    for earlier in conversation.turns[:turn.index]:
        if joins_person(earlier):
            present = True
        elif earlier.role is Role.BOT:
            present = False
    return present


def is_voice(conversation: Conversation) -> bool:
    """True for phone and IVR conversations, which have tighter waiting limits."""
    return (conversation.channel or "").strip().casefold() in VOICE_CHANNELS


def _failed_before_agent(conversation: Conversation, initiated: Turn) -> bool:
    """An initiated handoff whose next handoff outcome is a failure, not an agent."""
    for turn in conversation.after(initiated):
        if joins_person(turn):
            return False
        if turn.event in FAILED_EVENTS:
            return True
    return False


def _escalated(decision: Decision) -> bool:
    """Whether an escalation decision did route the customer to a person."""
    # The outcome word decides first: a favourable-value list written for refunds
    # ("approved") must not turn "escalated" into a non-escalation.
    outcome = decision.outcome.strip().casefold()
    if outcome in _ESCALATED_OUTCOMES:
        return True
    if outcome in _NOT_ESCALATED_OUTCOMES:
        return False
    return bool(decision.favourable)


def _position(conversation: Conversation, when: datetime | None) -> int | None:
    """The index of the first turn at or after `when`, for evidence known only by time."""
    if when is None or all(turn.timestamp is None for turn in conversation.turns):
        return None  # nothing to place it against: it counts wherever it is asked for
    for turn in conversation.turns:
        if turn.timestamp is not None and turn.timestamp >= when:
            return turn.index
    return len(conversation.turns)


def handed_out_of_log(conversation: Conversation, evidence: Sequence[Handoff],
                      promise: Turn | None = None) -> bool:
    """Whether the bot's own log ends in a handoff it started (at or after `promise`,
    logged just before it or after it) that no failure cancelled and after which neither
    the bot nor the customer wrote: there the log stops, and what people did next is in
    another system. A customer still writing, or the bot answering, shows no one took
    the conversation over."""
    if conversation.people_logged:
        return False
    for handoff in evidence:
        if handoff.kind is not HandoffKind.INITIATED or handoff.cancelled:
            continue
        if promise is not None and handoff.index is not None \
                and handoff.index < promise.index - 1:
            continue
        start = handoff.index if handoff.index is not None else len(conversation.turns)
        if not any(turn.role in (Role.BOT, Role.CUSTOMER)
                   for turn in conversation.turns[start + 1:]):
            return True
    return False


def export_ends(audit: AuditInput) -> dict[str, datetime]:
    """The last moment each input file records, by path.

    A conversation that stops shortly before its file's last record may have been cut
    by the export window rather than have ended there.
    """
    if audit.export_ends is not None:
        return dict(audit.export_ends)
    latest: dict[str, datetime] = {}
    for conversation in audit.conversations:
        note_export_ends(conversation, latest)
    return latest


def note_export_ends(conversation: Conversation, latest: dict[str, datetime]) -> None:
    """Take `conversation`'s turns into `latest`, the last moment each file records."""
    for turn in conversation.turns:
        if turn.timestamp is not None and turn.source is not None:
            path = turn.source.path
            if path not in latest or turn.timestamp > latest[path]:
                latest[path] = turn.timestamp


def handoffs_out_of_log_note(count: int) -> tuple[str, ...]:
    """The run note for the `count` conversations that end in a handoff out of the
    bot's own log (`handed_out_of_log`)."""
    if not count:
        return ()
    return (f"{count} conversation{'s' if count != 1 else ''} came from the bot's own log "
            "and ended in a handoff; whether a person then joined is not in that log, so "
            "a handoff the bot started counts as done. Add the agents' side of these "
            "conversations, or an escalation decision log (--decisions), to check it.",)
