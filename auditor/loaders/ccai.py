"""Google Contact Center AI Insights conversations: one JSON document per conversation,
its turns in `entries[]`.

Follows the Insights documentation's conversation data format for chat transcripts
(`entries[]` of `text`, `role`, `user_id`, `start_timestamp_usec`) and the
ConversationParticipant roles of the Insights API (HUMAN_AGENT, AUTOMATED_AGENT,
END_USER). The conversation's id is the file's name, as Insights takes it on import.

- `AUTOMATED_AGENT` is the bot; `AGENT` and `HUMAN_AGENT` a person; `CUSTOMER` and
  `END_USER` the customer. Other roles go through the --role mappings.
- `start_timestamp_usec` is microseconds since the epoch, whatever its size (Google's own
  example counts from 0: `1000000` is one second in).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from auditor.loaders.formats import InputFormat
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.loaders.values import epoch_microseconds

ROLES = {"automated_agent": "bot", "agent": "agent", "human_agent": "agent",
         "customer": "customer", "end_user": "customer"}


def _is_insights(record: Mapping[str, Any]) -> bool:
    entries = record.get("entries")
    return isinstance(entries, list) and any(
        isinstance(e, Mapping) and "start_timestamp_usec" in e for e in entries)


def _read(path: Path, records: Iterator[RawRecord], options: Any,
          skipped: list[Skipped]) -> Iterator[TurnRecord]:
    for record in records:
        conversation_id = str(record.fields.get("conversation_id") or path.stem)
        for position, entry in enumerate(record.fields.get("entries") or (), start=1):
            try:
                turn = _turn(path, record.line, conversation_id, position, entry, options)
            except RecordSkipped as reason:
                skipped.append(RecordSkipped(f"entry {position}: {reason}", kind=reason.kind,
                                             value=reason.value).skipped(path, record.line))
                continue
            if turn is not None:
                yield turn


def _turn(path: Path, line: int, conversation_id: str, position: int, entry: Any,
          options: Any) -> TurnRecord | None:
    if not isinstance(entry, Mapping):
        raise RecordSkipped("not an object")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        return None  # an entry with nothing said
    role = str(entry.get("role") or "")
    speaker = ROLES.get(role.strip().casefold(), role)
    return make_turn(path, line, conversation_id, speaker or None, text.strip(),
                     options.overrides,
                     timestamp=epoch_microseconds(entry.get("start_timestamp_usec")))


CCAI_INSIGHTS = InputFormat(
    "ccai-insights", "transcripts", "json",
    "Contact Center AI Insights conversation: `entries[]` with `start_timestamp_usec`",
    _is_insights, _read, priority=15, document_is_record=True)
