"""The JSON report: the result document itself, pretty-printed.

This is the complete, machine-readable record of a run; the HTML and PDF
reports are bounded summaries of it and point readers here for every finding.

A document may hold a list it does not keep in memory (`auditor.result.FindingDocuments`:
any `Sequence` that is not a list or tuple); it is written an item at a time, in the same
bytes `json.dumps` gives for the list.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, BinaryIO

# How much encoded text is gathered before one write to the stream.
_WRITE_CHUNK_CHARS = 1 << 16
_INDENT = "  "
# A list longer than this (the skipped records of a large input) is written an item at
# a time, so that its whole text is never held at once.
_WHOLE_LIST_ITEMS = 64
# Values that neither are nor hold a lazily made sequence (lists are never looked into),
# told apart by their exact type before the slower abstract-class tests.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None), list, tuple})
_ENCODER = json.JSONEncoder(indent=len(_INDENT), sort_keys=False, ensure_ascii=False)


def render_json(result: Mapping[str, Any]) -> bytes:
    """Serialise `result` as indented UTF-8 JSON, keys in their given order.

    Key order is kept (not sorted) because the pipeline already emits a stable,
    reader-friendly order; the same dict therefore always gives the same bytes.
    """
    stream = io.BytesIO()
    write_json(result, stream)
    return stream.getvalue()


def write_json(result: Mapping[str, Any], stream: BinaryIO) -> None:
    """Write `result` as `json.dumps(result, indent=2, ensure_ascii=False)` and a newline
    would, encoded a piece at a time: the whole text of a large result (hundreds of
    megabytes) is never held at once, nor the items of a list read as it is written."""
    pending: list[str] = []
    size = 0
    for piece in _pieces(result, 0):
        pending.append(piece)
        size += len(piece)
        if size >= _WRITE_CHUNK_CHARS:
            stream.write("".join(pending).encode("utf-8"))
            pending, size = [], 0
    pending.append("\n")
    stream.write("".join(pending).encode("utf-8"))


def _pieces(value: Any, level: int) -> Iterator[str]:
    """The indented JSON text of `value` at nesting `level`, in pieces. Mappings holding
    lazily made sequences, those sequences and long lists are walked here, an item at a
    time; every other value is encoded whole by the standard encoder and indented to
    its level (its text has no raw newline but its own). Whole, a finding's text costs
    a third of what it does in the encoder's many small pieces."""
    if _holds_lazy(value):
        yield from _container(((f"{_encoded(key)}: ", item) for key, item in value.items()),
                              "{", "}", level)
    elif _lazy(value) or (isinstance(value, list | tuple) and len(value) > _WHOLE_LIST_ITEMS):
        yield from _container((("", item) for item in value), "[", "]", level)
    else:
        text = _ENCODER.encode(value)
        yield text.replace("\n", "\n" + _INDENT * level) if level else text


def _lazy(value: Any) -> bool:
    """Whether `value` is a sequence made as it is read (not a list or tuple)."""
    return (type(value) not in _PLAIN_TYPES and isinstance(value, Sequence)
            and not isinstance(value, str | bytes | list | tuple))


def _holds_lazy(value: Any) -> bool:
    """Whether `value` is a mapping (with text keys) with a lazily made sequence in it,
    directly or in a mapping it holds: only those are walked here, the rest is left
    whole to the faster standard encoder."""
    return (type(value) not in _PLAIN_TYPES and isinstance(value, Mapping)
            and any(_lazy(item) or _holds_lazy(item) for item in value.values()
                    if type(item) not in _PLAIN_TYPES)
            and all(isinstance(key, str) for key in value))


def _container(members: Iterator[tuple[str, Any]], opening: str, closing: str,
               level: int) -> Iterator[str]:
    """An object's or array's text: each member on its own line one level in."""
    inner = "\n" + _INDENT * (level + 1)
    empty = True
    for prefix, item in members:
        yield (opening if empty else ",") + inner + prefix
        empty = False
        yield from _pieces(item, level + 1)
    yield opening + closing if empty else "\n" + _INDENT * level + closing


def _encoded(key: str) -> str:
    """A key as the encoder writes it."""
    return json.dumps(key, ensure_ascii=False)
