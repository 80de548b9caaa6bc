"""The audit result: the one persisted form, rendered into every report.

`AuditResult.to_dict()` produces the result JSON contract of DESIGN.md section 5;
fields may be added, never renamed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from auditor.baseline import BaselineComparison
from auditor.findings import Finding, Reference, Severity
from auditor.loaders import InputFile, Skipped
from auditor.model import AuditInput
from auditor.policy import Policy
from auditor.scoring import CHECK_WEIGHTS, GRADES, SEVERITY_WEIGHTS, Verdict
from auditor.suppression import Suppression

SCHEMA_VERSION = "1.0"
EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_CRASHED = 0, 1, 2, 3
# What a suppressed finding keeps in the result: enough to find it, no evidence.
_SUPPRESSED_FINDING_KEYS = ("fingerprint", "code", "check", "severity", "conversation_id",
                            "turn_index", "message", "source")


@dataclass(frozen=True, slots=True)
class CheckReport:
    """One check's line in the result: identity, score and status."""

    code: str
    name: str
    title: str
    severity: Severity
    origin: str
    description: str
    remediation: str
    references: tuple[Reference, ...]
    evaluated: int = 0
    flagged: int = 0
    not_applicable: int = 0
    score: float | None = None
    min_score: float | None = None
    crashed: bool = False
    metrics: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def status(self) -> str:
        """error, not_applicable (nothing evaluated), fail (anything flagged) or pass."""
        if self.crashed:
            return "error"
        if self.evaluated == 0:
            return "not_applicable"
        return "fail" if self.flagged else "pass"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {
            "code": self.code, "name": self.name, "title": self.title,
            "severity": self.severity.value, "score": self.score,
            "evaluated": self.evaluated, "flagged": self.flagged,
            "not_applicable": self.not_applicable, "status": self.status,
            "min_score": self.min_score, "origin": self.origin,
            "description": self.description, "remediation": self.remediation,
            "references": [reference.to_dict() for reference in self.references],
            **({"metrics": dict(self.metrics)} if self.metrics else {}),
        }


@dataclass(frozen=True, slots=True)
class CheckError:
    """A check that raised, or a plugin that failed to load."""

    check: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The JSON form used in results."""
        return {"check": self.check, "message": self.message}


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Everything an audit produced."""

    run_id: str
    created_at: datetime
    auditor_version: str
    policy: Policy
    audit: AuditInput
    inputs: tuple[InputFile, ...]
    checks: tuple[CheckReport, ...]
    findings: tuple[Finding, ...]
    errors: tuple[CheckError, ...]
    skipped: tuple[Skipped, ...]
    verdict: Verdict
    notes: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    baseline: BaselineComparison | None = None
    suppressed: tuple[tuple[Finding, Suppression], ...] = ()

    @property
    def exit_code(self) -> int:
        """3 if a check crashed, else 0 when the gate passed and 1 when it failed."""
        if self.errors:
            return EXIT_CRASHED
        return EXIT_PASSED if self.verdict.passed else EXIT_FAILED

    def to_dict(self) -> dict[str, Any]:
        """The result JSON contract (DESIGN.md section 5) plus added fields."""
        by_severity = {severity.value: 0 for severity in reversed(Severity)}
        for finding in self.findings:
            by_severity[finding.severity.value] += 1
        return {
            "schema_version": SCHEMA_VERSION,
            "auditor_version": self.auditor_version,
            "run": {
                "id": self.run_id,
                "created_at": self.created_at.isoformat().replace("+00:00", "Z"),
                "policy_digest": self.policy.digest,
                "policy": self.policy.to_dict(),
                "inputs": [item.to_dict() for item in self.inputs],
                "options": dict(self.options),
            },
            "summary": {
                "overall_score": self.verdict.overall_score,
                "grade": self.verdict.grade,
                "passed": self.verdict.passed,
                "fail_under": self.policy.fail_under,
                "conversations": len(self.audit.conversations),
                "turns": self.audit.turn_count,
                "decisions": len(self.audit.decisions),
                "findings": len(self.findings),
                "findings_by_severity": by_severity,
                "skipped_records": len(self.skipped),
                "check_errors": len(self.errors),
                "gate_reasons": list(self.verdict.reasons),
            },
            "notes": list(self.notes),
            "scoring": {
                "severity_weights": {s.value: w for s, w in SEVERITY_WEIGHTS.items()},
                "check_weights": {s.value: w for s, w in CHECK_WEIGHTS.items()},
                "grades": [list(band) for band in GRADES],
            },
            "checks": [check.to_dict() for check in self.checks],
            "findings": self._finding_dicts(),
            "errors": [error.to_dict() for error in self.errors],
            "skipped": [item.to_dict() for item in self.skipped],
            **({"baseline": self.baseline.to_dict()} if self.baseline else {}),
            "suppressed": [{**item.to_dict(), **{
                key: value for key, value in finding.to_dict().items()
                if key in _SUPPRESSED_FINDING_KEYS}} for finding, item in self.suppressed],
        }

    def _finding_dicts(self) -> list[dict[str, Any]]:
        """The findings' JSON forms; against a baseline, each says whether it is new."""
        documents = [finding.to_dict() for finding in self.findings]
        if self.baseline is not None:
            unchanged = set(self.baseline.unchanged)
            for document in documents:
                document["baseline"] = ("unchanged" if document["fingerprint"] in unchanged
                                        else "new")
        return documents
