"""JSON arrays and documents read as a stream, one value at a time, with the line each
value starts on.

A large export (a year of transcripts in one JSON array, a Dataverse `{"value":
[...]}` page) is never held whole: memory holds one record and a read-ahead chunk.
Each value's text is cut out by a small scanner that tracks strings and nesting, then
parsed with the standard `json` module. Streaming parsers such as ijson do not say
where a value started, and a skipped record must be reported by its line.

A value longer than the limits' `max_record_bytes`, or nested deeper than their
`max_nesting`, is stepped over without being kept (`ValueOverLimit`), so one huge or
hostile record costs neither memory nor the rest of the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from auditor.loaders.limits import ReadLimits

__all__ = ["JsonStream", "JsonStreamError", "ValueOverLimit", "array_items", "nested_deeper"]

_CHUNK = 1 << 16
_BLANK = " \t\r\n"
_NOT_BLANK = re.compile(r"[^ \t\r\n]")
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


class ValueOverLimit(Exception):
    """The value starting at `line` was over a limit (the reason says which) and was
    stepped over without being kept; the stream goes on after it."""

    def __init__(self, reason: str, line: int):
        super().__init__(reason)
        self.line = line


class JsonStream:
    """A cursor over the text of a binary JSON stream (UTF-8, with or without a BOM).

    `value_text()` returns the text of the next JSON value whole; `peek()` and
    `expect()` step over the punctuation between values. Text already read is dropped,
    so memory is bounded by the largest value kept, itself bounded by `limits`.
    """

    def __init__(self, stream: BinaryIO, *, chunk: int = _CHUNK,
                 limits: ReadLimits | None = None):
        self._stream = stream
        self._chunk = chunk
        self._limits = limits or ReadLimits()
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self._buffer = ""
        self._position = 0
        self._line = 1  # the line of self._position
        self._ended = False
        self._undecodable: JsonStreamError | None = None
        # While a value is scanned: where the scan is, whether its text is kept, and
        # why not when it is not.
        self._scan = 0
        self._keeping = True
        self._over: str | None = None
        self._stop_at_limit = False
        self._value_line = 1
        # Set by a reader that met an error here: nothing after it is read.
        self.failed = False

    @property
    def line(self) -> int:
        """The line the cursor is on."""
        return self._line

    @property
    def limits(self) -> ReadLimits:
        """The most one value may hold."""
        return self._limits

    def peek(self) -> str:
        """The next character that is not blank, without taking it ("" at the end)."""
        while True:
            found = _NOT_BLANK.search(self._buffer, self._position)
            end = found.start() if found else len(self._buffer)
            self._line += self._buffer.count("\n", self._position, end)
            self._position = end
            if found is not None:
                return found.group()
            self._compact()
            if not self._read_more():
                return ""

    def expect(self, characters: str) -> str:
        """Take the next non-blank character, which must be one of `characters`."""
        found = self.peek()
        if not found or found not in characters:
            shown = repr(found) if found else "the end of the file"
            wanted = " or ".join(repr(c) for c in characters)
            raise JsonStreamError(f"expected {wanted} but found {shown}", self._line)
        self._position += 1
        return found

    def value_text(self, *, stop_at_limit: bool = False) -> tuple[str, int]:
        """The text of the next JSON value and the line it starts on; ValueOverLimit
        (with the cursor after the value) for one over the limits.

        With `stop_at_limit`, a value over the limits is not read to its end: the
        ValueOverLimit comes at once and the cursor is left inside it, for a reader
        that cannot go on without it (a document's member, a one-record document).
        """
        line = self._line
        over = self._step_over_value(keep=True, stop_at_limit=stop_at_limit)
        text = "" if over is not None else self._buffer[self._position:self._scan]
        self._advance()
        if over is not None:
            raise ValueOverLimit(over, line)
        return text, line

    def skip_value(self) -> int:
        """Step over the next JSON value without keeping it; the line it starts on."""
        line = self._line
        self._step_over_value(keep=False, stop_at_limit=False)
        self._advance()
        return line

    def at_end(self) -> bool:
        """Whether only blanks are left."""
        return self.peek() == ""

    def _step_over_value(self, *, keep: bool, stop_at_limit: bool) -> str | None:
        """Scan the value at the cursor to its end (`self._scan`); None when its text
        was kept whole, else why it was not."""
        first = self.peek()
        if not first:
            raise JsonStreamError("expected a value but found the end of the file", self._line)
        self._scan, self._keeping, self._over = self._position, keep, None
        self._stop_at_limit, self._value_line = stop_at_limit, self._line
        if first in "[{":
            self._end_of_container()
        elif first == '"':
            self._scan += 1
            self._end_of_string()
        else:
            self._end_of_scalar()
        if self._keeping and self._longer_than_allowed(self._position, self._scan):
            self._stop_keeping(self._limits.too_long)
        return self._over

    def _advance(self) -> None:
        """Move the cursor to the end of the value just scanned."""
        self._line += self._buffer.count("\n", self._position, self._scan)
        self._position = self._scan
        self._keeping = True
        self._compact()

    def _longer_than_allowed(self, start: int, end: int) -> bool:
        limit = self._limits.max_record_bytes
        if end - start > limit:
            return True
        # A character takes up to 4 bytes in UTF-8; count them only when it matters.
        return (end - start) * 4 > limit and \
            len(self._buffer[start:end].encode("utf-8", "surrogatepass")) > limit

    def _stop_keeping(self, reason: str) -> None:
        """Give up the text of the value being scanned; only its end is looked for
        (or, when asked to stop at the limit, the value is given up here)."""
        if self._stop_at_limit:
            raise ValueOverLimit(reason, self._value_line)
        if self._over is None:
            self._over = reason
        self._keeping = False
        self._drop_scanned()

    def _drop_scanned(self) -> None:
        """Drop the text scanned so far (counting its lines)."""
        self._line += self._buffer.count("\n", self._position, self._scan)
        self._buffer = self._buffer[self._scan:]
        self._position = self._scan = 0

    def _end_of_container(self) -> None:
        depth = 0
        while True:
            match = _STRUCTURE.search(self._buffer, self._scan)
            if match is None:
                self._scan = len(self._buffer)
                if not self._read_more():
                    raise JsonStreamError("the file ends inside an array or object",
                                          self._line + self._buffer.count("\n", self._position))
                continue
            character = match.group()
            self._scan = match.end()
            if character == '"':
                self._end_of_string()
                continue
            depth += 1 if character in "[{" else -1
            if depth > self._limits.max_nesting and self._keeping:
                self._stop_keeping(self._limits.too_deep)
            if depth == 0:
                return

    def _end_of_string(self) -> None:
        """Move the scan past the string whose opening quote is before it."""
        start_line = self._line
        quote = -1
        while True:
            # A search for one character is the fastest way over a long text; the next
            # quote is looked for again only once the scan has passed it.
            if quote < self._scan:
                quote = self._buffer.find('"', self._scan)
            escape = self._buffer.find("\\", self._scan,
                                       quote if quote >= 0 else len(self._buffer))
            if escape >= 0 and escape + 1 < len(self._buffer):
                self._scan = escape + 2  # an escape: skip the escaped character
                continue
            if escape >= 0 or quote < 0:  # an escape or the string's end still to come
                self._scan = escape if escape >= 0 else len(self._buffer)
                if not self._read_more():
                    raise JsonStreamError("the file ends inside a string", start_line)
                quote = -1  # the buffer has moved
                continue
            self._scan = quote + 1
            return

    def _end_of_scalar(self) -> None:
        while True:
            match = _SCALAR_END.search(self._buffer, self._scan)
            if match is not None:
                self._scan = match.start()
                return
            self._scan = len(self._buffer)
            if not self._read_more():
                return

    def _read_more(self) -> bool:
        """Append the next chunk to the buffer; False at the end of the stream.

        The text of a value being scanned is kept up to the record limit; past it, or
        when the value is not kept at all, what is scanned is dropped before reading
        on, so memory holds at most one record and a chunk.
        """
        # Characters while reading (cheap): more of them than the limit is more bytes too.
        if self._keeping and self._scan - self._position > self._limits.max_record_bytes:
            self._stop_keeping(self._limits.too_long)
        elif not self._keeping:
            self._drop_scanned()
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
            self._scan -= self._position
            self._position = 0


def array_items(stream: JsonStream) -> Iterator[tuple[str, int] | ValueOverLimit]:
    """The text and line of each value of the array at the cursor; a value over the
    stream's limits comes as its ValueOverLimit, and the values after it follow."""
    stream.expect("[")
    if stream.peek() == "]":
        stream.expect("]")
        return
    while True:
        try:
            yield stream.value_text()
        except ValueOverLimit as over:
            yield over
        if stream.expect(",]") == "]":
            return
        if stream.peek() == "]":  # a trailing comma, which many writers leave
            stream.expect("]")
            return


def nested_deeper(text: str, limit: int) -> bool:
    """Whether the JSON text nests arrays and objects more than `limit` deep (checked
    before parsing: the parser and every walker of its result recurse per level)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # cannot be, whatever the strings hold
    depth, position = 0, 0
    while True:
        match = _STRUCTURE.search(text, position)
        if match is None:
            return False
        position = match.end()
        character = match.group()
        if character == '"':
            position = _after_string(text, position)
            continue
        depth += 1 if character in "[{" else -1
        if depth > limit:
            return True


def _after_string(text: str, position: int) -> int:
    """The position after the string whose opening quote is before `position` (the
    end of the text for an unterminated one)."""
    while True:
        match = _IN_STRING.search(text, position)
        if match is None:
            return len(text)
        if match.group() == '"':
            return match.end()
        position = match.end() + 1
