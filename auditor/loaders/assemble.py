"""Grouping turn records into conversations, in time order.

Exports do not always list a conversation's turns in the order they happened (a
reply logged before the message it answers, files merged). Within a conversation
whose turns all carry a timestamp, turns are ordered by it, reading order breaking
ties; where some turn has none, reading order stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from types import MappingProxyType

from auditor.loaders.transcript import TurnRecord
from auditor.model import Conversation, Turn


def assemble_conversations(records: Sequence[TurnRecord]) -> tuple[Conversation, ...]:
    """One Conversation per id, turns in time order and numbered from 0.

    Attributes may appear on any line of a conversation; a later value for the same
    name replaces an earlier one. The first channel given wins.
    """
    grouped: dict[str, list[TurnRecord]] = {}
    for record in records:
        grouped.setdefault(record.conversation_id, []).append(record)
    return tuple(assemble_conversation(cid, items) for cid, items in grouped.items())


def assemble_conversation(conversation_id: str, records: list[TurnRecord]) -> Conversation:
    """One conversation from all its records, in reading order."""
    attributes: dict[str, str] = {}
    channel = None
    turns = []
    for index, record in enumerate(_in_time_order(records)):
        attributes.update(record.attributes)
        channel = channel or record.channel
        turns.append(Turn(index=index, role=record.role, text=record.text,
                          timestamp=record.timestamp, event=record.event, source=record.source))
    return Conversation(id=conversation_id, turns=tuple(turns), channel=channel,
                        attributes=MappingProxyType(attributes),
                        people_logged=any(record.people_logged for record in records))


def _in_time_order(records: list[TurnRecord]) -> list[TurnRecord]:
    """The records by timestamp when every one has a timestamp, reading order breaking
    ties; with an untimed record among them there is no telling where it belongs, so
    reading order stands."""
    if any(record.timestamp is None for record in records) or _in_order(records):
        return records
    return sorted(records, key=lambda record: record.timestamp or _NEVER)


_NEVER = datetime.min.replace(tzinfo=UTC)


def _in_order(records: list[TurnRecord]) -> bool:
    """Whether the timestamps never go back in reading order."""
    latest: datetime | None = None
    for record in records:
        if record.timestamp is not None:
            if latest is not None and record.timestamp < latest:
                return False
            latest = record.timestamp
    return True
