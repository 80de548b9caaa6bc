"""The canonical decision log (DESIGN.md section 3), as CSV or JSONL.

Every column that is not a canonical decision field is a segment (language,
region, plan ...), unless segments are named explicitly. Whether an outcome is
favourable comes from a `favourable` column, the configured favourable values,
or, failing both, a small table of unambiguous words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from auditor.loaders.columns import DECISION_COLUMNS, ColumnOverrides, find_column, lookup, scalar
from auditor.loaders.records import RawRecord, RecordSkipped, Skipped
from auditor.loaders.values import as_text, parse_bool, parse_list, parse_timestamp
from auditor.model import Decision, SourceRef

FAVOURABLE_WORDS = frozenset({"approved", "approve", "granted", "accepted", "refunded",
                              "yes", "true", "1", "allowed", "waived", "offered", "escalated"})
UNFAVOURABLE_WORDS = frozenset({"denied", "deny", "rejected", "declined", "refused", "no",
                                "false", "0", "blocked", "not_offered", "not_escalated",
                                "not_provided", "not_approved", "not_granted", "not_waived"})


@dataclass(frozen=True, slots=True)
class DecisionOptions:
    """How to read a decision log: named segments and favourable outcome values."""

    segments: tuple[str, ...] = ()
    favourable_values: frozenset[str] = frozenset()
    overrides: ColumnOverrides = field(default_factory=ColumnOverrides)


def decision_rows(
    path: Path, records: Iterator[RawRecord], options: DecisionOptions, skipped: list[Skipped]
) -> Iterator[Decision]:
    """Decisions from raw records; a bad record is added to `skipped` instead."""
    for record in records:
        try:
            yield _decision(path, record, options)
        except RecordSkipped as reason:
            skipped.append(reason.skipped(path, record.line))


def _decision(path: Path, record: RawRecord, options: DecisionOptions) -> Decision:
    """One Decision or RecordSkipped with the reason."""
    fields = record.fields
    columns = {name: find_column(fields, name, DECISION_COLUMNS, options.overrides)
               for name in DECISION_COLUMNS}

    def get(name: str) -> Any:
        column = columns[name]
        if column is None:
            return None
        value = lookup(fields, column)
        # Reason codes may come as a JSON list; every other field is one value.
        return value if name == "reason_codes" else scalar(value, name, column)

    outcome = as_text(get("outcome"))
    if outcome is None:
        raise RecordSkipped("missing outcome; map it with --column outcome=NAME",
                            kind="unmapped_field", value="outcome")
    decision_type = as_text(get("decision_type")) or "decision"
    return Decision(
        id=as_text(get("decision_id")) or f"line-{record.line}",
        conversation_id=as_text(get("conversation_id")),
        decision_type=decision_type.strip(),
        outcome=outcome.strip(),
        favourable=_favourable(parse_bool(get("favourable"), "favourable"), outcome, options),
        segments=MappingProxyType(_segments(fields, set(filter(None, columns.values())), options)),
        label=as_text(get("label")),
        automated=parse_bool(get("automated"), "automated"),
        human_reviewed=parse_bool(get("human_reviewed"), "human_reviewed"),
        reason_codes=parse_list(get("reason_codes")),
        timestamp=parse_timestamp(get("timestamp")),
        source=SourceRef(str(path), record.line),
    )


def _favourable(explicit: bool | None, outcome: str, options: DecisionOptions) -> bool | None:
    """Explicit column first, then configured values, then unambiguous words."""
    if explicit is not None:
        return explicit
    folded = outcome.strip().casefold()
    if options.favourable_values:
        return folded in {value.casefold() for value in options.favourable_values}
    if folded in FAVOURABLE_WORDS:
        return True
    if folded in UNFAVOURABLE_WORDS:
        return False
    return None


def _segments(
    fields: Mapping[str, Any], canonical_columns: set[str], options: DecisionOptions
) -> dict[str, str]:
    """Named segment columns, or every non-canonical column; missing values are 'unknown'."""
    names = options.segments or tuple(name for name in fields if name not in canonical_columns)
    return {name: (as_text(fields.get(name)) or "unknown").strip() for name in names}
