"""Microsoft Copilot Studio (formerly Power Virtual Agents) conversation transcripts: rows
of the Dataverse table `conversationtranscript`, one conversation's activities each.

Follows Microsoft's "Work with conversation transcripts" (MicrosoftDocs/power-platform
`power-virtual-agents/analytics-sessions-transcripts.md`: the fields `content`,
`conversationstarttime`, `conversationtranscriptid`, `metadata`, `name`, and the
Content field's keys: Bot Framework activities with `from.role` 0 for the copilot and 1
for the user, `timestamp` in epoch seconds, trace `valueType`s such as `SessionInfo`
and `ConversationInfo`), the parsing of `content` as `{"activities": [...]}` in
microsoft/CopilotStudioSamples `CustomAnalytics/DataFlowVersion/
PVA_Analytics_Export_Transform.json` and iMicknl/powerbi-botframework-chat-transcripts
`src/app/utils/transcriptUtils.ts`, the `handoff.initiate` event of "Configure handoff
to any generic engagement hub" (`power-virtual-agents/configure-generic-handoff.md`,
sample CopilotStudioSamples `ConnectToEngagementHub/activities.json`), and the session
outcomes of "Measuring agent outcomes" (learn.microsoft.com, Copilot Studio guidance).

- An export is the Dataverse Web API's answer (`{"value": [row, ...]}`), an array of
  rows, or one row per line. `content` is JSON text (an object already parsed is read
  too); a `content` that is not JSON skips that row, and the others are read.
- Activities are read as Bot Framework activities (`botframework.activity_turns`):
  messages are turns (role 0 the bot, 1 the customer, other values through the
  --role mappings), with the titles of suggested actions (the buttons a question
  offered) after the text; `handoff.initiate` starts a handoff; traces and other
  events are plumbing, left out. An activity that cannot be read is skipped alone.
- The SessionInfo trace's `outcome` (Resolved, Escalated or HandOff, Abandoned,
  None) becomes the `session_outcome` attribute and ConversationInfo's `locale` the
  `locale` attribute. An Escalated outcome is not made a handoff: Microsoft counts a
  session as escalated as soon as the Escalate topic is triggered, and that topic by
  default only shows a message, so only `handoff.initiate` shows a transfer.
- The conversation is the activities' `conversation.id`, else the conversation id
  their Direct Line ids start with (`<conversation id>|<seq>`), else the one `name`
  starts with (`<conversation id>_<bot id>_<batch>`), else `conversationtranscriptid`:
  a conversation logged in several rows stays one. A row is known by its columns, or
  (an answer that selected `content` alone) by a `content` holding `activities`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from auditor.loaders.botframework import activity_turns, conversation_id_of
from auditor.loaders.formats import InputFormat
from auditor.loaders.limits import ReadLimits
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.rich_text import embedded_json, json_in_field
from auditor.loaders.transcript import TurnRecord

# `from.role` as the Content field writes it.
_ROLES = {"0": "bot", "1": "user"}
_ROW_MARKERS = ("conversationtranscriptid", "conversationstarttime", "schematype")
_BOT_ID_FIELDS = ("_bot_conversationtranscriptid_value", "bot_conversationtranscriptid")


# The start of a `content` text that holds Bot Framework activities.
_ACTIVITIES_TEXT = re.compile(r'\s*\{\s*"activities"\s*:\s*\[')


def _is_row(record: Mapping[str, Any]) -> bool:
    """A row by its columns, or by a `content` that holds activities (an answer that
    selected `content` alone)."""
    content = record.get("content")
    if content is None:
        return False
    if any(marker in record for marker in _ROW_MARKERS):
        return True
    if isinstance(content, str):
        return _ACTIVITIES_TEXT.match(content) is not None
    return isinstance(content, Mapping) and isinstance(content.get("activities"), list)


def _is_copilot(record: Mapping[str, Any]) -> bool:
    """A transcript row, or the Web API's answer whose `value` holds rows."""
    if _is_row(record):
        return True
    rows = record.get("value")
    return isinstance(rows, list) and bool(rows) and isinstance(rows[0], Mapping) \
        and _is_row(rows[0])


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    for record in records:
        rows = record.fields.get("value")
        if not _is_row(record.fields) and isinstance(rows, list):
            # The Web API's answer read as one document (its `value` empty or beside
            # other lists): its rows, all at the document's line.
            for row in rows:
                if isinstance(row, Mapping):
                    yield from _row_turns(path, record.line, row, options, skipped)
            continue
        yield from _row_turns(path, record.line, record.fields, options, skipped)


def _row_turns(path: Path, line: int, row: Mapping[str, Any], options: Any,
               skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """The turns of one transcript row; a bad `content` skips the row, a bad activity
    only itself."""
    try:
        activities = _activities(row.get("content"), options.limits)
    except RecordSkipped as reason:
        skipped.append(reason.skipped(path, line))
        return
    conversation_id = _conversation_id(row, activities, path, options.limits)
    attributes = _attributes(activities)
    for position, activity in enumerate(activities, start=1):
        try:
            turns = _activity_turns(path, line, activity, conversation_id, options)
        except RecordSkipped as reason:
            skipped.append(RecordSkipped(f"activity {position}: {reason}", kind=reason.kind,
                                         value=reason.value).skipped(path, line))
            continue
        for turn in turns:
            yield _with_attributes(turn, attributes)


def _activities(content: Any, limits: ReadLimits) -> list[Any]:
    """The activities a row's `content` holds."""
    content = embedded_json(content, "content", limits)
    activities = content.get("activities") if isinstance(content, Mapping) else None
    if not isinstance(activities, list):
        raise RecordSkipped("content holds no activities list")
    return activities


def _activity_turns(path: Path, line: int, activity: Any, conversation_id: str,
                    options: Any) -> list[TurnRecord]:
    if not isinstance(activity, Mapping):
        raise RecordSkipped("not an object")
    sender = activity.get("from")
    if isinstance(sender, Mapping) and sender.get("role") is not None:
        role = str(sender.get("role")).strip()
        sender = {**sender, "role": _ROLES.get(role, role)}
    return activity_turns(path, line, {**activity, "from": sender}, conversation_id,
                          options.overrides)


def _conversation_id(row: Mapping[str, Any], activities: list[Any], path: Path,
                     limits: ReadLimits) -> str:
    """The conversation a row belongs to (see the module's notes)."""
    for activity in activities:
        if isinstance(activity, Mapping) and (found := conversation_id_of(activity)):
            return found
    for activity in activities:
        # Direct Line numbers a conversation's activities `<conversation id>|<seq>`.
        activity_id = activity.get("id") if isinstance(activity, Mapping) else None
        if isinstance(activity_id, str) and "|" in activity_id:
            return activity_id.rsplit("|", 1)[0]
    name = row.get("name")
    bot_id = _bot_id(row, limits)
    if isinstance(name, str) and bot_id and f"_{bot_id}" in name:
        return name[:name.index(f"_{bot_id}")]
    transcript_id = row.get("conversationtranscriptid")
    return str(transcript_id) if transcript_id else path.stem


def _bot_id(row: Mapping[str, Any], limits: ReadLimits) -> str | None:
    """The copilot's id, from the row's bot lookup or its `metadata` (`BotId`)."""
    for name in _BOT_ID_FIELDS:
        if isinstance(row.get(name), str) and row[name]:
            return str(row[name])
    metadata = row.get("metadata")
    if isinstance(metadata, str):
        try:
            metadata = json_in_field(metadata, "metadata", limits)
        except (json.JSONDecodeError, RecordSkipped):
            return None  # only a way to name the conversation: its absence is no error
    found = metadata.get("BotId") if isinstance(metadata, Mapping) else None
    return str(found) if found else None


def _attributes(activities: list[Any]) -> dict[str, str]:
    """The session's outcome and locale from its SessionInfo and ConversationInfo traces."""
    found: dict[str, str] = {}
    for activity in activities:
        if not isinstance(activity, Mapping) or not isinstance(activity.get("value"), Mapping):
            continue
        value = activity["value"]
        if activity.get("valueType") == "SessionInfo" and value.get("outcome"):
            found["session_outcome"] = str(value["outcome"])
        elif activity.get("valueType") == "ConversationInfo" and value.get("locale"):
            found["locale"] = str(value["locale"])
    return found


def _with_attributes(turn: TurnRecord, attributes: dict[str, str]) -> TurnRecord:
    if not attributes:
        return turn
    return replace(turn, attributes=MappingProxyType({**turn.attributes, **attributes}))


# The CSV download names columns by their display names ("Content", "Created on",
# "ConversationTranscript"); read as the table's logical names.
_CSV_NAMES = {"conversationtranscript": "conversationtranscriptid",
              "bot_conversationtranscript": "bot_conversationtranscriptid"}


def _csv_fields(header: Mapping[str, Any]) -> dict[str, Any]:
    keys = {name: str(name).replace(" ", "").casefold() for name in header}
    return {_CSV_NAMES.get(key, key): header[name] for name, key in keys.items()}


def _is_copilot_csv(header: Mapping[str, Any]) -> bool:
    fields = _csv_fields(header)
    return "content" in fields and any(marker in fields for marker in _ROW_MARKERS)


def _read_csv(path: Path, records: Iterator[RawRecord], options: Any,
              skipped: list[Skipped]) -> Iterator[TurnRecord]:
    return _read(path, (replace(record, fields=_csv_fields(record.fields))
                        for record in records), options, skipped)


COPILOT_STUDIO = InputFormat(
    "copilot-studio-transcript", "transcripts", "json",
    "Copilot Studio `conversationtranscript` rows (`content` with "
    "`conversationtranscriptid`, or holding `activities`), also as the Web API's `value` list",
    _is_copilot, _read, priority=15, counts_conversations=True, logs_people=False)

COPILOT_STUDIO_CSV = InputFormat(
    "copilot-studio-transcript-csv", "transcripts", "csv",
    "Copilot Studio transcripts downloaded as CSV (a `Content` column beside "
    "`ConversationStartTime` or `ConversationTranscript`)",
    _is_copilot_csv, _read_csv, priority=15, counts_conversations=True, logs_people=False)
