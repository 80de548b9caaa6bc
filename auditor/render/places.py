"""Where a finding is and which pack it belongs to, in the words every CI format uses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_PACK = re.compile(r"[A-Z]+")


def pack_of(code: str) -> str:
    """The pack (code family) of a check code: `DISC001` -> `DISC`."""
    match = _PACK.match(code)
    return match.group(0) if match else code


def finding_place(finding: Mapping[str, Any]) -> str:
    """`c-1 turn 3`, `c-1`, or `dataset` for findings about the whole input."""
    where = str(finding.get("conversation_id") or "dataset")
    if finding.get("turn_index") is not None:
        where = f"{where} turn {finding['turn_index']}"
    return where


def source_location(finding: Mapping[str, Any]) -> str:
    """`path:line` of the finding's turn, or the conversation id, or "dataset"."""
    source = finding.get("source") or {}
    if source.get("path"):
        return f"{source['path']}:{source['line']}" if source.get("line") else source["path"]
    return str(finding.get("conversation_id") or "dataset")
