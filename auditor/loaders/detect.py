"""Telling an input's format from its content: its container (JSON or CSV), then the
first record, offered to every registered format (`auditor.loaders.formats`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.loaders.csv_rows import csv_header
from auditor.loaders.formats import InputFormat, input_formats
from auditor.loaders.limits import ReadLimits
from auditor.loaders.records import first_json_record, json_shape, read_prefix

INPUT_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv", ".transcript"})


def detect_format(path: Path, *, decisions: bool = False,
                  limits: ReadLimits | None = None) -> InputFormat:
    """The input format of `path`, or an InputError naming the way to force one.

    Given with --decisions, only decision formats are considered; a transcript input
    may turn out to be a decision log. Detection reads the file's first bytes and its
    first record, within the same `limits` as the readers.
    """
    prefix = read_prefix(path)
    first = _first_line(prefix)
    if first.startswith(("{", "[")):
        record: dict[str, Any] = first_json_record(path, limits) or {}
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
    found = next((candidate for candidate in candidates if candidate.matches(record)), None)
    if found is not None and found.priority > 0:
        return found
    item = _listed_record(record) if container == "json" \
        and json_shape(prefix, limits) == "document" else None
    if item is not None:
        # A vendor's envelope around its records (`{"transcript": [...]}`, a list
        # answer's `{"activities": [...], "watermark": ...}`): read as the records of
        # that format, one per item of the list.
        inner = next((c for c in candidates if c.priority > 0 and c.matches(item)), None)
        if inner is not None:
            return replace(inner, document_is_record=False)
    if found is not None:
        return found
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


def _listed_record(document: dict[str, Any]) -> dict[str, Any] | None:
    """The first item of a document's only list of objects, with the document's plain
    values, as the document's records are read; None for any other document."""
    # The same rule as the reader's (`records._outline`): a list whose first item is
    # an object is a list of records.
    lists = [value for value in document.values() if isinstance(value, list) and value
             and isinstance(value[0], dict)]
    if len(lists) != 1:
        return None
    inherited = {k: v for k, v in document.items() if not isinstance(v, dict | list)}
    return {**inherited, **lists[0][0]}
