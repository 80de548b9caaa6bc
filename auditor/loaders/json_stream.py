"""JSON arrays and documents read as a stream, one value at a time, with the line each
value starts on.

A large export (a year of transcripts in one JSON array, a Dataverse `{"value":
[...]}` page) is never held whole: memory holds one record and a read-ahead chunk.
Each value's text is cut out by a small scanner that tracks strings and nesting, then
parsed with the standard `json` module. Streaming parsers such as ijson do not say
where a value started, and a skipped record must be reported by its line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["JsonStream", "JsonStreamError", "array_items"]

_CHUNK = 1 << 16
_BLANK = " \t\r\n"
# Outside a string, the characters that change the nesting or open a string; inside
# one, its end or an escape.
_STRUCTURE = re.compile(r'[\[\]{}"]')
_IN_STRING = re.compile(r'["\\]')
_SCALAR_END = re.compile(r"[,\]}\s]")


class JsonStreamError(ValueError):
    """The stream is not valid JSON at `line`; what follows cannot be read."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


class JsonStream:
    """A cursor over the text of a binary JSON stream (UTF-8, with or without a BOM).

    `value_text()` returns the text of the next JSON value whole; `peek()` and
    `expect()` step over the punctuation between values. Text already read is dropped,
    so memory is bounded by the largest single value.
    """

    def __init__(self, stream: BinaryIO, *, chunk: int = _CHUNK):
        self._stream = stream
        self._chunk = chunk
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self._buffer = ""
        self._position = 0
        self._line = 1  # the line of self._position
        self._ended = False
        self._undecodable: JsonStreamError | None = None
        # Set by a reader that met an error here: nothing after it is read.
        self.failed = False

    @property
    def line(self) -> int:
        """The line the cursor is on."""
        return self._line

    def peek(self) -> str:
        """The next character that is not blank, without taking it ("" at the end)."""
        while True:
            while self._position < len(self._buffer) and self._buffer[self._position] in _BLANK:
                if self._buffer[self._position] == "\n":
                    self._line += 1
                self._position += 1
            if self._position < len(self._buffer) or not self._read_more():
                return self._buffer[self._position:self._position + 1]

    def expect(self, characters: str) -> str:
        """Take the next non-blank character, which must be one of `characters`."""
        found = self.peek()
        if not found or found not in characters:
            shown = repr(found) if found else "the end of the file"
            wanted = " or ".join(repr(c) for c in characters)
            raise JsonStreamError(f"expected {wanted} but found {shown}", self._line)
        self._position += 1
        return found

    def value_text(self) -> tuple[str, int]:
        """The text of the next JSON value and the line it starts on."""
        first = self.peek()
        line = self._line
        if not first:
            raise JsonStreamError("expected a value but found the end of the file", line)
        start = self._position
        if first in "[{":
            end = self._end_of_container(start)
        elif first == '"':
            end = self._end_of_string(start + 1)
        else:
            end = self._end_of_scalar(start)
        text = self._buffer[start:end]
        self._line += text.count("\n")
        self._position = end
        self._compact()
        return text, line

    def at_end(self) -> bool:
        """Whether only blanks are left."""
        return self.peek() == ""

    def _end_of_container(self, start: int) -> int:
        depth, position = 0, start
        while True:
            match = _STRUCTURE.search(self._buffer, position)
            if match is None:
                position = len(self._buffer)
                if not self._read_more():
                    raise JsonStreamError("the file ends inside an array or object",
                                          self._line + self._buffer.count("\n", start))
                continue
            character = match.group()
            if character == '"':
                position = self._end_of_string(match.end())
                continue
            depth += 1 if character in "[{" else -1
            position = match.end()
            if depth == 0:
                return position

    def _end_of_string(self, position: int) -> int:
        """The position after the string whose opening quote is before `position`."""
        while True:
            match = _IN_STRING.search(self._buffer, position)
            if match is None or (match.group() == "\\" and match.end() >= len(self._buffer)):
                position = match.start() if match is not None else len(self._buffer)
                if not self._read_more():
                    raise JsonStreamError("the file ends inside a string", self._line)
                continue
            if match.group() == '"':
                return match.end()
            position = match.end() + 1  # an escape: skip the escaped character

    def _end_of_scalar(self, start: int) -> int:
        while True:
            match = _SCALAR_END.search(self._buffer, start)
            if match is not None:
                return match.start()
            if not self._read_more():
                return len(self._buffer)

    def _read_more(self) -> bool:
        """Append the next chunk to the buffer; False at the end of the stream."""
        if self._ended:
            return False
        if self._undecodable is not None:
            raise self._undecodable
        raw = self._stream.read(self._chunk)
        try:
            text = self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as error:
            # Keep what decodes before the bad bytes; the error comes when the scan
            # reaches them, at their own line.
            text = raw[:error.start].decode("utf-8", errors="ignore")
            line = (self._line + self._buffer.count("\n", self._position)
                    + text.count("\n"))
            self._undecodable = JsonStreamError(
                f"undecodable bytes ({error.reason}); save the file as UTF-8", line)
            self._buffer += text
            return True
        if not raw:
            self._ended = True
        self._buffer += text
        return bool(text) or not self._ended

    def _compact(self) -> None:
        """Drop the text already read, once there is enough of it to be worth copying."""
        if self._position > self._chunk:
            self._buffer = self._buffer[self._position:]
            self._position = 0


def array_items(stream: JsonStream) -> Iterator[tuple[str, int]]:
    """The text and line of each value of the array at the cursor."""
    stream.expect("[")
    if stream.peek() == "]":
        stream.expect("]")
        return
    while True:
        yield stream.value_text()
        if stream.expect(",]") == "]":
            return
        if stream.peek() == "]":  # a trailing comma, which many writers leave
            stream.expect("]")
            return
