"""Microsoft Bot Framework transcripts: a JSON array of Activity objects.

Follows the Bot Framework Activity schema (microsoft/botframework-sdk,
`specs/botframework-activity/botframework-activity.md`) as the Emulator and
`TranscriptLoggerMiddleware` write it (`.transcript` files; for example
microsoft/BotBuilder-Samples `experimental/generation/generator/packages/library/test/
transcripts/addItemWithButton.transcript`), and the handoff events of the
BotBuilder handoff library (`handoff.initiate`, `handoff.status` with
`value.state` accepted, failed or completed).

- `message` activities are turns: `from.role` `bot` is the bot, `user` the customer
  (other values go through the --role mappings); with no `from.role` (the spec says
  senders should not set it, and Direct Line does not), the sender's name or id as
  --role maps it or as a role word ("Bot", "User") says, else an unknown speaker
  named by its id; the text is `text`, else the text
  of card attachments (Adaptive Card TextBlocks, hero card title and text), else
  `speak`, else a card form's submission (`value`: its `rawtext`, or each input as
  `name: value`); suggested-action buttons read after it. A message with none of
  these (an image alone) says nothing to judge and is left out, not counted as
  skipped.
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

from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.formats import InputFormat, record_by_record
from auditor.loaders.records import RawRecord, RecordSkipped
from auditor.loaders.rich_text import visible_text
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event

_STATUS_EVENTS = {"accepted": Event.AGENT_JOINED.value, "failed": Event.HANDOFF_FAILED.value}
_CARD_TEXT_KEYS = ("title", "subtitle", "text")


def _is_activity(record: Mapping[str, Any]) -> bool:
    return isinstance(record.get("type"), str) and isinstance(record.get("from"), Mapping)


def _turns(path: Path, record: RawRecord, options: Any) -> list[TurnRecord]:
    """The turn an activity is, or none for plumbing the customer never saw."""
    activity = record.fields
    conversation_id = conversation_id_of(activity) or path.stem
    return activity_turns(path, record.line, activity, conversation_id, options.overrides)


def conversation_id_of(activity: Mapping[str, Any]) -> str | None:
    """The activity's `conversation.id`, or None when it has none."""
    conversation = activity.get("conversation")
    if isinstance(conversation, Mapping) and conversation.get("id"):
        return str(conversation.get("id"))
    return None


def activity_turns(path: Path, line: int, activity: Mapping[str, Any], conversation_id: str,
                   overrides: ColumnOverrides) -> list[TurnRecord]:
    """The turn one activity is in `conversation_id` (a message, or a handoff or end event),
    or none for plumbing the customer never saw. Formats that carry Bot Framework
    activities inside their own records read them with this."""
    kind = str(activity.get("type") or "").strip()
    common = {"timestamp": activity.get("timestamp"),
              "channel": activity.get("channelId") if isinstance(activity.get("channelId"),
                                                                 str) else None}
    if kind == "message":
        text = message_text(activity)
        if not text:
            return []
        speaker = _sender(activity.get("from"), overrides)
        if speaker is None:
            raise RecordSkipped("message activity without a `from` sender: who said it "
                                "cannot be told")
        return [make_turn(path, line, conversation_id, speaker, text, overrides, **common)]
    event = _event(activity, kind)
    if event is None:
        return []
    return [make_turn(path, line, conversation_id, None, "", overrides, event=event, **common)]


def _sender(sender: Any, overrides: ColumnOverrides) -> str | None:
    """Who sent a message: `from.role` when given; the spec says senders SHOULD NOT
    set it (Direct Line omits it), so else the sender's name or id that a --role
    mapping or a role word covers ("Bot", "User"), else the id, for the --role to add."""
    if not isinstance(sender, Mapping):
        return None
    named = [str(sender[key]).strip() for key in ("role", "name", "id")
             if isinstance(sender.get(key), str | int) and str(sender[key]).strip()]
    if not named:
        return None
    if sender.get("role") not in (None, ""):
        return named[0]
    return next((value for value in named if overrides.resolve_role(value) is not None),
                str(sender.get("id") or named[0]).strip())


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


def message_text(activity: Mapping[str, Any]) -> str:
    """What was said (see `_said`), then the buttons the message offered (suggested
    actions), whose titles the spec says a channel must show."""
    suggested = activity.get("suggestedActions")
    actions = suggested.get("actions") if isinstance(suggested, Mapping) else None
    titles = [str(a["title"]).strip() for a in actions or ()
              if isinstance(a, Mapping) and isinstance(a.get("title"), str) and a["title"].strip()]
    return "\n".join(part for part in (_said(activity), *titles) if part)


def _said(activity: Mapping[str, Any]) -> str:
    """The text, else the cards' text, else the spoken text, else what a card's form
    submitted (`value`)."""
    text = activity.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    parts = [text for attachment in activity.get("attachments") or ()
             if isinstance(attachment, Mapping)
             for text in visible_text(attachment.get("content"), _CARD_TEXT_KEYS)]
    if parts:
        return "\n".join(parts)
    speak = activity.get("speak")
    if isinstance(speak, str) and speak.strip():
        return speak.strip()
    return _submitted_text(activity.get("value"))


def _submitted_text(value: Any) -> str:
    """A card form's submission (an Adaptive Card `Action.Submit` sends its inputs as
    the message's `value` with no text): the typed text a channel kept (`rawtext`),
    else each input as `name: value`, which is what the customer entered."""
    if not isinstance(value, Mapping):
        return value.strip() if isinstance(value, str) else ""
    raw = value.get("rawtext") or value.get("rawText")
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    return "\n".join(f"{name}: {entry}" for name, entry in value.items()
                     if isinstance(entry, str | int | float) and not isinstance(entry, bool)
                     and str(entry).strip())


BOT_FRAMEWORK = InputFormat(
    "botframework-transcript", "transcripts", "json",
    "Bot Framework activities: objects with `type` and a `from` object (.transcript; also "
    "in an envelope such as `{\"transcript\": [...]}`)",
    _is_activity, record_by_record(_turns), priority=15, logs_people=False)
