"""Dialogflow CX interaction logs exported to BigQuery: one row per conversational turn,
read from the table's JSON (lines or array) or CSV export.

Follows the Dialogflow CX documentation "Interaction logging export to BigQuery"
(cloud.google.com/dialogflow/cx/docs/concept/export-bq: columns `project_id`,
`agent_id`, `conversation_name`, `turn_position`, `request_time`, `language_code`,
`request`, `response`, `partial_responses`, `derived_data`, `conversation_signals`,
`bot_answer_feedback`), the API's DetectIntentRequest / DetectIntentResponse as JSON
(`queryInput.text.text`; `queryResult.text`, `transcript`, `triggerEvent`,
`responseMessages[]`) and the ResponseMessage kinds of googleapis/googleapis
`google/cloud/dialogflow/cx/v3/response_message.proto` (`text.text[]`, `payload`,
`outputAudioText`, `liveAgentHandoff`, `endInteraction`, `conversationSuccess`,
`telephonyTransferCall`, `playAudio`, `mixedAudio`). Rich cards are Dialogflow CX
Messenger's custom payload (`richContent`, "Dialogflow CX Messenger fulfillment").

- A row becomes the customer's turn (the text typed, else the speech transcript; none
  when the turn was started by an event such as the welcome event), then the agent's
  messages in order, all the bot's. `request` and `response` may be JSON objects or
  JSON text (older tables and CSV exports hold them as strings).
- On voice (audio or DTMF input), what the customer heard is the `outputAudioText`
  messages when there are any (the documented rule for speech synthesis; SSML read as
  its words), else the text messages. A Messenger card reads as its titles, texts and
  chip options; other custom payloads are the application's own data: left out.
- `liveAgentHandoff` and `telephonyTransferCall` start a handoff; `endInteraction`
  closes the session. `conversationSuccess`, audio clips and `partial_responses` are
  left out. No person's words are in this log: what the live agent said after a
  handoff happens outside Dialogflow.
- Times are `request_time` (BigQuery writes `2026-10-08 09:00:00.12 UTC`). Rows are
  put in `turn_position` order within each conversation, as an export lists them in
  no particular order.
- The conversation is the session id, the last segment of `conversation_name`
  (`projects/.../sessions/{session id}`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat
from auditor.loaders.limits import ReadLimits
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.rich_text import embedded_json, markup_text, visible_text
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event

_VOICE_INPUTS = ("audio", "dtmf")
_HANDOFFS = ("liveAgentHandoff", "telephonyTransferCall")
_CARD_TEXT_KEYS = ("title", "subtitle", "text")


@dataclass(frozen=True, slots=True)
class _Row:
    """One exported turn, read, with where it belongs in its conversation."""

    conversation_id: str
    position: int | None
    line: int
    request: Mapping[str, Any]
    result: Mapping[str, Any]
    timestamp: Any


def _is_dialogflow(record: Mapping[str, Any]) -> bool:
    return ("conversation_name" in record and "turn_position" in record
            and "response" in record)


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """Every row's turns, conversation by conversation in turn order; a bad row is
    skipped with its reason and the rest are read."""
    rows: list[_Row] = []
    for record in records:
        try:
            rows.append(_row(record, options.limits))
        except RecordSkipped as reason:
            skipped.append(reason.skipped(path, record.line))
    first_seen: dict[str, int] = {}
    for row in rows:
        first_seen.setdefault(row.conversation_id, len(first_seen))
    rows.sort(key=lambda r: (first_seen[r.conversation_id], r.position is None,
                             r.position or 0, r.line))
    # A call is a call from its first prompt: the welcome an event starts has no spoken
    # input, yet the caller heard its audio text.
    calls = {row.conversation_id for row in rows if _is_voice(row.request, row.result)}
    for row in rows:
        try:
            yield from _turns(path, row, row.conversation_id in calls, options)
        except RecordSkipped as reason:
            skipped.append(reason.skipped(path, row.line))


def _row(record: RawRecord, limits: ReadLimits) -> _Row:
    """One row read, or RecordSkipped when it cannot be."""
    fields = record.fields
    conversation_id = _session_id(fields.get("conversation_name"))
    request = _json_column(fields, "request", limits)
    response = _json_column(fields, "response", limits)
    result = response.get("queryResult")
    return _Row(conversation_id, _position(fields.get("turn_position")), record.line,
                request, result if isinstance(result, Mapping) else {},
                fields.get("request_time"))


def _turns(path: Path, row: _Row, voice: bool, options: Any) -> list[TurnRecord]:
    """The customer's turn, then the agent's messages and events, of one row."""
    common: dict[str, Any] = {"timestamp": row.timestamp,
                              "channel": "voice" if voice else None}
    turns: list[TurnRecord] = []
    said = _customer_text(row.request, row.result)
    if said:
        turns.append(make_turn(path, row.line, row.conversation_id, "customer", said,
                               options.overrides, **common))
    for text, event in _agent_messages(row.result.get("responseMessages"), voice):
        turns.append(make_turn(path, row.line, row.conversation_id,
                               None if event else "bot", text, options.overrides,
                               event=event, **common))
    return turns


def _session_id(name: Any) -> str:
    """The session id that ends the session's resource name."""
    if not isinstance(name, str) or not name.strip():
        raise RecordSkipped("no conversation_name", kind="unmapped_field",
                            value="conversation_id")
    return name.strip().rstrip("/").rsplit("/", 1)[-1]


def _json_column(fields: Mapping[str, Any], name: str, limits: ReadLimits) -> Mapping[str, Any]:
    """A JSON column as an object, whether exported as an object or as JSON text."""
    value = fields.get(name)
    if value is None or value == "":
        return {}
    value = embedded_json(value, name, limits)
    if not isinstance(value, Mapping):
        raise RecordSkipped(f"{name} is not a JSON object")
    return value


def _position(value: Any) -> int | None:
    """turn_position as a number (JSON exports write INT64 as text)."""
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _is_voice(request: Mapping[str, Any], result: Mapping[str, Any]) -> bool:
    """Whether the customer spoke or keyed in digits rather than typed."""
    query_input = request.get("queryInput")
    spoken = isinstance(query_input, Mapping) and any(k in query_input for k in _VOICE_INPUTS)
    return spoken or "transcript" in result or "dtmf" in result


def _customer_text(request: Mapping[str, Any], result: Mapping[str, Any]) -> str:
    """What the customer typed, said or keyed in; empty for a turn an event started."""
    query_input = request.get("queryInput")
    query_input = query_input if isinstance(query_input, Mapping) else {}
    typed = query_input.get("text")
    candidates = (typed.get("text") if isinstance(typed, Mapping) else None,
                  result.get("text"), result.get("transcript"),
                  _digits(query_input.get("dtmf")), _digits(result.get("dtmf")))
    return next((c.strip() for c in candidates if isinstance(c, str) and c.strip()), "")


def _digits(dtmf: Any) -> str | None:
    """The keys a caller pressed (`dtmf.digits`, with the finish digit if any)."""
    digits = dtmf.get("digits") if isinstance(dtmf, Mapping) else None
    if not isinstance(digits, str):
        return None
    finish = dtmf.get("finishDigit") if isinstance(dtmf, Mapping) else None
    return digits + (finish if isinstance(finish, str) else "")


def _agent_messages(messages: Any, voice: bool) -> Iterator[tuple[str, str | None]]:
    """(text, None) for each message the customer saw or heard, ("", event) for each
    handoff or end of the interaction, in order."""
    items = [m for m in messages or () if isinstance(m, Mapping)]
    spoken = voice and any("outputAudioText" in m for m in items)
    for message in items:
        if any(key in message for key in _HANDOFFS):
            yield "", Event.HANDOFF_INITIATED.value
        elif "endInteraction" in message:
            yield "", Event.SESSION_CLOSED.value
        else:
            text = _message_text(message, spoken)
            if text:
                yield text, None


def _message_text(message: Mapping[str, Any], spoken: bool) -> str:
    """The words of one response message: audio text on voice when the agent gave any,
    else text messages and Messenger cards."""
    if spoken:
        audio = message.get("outputAudioText")
        if not isinstance(audio, Mapping):
            return ""
        words = audio.get("text") or audio.get("ssml")
        return " ".join(markup_text(words).split())
    text = message.get("text")
    if isinstance(text, Mapping):
        lines = text.get("text")
        lines = [lines] if isinstance(lines, str) else lines or ()
        return "\n".join(str(s).strip() for s in lines if isinstance(s, str) and s.strip())
    payload = message.get("payload")
    if isinstance(payload, Mapping) and isinstance(payload.get("richContent"), list):
        return "\n".join(visible_text(payload["richContent"], _CARD_TEXT_KEYS))
    return ""


DIALOGFLOW_CX = InputFormat(
    "dialogflow-cx-bigquery", "transcripts", "json",
    "Dialogflow CX interaction logs exported from BigQuery: `conversation_name`, "
    "`turn_position` and `response` (JSON)",
    _is_dialogflow, _read, priority=15, logs_people=False)
DIALOGFLOW_CX_CSV = InputFormat(
    "dialogflow-cx-bigquery-csv", "transcripts", "csv",
    "Dialogflow CX interaction logs exported from BigQuery as CSV: `conversation_name`, "
    "`turn_position` and `response` columns",
    _is_dialogflow, _read, priority=15, logs_people=False)
