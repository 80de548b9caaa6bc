"""What a customer saw of a vendor's rich message: the shared readers of cards, markup
and JSON packed into a text field, for the input formats."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Mapping
from typing import Any

from auditor.loaders.records import RecordSkipped

__all__ = ["embedded_json", "markup_text", "visible_text"]

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


def embedded_json(value: Any, field: str) -> Any:
    """A field that holds JSON as text (an export's packed column) parsed, or the value
    as it is; text that is not JSON skips the record with a reason naming the field."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as error:
        raise RecordSkipped(f"{field} is not valid JSON: {error.msg} (column "
                            f"{error.colno})") from None
