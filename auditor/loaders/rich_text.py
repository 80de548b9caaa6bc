"""What a customer saw of a vendor's rich message: the shared readers of cards, markup
and JSON packed into a text field, for the input formats."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Mapping
from typing import Any

from auditor.loaders.json_stream import nested_deeper
from auditor.loaders.limits import ReadLimits
from auditor.loaders.records import RecordSkipped

__all__ = ["embedded_json", "json_in_field", "markup_text", "visible_text"]

_BLOCK_END = re.compile(r"<\s*(br|/p|/div|/li|/s)\s*/?\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def visible_text(node: Any, keys: Collection[str], *,
                 skip: Collection[str] = ()) -> list[str]:
    """The text a card shows, depth first: in each object, the values under `keys` (a
    string or a list of lines), then the objects and lists under its other keys except
    `skip` (images, ids, what is shown only later)."""
    parts: list[str] = []
    _collect(node, keys, skip, parts)
    return parts


def _collect(node: Any, keys: Collection[str], skip: Collection[str], parts: list[str]) -> None:
    # Recursive, once per level: records and the JSON in their fields are parsed only
    # within the nesting limit (`json_in_field`), well inside Python's recursion limit.
    if isinstance(node, list):
        for item in node:
            _collect(item, keys, skip, parts)
        return
    if not isinstance(node, Mapping):
        return
    for key in keys:
        value = node.get(key)
        values = value if isinstance(value, list) else [value]
        parts.extend(v.strip() for v in values if isinstance(v, str) and v.strip())
    for key, value in node.items():
        if key not in keys and key not in skip and isinstance(value, list | Mapping):
            _collect(value, keys, skip, parts)


def markup_text(text: Any) -> str:
    """HTML or SSML as the words it shows or speaks: tags removed, paragraph and line
    ends kept as new lines, entities decoded, blank lines dropped."""
    if not isinstance(text, str):
        return ""
    plain = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", text)))
    return "\n".join(" ".join(line.split()) for line in plain.splitlines() if line.strip())


def embedded_json(value: Any, field: str, limits: ReadLimits | None = None) -> Any:
    """A field that holds JSON as text (an export's packed column) parsed, or the value
    as it is; text that is not JSON, or nests deeper than the limit, skips the record
    with a reason naming the field."""
    if not isinstance(value, str):
        return value
    try:
        return json_in_field(value, field, limits)
    except json.JSONDecodeError as error:
        raise RecordSkipped(f"{field} is not valid JSON: {error.msg} (column "
                            f"{error.colno})") from None


def json_in_field(text: str, field: str, limits: ReadLimits | None = None) -> Any:
    """JSON packed into a field, parsed: json.JSONDecodeError when it is not JSON, and
    RecordSkipped when it nests deeper than `limits` allow (the record holding it is
    within them, the text inside one of its strings is not checked with it)."""
    limits = limits or ReadLimits()
    if nested_deeper(text, limits.max_nesting):
        raise RecordSkipped(f"{field}: {limits.too_deep}")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer of more digits than Python reads (4,300)
        raise RecordSkipped(f"{field} is not valid JSON: a number with too many digits to "
                            "read") from None
    except RecursionError:  # within the limit, yet past a deep caller's stack
        raise RecordSkipped(f"{field}: {limits.too_deep}") from None
