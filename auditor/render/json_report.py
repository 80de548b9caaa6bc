"""The JSON report: the result document itself, pretty-printed.

This is the complete, machine-readable record of a run; the HTML and PDF
reports are bounded summaries of it and point readers here for every finding.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def render_json(result: Mapping[str, Any]) -> bytes:
    """Serialise `result` as indented UTF-8 JSON, keys in their given order.

    Key order is kept (not sorted) because the pipeline already emits a stable,
    reader-friendly order; the same dict therefore always gives the same bytes.
    """
    text = json.dumps(result, indent=2, sort_keys=False, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
