"""Amazon Lex V2 conversation logs: one JSON record per utterance, holding the customer's
words and the bot's answer together.

Follows the Amazon Lex V2 Developer Guide, "Conversation logs" (text logs in CloudWatch
Logs or S3: `timestamp`, `messageVersion`, `requestId`, `sessionId`, `inputMode`,
`bot{...}`, `sessionState`, `interpretations`, `inputTranscript`, `messages[]`), and the
runtime API's Message type (`contentType` PlainText, SSML, CustomPayload or
ImageResponseCard, with `content` or an `imageResponseCard` of title, subtitle and
buttons).

- One record becomes two kinds of turn: `inputTranscript` is the customer's (left out
  when empty, as on the session's opening call), then each of `messages[]` is a bot
  turn, in order. Both carry the record's `timestamp`; reading order keeps them apart.
- SSML is read as its text (tags removed); a card as its title, subtitle and button
  texts. A CustomPayload is the application's own data, which may never have been
  shown as is: left out.
- The conversation is `sessionId`; `inputMode` Speech or DTMF makes the channel
  `voice`. Lex has no handoff event: none is made up from intent names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat, record_by_record
from auditor.loaders.records import RawRecord, RecordSkipped
from auditor.loaders.rich_text import markup_text
from auditor.loaders.transcript import TurnRecord, make_turn

_VOICE_MODES = frozenset({"speech", "dtmf"})


def _is_lex(record: Mapping[str, Any]) -> bool:
    return "sessionId" in record and "inputTranscript" in record


def _turns(path: Path, record: RawRecord, options: Any) -> Iterator[TurnRecord]:
    """The customer's turn, then the bot's, of one logged utterance."""
    fields = record.fields
    session = fields.get("sessionId")
    if not isinstance(session, str) or not session.strip():
        raise RecordSkipped("no sessionId", kind="unmapped_field", value="conversation_id")
    voice = str(fields.get("inputMode") or "").casefold() in _VOICE_MODES
    channel, stamp = ("voice" if voice else None), fields.get("timestamp")
    said = fields.get("inputTranscript")
    if isinstance(said, str) and said.strip():
        yield make_turn(path, record.line, session, "customer", said.strip(),
                        options.overrides, timestamp=stamp, channel=channel)
    for message in fields.get("messages") or ():
        text = _message_text(message) if isinstance(message, Mapping) else ""
        if text:
            yield make_turn(path, record.line, session, "bot", text, options.overrides,
                            timestamp=stamp, channel=channel)


def _message_text(message: Mapping[str, Any]) -> str:
    """What the customer heard or read of one bot message."""
    kind = str(message.get("contentType") or "PlainText")
    if kind == "CustomPayload":
        return ""
    if kind == "ImageResponseCard":
        card = message.get("imageResponseCard")
        if not isinstance(card, Mapping):
            return ""
        parts = [card.get("title"), card.get("subtitle"),
                 *(b.get("text") for b in card.get("buttons") or () if isinstance(b, Mapping))]
        return "\n".join(str(p).strip() for p in parts if isinstance(p, str) and p.strip())
    content = message.get("content")
    if not isinstance(content, str):
        return ""
    if kind == "SSML":
        content = markup_text(content)
    return " ".join(content.split())


LEX_V2 = InputFormat(
    "lex-v2-log", "transcripts", "json",
    "Amazon Lex V2 conversation log records (`sessionId` and `inputTranscript`)",
    _is_lex, record_by_record(_turns), priority=15, document_is_record=True,
    logs_people=False)
