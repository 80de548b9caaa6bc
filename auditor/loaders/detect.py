"""Telling an input's format from its name and first record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.loaders.columns import DECISION_COLUMNS, TRANSCRIPT_COLUMNS
from auditor.loaders.records import csv_header, first_json_record

TRANSCRIPT_FORMATS = ("transcript-jsonl", "transcript-csv", "openai-jsonl")
DECISION_FORMATS = ("decisions-jsonl", "decisions-csv")
FORMATS = TRANSCRIPT_FORMATS + DECISION_FORMATS
INPUT_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv"})

_DECISION_MARKERS = frozenset({"decision_id", "decision_type", "outcome", "favourable",
                               "favorable"})


def detect_format(path: Path, data: bytes, *, decisions: bool = False) -> str:
    """The input format of `path`, or an InputError naming the way to force one."""
    first = _first_line(data)
    if first.startswith(("{", "[")):
        # JSON lines, a JSON array or one document: judged by the first record it holds.
        return _json_format(first_json_record(data), decisions)
    if path.suffix.lower() == ".csv" or "," in first:
        return _csv_format(path, data, decisions)
    raise InputError(f"{path}: cannot tell the format; force it with --input-format "
                     f"{{{','.join(FORMATS)}}}")


def _json_format(record: dict[str, Any] | None, decisions: bool) -> str:
    """The JSON flavour from the keys of the first record (none: the first is broken,
    the loader reports it, and intent decides)."""
    keys = {str(key).casefold() for key in record} if record is not None else set()
    if decisions:
        return "decisions-jsonl"
    if "messages" in keys:
        return "openai-jsonl"
    if keys & _DECISION_MARKERS and not keys & set(TRANSCRIPT_COLUMNS["role"]):
        return "decisions-jsonl"
    return "transcript-jsonl"


def _csv_format(path: Path, data: bytes, decisions: bool) -> str:
    """CSV flavour from the header row."""
    header = {name.casefold() for name in csv_header(data)}
    if decisions:
        return "decisions-csv"
    has_role = bool(header & set(TRANSCRIPT_COLUMNS["role"]))
    has_text = bool(header & set(TRANSCRIPT_COLUMNS["text"]))
    if has_role or has_text:
        return "transcript-csv"
    if header & set(DECISION_COLUMNS["outcome"]):
        return "decisions-csv"
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
