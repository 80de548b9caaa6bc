"""The canonical transcript format (DESIGN.md section 3), as JSONL or CSV.

One record per turn. Column names and role values are recognised through
`columns.py`; conversation attributes come from an `attributes` object (JSONL) or
`attr.<name>` columns (CSV) on any line of the conversation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from auditor.loaders.columns import (
    TRANSCRIPT_COLUMNS,
    ColumnOverrides,
    find_column,
    lookup,
    role_option_hint,
    scalar,
)
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.values import as_text, parse_timestamp
from auditor.model import Role, SourceRef

_ATTRIBUTE_PREFIX = "attr."


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One turn as read from a file, before conversations are assembled."""

    conversation_id: str
    role: Role
    text: str
    source: SourceRef
    timestamp: datetime | None = None
    event: str | None = None
    channel: str | None = None
    attributes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Whether the file's format logs what people (human agents) say, see
    # `Conversation.people_logged`; set from the input format when the file is read.
    people_logged: bool = True


def transcript_turns(
    path: Path, records: Iterator[RawRecord], overrides: ColumnOverrides, skipped: list[Skipped]
) -> Iterator[TurnRecord]:
    """Turns from canonical records; a bad record is added to `skipped` instead."""
    for record in records:
        try:
            yield _turn(path, record, overrides)
        except RecordSkipped as reason:
            skipped.append(reason.skipped(path, record.line))


def _turn(path: Path, record: RawRecord, overrides: ColumnOverrides) -> TurnRecord:
    """Build one TurnRecord or raise RecordSkipped with the reason."""
    fields = record.fields

    def get(name: str) -> Any:
        column = find_column(fields, name, TRANSCRIPT_COLUMNS, overrides)
        return scalar(lookup(fields, column), name, column) if column else None

    conversation_id = as_text(get("conversation_id"))
    if conversation_id is None:
        raise RecordSkipped("missing conversation_id; map it with --column conversation_id=NAME",
                            kind="unmapped_field", value="conversation_id")
    event = as_text(get("event"))
    role = _role(get("role"), event, overrides)
    text = as_text(get("text"))
    if text is None and event is None:
        raise RecordSkipped("missing text; a turn needs text unless it is a system event")
    return TurnRecord(
        conversation_id=conversation_id.strip(),
        role=role,
        text=text or "",
        source=SourceRef(str(path), record.line),
        timestamp=parse_timestamp(get("timestamp")),
        event=event.strip().lower() if event else None,
        channel=as_text(get("channel")),
        attributes=MappingProxyType(_attributes(fields)),
    )


def make_turn(path: Path, line: int, conversation_id: str, speaker: str | None, text: str,
              overrides: ColumnOverrides, *, timestamp: Any = None, event: str | None = None,
              channel: str | None = None,
              attributes: Mapping[str, str] | None = None) -> TurnRecord:
    """A turn record for an input format's reader: the speaker resolved to a role (with
    --role mappings; an unknown speaker raises RecordSkipped naming the --role to add),
    the timestamp parsed in any of the accepted forms."""
    return TurnRecord(
        conversation_id=conversation_id.strip(),
        role=_role(speaker, event, overrides),
        text=text,
        source=SourceRef(str(path), line),
        timestamp=parse_timestamp(timestamp),
        event=event.strip().lower() if event else None,
        channel=channel,
        attributes=MappingProxyType(dict(attributes or {})),
    )


def _role(value: Any, event: str | None, overrides: ColumnOverrides) -> Role:
    """The canonical role; an event with no role is a system turn."""
    text = as_text(value)
    if text is None:
        if event is not None:
            return Role.SYSTEM
        raise RecordSkipped("missing role; map the speaker column with --column role=NAME",
                            kind="unmapped_field", value="role")
    role = overrides.resolve_role(text)
    if role is None:
        raise RecordSkipped(f"unknown role {text.strip()!r}; map it with "
                            f"{role_option_hint(text)}",
                            kind="unknown_role", value=text.strip())
    return role


def _attributes(fields: Mapping[str, Any]) -> dict[str, str]:
    """Segment attributes from an `attributes` object and `attr.` columns."""
    found: dict[str, str] = {}
    nested = fields.get("attributes")
    if isinstance(nested, Mapping):
        found.update({str(k): str(v) for k, v in nested.items() if v is not None})
    for name, value in fields.items():
        if name.startswith(_ATTRIBUTE_PREFIX) and as_text(value) is not None:
            found[name[len(_ATTRIBUTE_PREFIX):]] = str(value).strip()
    return found
