"""Salesforce `ConversationEntry` records: one record per message or event of a
messaging session, exported as CSV (Data Loader, the Salesforce CLI's `sf data query
--result-format csv`, a Bulk API 2.0 query job) or as the JSON of a SOQL query.

Follows the Salesforce Object Reference for ConversationEntry (API 43.0 and later,
developer.salesforce.com `object_reference/sforce_api_objects_conversationentry.htm`
and the field reference `salesforce-field-reference-conversationentry.html`):
`Id`, `ConversationId` (the MessagingSession, or a VoiceCall), `ActorType` (Agent,
Bot, EndUser, Supervisor, System), `ActorId`, `ActorName`, `EntryType` (Text,
AdminOptedIn, AdminOptedOut, BotEscalated, ChatbotClosedIdleSession,
ChatbotEndedChatByAction, ChatbotEndedTransferNotConfigured, ChatbotEstablished,
ChatbotNotEstablished, EndUserOptedIn, EndUserOptedOut), `EntryTime` (a datetime without
milliseconds, which `EntryTimeMilliSecs` adds), `Message` and `Seq`. The JSON is the
REST API's query result (`totalSize`, `done`, `records[]`, each record with
`attributes.type` "ConversationEntry"; the REST API guide's Query resource), as
`sf data query --result-format json` writes it or inside `result` of its `--json`
output (salesforcecli/plugin-data `test/commands/data/query/query.nut.ts`), a JSON
array of records or one record per line.

- Column names are matched ignoring case, spaces and underscores, so that the
  capitals Data Loader writes (`CONVERSATIONID`) and the field labels (`Conversation
  ID`, `Actor Type`, `Entry Start Time`) name the same fields.
- `EndUser` is the customer, `Bot` the bot, `Agent` and `Supervisor` a person,
  `System` a system turn. An `ActorName` or `ActorType` given with --role is mapped
  as the user says (`--role "Acme Assistant"=bot` for a bot that posts as an agent);
  other actor types go through the --role mappings and are skipped when unknown.
- `Text` entries are turns. `BotEscalated` starts a handoff;
  `ChatbotEndedTransferNotConfigured` is a failed transfer that ended the chat;
  `ChatbotEndedChatByAction` and `ChatbotClosedIdleSession` close the session. Opt-in
  and opt-out entries and the bot session being (not) established are plumbing the
  customer did not read: left out. Other entry types are skipped with their name.
- A `Text` entry whose `Message` is blank is skipped, not left out: in enhanced
  Messaging channels Salesforce may keep the words out of ConversationEntry (the
  Object Reference's usage notes), and an audit of blank entries would judge nothing.
- Entries are put in `EntryTime` order, `Seq` breaking ties (entries of one second).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.formats import InputFormat
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.loaders.values import as_text, parse_timestamp
from auditor.model import Event

_OBJECT = "ConversationEntry"
_ACTORS = {"enduser": "customer", "bot": "bot", "agent": "agent", "supervisor": "agent",
           "system": "system"}
_TEXT = "text"
_EVENTS: Mapping[str, tuple[str, ...]] = {
    "botescalated": (Event.HANDOFF_INITIATED.value,),
    "chatbotendedtransfernotconfigured": (Event.HANDOFF_FAILED.value,
                                          Event.SESSION_CLOSED.value),
    "chatbotendedchatbyaction": (Event.SESSION_CLOSED.value,),
    "chatbotclosedidlesession": (Event.SESSION_CLOSED.value,),
}
# Messaging consent and the bot's own connection: never something said to the customer.
_PLUMBING = frozenset({"adminoptedin", "adminoptedout", "enduseroptedin", "enduseroptedout",
                       "chatbotestablished", "chatbotnotestablished"})
# Field names as matched: casefolded, without spaces, underscores or dots.
_TIME_FIELDS = ("entrytime", "entrystarttime")
_NOT_NAME = re.compile(r"[\s_.]+")
# A field label's note ("Entry Time Milli Seconds(last 3 digits)"), left out.
_LABEL_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
# Labels that name a field other than by its API name.
_LABELS = {"entrytimemilliseconds": "entrytimemillisecs"}


def _key(name: Any) -> str:
    key = _NOT_NAME.sub("", _LABEL_NOTE.sub("", str(name))).casefold()
    return _LABELS.get(key, key)


def _keys(record: Mapping[str, Any]) -> set[str]:
    return {_key(name) for name in record}


def _is_entry(record: Mapping[str, Any]) -> bool:
    """A ConversationEntry record: typed so by the API, or with its two telling fields."""
    attributes = record.get("attributes")
    if isinstance(attributes, Mapping) and attributes.get("type") == _OBJECT:
        return True
    return {"conversationid", "actortype"} <= _keys(record)


def _is_entries_csv(header: Mapping[str, Any]) -> bool:
    return {"conversationid", "actortype"} <= _keys(header)


def _is_entries_json(record: Mapping[str, Any]) -> bool:
    """An entry, or a query result (REST or CLI) whose first record is one."""
    if _is_entry(record):
        return True
    entries = _query_records(record) or []
    return bool(entries) and isinstance(entries[0], Mapping) and _is_entry(entries[0])


def _query_records(record: Mapping[str, Any]) -> list[Any] | None:
    """The `records` of a query result, also inside the CLI's `result`; None when the
    record is not a query result."""
    for holder in (record, record.get("result")):
        if isinstance(holder, Mapping) and isinstance(holder.get("records"), list):
            return list(holder["records"])
    return None


@dataclass(frozen=True, slots=True)
class _Placed:
    """A turn with what orders it among its conversation's entries."""

    turn: TurnRecord
    seq: int | None
    position: int


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """Every entry's turns, each conversation's in EntryTime then Seq order."""
    by_conversation: dict[str, list[_Placed]] = {}
    position = 0
    for line, entry in _entries(records):
        try:
            turns, seq = _entry_turns(path, line, entry, options.overrides)
        except RecordSkipped as reason:
            skipped.append(reason.skipped(path, line))
            continue
        for turn in turns:
            by_conversation.setdefault(turn.conversation_id, []).append(
                _Placed(turn, seq, position))
            position += 1
    for placed in by_conversation.values():
        yield from (item.turn for item in _in_entry_order(placed))


def _entries(records: Iterator[RawRecord]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(line, fields) of each entry; a CLI query result holds its entries inside."""
    for record in records:
        inner = _query_records(record.fields)
        if inner is not None and not _is_entry(record.fields):
            yield from ((record.line, item) for item in inner if isinstance(item, Mapping))
        else:
            yield record.line, record.fields


def _in_entry_order(placed: list[_Placed]) -> list[_Placed]:
    """By EntryTime then Seq when every entry has a time; by Seq when every entry has
    one; else as read."""
    if all(item.turn.timestamp is not None for item in placed):
        return sorted(placed, key=lambda item: (item.turn.timestamp, _seq_key(item),
                                                item.position))
    if all(item.seq is not None for item in placed):
        return sorted(placed, key=lambda item: (_seq_key(item), item.position))
    return placed


def _seq_key(item: _Placed) -> float:
    return float("inf") if item.seq is None else item.seq


def _entry_turns(path: Path, line: int, entry: Mapping[str, Any],
                 overrides: ColumnOverrides) -> tuple[list[TurnRecord], int | None]:
    """The turns one entry is (a message, or one or two events, or none) and its Seq."""
    fields = {_key(name): value for name, value in entry.items()}
    conversation = as_text(fields.get("conversationid"))
    if conversation is None:
        raise RecordSkipped("no ConversationId")
    kind = _key(as_text(fields.get("entrytype")) or _TEXT)
    stamp = _entry_time(fields)
    seq = _integer(fields.get("seq"))
    if kind in _EVENTS:
        return [make_turn(path, line, conversation, None, "", overrides, event=event,
                          timestamp=stamp) for event in _EVENTS[kind]], seq
    if kind in _PLUMBING:
        return [], seq
    if kind != _TEXT:
        raise RecordSkipped(f"unknown EntryType {as_text(fields.get('entrytype'))!r}")
    message = as_text(fields.get("message"))
    if message is None:
        raise RecordSkipped("Text entry with a blank Message; export the transcript text "
                            "(enhanced channels may leave ConversationEntry.Message empty)")
    speaker = _speaker(fields, overrides)
    return [make_turn(path, line, conversation, speaker, message.strip(), overrides,
                      timestamp=stamp)], seq


def _speaker(fields: Mapping[str, Any], overrides: ColumnOverrides) -> str:
    """The role word for the entry's actor: the user's --role for its name or type
    first, then the documented actor types; an unknown type as written, so that the
    skip names the --role to add."""
    name = as_text(fields.get("actorname"))
    actor = as_text(fields.get("actortype"))
    for given in (name, actor):
        if given is not None and given.strip().casefold() in overrides.roles:
            return given
    if actor is None:
        raise RecordSkipped("Text entry without an ActorType")
    return _ACTORS.get(_key(actor), actor)


def _entry_time(fields: Mapping[str, Any]) -> datetime | None:
    """EntryTime, with EntryTimeMilliSecs added when EntryTime is to the second."""
    raw = next((fields[name] for name in _TIME_FIELDS if as_text(fields.get(name))), None)
    moment = parse_timestamp(raw)
    millis = _integer(fields.get("entrytimemillisecs"))
    if moment is not None and moment.microsecond == 0 and millis is not None \
            and 0 <= millis < 1000:
        moment += timedelta(milliseconds=millis)
    return moment


def _integer(value: Any) -> int | None:
    """A whole number from a cell or a JSON number (`12`, `12.0`); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


SALESFORCE_ENTRIES = InputFormat(
    "salesforce-conversation-entry", "transcripts", "csv",
    "Salesforce ConversationEntry rows (a CSV header with ConversationId and ActorType)",
    _is_entries_csv, _read, priority=15)

SALESFORCE_ENTRIES_JSON = InputFormat(
    "salesforce-conversation-entry-json", "transcripts", "json",
    "Salesforce ConversationEntry records as SOQL query JSON (`attributes.type` "
    "ConversationEntry, also inside `records[]`)",
    _is_entries_json, _read, priority=15)
