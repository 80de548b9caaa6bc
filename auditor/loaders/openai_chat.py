"""OpenAI-style chat logs: one JSON object per line with a `messages` list.

`user` is the customer and `assistant` the bot. `system` prompts and `tool`
messages are instructions and plumbing the customer never saw, so they are not
turns. The conversation id comes from `conversation_id`, `id` or `metadata`, else
from the line number.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from auditor.loaders.columns import ColumnOverrides, role_option_hint
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.transcript import TurnRecord
from auditor.loaders.values import as_text, parse_timestamp
from auditor.model import SourceRef

_HIDDEN_ROLES = frozenset({"system", "developer", "tool", "function"})
_ID_FIELDS = ("conversation_id", "id", "session_id", "thread_id")


def openai_turns(
    path: Path, records: Iterator[RawRecord], overrides: ColumnOverrides, skipped: list[Skipped]
) -> Iterator[TurnRecord]:
    """Turns from each line's `messages`; a malformed line is skipped whole."""
    for record in records:
        try:
            yield from _conversation(path, record, overrides)
        except RecordSkipped as reason:
            skipped.append(reason.skipped(path, record.line))


def _conversation(path: Path, record: RawRecord, overrides: ColumnOverrides) -> list[TurnRecord]:
    """All turns of one line; built fully first so a bad message skips the line whole."""
    fields = record.fields
    messages = fields.get("messages")
    if not isinstance(messages, list):
        raise RecordSkipped("no 'messages' list")
    raw_metadata = fields.get("metadata")
    metadata: Mapping[str, Any] = raw_metadata if isinstance(raw_metadata, Mapping) else {}
    conversation_id = _conversation_id(fields, metadata, record.line)
    attributes = {str(k): str(v) for k, v in metadata.items()
                  if isinstance(v, str | int | float) and k not in _ID_FIELDS}
    started = parse_timestamp(fields.get("created_at") or fields.get("timestamp"))
    turns: list[TurnRecord] = []
    for position, message in enumerate(messages, start=1):
        if not isinstance(message, Mapping):
            raise RecordSkipped(f"message {position} is not an object")
        role_name = as_text(message.get("role"))
        if role_name is None:
            raise RecordSkipped(f"message {position} has no role")
        if role_name.strip().casefold() in _HIDDEN_ROLES:
            continue
        role = overrides.resolve_role(role_name)
        if role is None:
            raise RecordSkipped(f"message {position} has unknown role {role_name!r}; map it "
                                f"with {role_option_hint(role_name)}",
                                kind="unknown_role", value=role_name.strip())
        text = _content_text(message.get("content"))
        if text is None:
            if message.get("tool_calls"):
                continue  # a tool call the customer never saw
            raise RecordSkipped(f"message {position} has no text content")
        stamp = parse_timestamp(message.get("timestamp")) or (started if not turns else None)
        turns.append(TurnRecord(
            conversation_id=conversation_id,
            role=role,
            text=text,
            source=SourceRef(str(path), record.line),
            timestamp=stamp,
            attributes=MappingProxyType(attributes),
        ))
    return turns


def _conversation_id(fields: Mapping[str, Any], metadata: Mapping[str, Any], line: int) -> str:
    """An explicit id if the line has one, else `line-N`."""
    for source in (fields, metadata):
        for name in _ID_FIELDS:
            value = as_text(source.get(name))
            if value is not None:
                return value.strip()
    return f"line-{line}"


def _content_text(content: Any) -> str | None:
    """Text from a string content or a list of `{type: text, text}` parts."""
    if isinstance(content, str):
        return content if content.strip() else None
    if isinstance(content, list):
        parts = [str(part.get("text", "")) for part in content
                 if isinstance(part, Mapping) and part.get("type") in ("text", "input_text",
                                                                        "output_text")]
        joined = "\n".join(part for part in parts if part.strip())
        return joined or None
    return None
