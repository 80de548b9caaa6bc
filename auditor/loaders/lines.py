"""The lines of an input, read in bounded chunks: a line longer than the record limit
is read past without being kept, so a file with no line end costs a chunk, not its
size.

Lines end with LF, CRLF or a lone CR (old Mac files). Lines are numbered from 1 as a
text editor shows them; a line that cannot be read (too long, undecodable) keeps its
number and says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from auditor.loaders.encoding import open_text
from auditor.loaders.limits import ReadLimits

__all__ = ["TextLine", "split_lines", "text_lines"]

_CHUNK = 1 << 16
_LINE_END = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line: its number and text, or why it could not be read (text None) and
    whether that is its length."""

    number: int
    text: str | None
    problem: str | None = None
    too_long: bool = False


def split_lines(stream: BinaryIO, max_bytes: int, *,
                chunk: int = _CHUNK) -> Iterator[bytes | None]:
    """Each line of the stream without its end; None for a line longer than
    `max_bytes`, which is read past, never held."""
    pending: list[bytes] = []  # the start of a line whose end is not read yet
    pending_size = 0
    too_long = False  # that line is over the limit: its bytes are no longer kept
    held = b""  # a CR that ended a chunk: half of a CRLF, or a line end of its own
    while True:
        data = stream.read(chunk)
        if not data:
            if held or pending_size or too_long:
                yield None if too_long else b"".join(pending)
            return
        data = held + data
        held = b""
        if data.endswith(b"\r"):
            data, held = data[:-1], b"\r"
        # Whole lines at C speed; a chunk inside a long line needs no splitting.
        pieces = _LINE_END.split(data) if b"\n" in data or b"\r" in data else [data]
        for index, piece in enumerate(pieces):
            if index:  # a line end came before this piece: the pending line is whole
                yield None if too_long or pending_size > max_bytes else b"".join(pending)
                pending, pending_size, too_long = [], 0, False
            if not too_long:
                pending.append(piece)
                pending_size += len(piece)
                if pending_size > max_bytes:
                    pending, too_long = [], True  # keep looking for its end, not its text


def text_lines(path: Path, limits: ReadLimits) -> Iterator[TextLine]:
    """Each line of the file decoded from UTF-8 (as `open_text` presents every input);
    an over-long or undecodable line comes with its problem instead of its text."""
    with open_text(path) as stream:
        for number, raw in enumerate(split_lines(stream, limits.max_record_bytes), start=1):
            if raw is None:
                yield TextLine(number, None, limits.too_long, too_long=True)
                continue
            try:
                yield TextLine(number, raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield TextLine(number, None, f"undecodable bytes at column {error.start + 1}; "
                               "save the file as UTF-8")
