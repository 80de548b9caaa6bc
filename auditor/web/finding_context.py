"""One finding in its context, read from a stored result: the finding, its check's
explanation, the redacted conversation it is about with the flagged turns and the
evidence marked inside them, and the other findings of that conversation.

Everything comes from the result JSON, whose conversations are redacted when the audit
runs (`auditor.kept_conversations`); nothing here reads raw text. Shared by the finding
page and the API, so both show the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["FINGERPRINT", "FindingContext", "TurnView", "finding_context"]

# A finding's fingerprint: 16 hex digits, and `-N` for the Nth of identical findings.
FINGERPRINT = re.compile(r"^[0-9a-f]{16}(?:-\d{1,6})?$")
_ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class TurnView:
    """A kept turn, with the evidence found in it split out to be marked:
    `parts` alternates unmarked and marked text, starting unmarked."""

    index: int
    role: str
    timestamp: str | None
    flagged: bool
    parts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The API's form: the text whole, and the marked spans as offsets into it."""
        text, marks, offset = "", [], 0
        for number, part in enumerate(self.parts):
            if number % 2 and part:
                marks.append({"start": offset, "end": offset + len(part)})
            text += part
            offset += len(part)
        return {"index": self.index, "role": self.role, "timestamp": self.timestamp,
                "flagged": self.flagged, "text": text, "evidence": marks}


@dataclass(frozen=True, slots=True)
class FindingContext:
    """What a reviewer needs to judge one finding."""

    finding: dict[str, Any]
    check: dict[str, Any] | None
    turns: tuple[TurnView, ...] | None  # None: the conversation was not kept
    not_kept_reason: str | None
    channel: str | None
    language: str | None
    others: tuple[dict[str, Any], ...]


def finding_context(document: dict[str, Any], fingerprint: str) -> FindingContext | None:
    """The finding with `fingerprint` in the result `document`, in context; None when
    the result has no such finding."""
    findings = document.get("findings") or []
    finding = next((f for f in findings if f.get("fingerprint") == fingerprint), None)
    if finding is None:
        return _suppressed_context(document, fingerprint)
    check = next((c for c in document.get("checks") or [] if c.get("code") == finding["code"]),
                 None)
    conversation_id = finding.get("conversation_id")
    others = tuple(f for f in findings if conversation_id is not None
                   and f.get("conversation_id") == conversation_id
                   and f.get("fingerprint") != fingerprint)
    kept = document.get("conversations")
    item = next((c for c in (kept or {}).get("items") or []
                 if c.get("conversation_id") == conversation_id), None) \
        if conversation_id is not None else None
    if item is None:
        return FindingContext(finding, check, None, _not_kept(kept, conversation_id), None,
                              None, others)
    excerpts: dict[int, list[str]] = {}
    for evidence in finding.get("evidence") or []:
        if evidence.get("turn_index") is not None:
            excerpts.setdefault(evidence["turn_index"], []).append(evidence["excerpt"])
    turns = tuple(TurnView(turn["index"], turn["role"], turn.get("timestamp"),
                           turn["index"] == finding.get("turn_index")
                           or turn["index"] in excerpts,
                           _marked(turn["text"], excerpts.get(turn["index"], [])))
                  for turn in item.get("turns") or [])
    return FindingContext(finding, check, turns, None, item.get("channel"),
                          item.get("language"), others)


def _suppressed_context(document: dict[str, Any], fingerprint: str) -> FindingContext | None:
    """A finding this audit set aside by a suppression (a triage decision or the
    policy): what the result keeps of it, which is no evidence and no conversation."""
    entry = next((s for s in document.get("suppressed") or []
                  if s.get("fingerprint") == fingerprint), None)
    if entry is None:
        return None
    finding = {"code": entry.get("code") or "", "check": entry.get("check") or "",
               "severity": entry.get("severity") or "info",
               "conversation_id": entry.get("conversation_id"),
               "turn_index": entry.get("turn_index"), "timestamp": None,
               "message": entry.get("message") or "", "evidence": [], "data": {},
               "references": [], "fingerprint": fingerprint, "source": entry.get("source"),
               "blocks_gate": False}
    check = next((c for c in document.get("checks") or [] if c.get("code") == finding["code"]),
                 None)
    kind = str(entry.get("kind") or "suppressed").replace("_", " ")
    reason = (f"This audit set the finding aside ({kind}: {entry.get('justification')}), "
              "so it kept no evidence or conversation for it; change its triage below to "
              "count it again from the next audit.")
    return FindingContext(finding, check, None, reason, None, None, ())


def _not_kept(kept: dict[str, Any] | None, conversation_id: str | None) -> str:
    if conversation_id is None:
        return "This finding is about the whole input, not one conversation."
    if kept is None:
        return ("This audit ran before conversations were kept with results; run it again "
                "to read its findings in context.")
    return (f"The result keeps {kept.get('kept', 0)} of the {kept.get('with_findings', 0)} "
            "conversations with findings, the most severe first (the policy's "
            "`keep-conversations`); this one is beyond that limit.")


def _marked(text: str, excerpts: list[str]) -> tuple[str, ...]:
    """`text` split around the first place each excerpt (without the ellipses that
    shorten it) is found; an excerpt not found marks nothing."""
    spans: list[tuple[int, int]] = []
    for excerpt in excerpts:
        core = excerpt.strip().strip(_ELLIPSIS).strip()
        start = text.find(core) if core else -1
        if start >= 0 and not any(s < start + len(core) and start < e for s, e in spans):
            spans.append((start, start + len(core)))
    parts: list[str] = []
    position = 0
    for start, end in sorted(spans):
        parts += [text[position:start], text[start:end]]
        position = end
    parts.append(text[position:])
    return tuple(parts)
