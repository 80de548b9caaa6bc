"""CSV rows read as records, one at a time, each bounded by the record limit.

A record is one row, and a quoted cell may carry it over several lines. A record
longer than `max-record-bytes` is skipped at its first line: its lines are read past
up to the record's end (where its quotes close), and the parser starts again after
it, so one huge cell does not turn the rest of its lines into rows of their own.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from auditor.loaders.limits import ReadLimits
from auditor.loaders.lines import TextLine, text_lines
from auditor.loaders.records import RawRecord, Skipped

__all__ = ["csv_header", "read_csv"]

# What moves the parser between its states, as `csv`'s default dialect reads it.
_QUOTE_OR_COMMA = re.compile(r'[",]')


class _RecordTooLong(Exception):
    """Raised into the CSV parser when the record it is reading passes the limit."""


def read_csv(path: Path, skipped: list[Skipped],
             limits: ReadLimits | None = None) -> Iterator[RawRecord]:
    """Each CSV row as a dict keyed by the header (empty cells are empty strings).

    A record (one row, whose quoted cells may span lines) longer than the limit is
    skipped at its first line, and reading goes on after its end.
    """
    limits = limits or ReadLimits()
    # The record limit is the one that counts: the parser's own per-cell limit (128 KB
    # by default) must not skip a cell the policy allows. (It is process-wide, and
    # only ever raised.)
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_record_bytes))
    feed = _CsvFeed(path, skipped, limits)
    reader = csv.reader(feed)
    header: list[str] | None = None
    while True:
        feed.start_record()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _RecordTooLong as reason:
            if header is None:  # without its header no row can be read
                skipped.append(Skipped(str(path), feed.first_line, f"{reason}; it is the "
                                       "header, so the file cannot be read"))
                return
            skipped.append(Skipped(str(path), feed.first_line, str(reason)))
            feed.skip_rest_of_record()
            reader = csv.reader(feed)  # a fresh parser, after the record
            continue
        except csv.Error as error:
            skipped.append(Skipped(str(path), feed.last_line, f"bad CSV: {error}"))
            continue
        if header is None:
            header = [name.strip() for name in row]
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            skipped.append(Skipped(str(path), feed.first_line, f"{len(row)} cells but the "
                                   f"header has {len(header)} columns"))
            continue
        # Short rows are padded: a trailing empty cell is a missing value, not an error.
        cells = row + [""] * (len(header) - len(row))
        yield RawRecord(feed.first_line, dict(zip(header, cells, strict=True)))


class _CsvFeed:
    """The lines of a CSV file for the parser, counting the bytes of the record it is
    reading; past the limit (or at a line too long to hold) the parser is stopped.

    The lines of the record being read are kept (within the limit) so that, when it
    is stopped, where the record ends can be told from its quotes.
    """

    def __init__(self, path: Path, skipped: list[Skipped], limits: ReadLimits):
        self._lines: Iterator[TextLine] = text_lines(path, limits)
        self._path = path
        self._skipped = skipped
        self._limits = limits
        self._record: list[str] = []
        self._bytes = 0
        self._too_long_line = False
        self.first_line = 0  # the first line of the record being read
        self.last_line = 0

    def start_record(self) -> None:
        """The parser is about to read a new record."""
        self._record.clear()
        self._bytes = 0
        self._too_long_line = False
        self.first_line = 0

    def __iter__(self) -> _CsvFeed:
        return self

    def __next__(self) -> str:
        while True:
            line = next(self._lines)
            self.last_line = line.number
            self.first_line = self.first_line or line.number
            if line.text is not None:
                break
            if line.too_long:
                self._too_long_line = True
                raise _RecordTooLong(self._limits.too_long)
            # An undecodable line alone is skipped; the parser reads on.
            self._skipped.append(Skipped(str(self._path), line.number,
                                         line.problem or "unreadable"))
        text = line.text
        self._record.append(text)
        # The line break between two lines of the record counts, not the one ending it.
        self._bytes += (len(self._record) > 1) \
            + (len(text) if text.isascii() else len(text.encode("utf-8")))
        if self._bytes > self._limits.max_record_bytes:
            raise _RecordTooLong(self._limits.too_long)
        return text + "\n"  # a quoted cell that spans lines keeps its line breaks

    def skip_rest_of_record(self) -> None:
        """Read past the lines that remain of a record stopped for its length: up to
        the line where its quotes close (or the next line, when a line of it was too
        long to see its quotes)."""
        in_quotes = False if self._too_long_line else _open_quote(self._record)
        self._record.clear()
        while in_quotes:
            try:
                line = next(self._lines)
            except StopIteration:
                return
            if line.text is None:
                return  # a line that cannot be seen: start again after it
            in_quotes = _open_quote([line.text], in_quotes=True)


def _open_quote(lines: list[str], *, in_quotes: bool = False) -> bool:
    """Whether a record's lines end inside a quoted cell (so the record goes on), as
    the `csv` module's default dialect reads them; `in_quotes` when they start in one.
    A quote opens a quoted cell only as the cell's first character; inside one, a
    doubled quote is a quote and a single one closes it."""
    for text in lines:
        position = 0
        cell_start = -1 if in_quotes else 0
        while True:
            if in_quotes:
                end = text.find('"', position)
                if end < 0:
                    break  # the line break belongs to the cell
                if text.startswith('"', end + 1):
                    position = end + 2
                    continue
                in_quotes, position, cell_start = False, end + 1, -1
                continue
            match = _QUOTE_OR_COMMA.search(text, position)
            if match is None:
                break
            if match.group() == ",":
                cell_start = match.end()
            elif match.start() == cell_start:
                in_quotes = True
            position = match.end()
    return in_quotes


def csv_header(prefix: bytes) -> list[str]:
    """The header row of CSV data from the file's first bytes, for format detection."""
    first = re.split(rb"\r\n?|\n", prefix, maxsplit=1)[0].decode("utf-8", errors="replace")
    return [name.strip() for name in next(csv.reader([first]), [])]
