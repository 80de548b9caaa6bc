"""What checks report: severities, legal references, evidence and findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Protocol

from auditor.model import SourceRef
from auditor.redacted import RedactedText
from auditor.severity import Severity

__all__ = ["Evidence", "Finding", "FindingHeader", "Reference", "Severity"]


@dataclass(frozen=True, slots=True)
class Reference:
    """A law or standard a check rests on, with the date it starts to apply."""

    law: str
    provision: str
    jurisdiction: str
    effective_from: date | None = None
    url: str | None = None

    def applies_on(self, day: date | None) -> bool:
        """True when the rule is in force on `day` (unknown days count as in force)."""
        return self.effective_from is None or day is None or day >= self.effective_from

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {
            "law": self.law,
            "provision": self.provision,
            "jurisdiction": self.jurisdiction,
            "effective_from": self.effective_from.isoformat() if self.effective_from else None,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """A redacted excerpt of one turn; only the redaction module makes its text."""

    turn_index: int | None
    role: str | None
    excerpt: RedactedText

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {"turn_index": self.turn_index, "role": self.role, "excerpt": self.excerpt}


class FindingHeader(Protocol):
    """What the gate, the result's summary and the kept conversations read of a
    finding: a `Finding` is one, and so is what `FindingStore.headers` reads of a
    stored finding without unpickling the rest (evidence, data, references)."""

    @property
    def code(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def conversation_id(self) -> str | None: ...

    @property
    def turn_index(self) -> int | None: ...

    @property
    def fingerprint(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a check found, safe to show: evidence is redacted at creation."""

    code: str
    check: str
    severity: Severity
    message: str
    conversation_id: str | None
    turn_index: int | None
    fingerprint: str
    evidence: tuple[Evidence, ...] = ()
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    references: tuple[Reference, ...] = ()
    timestamp: datetime | None = None
    source: SourceRef | None = None

    def sort_key(self) -> tuple[int, str, int, str, str]:
        """Most severe first, then by conversation, turn and code: a stable order."""
        return (
            -self.severity.rank,
            self.conversation_id or "",
            -1 if self.turn_index is None else self.turn_index,
            self.code,
            self.fingerprint,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results (DESIGN.md section 5)."""
        return {
            "code": self.code,
            "check": self.check,
            "severity": self.severity.value,
            "conversation_id": self.conversation_id,
            "turn_index": self.turn_index,
            "timestamp": _iso(self.timestamp),
            "message": self.message,
            "evidence": [item.to_dict() for item in self.evidence],
            "data": dict(self.data),
            "references": [reference.to_dict() for reference in self.references],
            "fingerprint": self.fingerprint,
            "source": (
                {"path": self.source.path, "line": self.source.line} if self.source else None
            ),
        }


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z suffix, or None."""
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")
