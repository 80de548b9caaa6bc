"""Intercom conversations: the REST API's conversation object (`GET /conversations/{id}`),
one per file or one per line, or inside a webhook notification (`data.item`).

Follows the Intercom REST API reference for the Conversation model: `id`, `created_at`
(Unix seconds), `source` (the opening message: `author{type,...}`, `body`), and
`conversation_parts.conversation_parts[]` (`part_type`, `body` in HTML, `created_at`,
`author{type, from_ai_agent, is_ai_answer}`, `assigned_to`).

- `author.type` `user`, `lead` and `contact` are the customer; `bot` the bot; `admin`
  and `team` a person, unless the part is flagged as an AI answer (`from_ai_agent`,
  `is_ai_answer`), which is the bot.
- Bodies are HTML: read as the text a customer saw (tags removed, entities decoded,
  paragraphs and line breaks kept as new lines).
- A `note` is internal: never said to the customer, so never a turn.
- An assignment to a person or a team starts a handoff; `close` closes the session
  (its body, if any, is a turn too).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat, record_by_record
from auditor.loaders.records import RawRecord, RecordSkipped
from auditor.loaders.rich_text import markup_text
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event

_AUTHORS = {"user": "customer", "lead": "customer", "contact": "customer", "bot": "bot",
            "admin": "agent", "team": "agent"}
_INTERNAL = frozenset({"note", "note_and_reopen"})
_ASSIGNMENTS = frozenset({"assignment", "default_assignment", "away_mode_assignment",
                          "assign_and_reopen", "assign_and_unsnooze"})


def _is_intercom(record: Mapping[str, Any]) -> bool:
    """A conversation, or a webhook notification that carries one."""
    return _is_conversation(_conversation_of(record))


def _is_conversation(record: Mapping[str, Any]) -> bool:
    return isinstance(record.get("source"), Mapping) and isinstance(
        record.get("conversation_parts"), Mapping | list)


def _conversation_of(record: Mapping[str, Any]) -> Mapping[str, Any]:
    """The conversation a record is, or a webhook notification's `data.item`."""
    data = record.get("data")
    item = data.get("item") if isinstance(data, Mapping) else None
    if record.get("type") == "notification_event" and isinstance(item, Mapping):
        return item
    return record


def _turns(path: Path, record: RawRecord, options: Any) -> Iterator[TurnRecord]:
    """The opening message, then every part a customer could see or that moved the
    conversation to a person."""
    conversation = _conversation_of(record.fields)
    if not _is_conversation(conversation):
        raise RecordSkipped("not an Intercom conversation: no `source` object and "
                            "`conversation_parts`")
    conversation_id = str(conversation.get("id") or path.stem)
    source = conversation["source"]
    opening = markup_text(source.get("body"))
    if opening:
        yield make_turn(path, record.line, conversation_id, _speaker(source.get("author")),
                        opening, options.overrides, timestamp=conversation.get("created_at"))
    parts = conversation.get("conversation_parts")
    if isinstance(parts, Mapping):
        parts = parts.get("conversation_parts")
    for part in parts or ():
        if not isinstance(part, Mapping):
            continue
        kind = str(part.get("part_type") or "")
        if kind in _INTERNAL:
            continue
        stamp = part.get("created_at")
        assigned = part.get("assigned_to")
        if kind in _ASSIGNMENTS and isinstance(assigned, Mapping) \
                and assigned.get("type") in ("admin", "team"):
            yield make_turn(path, record.line, conversation_id, None, "", options.overrides,
                            event=Event.HANDOFF_INITIATED.value, timestamp=stamp)
        body = markup_text(part.get("body"))
        if body:
            yield make_turn(path, record.line, conversation_id, _speaker(part.get("author")),
                            body, options.overrides, timestamp=stamp)
        if kind == "close":
            yield make_turn(path, record.line, conversation_id, None, "", options.overrides,
                            event=Event.SESSION_CLOSED.value, timestamp=stamp)


def _speaker(author: Any) -> str | None:
    """The role word for a part's author; AI answers are the bot whoever sent them."""
    if not isinstance(author, Mapping):
        return None
    if author.get("from_ai_agent") or author.get("is_ai_answer"):
        return "bot"
    kind = str(author.get("type") or "")
    return _AUTHORS.get(kind, kind or None)


INTERCOM = InputFormat(
    "intercom-conversation", "transcripts", "json",
    "Intercom conversations: `source` and `conversation_parts` (also a webhook's "
    "`data.item`)",
    _is_intercom, record_by_record(_turns), priority=15, document_is_record=True,
    counts_conversations=True)
