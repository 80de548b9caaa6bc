"""Grouping turn records into conversations, in the order they were read."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from auditor.loaders.transcript import TurnRecord
from auditor.model import Conversation, Turn


def assemble_conversations(records: Sequence[TurnRecord]) -> tuple[Conversation, ...]:
    """One Conversation per id, turns numbered from 0 in reading order.

    Attributes may appear on any line of a conversation; a later value for the same
    name replaces an earlier one. The first channel given wins.
    """
    grouped: dict[str, list[TurnRecord]] = {}
    for record in records:
        grouped.setdefault(record.conversation_id, []).append(record)
    return tuple(_conversation(cid, items) for cid, items in grouped.items())


def _conversation(conversation_id: str, records: list[TurnRecord]) -> Conversation:
    """Build one conversation from its records."""
    attributes: dict[str, str] = {}
    channel = None
    turns = []
    for index, record in enumerate(records):
        attributes.update(record.attributes)
        channel = channel or record.channel
        turns.append(Turn(index=index, role=record.role, text=record.text,
                          timestamp=record.timestamp, event=record.event, source=record.source))
    return Conversation(id=conversation_id, turns=tuple(turns), channel=channel,
                        attributes=MappingProxyType(attributes))
