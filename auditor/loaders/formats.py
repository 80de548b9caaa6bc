"""Input formats, found through the `auditor.formats` entry-point group.

Built-in formats are registered through the same group as third-party ones
(`auditor.loaders.builtin`), so a package adds a vendor's export format with one
entry point whose value is an `InputFormat`. Detection, `--input-format`, the web
upload and `auditor formats` all read this one registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from auditor.loaders.records import RawRecord, RecordSkipped, Skipped

__all__ = ["ENTRY_POINT_GROUP", "UNEXPECTED_SHAPE", "InputFormat", "input_formats",
           "record_by_record"]

ENTRY_POINT_GROUP = "auditor.formats"
# What a reader raises on a record of a shape it did not expect (a field missing or of
# another type): the record is skipped, or the file refused, never the run ended.
UNEXPECTED_SHAPE = (KeyError, IndexError, TypeError, AttributeError, ValueError)
Kind = Literal["transcripts", "decisions"]
Container = Literal["json", "csv"]


@dataclass(frozen=True, slots=True)
class InputFormat:
    """One export format: how to recognise it and how to read its records.

    `matches` is given the first record (JSON: the first line's object, an array's
    first object, or the whole document; CSV: the header names mapped to "") and says
    whether the file is in this format. Formats are tried from the highest
    `priority`; the generic canonical formats come last. `read` turns the raw records
    into canonical turn records (transcripts) or decisions, adding what it cannot read
    to `skipped`. `options` is the run's `auditor.loaders.LoadOptions`.
    """

    name: str
    kind: Kind
    container: Container
    detects: str
    matches: Callable[[Mapping[str, Any]], bool]
    read: Callable[[Path, Iterator[RawRecord], Any, list[Skipped]], Iterator[Any]]
    priority: int = 0
    # A JSON document is one record (a chat with its `messages`), not a list of them.
    document_is_record: bool = False
    # How many records one input record holds, for the input's record count.
    counts_conversations: bool = False
    # False for the bot's own log, which never shows a person joining after a handoff
    # (see `auditor.model.Conversation.people_logged`).
    logs_people: bool = True


def record_by_record(
    turns_of: Callable[[Path, RawRecord, Any], Iterable[Any]],
) -> Callable[[Path, Iterator[RawRecord], Any, list[Skipped]], Iterator[Any]]:
    """A reader from a function that turns one record into its turns: a record that
    raises RecordSkipped is skipped whole (with its reason) and the next one is read.
    A record of a shape the function did not expect (a field missing or of another
    type) is skipped the same way, never the end of the run."""
    def read(path: Path, records: Iterator[RawRecord], options: Any,
             skipped: list[Skipped]) -> Iterator[Any]:
        for record in records:
            try:
                turns = list(turns_of(path, record, options))
            except RecordSkipped as reason:
                skipped.append(reason.skipped(path, record.line))
                continue
            except RecursionError:
                # A walker deeper than the record's own nesting (JSON packed in a field
                # a plugin parses itself): the record is skipped, never the run.
                skipped.append(Skipped(str(path), record.line, "nested too deeply to be "
                                       "read (see `max-nesting` in the policy)"))
                continue
            except UNEXPECTED_SHAPE as error:
                # The exception's text may quote the record's values: only a missing
                # field's name is said.
                missing = f" {error.args[0]!r} missing" if isinstance(error, KeyError) \
                    and error.args and isinstance(error.args[0], str) else ""
                skipped.append(Skipped(str(path), record.line, "a record of an unexpected "
                                       f"shape ({type(error).__name__}{missing})"))
                continue
            yield from turns
    return read


@lru_cache(maxsize=1)
def input_formats() -> Mapping[str, InputFormat]:
    """Every installed input format by name: built-ins first, then plugins by name."""
    from auditor.loaders import builtin
    from auditor.plugins import named_plugins

    return named_plugins(ENTRY_POINT_GROUP, InputFormat, builtin.BUILT_IN, "input format")
