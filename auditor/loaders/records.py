"""Reading raw records from JSONL and CSV files, line by line, losing nothing silently.

A record that cannot be decoded or parsed becomes a `Skipped` entry with its file,
line and reason; every other record is still read.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import InputError


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


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError that says what went wrong."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory with no readable inputs") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None


def decoded_lines(path: Path, data: bytes, skipped: list[Skipped]) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line; undecodable lines are skipped, not guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            skipped.append(
                Skipped(str(path), number, f"undecodable bytes at column {error.start + 1}; "
                        "save the file as UTF-8")
            )


def read_jsonl(path: Path, data: bytes, skipped: list[Skipped]) -> Iterator[RawRecord]:
    """Each non-blank line parsed as a JSON object."""
    for number, text in decoded_lines(path, data, skipped):
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
        if _SURROGATE_ESCAPE.search(text):
            value = _without_lone_surrogates(value)
        yield RawRecord(number, value)


def read_json_records(path: Path, data: bytes, skipped: list[Skipped], *,
                      document_is_record: bool = False) -> Iterator[RawRecord]:
    """Records from JSON in any of its shapes, by what the file holds: JSON lines, a JSON
    array of records, or one JSON document.

    A document is one record when `document_is_record` (an OpenAI-style conversation),
    else, when it holds exactly one list of objects (`{"conversation_id": "c-1",
    "turns": [...]}`), each object of the list is a record that inherits the document's
    other plain values. Records are numbered by the line they start on.
    """
    text = _json_text(path, data, skipped)
    if text is None:
        yield from read_jsonl(path, data, skipped)
        return
    start = len(text) - len(text.lstrip())
    if text.startswith("[", start):
        yield from _array_records(path, text, start, skipped, {})
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        # Not one document: JSON lines whose first line is broken. Line by line, the
        # broken lines are skipped and the rest is read.
        yield from read_jsonl(path, data, skipped)
        return
    if not isinstance(document, dict):
        skipped.append(Skipped(str(path), 1, "not a JSON object or an array of objects"))
        return
    lists = [key for key, value in document.items() if isinstance(value, list) and value
             and all(isinstance(item, dict) for item in value)]
    if document_is_record or len(lists) != 1:
        yield RawRecord(_line_of(text, start), _clean(document, text))
        return
    inherited = {key: value for key, value in document.items()
                 if not isinstance(value, dict | list)}
    opening = re.compile(r'"' + re.escape(lists[0]) + r'"\s*:\s*\[').search(text, start)
    yield from _array_records(path, text, opening.end() - 1 if opening else start, skipped,
                              inherited)


def first_json_record(data: bytes) -> dict[str, Any] | None:
    """The first record a JSON file holds, for format detection: a JSON line, an array's
    first object, or a whole document (so that its own keys, `messages`, are seen)."""
    for record in read_json_records(Path("sniffed"), data[:_SNIFF_BYTES], [],
                                    document_is_record=True):
        return record.fields
    # A large array or document cut short for sniffing: read it whole instead.
    for record in read_json_records(Path("sniffed"), data, [], document_is_record=True):
        return record.fields
    return None


_SNIFF_BYTES = 1 << 16


def _json_text(path: Path, data: bytes, skipped: list[Skipped]) -> str | None:
    """The file as text when it is a JSON array or one (multi-line) document; None for
    JSON lines, which are read line by line."""
    body = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if not body.startswith((b"[", b"{")):
        return None
    first = body.split(b"\n", 1)[0].strip()
    if body.startswith(b"{"):
        try:
            json.loads(first)
            return None  # a complete object on the first line: JSON lines
        except (json.JSONDecodeError, UnicodeDecodeError):
            pass
    try:
        return data.lstrip(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        skipped.append(Skipped(str(path), line, f"undecodable bytes at byte {error.start}; "
                               "save the file as UTF-8"))
        return None if body.startswith(b"{") else ""


def _array_records(path: Path, text: str, opening: int, skipped: list[Skipped],
                   inherited: dict[str, Any]) -> Iterator[RawRecord]:
    """The objects of the JSON array that starts at `opening`, one after the other."""
    decoder = json.JSONDecoder()
    position = opening + 1
    counted, line = 0, 1  # lines are counted as the array is read, never from the start
    while True:
        position = _skip_blank(text, position)
        if position >= len(text) or text[position] == "]":
            return
        line += text.count("\n", counted, position)
        counted = position
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(str(path), line, f"not valid JSON: {error.msg} "
                                   f"(line {error.lineno}, column {error.colno}); the rest of "
                                   "the array cannot be read"))
            return
        if isinstance(value, dict):
            yield RawRecord(line, {**inherited, **_clean(value, text)})
        else:
            skipped.append(Skipped(str(path), line, "not a JSON object"))
        position = _skip_blank(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def _skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


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


def read_csv(path: Path, data: bytes, skipped: list[Skipped]) -> Iterator[RawRecord]:
    """Each CSV row as a dict keyed by the header (empty cells are empty strings)."""
    lines = decoded_lines(path, data, skipped)
    numbers: list[int] = []

    def text_lines() -> Iterator[str]:
        for number, text in lines:
            numbers.append(number)
            yield text

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


def csv_header(data: bytes) -> list[str]:
    """The header row of CSV data, for format detection."""
    first = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return [name.strip() for name in next(csv.reader([first]), [])]
