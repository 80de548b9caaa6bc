"""Rasa conversations: a tracker (`GET /conversations/{id}/tracker`, a tracker-store
dump) or the event broker's stream (`rasa export`, one event per line).

Follows Rasa's tracker and event documentation (rasa.com docs, "Events" and "Event
Brokers"; the tracker shape of RasaHQ/rasa `data/test_trackers/tracker_moodbot.json`):
a tracker is a document with `sender_id` (`conversation_id` in the HTTP API's spec,
`docs/static/spec/rasa.yml`) and its `events[]`, read whole whatever else it holds
(Rasa Pro's dialogue `stack`); the broker sends each event with its `sender_id`.
Every event has `event` and `timestamp` (epoch seconds, a float).

- `user` events are the customer's turns, `bot` events the bot's (a bot event's
  buttons read as their titles after its text, which is what was shown).
- Every other event (`action`, `slot`, `session_started`, `restart`, `pause`...) is
  the assistant's bookkeeping, never a turn. Rasa has no standard handoff event, so
  none is made up from action names.
- The conversation is the `sender_id`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat, record_by_record
from auditor.loaders.records import RawRecord
from auditor.loaders.transcript import TurnRecord, make_turn

_SPEAKERS = {"user": "customer", "bot": "bot"}


def _is_rasa(record: Mapping[str, Any]) -> bool:
    """A tracker (its id and an events list) or a broker event (sender_id, event)."""
    if isinstance(record.get("events"), list):
        # The running server names the tracker's id `sender_id`, its API spec
        # `conversation_id`.
        return "sender_id" in record or "conversation_id" in record
    return "sender_id" in record and isinstance(record.get("event"), str)


def _turns(path: Path, record: RawRecord, options: Any) -> list[TurnRecord]:
    """The turns of a tracker's events, or the turn of one broker event."""
    fields = record.fields
    events = fields.get("events")
    if not isinstance(events, list):
        return _event_turns(path, record.line, fields,
                            str(fields.get("sender_id") or path.stem), options)
    conversation_id = str(fields.get("sender_id") or fields.get("conversation_id")
                          or path.stem)
    return [turn for event in events if isinstance(event, Mapping)
            for turn in _event_turns(path, record.line, event, conversation_id, options)]


def _event_turns(path: Path, line: int, event: Mapping[str, Any], conversation_id: str,
                 options: Any) -> list[TurnRecord]:
    """The turn an event is, or none for bookkeeping."""
    speaker = _SPEAKERS.get(str(event.get("event") or ""))
    text = _text(event)
    if speaker is None or not text:
        # Bookkeeping (actions, slots, sessions, pauses), or an empty utterance (a
        # button pressed without text), which says nothing.
        return []
    return [make_turn(path, line, conversation_id, speaker, text, options.overrides,
                      timestamp=event.get("timestamp"), channel=_channel(event))]


def _text(event: Mapping[str, Any]) -> str:
    """The event's text, then the titles of the buttons it showed."""
    text = event.get("text")
    data = event.get("data")
    buttons = data.get("buttons") if isinstance(data, Mapping) else None
    titles = " / ".join(str(b.get("title")).strip() for b in buttons or ()
                        if isinstance(b, Mapping) and b.get("title"))
    said = text.strip() if isinstance(text, str) else ""
    return "\n".join(part for part in (said, titles) if part)


def _channel(event: Mapping[str, Any]) -> str | None:
    channel = event.get("input_channel")
    return channel if isinstance(channel, str) and channel else None


RASA = InputFormat(
    "rasa-events", "transcripts", "json",
    "Rasa tracker (`sender_id` or `conversation_id` with `events[]`) or event-broker lines "
    "(`sender_id`, `event`)",
    _is_rasa, record_by_record(_turns), priority=15, document_is_record=True,
    logs_people=False)
