"""The audit result: the one persisted form, rendered into every report.

`AuditResult.to_dict()` produces the result JSON contract of DESIGN.md section 5;
fields may be added, never renamed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

from auditor.baseline import BaselineComparison
from auditor.finding_store import headers_of
from auditor.findings import Finding, Reference, Severity
from auditor.gate import CheckStatus, Verdict, VerdictName
from auditor.intervals import wilson_interval
from auditor.kept_conversations import KeptConversations
from auditor.loaders import InputFile, Skipped
from auditor.policy import Policy
from auditor.scoring import CHECK_WEIGHTS, GRADES, SEVERITY_WEIGHTS
from auditor.suppression import Suppression

if TYPE_CHECKING:
    from auditor.redactor import Redactor

# 2.0: summary.verdict (passed, failed, inconclusive) with its reasons and the grade
# cap; check statuses passed, passed_with_findings, failed, not_applicable,
# not_evaluated, error; each finding records whether it blocks the gate.
SCHEMA_VERSION = "2.1"  # 2.1: `conversations`, the redacted conversations findings are
# about, and each finding's `segment` (its conversation's channel, language and region)
EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_CRASHED, EXIT_INCONCLUSIVE = 0, 1, 2, 3, 4
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
    # Why the check could judge nothing although its input was there.
    not_evaluated: str | None = None
    # Set by the pipeline from the gate's decision (auditor.gate.check_status).
    status: CheckStatus = CheckStatus.NOT_APPLICABLE
    # Whether the check is below its min-score in a way that failed the gate.
    below_min_score: bool = False

    def flagged_share(self) -> dict[str, float] | None:
        """The share of evaluated units flagged, with its 95 % Wilson interval."""
        if self.evaluated <= 0:
            return None
        flagged = min(self.flagged, self.evaluated)
        low, high = wilson_interval(flagged, self.evaluated)
        return {"value": round(flagged / self.evaluated, 4), "low": round(low, 4),
                "high": round(high, 4)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {
            "code": self.code, "name": self.name, "title": self.title,
            "severity": self.severity.value, "score": self.score,
            "evaluated": self.evaluated, "flagged": self.flagged,
            "flagged_share": self.flagged_share(),
            "not_applicable": self.not_applicable, "status": self.status.value,
            "not_evaluated_reason": self.not_evaluated,
            "below_min_score": self.below_min_score,
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
class InputSummary:
    """What the result keeps of the input it audited: how much there was, and the
    segment (channel, language, region, masked) of each conversation a finding is
    about. Not the conversations: the result of a large input stays small."""

    conversations: int = 0
    turns: int = 0
    decisions: int = 0
    segments: Mapping[str, Mapping[str, str | None]] = field(
        default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Everything an audit produced."""

    run_id: str
    created_at: datetime
    auditor_version: str
    policy: Policy
    summary: InputSummary
    inputs: tuple[InputFile, ...]
    checks: tuple[CheckReport, ...]
    # The report's order; an audit's result reads them from its FindingStore.
    findings: Sequence[Finding]
    errors: tuple[CheckError, ...]
    skipped: tuple[Skipped, ...]
    verdict: Verdict
    notes: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    baseline: BaselineComparison | None = None
    suppressed: tuple[tuple[Finding, Suppression], ...] = ()
    # The conversations findings are about, redacted (auditor.kept_conversations).
    kept: KeptConversations = field(default_factory=KeptConversations)

    @property
    def exit_code(self) -> int:
        """3 if a check crashed, else 1 failed, 4 inconclusive, 0 passed."""
        return exit_code_for(self.verdict.name.value, crashed=bool(self.errors))

    def to_dict(self, *, lazy_findings: bool = False) -> dict[str, Any]:
        """The result JSON contract (DESIGN.md section 5) plus added fields.

        With `lazy_findings`, `findings` is a `FindingDocuments`: each finding's JSON
        form is made when it is read and not kept, so a result with hundreds of
        thousands of findings is not held twice over (`auditor.render.json_report`
        writes it an item at a time). The document is otherwise the same.
        """
        shown = _IdMasker()
        by_severity = {severity.value: 0 for severity in reversed(Severity)}

        def conversation_ids() -> Iterator[str | None]:
            for finding in headers_of(self.findings):
                by_severity[finding.severity.value] += 1
                yield finding.conversation_id

        # Masked ids are numbered in the order they are first shown: the findings come
        # first, however late their documents are made.
        shown.all_of(conversation_ids())
        findings = FindingDocuments(self.findings, self._finding_dict_maker(shown))
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
                "verdict": self.verdict.name.value,
                "overall_score": self.verdict.overall_score,
                "grade": self.verdict.grade,
                "score_grade": self.verdict.score_grade,
                "grade_cap": None if self.verdict.cap is None else {
                    "grade": self.verdict.cap.grade, "severity": self.verdict.cap.severity.value,
                    "reason": self.verdict.cap.reason},
                "passed": self.verdict.passed,
                "fail_under": self.policy.fail_under,
                "fail_on": self.policy.fail_on.value if self.policy.fail_on else None,
                "max_skipped_percent": self.policy.max_skipped_percent,
                "conversations": self.summary.conversations,
                "turns": self.summary.turns,
                "decisions": self.summary.decisions,
                "findings": len(self.findings),
                "findings_by_severity": by_severity,
                "skipped_records": len(self.skipped),
                "check_errors": len(self.errors),
                "gate_reasons": list(self.verdict.reasons),
                "inconclusive_reasons": list(self.verdict.inconclusive_reasons),
                "gate_notes": list(self.verdict.notes),
                "blocking_findings": len(self.verdict.blocking),
            },
            "notes": list(self.notes),
            "scoring": {
                "severity_weights": {s.value: w for s, w in SEVERITY_WEIGHTS.items()},
                "check_weights": {s.value: w for s, w in CHECK_WEIGHTS.items()},
                "grades": [list(band) for band in GRADES],
                "grade_caps": {severity.value: letter for severity, letter in sorted(
                    self.policy.grade_caps.items(), key=lambda item: -item[0].rank)},
            },
            "checks": [check.to_dict() for check in self.checks],
            "findings": findings if lazy_findings else list(findings),
            "errors": [error.to_dict() for error in self.errors],
            "skipped": [item.to_dict() for item in self.skipped],
            **({"baseline": self._baseline_dict(shown)} if self.baseline else {}),
            "suppressed": [{**item.to_dict(), **{
                key: value for key, value in finding.to_dict().items()
                if key in _SUPPRESSED_FINDING_KEYS},
                "conversation_id": shown(finding.conversation_id)}
                for finding, item in self.suppressed],
            "conversations": {
                "with_findings": self.kept.with_findings,
                "kept": len(self.kept.items),
                "limit": self.kept.limit,
                "items": [{"conversation_id": shown(item.conversation_id),
                           "channel": item.channel, "language": item.language,
                           "region": item.region,
                           "turns": [turn.to_dict() for turn in item.turns]}
                          for item in self.kept.items],
            },
        }

    def _baseline_dict(self, shown: _IdMasker) -> dict[str, Any]:
        """The baseline comparison, its fixed findings' ids redacted like any other."""
        assert self.baseline is not None
        document = self.baseline.to_dict()
        document["fixed"] = [{**item, "conversation_id": shown(item.get("conversation_id"))}
                             for item in document["fixed"]]
        return document

    def _finding_dict_maker(self, shown: _IdMasker) -> Callable[[Finding], dict[str, Any]]:
        """How one finding's JSON form is made: its id masked, whether it blocks the gate,
        its conversation's segment, and against a baseline whether it is new."""
        unchanged = frozenset(self.baseline.unchanged) if self.baseline is not None else None

        def document(finding: Finding) -> dict[str, Any]:
            made = {**finding.to_dict(),
                    "conversation_id": shown(finding.conversation_id),
                    "blocks_gate": finding.fingerprint in self.verdict.blocking,
                    "segment": dict(self.summary.segments.get(finding.conversation_id or "",
                                                              _NO_SEGMENT))}
            if unchanged is not None:
                made["baseline"] = "unchanged" if finding.fingerprint in unchanged else "new"
            return made

        return document


class FindingDocuments(Sequence[dict[str, Any]]):
    """The findings' JSON forms, each made when it is read and not kept."""

    def __init__(self, findings: Sequence[Finding],
                 document: Callable[[Finding], dict[str, Any]]) -> None:
        self._findings = findings
        self._document = document

    def __len__(self) -> int:
        return len(self._findings)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._document(finding) for finding in self._findings[index]]
        return self._document(self._findings[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self._document(finding) for finding in self._findings)


# A dataset finding's segment: it is about no one conversation.
_NO_SEGMENT: Mapping[str, str | None] = MappingProxyType(
    {"channel": None, "language": None, "region": None})


class _IdMasker:
    """Conversation ids as every report shows them: personal data in them masked, and
    each masked id numbered (`<PHONE_NUMBER> #2`) so distinct conversations stay
    distinct. Numbers follow first appearance, so the same result gives the same ids."""

    # Ids analysed together by `all_of`: enough for the engine to batch well (and share
    # among worker processes), few enough to stay in its cache until each is read back.
    BATCH = 10_000

    def __init__(self) -> None:
        self._shown: dict[str, str] = {}
        self._counts: dict[str, int] = {}

    def all_of(self, conversation_ids: Iterable[str | None]) -> None:
        """Show each id, in order, as calling this masker on each does, with the new
        ids analysed in batches rather than one by one."""
        from auditor.redaction import default_redactor

        batch: dict[str, None] = {}
        for conversation_id in conversation_ids:
            if conversation_id is not None and conversation_id not in self._shown:
                batch[conversation_id] = None
                if len(batch) >= self.BATCH:
                    self._show_batch(list(batch), default_redactor())
                    batch.clear()
        if batch:
            self._show_batch(list(batch), default_redactor())

    def _show_batch(self, conversation_ids: list[str], redactor: Redactor) -> None:
        """Show new ids in order, analysed as one batch first."""
        redactor.prefetch_identifiers(conversation_ids)
        for conversation_id in conversation_ids:
            self(conversation_id)

    def __call__(self, conversation_id: str | None) -> str | None:
        from auditor.redaction import redact_identifier

        if conversation_id is None:
            return None
        if conversation_id not in self._shown:
            masked = redact_identifier(conversation_id)
            if masked != conversation_id:
                self._counts[masked] = self._counts.get(masked, 0) + 1
                masked = f"{masked} #{self._counts[masked]}"
            self._shown[conversation_id] = masked
        return self._shown[conversation_id]


def exit_code_for(verdict: str, *, crashed: bool) -> int:
    """The process exit code for a verdict: the one mapping the CLI and CI read."""
    if crashed:
        return EXIT_CRASHED
    return {VerdictName.FAILED.value: EXIT_FAILED,
            VerdictName.INCONCLUSIVE.value: EXIT_INCONCLUSIVE}.get(verdict, EXIT_PASSED)
