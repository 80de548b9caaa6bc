"""Reading raw records from JSONL and CSV files, line by line, losing nothing silently.

A record that cannot be decoded or parsed becomes a `Skipped` entry with its file,
line and reason; every other record is still read.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from io import BufferedReader
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.loaders.json_stream import JsonStream, JsonStreamError, array_items


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


@contextmanager
def open_input(path: Path) -> Iterator[BufferedReader]:
    """A file opened for reading, or an InputError that says what went wrong."""
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory with no readable inputs") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    with stream:
        yield stream


def read_prefix(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first `size` bytes of a file (for detection), or an InputError."""
    with open_input(path) as stream:
        return stream.read(size)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    with open_input(path) as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def decoded_lines(path: Path, skipped: list[Skipped]) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, read one at a time; undecodable lines are
    skipped, not guessed."""
    number = 0
    with open_input(path) as stream:
        for raw in stream:
            if number == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            # Old Mac files end lines with a lone CR.
            for piece in raw.rstrip(b"\r\n").split(b"\r"):
                number += 1
                try:
                    yield number, piece.decode("utf-8")
                except UnicodeDecodeError as error:
                    skipped.append(
                        Skipped(str(path), number, f"undecodable bytes at column "
                                f"{error.start + 1}; save the file as UTF-8"))


def read_jsonl(path: Path, skipped: list[Skipped]) -> Iterator[RawRecord]:
    """Each non-blank line parsed as a JSON object."""
    for number, text in decoded_lines(path, skipped):
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(str(path), number, f"not valid JSON: {error.msg} "
                                   f"(column {error.colno})"))
            continue
        if not isinstance(value, dict):
            skipped.append(Skipped(str(path), number, "not a JSON object"))
            continue
        yield RawRecord(number, _clean(value, text))


def read_json_records(path: Path, skipped: list[Skipped], *,
                      document_is_record: bool = False) -> Iterator[RawRecord]:
    """Records from JSON in any of its shapes, by what the file holds: JSON lines, a JSON
    array of records, or one JSON document; arrays and documents are read as a stream.

    A document is one record when `document_is_record` (an OpenAI-style conversation),
    else, when it holds exactly one list of objects (`{"conversation_id": "c-1",
    "turns": [...]}`), each object of the list is a record that inherits the document's
    other plain values. Records are numbered by the line they start on.
    """
    shape = json_shape(read_prefix(path))
    if shape == "array":
        with open_input(path) as stream:
            cursor = JsonStream(stream)
            yield from _stream_records(path, cursor, skipped, {})
            # Arrays one after the other (pages appended to one file) are read in turn.
            while _more_arrays(path, cursor, skipped):
                yield from _stream_records(path, cursor, skipped, {})
        return
    outline = _outline(path) if shape == "document" else None
    if isinstance(outline, Skipped):
        if not _looks_like_lines(path):
            skipped.append(outline)  # one broken document: said once, where it breaks
            return
        outline = None
    if outline is None:
        # JSON lines, or JSON lines whose first line is broken. Line by line, the
        # broken lines are skipped and the rest is read.
        yield from read_jsonl(path, skipped)
        return
    if document_is_record or len(outline.record_lists) != 1:
        record = _whole_document(path, skipped)
        if record is not None:
            yield record
        return
    with open_input(path) as stream:
        cursor = JsonStream(stream)
        _seek_member(cursor, outline.record_lists[0])
        yield from _stream_records(path, cursor, skipped, outline.inherited)


def first_json_record(path: Path) -> dict[str, Any] | None:
    """The first record a JSON file holds, for format detection: a JSON line, an array's
    first object, or a document (its lists cut to their first items, so that a large
    one is never held whole, and its own keys, `messages`, are seen)."""
    shape = json_shape(read_prefix(path))
    if shape == "document":
        outline = _outline(path)
        if isinstance(outline, _Outline):
            return outline.sample
    if shape == "array":
        with open_input(path) as stream:
            return next((record.fields for record in
                         _stream_records(path, JsonStream(stream), [], {})), None)
    return next((record.fields for record in read_jsonl(path, [])), None)


# How many items of each list a document's sample keeps for detection.
_SAMPLE_ITEMS = 3


def json_shape(prefix: bytes) -> str:
    """`array`, `document` or `lines` (JSON lines, or not JSON at all), from the start
    of a file: a document is an object that does not end on its first line, or a
    file's only line."""
    body = prefix.lstrip(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"["):
        return "array"
    if not body.startswith(b"{"):
        return "lines"
    first, _, rest = body.partition(b"\n")
    try:
        json.loads(first.strip())
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "document"
    # A complete object on the first line: JSON lines, unless it is the only line (a
    # minified document, read as one whatever its size).
    return "document" if not rest.strip() and len(prefix) < SNIFF_BYTES else "lines"


@dataclass(frozen=True, slots=True)
class _Outline:
    """A JSON document's shape, read in one streamed pass without keeping its lists."""

    sample: dict[str, Any]  # the document with each list cut to its first items
    inherited: dict[str, Any]  # its plain (not object, not list) values
    record_lists: tuple[str, ...]  # keys of its non-empty lists of objects


def _looks_like_lines(path: Path) -> bool:
    """Whether a file whose start is no whole document reads as JSON lines: a later
    line among the first few is a whole object on its own."""
    lines = read_prefix(path).splitlines()[1:8]
    for line in lines:
        if not line.startswith(b"{"):
            continue  # an object indented inside a document is not a line of its own
        try:
            if isinstance(json.loads(line), dict):
                return True
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
    return False


def _outline(path: Path) -> _Outline | Skipped:
    """The outline of the document in `path`, or where and why it is not one JSON
    object."""
    sample: dict[str, Any] = {}
    inherited: dict[str, Any] = {}
    record_lists: list[str] = []
    try:
        with open_input(path) as stream:
            cursor = JsonStream(stream)
            cursor.expect("{")
            while cursor.peek() != "}":
                key = json.loads(cursor.value_text()[0])
                cursor.expect(":")
                if cursor.peek() == "[":
                    items: list[Any] = []
                    first_object = None
                    for text, _ in array_items(cursor):
                        if first_object is None:
                            first_object = text.startswith("{")
                        if len(items) < _SAMPLE_ITEMS:
                            with suppress(json.JSONDecodeError, RecursionError):
                                items.append(json.loads(text))  # reported when read
                    sample[key] = items
                    if first_object:  # a list of records (its odd items skipped when read)
                        record_lists.append(key)
                else:
                    value = json.loads(cursor.value_text()[0])
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
    except (json.JSONDecodeError, RecursionError, TypeError) as error:
        return Skipped(str(path), cursor.line, f"not valid JSON ({type(error).__name__}); the "
                       "file cannot be read as one document")
    return _Outline(_without_lone_surrogates(sample), _without_lone_surrogates(inherited),
                    tuple(record_lists))


def _seek_member(cursor: JsonStream, wanted: str) -> None:
    """Move the cursor of a document to the value of its member `wanted`."""
    cursor.expect("{")
    while True:
        key = json.loads(cursor.value_text()[0])
        cursor.expect(":")
        if key == wanted:
            return
        cursor.value_text()
        cursor.expect(",")


def _stream_records(path: Path, cursor: JsonStream, skipped: list[Skipped],
                    inherited: dict[str, Any]) -> Iterator[RawRecord]:
    """The objects of the array at the cursor, one at a time; a broken element is
    skipped at its line and, while the array's own punctuation holds, the next read."""
    reported = False
    try:
        for text, line in array_items(cursor):
            reported = False
            try:
                value = json.loads(text)
            except json.JSONDecodeError as error:
                skipped.append(Skipped(str(path), line, f"not valid JSON: {error.msg} "
                                       f"(line {line + error.lineno - 1})"))
                reported = True
                continue
            except RecursionError:
                skipped.append(Skipped(str(path), line, "nested too deeply to be read"))
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


def _whole_document(path: Path, skipped: list[Skipped]) -> RawRecord | None:
    """A document that is one record, read whole (one record is held in any case); a
    broken one is skipped with the line where it breaks."""
    with open_input(path) as stream:
        cursor = JsonStream(stream)
        text, line = cursor.value_text()
    try:
        return RawRecord(line, _clean(json.loads(text), text))
    except json.JSONDecodeError as error:
        skipped.append(Skipped(str(path), line + error.lineno - 1,
                               f"not valid JSON: {error.msg}; the document, one record, "
                               "cannot be read"))
    except RecursionError:
        skipped.append(Skipped(str(path), line, "nested too deeply to be read"))
    return None


def _clean(value: dict[str, Any], text: str) -> dict[str, Any]:
    """The record with lone UTF-16 surrogates replaced, when the text escapes any."""
    return _without_lone_surrogates(value) if _SURROGATE_ESCAPE.search(text) else value


# JSON may escape half of a UTF-16 pair ("\ud800") that no UTF-8 file or report can
# hold; such a character becomes U+FFFD rather than crashing every renderer.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    return value


def read_csv(path: Path, skipped: list[Skipped]) -> Iterator[RawRecord]:
    """Each CSV row as a dict keyed by the header (empty cells are empty strings)."""
    lines = decoded_lines(path, skipped)
    numbers: list[int] = []

    def text_lines() -> Iterator[str]:
        for number, text in lines:
            numbers.append(number)
            yield text + "\n"  # a quoted cell that spans lines keeps its line breaks

    reader = csv.reader(text_lines())
    header: list[str] | None = None
    while True:
        first_line_index = len(numbers)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            skipped.append(Skipped(str(path), numbers[-1] if numbers else 0, f"bad CSV: {error}"))
            continue
        # A quoted cell may span lines: the record is reported at its first line.
        line = numbers[first_line_index] if first_line_index < len(numbers) else 0
        if header is None:
            header = [name.strip() for name in row]
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            skipped.append(Skipped(str(path), line, f"{len(row)} cells but the header has "
                                   f"{len(header)} columns"))
            continue
        # Short rows are padded: a trailing empty cell is a missing value, not an error.
        cells = row + [""] * (len(header) - len(row))
        yield RawRecord(line, dict(zip(header, cells, strict=True)))


def csv_header(prefix: bytes) -> list[str]:
    """The header row of CSV data from the file's first bytes, for format detection."""
    first = re.split(rb"\r\n?|\n", prefix.lstrip(b"\xef\xbb\xbf"), maxsplit=1)[0].decode(
        "utf-8", errors="replace")
    return [name.strip() for name in next(csv.reader([first]), [])]
