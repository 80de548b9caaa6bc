"""Genesys Cloud speech and text analytics transcripts: the JSON document the
transcript URL serves for one communication of a conversation.

Follows the Genesys Cloud developer documentation "Transcript URL"
(developer.genesys.cloud/api/rest/v2/speechtextanalytics/transcript_url, from
`GET /api/v2/speechandtextanalytics/conversations/{conversationId}/communications/
{communicationId}/transcripturl`; its transcript schema as typed in
MakingChatbots/genesys-cloud-mcp-server `src/tools/conversationTranscription/
TranscriptResponse.ts`: `conversationId`, `communicationId`, `mediaType`,
`conversationStartTime`, `startTime`, `transcripts[]` with `language` and `phrases[]`
of `text`, `decoratedText`, `participantPurpose`, `startTimeMs`, `offset`, `duration`;
`participants[]` with `participantPurpose`, `userId`, `queueId`, `flowId`,
`startTimeMs`, `endTimeMs`), the Genesys Cloud resource center's "Work with a voice
transcript" (external is the customer; internal is IVR, ACD, agent, conference or
voicemail) and the participant purposes of the platform SDKs' AnalyticsParticipant
(MyPureCloud/platform-client-sdk-java `build/docs/AnalyticsParticipant.md`).

- A phrase's `participantPurpose` external (or customer) is the customer. internal is
  whoever spoke for the contact centre: the internal participant present at the
  phrase's time (of `participants[]`, the latest to join) says who. `agent` and `user`
  are a person; `ivr`, `botflow`, `workflow` and `voicesurveyflow` (Architect flows:
  IVR menus, voice bots, surveys) are the bot; `acd` is the queue, whose recorded
  announcements ("all our agents are busy") are system notices, not the bot talking.
  An internal phrase that no participant explains, and other purposes, go through
  the --role mappings (for example `--role internal=agent`).
- The text is `decoratedText` (the transcript as Genesys shows it: punctuation,
  casing, numbers), else the raw `text`. A phrase with neither is left out.
- Times: `startTimeMs` is epoch milliseconds. Where an export gives offsets instead
  (values too small to be a date, or only `offset.milliseconds`), they count from the
  transcript's `startTime`, else the document's `startTime`, else
  `conversationStartTime`.
- Routing comes from `participants[]`: an `acd` participant joining is the call being
  queued for a person (handoff_initiated); an `agent` or `user` joining is a person
  joining (agent_joined), at the participant's `startTimeMs`, placed among the
  phrases by time. Without times for every phrase there is no telling where they
  belong, so they are not made.
- The conversation is `conversationId` (a conversation's communications, one file
  each, are read as one), else the file's name. `mediaType` call is the channel
  `voice`; the transcript's `language` is the `language` attribute.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import Event

_CUSTOMER_PURPOSES = frozenset({"external", "customer"})
_PERSON_PURPOSES = frozenset({"agent", "user"})
_AUTOMATED_PURPOSES = frozenset({"ivr", "botflow", "workflow", "voicesurveyflow"})
_QUEUE_PURPOSE = "acd"
# Epoch milliseconds from 1973 on; anything smaller is an offset into the recording.
_EPOCH_MS_FLOOR = 100_000_000_000


@dataclass(frozen=True, slots=True)
class _Participant:
    """A contact-centre participant of the communication, with when it was present."""

    purpose: str
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class _Item:
    """A phrase or a routing event, with its time for ordering (ms since the epoch)."""

    time: int | None
    position: int
    speaker: str | None
    text: str
    event: str | None = None


def _is_genesys(record: Mapping[str, Any]) -> bool:
    transcripts = record.get("transcripts")
    if not isinstance(transcripts, list):
        return False
    phrases = [p for t in transcripts if isinstance(t, Mapping)
               and isinstance(t.get("phrases"), list) for p in t["phrases"]]
    identified = "conversationId" in record or "communicationId" in record
    # Without its ids (a trimmed download), the phrases' own purposes still tell.
    return bool(phrases) and (identified or any(
        isinstance(p, Mapping) and "participantPurpose" in p for p in phrases[:3]))


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    for record in records:
        yield from _document_turns(path, record, options, skipped)


def _document_turns(path: Path, record: RawRecord, options: Any,
                    skipped: list[Skipped]) -> Iterator[TurnRecord]:
    """The turns of one communication's transcript; a bad phrase is skipped alone."""
    document = record.fields
    conversation_id = str(document.get("conversationId") or path.stem)
    participants = _participants(document.get("participants"))
    items, language = _phrases(document, participants, skipped, path, record.line)
    if items and all(item.time is not None for item in items):
        items += _routing(participants, start=len(items))
        # Events first at equal times: a person joins before saying a word.
        items.sort(key=lambda item: (item.time or 0, item.event is None, item.position))
    channel = _channel(document.get("mediaType"))
    attributes = {"language": language} if language else None
    for item in items:
        try:
            yield make_turn(path, record.line, conversation_id, item.speaker, item.text,
                            options.overrides, timestamp=item.time, event=item.event,
                            channel=channel, attributes=attributes)
        except RecordSkipped as reason:
            skipped.append(RecordSkipped(f"phrase {item.position + 1}: {reason}",
                                         kind=reason.kind, value=reason.value)
                           .skipped(path, record.line))


def _phrases(document: Mapping[str, Any], participants: list[_Participant],
             skipped: list[Skipped], path: Path, line: int) -> tuple[list[_Item], str | None]:
    """Every phrase said, with its speaker word and time; and the transcript language."""
    items: list[_Item] = []
    language = None
    position = 0
    for transcript in document.get("transcripts") or ():
        if not isinstance(transcript, Mapping):
            continue
        language = language or _text(transcript.get("language")) or None
        base = _epoch_ms(transcript.get("startTime")) or _epoch_ms(document.get("startTime")) \
            or _epoch_ms(document.get("conversationStartTime"))
        for phrase in transcript.get("phrases") or ():
            position += 1
            if not isinstance(phrase, Mapping):
                skipped.append(RecordSkipped(f"phrase {position}: not an object")
                               .skipped(path, line))
                continue
            said = _text(phrase.get("decoratedText")) or _text(phrase.get("text"))
            if not said:
                continue  # silence or a phrase redacted whole: nothing said to judge
            time = _phrase_time(phrase, base)
            items.append(_Item(time, position - 1, _speaker(phrase, time, participants), said))
    return items, language


def _speaker(phrase: Mapping[str, Any], time: int | None,
             participants: list[_Participant]) -> str | None:
    """The role word for a phrase: its own purpose, or for `internal` the purpose of the
    contact-centre participant present when it was said."""
    purpose = _text(phrase.get("participantPurpose")).casefold()
    if purpose == "internal" and time is not None:
        present = [p for p in participants if p.purpose not in _CUSTOMER_PURPOSES
                   and p.purpose != "internal" and p.start is not None and p.start <= time
                   and (p.end is None or time <= p.end)]
        if present:
            purpose = max(present, key=lambda p: p.start or 0).purpose
    return _role_word(purpose) or None


def _role_word(purpose: str) -> str:
    """The canonical role word for a Genesys purpose, or the purpose itself when it tells
    nothing certain (for the --role hint)."""
    if purpose in _CUSTOMER_PURPOSES:
        return "customer"
    if purpose in _PERSON_PURPOSES:
        return "agent"
    if purpose in _AUTOMATED_PURPOSES:
        return "bot"
    if purpose == _QUEUE_PURPOSE:
        return "system"
    return purpose


def _routing(participants: list[_Participant], *, start: int) -> list[_Item]:
    """Handoff events from participants joining: a queue (acd), then a person."""
    items = []
    for offset, participant in enumerate(participants):
        if participant.start is None:
            continue
        if participant.purpose == _QUEUE_PURPOSE:
            event = Event.HANDOFF_INITIATED.value
        elif participant.purpose in _PERSON_PURPOSES:
            event = Event.AGENT_JOINED.value
        else:
            continue
        items.append(_Item(participant.start, start + offset, None, "", event))
    return items


def _participants(value: Any) -> list[_Participant]:
    found = []
    for participant in value if isinstance(value, list) else ():
        if isinstance(participant, Mapping):
            purpose = _text(participant.get("participantPurpose")).casefold()
            if purpose:
                found.append(_Participant(purpose, _epoch_ms(participant.get("startTimeMs")),
                                          _epoch_ms(participant.get("endTimeMs"))))
    return found


def _phrase_time(phrase: Mapping[str, Any], base: int | None) -> int | None:
    """The phrase's start in epoch milliseconds (see the module's notes on offsets)."""
    start = _number(phrase.get("startTimeMs"))
    if start is not None and start >= _EPOCH_MS_FLOOR:
        return start
    offset = phrase.get("offset")
    if start is None and isinstance(offset, Mapping):
        start = _number(offset.get("milliseconds"))
    if start is None or base is None:
        return None
    return base + start


def _epoch_ms(value: Any) -> int | None:
    number = _number(value)
    return number if number is not None and number >= _EPOCH_MS_FLOOR else None


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _channel(media: Any) -> str | None:
    kind = _text(media).casefold()
    return "voice" if kind == "call" else kind or None


GENESYS_TRANSCRIPT = InputFormat(
    "genesys-transcript", "transcripts", "json",
    "Genesys Cloud speech and text analytics transcript: `transcripts[].phrases[]` with "
    "`conversationId` or the phrases' `participantPurpose`",
    _is_genesys, _read, priority=15, document_is_record=True, counts_conversations=True)
