"""Zendesk Sunshine Conversations messages: the API's "List Messages" answer, messages one
per line, or the webhook bodies the platform sends.

Follows the Sunshine Conversations API v2 reference as published in
zendesk/sunshine-conversations-api-spec (`components/responses/messageListResponse.yaml`:
`{"messages": [...], "meta": ..., "links": ...}`; `components/schemas/message.yaml`,
`author.yaml`, `source.yaml`, `content.yaml` and `messages/*.yaml`) and the SDK models
of zendesk/sunshine-conversations-javascript and -python (`docs/Author.md`: `subtypes`
`AI` and `activity`) and -ruby (`docs/SwitchboardPassControl.md`,
`SwitchboardPassControlAllOfPayload.md`, `SwitchboardIntegrationWebhook.md`: webhook
events `{id, type, createdAt, payload{conversation, ...}}`).

- `author.type` `user` is the customer. `business` is whoever answers for the company,
  a bot and a person alike, so it is told apart by what the message itself documents:
  the `AI` subtype (AI-generated) is the bot; the `activity` subtype (made by a system
  activity) is a system notice; `source.type` `zd:answerBot` (Zendesk's bot) and
  `ultimate` (Zendesk AI agents) are the bot, `zd:agentWorkspace` (a reply written in
  Zendesk's Agent Workspace) a person, as Zendesk's own messaging SDKs read them (the
  same names are Zendesk's Switchboard integration types). Any other business message
  (`api:conversations`, a custom integration, `zd:agentCopilot`, none) could be
  either: it is skipped as an unknown role named by the author's `displayName` (or
  `business`), for the user to map with --role. A --role mapping of a display name
  also overrides what the source suggests.
- The AI subtype makes the platform append a disclaimer to the customer's copy, whose
  wording is not in the record: the audit judges the text as stored.
- The text is what the customer saw: a text's words and its buttons, a carousel's or
  list's item titles, descriptions and buttons, a form's field labels, a form
  response's `label: value` lines, a location's name and address. An image or file
  without a caption says nothing and is left out; so is a deleted message.
- Webhook bodies (`{"app", "webhook", "events": [...]}`, or the events alone):
  `conversation:message` is its message; a Switchboard `passControl`, `offerControl`
  or `acceptControl` giving the conversation to Zendesk's Agent Workspace starts a
  handoff, and a failed control transfer (`switchboard:*:failure`, whose payload does
  not say to whom) is a failed handoff. Other events (read receipts, typing,
  deliveries) are plumbing: left out.
- The conversation is `conversation.id` (webhooks) or a `conversationId`, else the
  file's name: one "List Messages" answer is one conversation. The channel is the
  customer's `source.type` (web, whatsapp, messenger...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.columns import role_option_hint
from auditor.loaders.formats import InputFormat
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event

_AUTHOR_TYPES = frozenset({"user", "business"})
_AGENT_WORKSPACE = "zd:agentworkspace"
_BOT_SOURCES = frozenset({"zd:answerbot", "ultimate"})
_AGENT_SOURCES = frozenset({_AGENT_WORKSPACE})
_EVENT_PREFIXES = ("conversation:", "switchboard:")
# Who takes control in each Switchboard event: the active integration once control
# passed or was accepted, the pending one while it is only offered.
_CONTROL_TAKER = {"switchboard:passcontrol": "activeSwitchboardIntegration",
                  "switchboard:acceptcontrol": "activeSwitchboardIntegration",
                  "switchboard:offercontrol": "pendingSwitchboardIntegration"}
_CONTROL_FAILURES = frozenset({"switchboard:passcontrol:failure",
                               "switchboard:offercontrol:failure",
                               "switchboard:acceptcontrol:failure"})
# Reads one message or event (path, record line, item, load options) into its turns.
_ItemReader = Callable[[Path, int, Any, Any], list[TurnRecord]]


def _is_sunshine(record: Mapping[str, Any]) -> bool:
    """A List Messages answer, a message, a webhook body or one webhook event."""
    messages = record.get("messages")
    if isinstance(messages, list):
        return bool(messages) and _is_message(messages[0])
    events = record.get("events")
    if isinstance(events, list):
        return bool(events) and _is_event(events[0])
    return _is_message(record) or _is_event(record)


# A List Messages page's links: `.../conversations/{conversationId}/messages?page...`.
_PAGE_OF = re.compile(r"/conversations/([^/?#]+)/messages")


def _is_message(value: Any) -> bool:
    if not isinstance(value, Mapping):
        return False
    author = value.get("author")
    return (isinstance(author, Mapping) and author.get("type") in _AUTHOR_TYPES
            and isinstance(value.get("content"), Mapping))


def _is_event(value: Any) -> bool:
    return (isinstance(value, Mapping) and isinstance(value.get("payload"), Mapping)
            and str(value.get("type") or "").startswith(_EVENT_PREFIXES))


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """Every message and event of every record; a bad one is skipped with its position,
    the rest of the record and the file are still read."""
    for record in records:
        for position, (item, turns_of) in enumerate(_items(path, record.fields), start=1):
            try:
                yield from turns_of(path, record.line, item, options)
            except RecordSkipped as reason:
                where = f"item {position}: " if _is_container(record.fields) else ""
                skipped.append(RecordSkipped(f"{where}{reason}", kind=reason.kind,
                                             value=reason.value).skipped(path, record.line))


def _is_container(fields: Mapping[str, Any]) -> bool:
    return isinstance(fields.get("messages"), list) or isinstance(fields.get("events"), list)


def _items(path: Path, fields: Mapping[str, Any]) -> Iterator[tuple[Any, _ItemReader]]:
    """(item, reader) for each message or event a record holds."""
    if isinstance(fields.get("messages"), list):
        conversation_id = _conversation_id(fields, path)
        for message in fields["messages"]:
            yield message, _message_reader(conversation_id)
    elif isinstance(fields.get("events"), list):
        for event in fields["events"]:
            yield event, _event_turns
    elif _is_event(fields):
        yield fields, _event_turns
    else:
        yield fields, _message_reader(None)


def _message_reader(conversation_id: str | None) -> _ItemReader:
    """A reader of one message, in the given conversation or the message's own."""
    def read(path: Path, line: int, message: Any, options: Any) -> list[TurnRecord]:
        if not isinstance(message, Mapping):
            raise RecordSkipped("not a message object")
        return _message_turns(path, line, message,
                              conversation_id or _conversation_id(message, path), options)
    return read


def _conversation_id(fields: Mapping[str, Any], path: Path) -> str:
    """`conversation.id` or `conversationId`, else the conversation a List Messages
    page links to (its pages are one conversation), else the file's name."""
    conversation = fields.get("conversation")
    if isinstance(conversation, Mapping) and conversation.get("id"):
        return str(conversation["id"])
    for key in ("conversationId", "conversation_id"):
        if fields.get(key):
            return str(fields[key])
    links = fields.get("links")
    for link in links.values() if isinstance(links, Mapping) else ():
        found = _PAGE_OF.search(link) if isinstance(link, str) else None
        if found:
            return found.group(1)
    return path.stem


def _message_turns(path: Path, line: int, message: Mapping[str, Any], conversation_id: str,
                   options: Any, *, timestamp: Any = None) -> list[TurnRecord]:
    """The turn one message is, or none for a message that says nothing."""
    if message.get("deleted"):
        return []
    author, content = message.get("author"), message.get("content")
    if not isinstance(author, Mapping):
        raise RecordSkipped("message without an author object", kind="unmapped_field",
                            value="role")
    if not isinstance(content, Mapping):
        raise RecordSkipped("message without a content object")
    text = _content_text(content)
    if not text:
        return []  # an image or file alone, or an empty message
    source = message.get("source")
    if not isinstance(source, Mapping):
        source = {}
    customer = author.get("type") == "user"
    channel = source.get("type") if customer and isinstance(source.get("type"), str) else None
    return [make_turn(path, line, conversation_id, _speaker(author, source, options), text,
                      options.overrides, timestamp=message.get("received") or timestamp,
                      channel=channel)]


def _speaker(author: Mapping[str, Any], source: Mapping[str, Any], options: Any) -> str:
    """The role word for a message's author (see the module's rules)."""
    kind = str(author.get("type") or "").strip()
    if kind == "user":
        return "customer"
    if kind != "business":
        if not kind:
            raise RecordSkipped("message author without a type", kind="unmapped_field",
                                value="role")
        return kind  # an author type the API does not document: the --role mappings
    return _business_role(author, source, options.overrides)


def _business_role(author: Mapping[str, Any], source: Mapping[str, Any],
                   overrides: Any) -> str:
    """Bot, person or system for a business author, from what the message documents."""
    name = str(author.get("displayName") or "").strip()
    explicit = overrides.roles.get(name.casefold()) if name else None
    if explicit is not None:
        return str(explicit.value)
    subtypes = {str(s).strip().casefold() for s in author.get("subtypes") or ()
                if isinstance(s, str)}
    if "ai" in subtypes:
        return "bot"
    if "activity" in subtypes:
        return "system"
    origin = str(source.get("type") or "").strip().casefold()
    if origin in _BOT_SOURCES:
        return "bot"
    if origin in _AGENT_SOURCES:
        return "agent"
    for word in (name, "business"):
        role = overrides.resolve_role(word) if word else None
        if role is not None:
            return str(role.value)
    value = name or "business"
    raise RecordSkipped(
        f"business author {value!r} (source {origin or 'none'}) is neither marked as an "
        f"AI agent nor sent from zd:answerBot or zd:agentWorkspace: it may be a bot or a "
        f"person; map it with {role_option_hint(value)}",
        kind="unknown_role", value=value)


def _event_turns(path: Path, line: int, event: Any, options: Any) -> list[TurnRecord]:
    """The turns of one webhook event: its message, a handoff, or nothing."""
    if not isinstance(event, Mapping):
        raise RecordSkipped("not an event object")
    kind = str(event.get("type") or "").strip().casefold()
    payload = event.get("payload")
    if not isinstance(payload, Mapping):
        raise RecordSkipped(f"{kind or 'event'} without a payload object")
    conversation_id = _conversation_id(payload, path)
    stamp = event.get("createdAt")
    if kind == "conversation:message":
        message = payload.get("message")
        if not isinstance(message, Mapping):
            raise RecordSkipped("conversation:message event without a message object")
        return _message_turns(path, line, message, conversation_id, options, timestamp=stamp)
    handoff = _control_event(kind, payload)
    if handoff is None:
        return []
    return [make_turn(path, line, conversation_id, None, "", options.overrides,
                      timestamp=stamp, event=handoff)]


def _control_event(kind: str, payload: Mapping[str, Any]) -> str | None:
    """The canonical event of a Switchboard control change, if it moves to a person."""
    if kind in _CONTROL_FAILURES:
        return Event.HANDOFF_FAILED.value
    field = _CONTROL_TAKER.get(kind)
    conversation = payload.get("conversation")
    if field is None or not isinstance(conversation, Mapping):
        return None
    taker = conversation.get(field)
    integration = str(taker.get("integrationType") or "").casefold() \
        if isinstance(taker, Mapping) else ""
    return Event.HANDOFF_INITIATED.value if integration == _AGENT_WORKSPACE else None


def _content_text(content: Mapping[str, Any]) -> str:
    """What the customer saw of a message's content."""
    kind = str(content.get("type") or "text")
    parts: list[Any]
    if kind in ("carousel", "list"):
        parts = [part for item in content.get("items") or () if isinstance(item, Mapping)
                 for part in (item.get("title"), item.get("description"),
                              *_action_texts(item))]
        parts += _action_texts(content)
        if not _any_text(parts):
            parts = [content.get("text")]  # the fallback text, when no item has any
    elif kind == "form":
        parts = [field.get("label") for field in _fields(content)]
    elif kind == "formResponse":
        fallback = content.get("textFallback")
        parts = [fallback] if _any_text([fallback]) else \
            [_answer_line(field) for field in _fields(content)]
    elif kind == "location":
        place = content.get("location")
        parts = [place.get("name"), place.get("address")] if isinstance(place, Mapping) \
            else []
        if not _any_text(parts):
            parts = [content.get("text")]
    else:
        parts = [content.get("text"), *_action_texts(content)]
    return "\n".join(str(part).strip() for part in parts
                     if isinstance(part, str) and part.strip())


def _action_texts(node: Mapping[str, Any]) -> list[Any]:
    """The button texts of a message or an item."""
    return [action.get("text") for action in node.get("actions") or ()
            if isinstance(action, Mapping)]


def _fields(content: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [field for field in content.get("fields") or () if isinstance(field, Mapping)]


def _answer_line(field: Mapping[str, Any]) -> str:
    """`label: value` for one submitted form field."""
    value = field.get("text") or field.get("email")
    if value is None and isinstance(field.get("select"), list):
        value = ", ".join(str(option.get("label") or option.get("name") or "")
                          for option in field["select"] if isinstance(option, Mapping))
    label = str(field.get("label") or field.get("name") or "").strip()
    return f"{label}: {value}" if label and value else str(value or "")


def _any_text(parts: list[Any]) -> bool:
    return any(isinstance(part, str) and part.strip() for part in parts)


ZENDESK_SUNSHINE = InputFormat(
    "zendesk-sunshine", "transcripts", "json",
    "Sunshine Conversations messages (`author.type` user/business with `content`), a "
    "List Messages answer or webhook events",
    _is_sunshine, _read, priority=15, document_is_record=True)
