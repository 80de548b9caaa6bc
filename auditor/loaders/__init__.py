"""Loaders: export files in, canonical `AuditInput` out, with every skipped record listed.

`load_inputs` is the one entry point. Formats are registered input formats
(`formats.py`, entry points `auditor.formats`); detection is automatic (see
`detect.py`) and can be forced with `LoadOptions.input_format`. What one record may
hold is bounded by `LoadOptions.limits` (the policy's `max-record-bytes` and
`max-nesting`); files are read as text in whatever encoding they are in
(`encoding.py`), and only regular files are read (`files.py`).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.csv_rows import read_csv
from auditor.loaders.decisions import DecisionOptions
from auditor.loaders.detect import INPUT_SUFFIXES, detect_format
from auditor.loaders.encoding import NotText, forget_encodings, open_text, text_encoding
from auditor.loaders.files import dangling_link_reason, file_digest, not_regular_reason
from auditor.loaders.formats import (
    UNEXPECTED_SHAPE,
    InputFormat,
    input_formats,
    record_by_record,
)
from auditor.loaders.grouping import TurnGrouping
from auditor.loaders.limits import ReadLimits
from auditor.loaders.records import (
    SNIFF_BYTES,
    RawRecord,
    RecordSkipped,
    Skipped,
    read_json_records,
    read_prefix,
)
from auditor.loaders.transcript import TurnRecord, make_turn
from auditor.model import AuditInput, Conversation, Decision
from auditor.redaction import redact

__all__ = ["InputFile", "InputFormat", "LoadOptions", "LoadedInputs", "ReadInputs", "ReadLimits",
           "RecordSkipped", "Skipped", "TurnRecord", "input_formats", "load_inputs",
           "make_turn", "read_inputs", "record_by_record"]


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to read inputs: a forced format, column and role mappings, decision settings,
    and the most one record may hold (set from the policy by `run_audit`)."""

    input_format: str | None = None
    overrides: ColumnOverrides = field(default_factory=ColumnOverrides)
    decisions: DecisionOptions = field(default_factory=DecisionOptions)
    limits: ReadLimits = field(default_factory=ReadLimits)


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file read: its digest, format, and how many records were audited or skipped."""

    path: str
    sha256: str
    format: str
    records: int
    skipped: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {"path": self.path, "sha256": self.sha256, "format": self.format,
                "records": self.records, "skipped": self.skipped}


@dataclass(frozen=True, slots=True)
class LoadedInputs:
    """The canonical audit input plus what was read and what was skipped, and notes on
    how it was read (an encoding told from a file's content)."""

    audit: AuditInput
    inputs: tuple[InputFile, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadInputs:
    """The inputs read, their conversations left grouped (`TurnGrouping`) to be
    assembled one at a time, as often as needed, while the reading is open
    (`read_inputs`): what an audit that never holds every conversation reads."""

    turns: TurnGrouping
    decisions: tuple[Decision, ...]
    inputs: tuple[InputFile, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()

    def conversations(self) -> Iterator[Conversation]:
        """Every conversation, in the order it was first read."""
        return self.turns.conversations()

    def conversation(self, conversation_id: str) -> Conversation | None:
        """The conversation of that id, or None if none was read."""
        return self.turns.conversation(conversation_id)

    def loaded(self) -> LoadedInputs:
        """Everything read, every conversation held."""
        return LoadedInputs(AuditInput(conversations=tuple(self.conversations()),
                                       decisions=self.decisions),
                            self.inputs, self.skipped, self.notes)


def load_inputs(
    transcripts: Sequence[Path],
    decisions: Sequence[Path] = (),
    options: LoadOptions | None = None,
) -> LoadedInputs:
    """Read every transcript and decision file; raise InputError for unreadable inputs."""
    with read_inputs(transcripts, decisions, options) as read:
        return read.loaded()


@contextmanager
def read_inputs(
    transcripts: Sequence[Path],
    decisions: Sequence[Path] = (),
    options: LoadOptions | None = None,
) -> Iterator[ReadInputs]:
    """Read every transcript and decision file as `load_inputs` does, leaving the
    conversations grouped until the block ends; raise InputError for unreadable inputs."""
    options = options or LoadOptions()
    if options.input_format is not None and options.input_format not in input_formats():
        raise InputError(f"unknown --input-format {options.input_format!r}; "
                         f"use one of {', '.join(input_formats())}")
    forget_encodings()
    with TurnGrouping() as turns:
        yield _read_all(transcripts, decisions, options, turns)


def _read_all(transcripts: Sequence[Path], decisions: Sequence[Path], options: LoadOptions,
              turns: TurnGrouping) -> ReadInputs:
    """The reading of `read_inputs`, with the transcripts' turns grouped in `turns`."""
    rows: list[Decision] = []
    inputs: list[InputFile] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    for given, as_decisions in ((transcripts, False), (decisions, True)):
        for path in expand_paths(given):
            if isinstance(path, Skipped):
                skipped.append(_masked(path))
                continue
            encoding = text_encoding(path)
            if isinstance(encoding, NotText):
                # Nothing of it can be read as text: one entry for the whole file.
                skipped.append(_masked(Skipped(str(path), 0, encoding.reason)))
                continue
            notes.extend(filter(None, [encoding.note(path)]))
            inputs.append(_load_file(path, options, turns, rows, skipped,
                                     decisions=as_decisions))
    return ReadInputs(turns, tuple(rows), tuple(inputs), tuple(skipped), tuple(notes))


def expand_paths(paths: Sequence[Path]) -> list[Path | Skipped]:
    """Files as given, and each directory's input files (recursively, sorted).

    What cannot be read as a file is never passed over in silence: a symbolic link to
    nothing is listed as skipped (line 0: the whole file), and so is a device, a pipe
    or a socket found in a directory; one given by name (or `-`, standard input) is
    refused with an InputError when opened, as reading it might never end.
    """
    files: list[Path | Skipped] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in INPUT_SUFFIXES
                           and not p.is_dir())
            if not found:
                raise InputError(f"{path}: directory has no .jsonl, .json or .csv files")
            files.extend(_unreadable(p) or p for p in found)
            continue
        dangling = dangling_link_reason(path)
        files.append(Skipped(str(path), 0, dangling) if dangling else path)
    return files


def _unreadable(path: Path) -> Skipped | None:
    """A directory entry that is not a regular file, as a skipped entry (else None)."""
    reason = dangling_link_reason(path)
    if reason is None:
        try:
            reason = not_regular_reason(os.stat(path).st_mode)
        except OSError as error:
            reason = f"cannot be read ({error.strerror})"
        reason = f"{reason}; it was not read" if reason else None
    return Skipped(str(path), 0, reason) if reason else None


def _load_file(
    path: Path,
    options: LoadOptions,
    turns: TurnGrouping,
    rows: list[Decision],
    skipped: list[Skipped],
    *,
    decisions: bool,
) -> InputFile:
    """Read one file into `turns` or `rows`, recording skipped records."""
    if not read_prefix(path).strip() and _is_blank(path):
        raise InputError(f"{path}: file is empty")
    fmt = _format_for(path, options, decisions)
    file_skipped: list[Skipped] = []
    consumed = [0]

    def counted(records: Iterator[RawRecord]) -> Iterator[RawRecord]:
        for record in records:
            consumed[0] += 1
            yield record

    read: list[Decision] = []
    turn_count = 0
    try:
        for item in fmt.read(path, counted(_raw_records(path, fmt, file_skipped,
                                                        options.limits)),
                             options, file_skipped):
            if fmt.kind == "decisions":
                read.append(item)
                continue
            # Turns go straight to the grouping, which bounds the memory they take.
            turns.add(item if fmt.logs_people else replace(item, people_logged=False))
            turn_count += 1
    except RecordSkipped as reason:
        # A reader should skip a bad record itself and go on; one that lets the
        # skip escape has stopped, so what it had not read is said to be lost.
        raise InputError(f"{path}: the {fmt.name} reader stopped at a record it could not "
                         f"read ({redact(str(reason))})") from None
    except (*UNEXPECTED_SHAPE, RecursionError) as error:
        # A reader of the whole file met a shape it did not expect (or one nested past
        # what it can walk): say which file and format, rather than fail the run as an
        # internal error.
        raise InputError(f"{path}: the {fmt.name} reader could not read this file "
                         f"({type(error).__name__}: {redact(str(error))}); force another "
                         "format with --input-format if it is not one") from None
    if consumed[0] and not turn_count and not file_skipped and fmt.kind == "transcripts":
        # Records were there, yet not one turn came out and none was reported: say so
        # rather than audit the other files as if this one had been read.
        file_skipped.append(Skipped(str(path), 1, f"nothing in this file could be read as "
                                    f"{fmt.name}: no turn found"))
    if fmt.kind == "decisions":
        rows.extend(read)
        count = len(read)
    else:
        # A record that is a whole conversation counts once, however many turns it
        # holds (and however many share a line, as in one-line JSON).
        count = consumed[0] if fmt.counts_conversations else turn_count
    skipped.extend(_masked(item) for item in file_skipped)
    return InputFile(str(path), file_digest(path), fmt.name, count, len(file_skipped))


def _masked(item: Skipped) -> Skipped:
    """A skipped record as reports may show it. Its reason may quote the bad value,
    which may be personal data: masked here, before any report, log or terminal line
    can show it, and wherever the reason repeats it (a --role hint names the speaker
    again, where a name is harder to recognise)."""
    if item.value is None:
        return replace(item, reason=redact(item.reason))
    value = redact(item.value)
    reason = item.reason
    if value != item.value:
        # Quoted, so that a hint stays a valid (if unmatched) shell word.
        reason = reason.replace(repr(item.value), repr(value)) \
            .replace(shlex.quote(item.value), shlex.quote(value))
    return replace(item, reason=redact(reason), value=value)


def _is_blank(path: Path) -> bool:
    """Whether a file holds nothing but white space (and a byte-order mark), read in
    chunks."""
    with open_text(path) as stream:
        return all(not chunk.strip() for chunk in iter(lambda: stream.read(SNIFF_BYTES), b""))


def _format_for(path: Path, options: LoadOptions, decisions: bool) -> InputFormat:
    """The forced format if it fits the file's role, else the detected one."""
    if options.input_format is None:
        return detect_format(path, decisions=decisions, limits=options.limits)
    forced = input_formats()[options.input_format]
    if decisions and forced.kind == "transcripts":
        return detect_format(path, decisions=True, limits=options.limits)
    if not decisions and forced.kind == "decisions":
        raise InputError(f"{path}: --input-format {forced.name} is for decision logs; "
                         "pass decision logs with --decisions FILE")
    return forced


def _raw_records(path: Path, fmt: InputFormat, skipped: list[Skipped],
                 limits: ReadLimits) -> Iterator[RawRecord]:
    """The record reader for a format's container (JSON or CSV rows), read as a stream."""
    if fmt.container == "csv":
        return read_csv(path, skipped, limits)
    return read_json_records(path, skipped, document_is_record=fmt.document_is_record,
                             limits=limits)
