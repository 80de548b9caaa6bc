"""Telling an input's format from its content: its container (JSON or CSV), then the
first record, offered to every registered format (`auditor.loaders.formats`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.loaders.formats import InputFormat, input_formats
from auditor.loaders.records import csv_header, first_json_record, read_prefix

INPUT_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv", ".transcript"})


def detect_format(path: Path, *, decisions: bool = False) -> InputFormat:
    """The input format of `path`, or an InputError naming the way to force one.

    Given with --decisions, only decision formats are considered; a transcript input
    may turn out to be a decision log.
    """
    prefix = read_prefix(path)
    first = _first_line(prefix)
    if first.startswith(("{", "[")):
        record: dict[str, Any] = first_json_record(path) or {}
        container = "json"
    elif path.suffix.lower() == ".csv" or "," in first:
        record = dict.fromkeys(csv_header(prefix), "")
        container = "csv"
    else:
        raise InputError(f"{path}: cannot tell the format; force it with --input-format "
                         f"{{{','.join(input_formats())}}}")
    candidates = sorted((f for f in input_formats().values() if f.container == container
                         and (f.kind == "decisions" or not decisions)),
                        key=lambda f: -f.priority)
    for candidate in candidates:
        if candidate.matches(record):
            return candidate
    generic = [f for f in candidates if f.kind == ("decisions" if decisions else "transcripts")]
    if decisions and generic:
        return generic[-1]  # named as a decision log: read it as one, and report its rows
    raise InputError(f"{path}: CSV header has neither a speaker/text nor an outcome column; "
                     "map columns with --column role=NAME --column text=NAME or force a format "
                     "with --input-format")


def _first_line(data: bytes) -> str:
    """The first non-blank line, decoded leniently (for sniffing only)."""
    for raw in data.lstrip(b"\xef\xbb\xbf").splitlines():
        text = raw.decode("utf-8", errors="replace").strip()
        if text:
            return text
    return ""
