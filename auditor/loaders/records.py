"""Reading raw records from JSONL and CSV files, line by line, losing nothing silently.

A record that cannot be decoded or parsed becomes a `Skipped` entry with its file,
line and reason; every other record is still read. Every reader keeps at most one
record within the run's `ReadLimits` (its bytes and its JSON nesting); a record over
them is skipped at its line and the reader goes on after it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.loaders.encoding import open_text
from auditor.loaders.json_stream import (
    JsonStream,
    JsonStreamError,
    ValueOverLimit,
    array_items,
    nested_deeper,
)
from auditor.loaders.limits import ReadLimits
from auditor.loaders.lines import text_lines


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record left out of the audit, with where it was and why."""

    path: str
    line: int
    reason: str
    # `malformed` (a broken line or value), `unknown_role` (a speaker no role is
    # mapped to) or `unmapped_field` (a field the format needs was not found):
    # the last two mean the export was read with the wrong mapping, so the gate
    # calls the audit inconclusive and says what to map.
    kind: str = "malformed"
    # The speaker value or the missing field's name, for the hint (redacted).
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {"path": self.path, "line": self.line, "reason": self.reason, "kind": self.kind,
                "value": self.value}


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One parsed record: its 1-based line in the file and its fields."""

    line: int
    fields: dict[str, Any]


SKIP_KINDS = ("malformed", "unknown_role", "unmapped_field")


class RecordSkipped(Exception):
    """Raised by record parsers for a record that must be skipped; carries the reason.

    `kind` is one of SKIP_KINDS and `value` the unknown speaker or missing field.
    """

    def __init__(self, reason: str, *, kind: str = "malformed", value: str | None = None):
        super().__init__(reason)
        self.kind = kind
        self.value = value

    def skipped(self, path: Path | str, line: int) -> Skipped:
        """The Skipped entry for this record."""
        return Skipped(str(path), line, str(self), self.kind, self.value)


# How much of a file detection reads.
SNIFF_BYTES = 1 << 16
# Files named as JSON lines are read line by line when they are no whole document.
_LINES_SUFFIXES = (".jsonl", ".ndjson")
# What a parse that failed returns (None is JSON's null).
_UNREADABLE = object()
# What `json` raises, besides a JSONDecodeError, for an integer of more digits than
# Python turns into a number (4,300).
_TOO_MANY_DIGITS = "not valid JSON: a number with too many digits to read"


def read_prefix(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first `size` bytes of a file's text as UTF-8 (for detection), or an
    InputError."""
    with open_text(path) as stream:
        return stream.read(size)


def decoded_lines(path: Path, skipped: list[Skipped],
                  limits: ReadLimits) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, read one at a time; undecodable and
    over-long lines are skipped (with their reason), not guessed."""
    for line in text_lines(path, limits):
        if line.text is None:
            skipped.append(Skipped(str(path), line.number, line.problem or "unreadable"))
        else:
            yield line.number, line.text


def read_jsonl(path: Path, skipped: list[Skipped],
               limits: ReadLimits | None = None) -> Iterator[RawRecord]:
    """Each non-blank line parsed as a JSON object."""
    limits = limits or ReadLimits()
    for number, text in decoded_lines(path, skipped, limits):
        if not text.strip():
            continue
        value = _parsed(path, number, text, skipped, limits)
        if value is _UNREADABLE:
            continue
        if not isinstance(value, dict):
            skipped.append(Skipped(str(path), number, "not a JSON object"))
            continue
        yield RawRecord(number, _clean(value, text))


def _parsed(path: Path, line: int, text: str, skipped: list[Skipped],
            limits: ReadLimits) -> Any:
    """One record's text parsed, or _UNREADABLE (with the reason in `skipped`); its
    nesting is checked first, as parsing recurses once per level."""
    if nested_deeper(text, limits.max_nesting):
        skipped.append(Skipped(str(path), line, limits.too_deep))
        return _UNREADABLE
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        skipped.append(Skipped(str(path), line + error.lineno - 1,
                               f"not valid JSON: {error.msg} (column {error.colno})"))
    except ValueError:
        skipped.append(Skipped(str(path), line, _TOO_MANY_DIGITS))
    except RecursionError:  # within the limit, yet past a deep caller's stack
        skipped.append(Skipped(str(path), line, limits.too_deep))
    return _UNREADABLE


def read_json_records(path: Path, skipped: list[Skipped], *,
                      document_is_record: bool = False,
                      limits: ReadLimits | None = None) -> Iterator[RawRecord]:
    """Records from JSON in any of its shapes, by what the file holds: JSON lines, a JSON
    array of records, or one JSON document; arrays and documents are read as a stream.

    A document is one record when `document_is_record` (an OpenAI-style conversation),
    else, when it holds exactly one list of objects (`{"conversation_id": "c-1",
    "turns": [...]}`), each object of the list is a record that inherits the document's
    other plain values. Records are numbered by the line they start on.
    """
    limits = limits or ReadLimits()
    shape = json_shape(read_prefix(path), limits)
    if shape == "array":
        with open_text(path) as stream:
            cursor = JsonStream(stream, limits=limits)
            yield from _stream_records(path, cursor, skipped, {})
            # Arrays one after the other (pages appended to one file) are read in turn.
            while _more_arrays(path, cursor, skipped):
                yield from _stream_records(path, cursor, skipped, {})
        return
    outline = _outline(path, limits) if shape == "document" else None
    if isinstance(outline, Skipped):
        if not _looks_like_lines(path, limits) and path.suffix.lower() not in _LINES_SUFFIXES:
            skipped.append(outline)  # one broken document: said once, where it breaks
            return
        outline = None
    if outline is None:
        # JSON lines, or JSON lines whose first line is broken. Line by line, the
        # broken lines are skipped and the rest is read.
        yield from read_jsonl(path, skipped, limits)
        return
    if document_is_record or len(outline.record_lists) != 1:
        record = _whole_document(path, skipped, limits)
        if record is not None:
            yield record
        return
    with open_text(path) as stream:
        cursor = JsonStream(stream, limits=limits)
        _seek_member(cursor, outline.record_lists[0])
        yield from _stream_records(path, cursor, skipped, outline.inherited)


def first_json_record(path: Path, limits: ReadLimits | None = None) -> dict[str, Any] | None:
    """The first record a JSON file holds, for format detection: a JSON line, an array's
    first object, or a document (its lists cut to their first items, so that a large
    one is never held whole, and its own keys, `messages`, are seen)."""
    limits = limits or ReadLimits()
    shape = json_shape(read_prefix(path), limits)
    if shape == "document":
        outline = _outline(path, limits)
        if isinstance(outline, _Outline):
            return outline.sample
    if shape == "array":
        with open_text(path) as stream:
            return next((record.fields for record in
                         _stream_records(path, JsonStream(stream, limits=limits), [], {})),
                        None)
    return next((record.fields for record in read_jsonl(path, [], limits)), None)


# How many items of each list a document's sample keeps for detection.
_SAMPLE_ITEMS = 3


def json_shape(prefix: bytes, limits: ReadLimits | None = None) -> str:
    """`array`, `document` or `lines` (JSON lines, or not JSON at all), from the start
    of a file: a document is an object that does not end on its first line, or a
    file's only line."""
    body = prefix.lstrip(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"["):
        return "array"
    if not body.startswith(b"{"):
        return "lines"
    first, _, rest = body.partition(b"\n")
    if _whole_json(first.strip(), limits or ReadLimits()) is _UNREADABLE:
        return "document"
    # A complete object on the first line: JSON lines, unless it is the only line (a
    # minified document, read as one whatever its size).
    return "document" if not rest.strip() and len(prefix) < SNIFF_BYTES else "lines"


def _whole_json(text: bytes | str, limits: ReadLimits) -> Any:
    """Text from the file parsed as JSON, or _UNREADABLE when it is not whole JSON (cut
    off, broken, or nested too deeply to parse); for detection, which reports nothing."""
    try:
        decoded = text.decode("utf-8") if isinstance(text, bytes) else text
        if nested_deeper(decoded, limits.max_nesting):
            return _UNREADABLE
        return json.loads(decoded)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError too
        return _UNREADABLE


@dataclass(frozen=True, slots=True)
class _Outline:
    """A JSON document's shape, read in one streamed pass without keeping its lists."""

    sample: dict[str, Any]  # the document with each list cut to its first items
    inherited: dict[str, Any]  # its plain (not object, not list) values
    record_lists: tuple[str, ...]  # keys of its non-empty lists of objects


def _looks_like_lines(path: Path, limits: ReadLimits) -> bool:
    """Whether a file whose start is no whole document reads as JSON lines: a later
    line among the first few is a whole object on its own."""
    lines = read_prefix(path).splitlines()[1:8]
    # An object indented inside a document is not a line of its own.
    return any(line.startswith(b"{") and isinstance(_whole_json(line, limits), dict)
               for line in lines)


def _outline(path: Path, limits: ReadLimits) -> _Outline | Skipped:
    """The outline of the document in `path`, or where and why it is not one JSON
    object."""
    sample: dict[str, Any] = {}
    inherited: dict[str, Any] = {}
    record_lists: list[str] = []
    try:
        with open_text(path) as stream:
            cursor = JsonStream(stream, limits=limits)
            cursor.expect("{")
            while cursor.peek() != "}":
                # A member over the limits ends the outline: no need to read past it.
                key = json.loads(cursor.value_text(stop_at_limit=True)[0])
                cursor.expect(":")
                if cursor.peek() == "[":
                    items, first_object = _list_outline(cursor, limits)
                    sample[key] = items
                    if first_object:  # a list of records (its odd items skipped when read)
                        record_lists.append(key)
                else:
                    value = json.loads(cursor.value_text(stop_at_limit=True)[0])
                    sample[key] = value
                    if not isinstance(value, dict):
                        inherited[key] = value
                if cursor.expect(",}") == "}":
                    break
            else:
                cursor.expect("}")
            if not cursor.at_end():
                return Skipped(str(path), cursor.line, "not valid JSON: more follows the "
                               "document's end; the file cannot be read as one document")
    except JsonStreamError as error:
        return Skipped(str(path), error.line, f"not valid JSON: {error}; the file cannot be "
                       "read as one document")
    except ValueOverLimit as over:
        return Skipped(str(path), over.line, f"{over}; the file cannot be read as one "
                       "document")
    except (ValueError, RecursionError, TypeError) as error:
        return Skipped(str(path), cursor.line, f"not valid JSON ({type(error).__name__}); the "
                       "file cannot be read as one document")
    return _Outline(_without_lone_surrogates(sample), _without_lone_surrogates(inherited),
                    tuple(record_lists))


def _list_outline(cursor: JsonStream, limits: ReadLimits) -> tuple[list[Any], bool | None]:
    """The first items of the list at the cursor (parsed, for the sample) and whether
    its first readable item is an object; the rest of the list is stepped over."""
    items: list[Any] = []
    first_object = None
    for item in array_items(cursor):
        if isinstance(item, ValueOverLimit):
            continue  # reported when the records are read
        text, _ = item
        if first_object is None:
            first_object = text.startswith("{")
        if len(items) < _SAMPLE_ITEMS:
            value = _whole_json(text, limits)
            if value is not _UNREADABLE:  # else reported when the records are read
                items.append(value)
    return items, first_object


def _seek_member(cursor: JsonStream, wanted: str) -> None:
    """Move the cursor of a document to the value of its member `wanted`."""
    cursor.expect("{")
    while True:
        key = json.loads(cursor.value_text()[0])
        cursor.expect(":")
        if key == wanted:
            return
        cursor.skip_value()
        cursor.expect(",")


def _stream_records(path: Path, cursor: JsonStream, skipped: list[Skipped],
                    inherited: dict[str, Any]) -> Iterator[RawRecord]:
    """The objects of the array at the cursor, one at a time; a broken element is
    skipped at its line and, while the array's own punctuation holds, the next read."""
    reported = False
    try:
        for item in array_items(cursor):
            if isinstance(item, ValueOverLimit):
                skipped.append(Skipped(str(path), item.line, str(item)))
                continue
            text, line = item
            reported = False
            try:
                value = json.loads(text)
            except json.JSONDecodeError as error:
                skipped.append(Skipped(str(path), line, f"not valid JSON: {error.msg} "
                                       f"(line {line + error.lineno - 1})"))
                reported = True
                continue
            except ValueError:
                skipped.append(Skipped(str(path), line, _TOO_MANY_DIGITS))
                continue
            except RecursionError:  # within the limit, yet past a deep caller's stack
                skipped.append(Skipped(str(path), line, cursor.limits.too_deep))
                continue
            if isinstance(value, dict):
                yield RawRecord(line, {**inherited, **_clean(value, text)})
            else:
                skipped.append(Skipped(str(path), line, "not a JSON object"))
    except JsonStreamError as error:
        cursor.failed = True
        # A broken record already reported at the end of the file has lost nothing else.
        if not (reported and cursor.at_end()):
            skipped.append(Skipped(str(path), error.line, f"not valid JSON: {error}; the rest "
                                   "of the file cannot be read"))


def _more_arrays(path: Path, cursor: JsonStream, skipped: list[Skipped]) -> bool:
    """Whether another array follows the one read; anything else after it is said not
    to be read, never dropped in silence."""
    if cursor.failed:
        return False  # already said where the file stops being readable
    try:
        following = cursor.peek()
    except JsonStreamError as error:
        skipped.append(Skipped(str(path), error.line, f"not valid JSON: {error}"))
        return False
    if following in ("", "["):
        return following == "["
    skipped.append(Skipped(str(path), cursor.line, "not valid JSON: more follows the array's "
                           "end; the rest of the file cannot be read"))
    return False


def _whole_document(path: Path, skipped: list[Skipped],
                    limits: ReadLimits) -> RawRecord | None:
    """A document that is one record, read whole (one record is held in any case); a
    broken one is skipped with the line where it breaks, one over the limits at its
    first line."""
    with open_text(path) as stream:
        cursor = JsonStream(stream, limits=limits)
        try:
            text, line = cursor.value_text(stop_at_limit=True)
        except ValueOverLimit as over:
            skipped.append(Skipped(str(path), over.line, f"{over}; the document, one record, "
                                   "cannot be read"))
            return None
    try:
        return RawRecord(line, _clean(json.loads(text), text))
    except json.JSONDecodeError as error:
        skipped.append(Skipped(str(path), line + error.lineno - 1,
                               f"not valid JSON: {error.msg}; the document, one record, "
                               "cannot be read"))
    except ValueError:
        skipped.append(Skipped(str(path), line, f"{_TOO_MANY_DIGITS}; the document, one "
                               "record, cannot be read"))
    except RecursionError:  # within the limit, yet past a deep caller's stack
        skipped.append(Skipped(str(path), line, limits.too_deep))
    return None


def _clean(value: dict[str, Any], text: str) -> dict[str, Any]:
    """The record with lone UTF-16 surrogates replaced, when the text escapes any."""
    return _without_lone_surrogates(value) if _SURROGATE_ESCAPE.search(text) else value


# JSON may escape half of a UTF-16 pair ("\ud800") that no UTF-8 file or report can
# hold; such a character becomes U+FFFD rather than crashing every renderer.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _without_lone_surrogates(value: Any) -> Any:
    # Recursive, once per level: only ever given records within the nesting limit.
    if isinstance(value, str):
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    return value
