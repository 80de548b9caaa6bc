"""The JSON report: the result document itself, pretty-printed.

This is the complete, machine-readable record of a run; the HTML and PDF
reports are bounded summaries of it and point readers here for every finding.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, BinaryIO

# How much encoded text is gathered before one write to the stream.
_WRITE_CHUNK_CHARS = 1 << 16


def render_json(result: Mapping[str, Any]) -> bytes:
    """Serialise `result` as indented UTF-8 JSON, keys in their given order.

    Key order is kept (not sorted) because the pipeline already emits a stable,
    reader-friendly order; the same dict therefore always gives the same bytes.
    """
    text = json.dumps(result, indent=2, sort_keys=False, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def write_json(result: Mapping[str, Any], stream: BinaryIO) -> None:
    """Write exactly `render_json(result)` to `stream`, encoded a piece at a time: the
    whole text of a large result (hundreds of megabytes) is never held at once."""
    encoder = json.JSONEncoder(indent=2, sort_keys=False, ensure_ascii=False)
    pending: list[str] = []
    size = 0
    for piece in encoder.iterencode(result):
        pending.append(piece)
        size += len(piece)
        if size >= _WRITE_CHUNK_CHARS:
            stream.write("".join(pending).encode("utf-8"))
            pending, size = [], 0
    pending.append("\n")
    stream.write("".join(pending).encode("utf-8"))
