"""Microsoft Bot Framework transcripts: a JSON array of Activity objects.

Follows the Bot Framework Activity schema (microsoft/botframework-sdk,
`specs/botframework-activity/botframework-activity.md`) as the Emulator and
`TranscriptLoggerMiddleware` write it (`.transcript` files; for example
microsoft/BotBuilder-Samples `experimental/generation/generator/packages/library/test/
transcripts/addItemWithButton.transcript`), and the handoff events of the
BotBuilder handoff library (`handoff.initiate`, `handoff.status` with
`value.state` accepted, failed or completed).

- `message` activities are turns: `from.role` `bot` is the bot, `user` the customer
  (other values go through the --role mappings); the text is `text`, else the text
  of card attachments (Adaptive Card TextBlocks, hero card title and text), else
  `speak`. A message with none of these (an image alone) says nothing to judge and
  is left out, not counted as skipped.
- `handoff.initiate` is a handoff being started; `handoff.status` accepted is an
  agent joining, failed a failed handoff; `endOfConversation` closes the session.
- `trace`, `typing`, `conversationUpdate` and other activities are the bot's
  plumbing, which the customer never saw: left out.
- The conversation is `conversation.id`, else the file's name (one file, one
  conversation); the channel is `channelId`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat, record_by_record
from auditor.loaders.records import RawRecord, RecordSkipped
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event

_STATUS_EVENTS = {"accepted": Event.AGENT_JOINED.value, "failed": Event.HANDOFF_FAILED.value}
_CARD_TEXT_KEYS = ("title", "subtitle", "text")


def _is_activity(record: Mapping[str, Any]) -> bool:
    return isinstance(record.get("type"), str) and isinstance(record.get("from"), Mapping)


def _turns(path: Path, record: RawRecord, options: Any) -> list[TurnRecord]:
    """The turn an activity is, or none for plumbing the customer never saw."""
    activity = record.fields
    kind = str(activity.get("type") or "").strip()
    conversation = activity.get("conversation")
    conversation_id = (str(conversation.get("id")) if isinstance(conversation, Mapping)
                       and conversation.get("id") else path.stem)
    common = {"timestamp": activity.get("timestamp"),
              "channel": activity.get("channelId") if isinstance(activity.get("channelId"),
                                                                 str) else None}
    if kind == "message":
        text = _message_text(activity)
        if not text:
            return []
        sender = activity.get("from")
        role = sender.get("role") if isinstance(sender, Mapping) else None
        if not role:
            raise RecordSkipped("message activity without from.role; map the sender with "
                                "--role", kind="unmapped_field", value="role")
        return [make_turn(path, record.line, conversation_id, str(role), text,
                          options.overrides, **common)]
    event = _event(activity, kind)
    if event is None:
        return []
    return [make_turn(path, record.line, conversation_id, None, "", options.overrides,
                      event=event, **common)]


def _event(activity: Mapping[str, Any], kind: str) -> str | None:
    """The canonical event an activity stands for, if any."""
    name = str(activity.get("name") or "").casefold()
    if kind == "event" and name == "handoff.initiate":
        return Event.HANDOFF_INITIATED.value
    if kind == "event" and name == "handoff.status":
        value = activity.get("value")
        state = str(value.get("state") or "").casefold() if isinstance(value, Mapping) else ""
        return _STATUS_EVENTS.get(state)
    if kind == "endOfConversation":
        return Event.SESSION_CLOSED.value
    return None


def _message_text(activity: Mapping[str, Any]) -> str:
    """What the customer saw: the text, else the cards' text, else the spoken text."""
    text = activity.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    parts: list[str] = []
    for attachment in activity.get("attachments") or ():
        if isinstance(attachment, Mapping):
            _card_text(attachment.get("content"), parts)
    if parts:
        return "\n".join(parts)
    speak = activity.get("speak")
    return speak.strip() if isinstance(speak, str) else ""


def _card_text(node: Any, parts: list[str]) -> None:
    """The visible text of a card, depth first: TextBlocks, titles, subtitles, texts."""
    if isinstance(node, Mapping):
        for key in _CARD_TEXT_KEYS:
            value = node.get(key)
            if isinstance(value, str) and value.strip():
                parts.append(value.strip())
        for key, value in node.items():
            if key not in _CARD_TEXT_KEYS and isinstance(value, list | Mapping):
                _card_text(value, parts)
    elif isinstance(node, list):
        for item in node:
            _card_text(item, parts)


BOT_FRAMEWORK = InputFormat(
    "botframework-transcript", "transcripts", "json",
    "Bot Framework activities: objects with `type` and a `from` object (.transcript)",
    _is_activity, record_by_record(_turns), priority=15)
