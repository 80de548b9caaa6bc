"""The canonical input every loader produces and every check reads.

Checks never see vendor formats: they see these frozen dataclasses only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    """Who wrote a turn."""

    CUSTOMER = "customer"
    BOT = "bot"
    AGENT = "agent"
    SYSTEM = "system"


class Event(StrEnum):
    """Events carried by `system` turns (DESIGN.md section 3)."""

    HANDOFF_REQUESTED = "handoff_requested"
    HANDOFF_INITIATED = "handoff_initiated"
    AGENT_JOINED = "agent_joined"
    HANDOFF_FAILED = "handoff_failed"
    CALLBACK_SCHEDULED = "callback_scheduled"
    TICKET_CREATED = "ticket_created"
    SESSION_CLOSED = "session_closed"
    DISCLOSURE_SHOWN = "disclosure_shown"
    AUTH_VERIFIED = "auth_verified"
    DISPUTE_CREATED = "dispute_created"


EMPTY_MAPPING: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from: the input file and its 1-based line."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Turn:
    """One message or event in a conversation, in order."""

    index: int
    role: Role
    text: str
    timestamp: datetime | None = None
    event: str | None = None
    source: SourceRef | None = None

    @property
    def is_message(self) -> bool:
        """True for turns a person or the bot wrote (not system events)."""
        return self.role is not Role.SYSTEM

    def has_event(self, *events: Event) -> bool:
        """True for a system turn carrying one of `events`."""
        return self.role is Role.SYSTEM and self.event in {event.value for event in events}


@dataclass(frozen=True, slots=True)
class Conversation:
    """A whole support conversation with its segment attributes."""

    id: str
    turns: tuple[Turn, ...]
    channel: str | None = None
    attributes: Mapping[str, str] = field(default_factory=lambda: EMPTY_MAPPING)
    # The policy's `jurisdictions`: where the customer is taken to be when the
    # export names no region (None: unknown, so every rule applies).
    assumed_jurisdictions: frozenset[str] | None = None
    # False when every record of the conversation comes from the bot's own log (an
    # input format with `logs_people=False`), which ends where a handoff takes the
    # customer to people: there, no person joining is no evidence that none did.
    people_logged: bool = True

    @property
    def started_at(self) -> datetime | None:
        """The earliest timestamp of any turn, or None when no turn has one."""
        stamps = [turn.timestamp for turn in self.turns if turn.timestamp is not None]
        return min(stamps) if stamps else None

    def turns_by(self, role: Role) -> tuple[Turn, ...]:
        """The turns written by one role, in order."""
        return tuple(turn for turn in self.turns if turn.role is role)

    def first_turn(self, role: Role) -> Turn | None:
        """The first turn written by `role`, or None."""
        return next((turn for turn in self.turns if turn.role is role), None)

    def after(self, turn: Turn) -> tuple[Turn, ...]:
        """The turns that follow `turn`, in order."""
        return self.turns[turn.index + 1:]


@dataclass(frozen=True, slots=True)
class Decision:
    """One automated or human decision from a decision log."""

    id: str
    conversation_id: str | None
    decision_type: str
    outcome: str
    favourable: bool | None = None
    segments: Mapping[str, str] = field(default_factory=lambda: EMPTY_MAPPING)
    label: str | None = None
    automated: bool | None = None
    human_reviewed: bool | None = None
    reason_codes: tuple[str, ...] = ()
    timestamp: datetime | None = None
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class AuditInput:
    """Everything one audit reads: conversations and decisions."""

    conversations: tuple[Conversation, ...] = ()
    decisions: tuple[Decision, ...] = ()
    # The policy's jurisdictions profile, for records that name no region.
    assumed_jurisdictions: frozenset[str] | None = None
    # The last moment each input file records, by path, when `conversations` are not
    # all the input's (an audit that reads its conversations a piece at a time); None:
    # read it from the conversations (`auditor.escalation.evidence.export_ends`).
    export_ends: Mapping[str, datetime] | None = None

    @property
    def turn_count(self) -> int:
        """The number of turns over all conversations."""
        return sum(len(conversation.turns) for conversation in self.conversations)
